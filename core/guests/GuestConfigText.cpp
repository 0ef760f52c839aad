#include "GuestConfigText.h"

namespace atalaia::guests {

namespace {

using Section = config::GuestConfigFile::SectionId;

config::GuestConfigFile::Kind kindOf(model::GuestType type)
{
    return type == model::GuestType::Qemu ? config::GuestConfigFile::Kind::Qemu : config::GuestConfigFile::Kind::Lxc;
}

} // namespace

Result<GuestConfigText> GuestConfigText::parse(const QByteArray &bytes, const QString &fileName, model::GuestType type)
{
    config::GuestConfigFile file = config::GuestConfigFile::parse(bytes, fileName, kindOf(type), false);
    for (const config::Diagnostic &d : file.diagnostics())
        if (d.severity == config::Diagnostic::Severity::Error)
            return fail(Code::ConfigSyntax, d.toString());
    if (file.sections().isEmpty())
        return fail(Code::ConfigEncoding, QStringLiteral("%1: not a text file").arg(fileName));
    return GuestConfigText(std::move(file));
}

GuestConfigText GuestConfigText::empty(const QString &fileName, model::GuestType type)
{
    return GuestConfigText(config::GuestConfigFile::parse(QByteArray(), fileName, kindOf(type), false));
}

QMap<QString, QString> GuestConfigText::values() const
{
    QMap<QString, QString> out;
    if (const auto *main = m_file.section(Section::mainConfig()))
        for (const auto &e : main->entries)
            if (!out.contains(e.keyString()))
                out.insert(e.keyString(), e.valueString());
    return out;
}

QMap<QString, QString> GuestConfigText::pendingValues() const
{
    QMap<QString, QString> out;
    if (const auto *pending = m_file.section(Section::pending()))
        for (const auto &e : pending->entries)
            if (e.key != "delete")
                out.insert(e.keyString(), e.valueString());
    return out;
}

QStringList GuestConfigText::pendingDeletes() const
{
    QStringList out;
    for (const auto &d : m_file.pendingDeletes())
        out.append(QString::fromUtf8(d.key));
    return out;
}

QString GuestConfigText::description() const
{
    return m_file.description(Section::mainConfig());
}

QMap<QString, QString> GuestConfigText::valuesWithPending() const
{
    QMap<QString, QString> out = values();
    for (const QString &key : pendingDeletes())
        out.remove(key);
    const QMap<QString, QString> pending = pendingValues();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

Result<void> GuestConfigText::set(const QString &key, const QString &value)
{
    const bool ok = key == u"description" ? m_file.setDescription(Section::mainConfig(), value)
                                          : m_file.setValue(Section::mainConfig(), key.toUtf8(), value.toUtf8());
    if (!ok)
        return fail(Code::InvalidArgument, QStringLiteral("cannot set '%1' to '%2' in %3").arg(key, value, m_file.fileName()));
    return {};
}

Result<void> GuestConfigText::remove(const QString &key)
{
    m_file.remove(Section::mainConfig(), key.toUtf8());
    return {};
}

Result<void> GuestConfigText::setPending(const QString &key, const QString &value)
{
    if (!m_file.setPending(key.toUtf8(), value.toUtf8()))
        return fail(Code::InvalidArgument, QStringLiteral("cannot set a pending '%1' in %2").arg(key, m_file.fileName()));
    return {};
}

Result<void> GuestConfigText::deletePending(const QString &key)
{
    if (!m_file.deletePending(key.toUtf8()))
        return fail(Code::InvalidArgument, QStringLiteral("cannot mark '%1' for deletion in %2").arg(key, m_file.fileName()));
    return {};
}

void GuestConfigText::revertPending(const QString &key)
{
    m_file.revertPending(key.toUtf8());
}

Result<void> GuestConfigText::applyPending()
{
    const QMap<QString, QString> pending = pendingValues();
    const QStringList deletes = pendingDeletes();
    for (const QString &key : deletes) {
        m_file.revertPending(key.toUtf8());
        m_file.remove(Section::mainConfig(), key.toUtf8());
    }
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        m_file.revertPending(it.key().toUtf8());
        if (Result<void> ok = set(it.key(), it.value()); !ok)
            return ok;
    }
    return {};
}

} // namespace atalaia::guests
