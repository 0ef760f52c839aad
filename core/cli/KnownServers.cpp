#include "KnownServers.h"

#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace atalaia::cli {

using api::client::Endpoint;
using api::client::Fingerprint;

KnownServers::KnownServers(QString file)
    : m_file(std::move(file))
{
}

Result<void> KnownServers::load()
{
    m_entries.clear();
    QFile file(m_file);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(Code::Io, Tr::tr("cannot read %1: %2").arg(m_file, file.errorString()));
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        auto endpoint = fields.size() == 2 ? Endpoint::parse(fields[0]) : Result<Endpoint>();
        auto fingerprint = fields.size() == 2 ? Fingerprint::parse(fields[1]) : Result<Fingerprint>();
        if (fields.size() != 2 || !endpoint || !fingerprint)
            return fail(Code::ConfigSyntax,
                        Tr::tr("%1:%2: expected 'ADDRESS:PORT FINGERPRINT'%3")
                            .arg(m_file)
                            .arg(number)
                            .arg(fields.size() != 2 ? QString()
                                 : !endpoint        ? QStringLiteral(": ") + endpoint.error().message
                                                    : QStringLiteral(": ") + fingerprint.error().message));
        set(*endpoint, *fingerprint);
    }
    return {};
}

Result<void> KnownServers::save() const
{
    if (!QDir().mkpath(QFileInfo(m_file).absolutePath()))
        return fail(Code::Io, Tr::tr("cannot create the directory of %1").arg(m_file));
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(m_file, file.errorString()));
    QByteArray text = "# atalaiactl: trusted TLS certificates (SHA-256), one per server address\n";
    for (const auto &[endpoint, fingerprint] : m_entries)
        text += endpoint.toString().toUtf8() + ' ' + fingerprint.toString().toLatin1() + '\n';
    file.write(text);
    if (!file.commit())
        return fail(Code::Io, Tr::tr("cannot write %1: %2").arg(m_file, file.errorString()));
    return {};
}

Fingerprint KnownServers::fingerprint(const Endpoint &endpoint) const
{
    for (const auto &[known, fingerprint] : m_entries)
        if (known == endpoint)
            return fingerprint;
    return {};
}

bool KnownServers::set(const Endpoint &endpoint, const Fingerprint &fingerprint)
{
    for (auto &entry : m_entries) {
        if (entry.first == endpoint) {
            if (entry.second == fingerprint)
                return false;
            entry.second = fingerprint;
            return true;
        }
    }
    m_entries.append({endpoint, fingerprint});
    return true;
}

api::client::TrustStore KnownServers::trustStore() const
{
    api::client::TrustStore trust;
    for (const auto &[endpoint, fingerprint] : m_entries)
        trust.pin(endpoint, fingerprint);
    return trust;
}

} // namespace atalaia::cli
