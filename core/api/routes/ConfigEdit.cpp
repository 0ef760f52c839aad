#include "ConfigEdit.h"

#include "Tr.h"
#include "api/Services.h"
#include "config/LineBuffer.h"
#include "store/ConfigStore.h"

#include <QLoggingCategory>
#include <QMutex>

Q_LOGGING_CATEGORY(lcConfigEdit, "atalaia.api.config")

namespace atalaia::api {

namespace {

// Serialises the read-modify-write cycles of this process (Proxmox holds
// cfs_lock_file for the same span). Guards s_interleave too.
QMutex s_writerMutex;
std::function<void()> s_interleave;

constexpr QLatin1StringView kDomainsCfg("domains.cfg");

} // namespace

struct ConfigEdit::File {
    QString path;
    QByteArray original;
    bool existed = false;
    quint64 version = 0;
    QByteArray text;       // the raw content, unless a typed copy exists
    bool removed = false;
    // At most one typed copy; it owns the content once it exists. Built in
    // place (never moved: their records are views into their own text).
    std::unique_ptr<config::UserConfigFile> users;
    std::unique_ptr<config::ShadowFile> secrets;
    std::unique_ptr<config::SectionConfigFile> sections;

    bool typed() const { return users || secrets || sections; }
    QByteArray current() const
    {
        if (users)
            return users->toBytes();
        if (secrets)
            return secrets->toBytes();
        if (sections)
            return sections->toBytes();
        return text;
    }
};

ConfigEdit::ConfigEdit(store::ConfigStore &store, QString action)
    : m_store(store)
    , m_action(std::move(action))
{
}

ConfigEdit::~ConfigEdit() = default;

QString ConfigEdit::modifiedMessage()
{
    return Tr::tr("detected modified configuration - file changed by other user? Try again.");
}

void ConfigEdit::setInterleaveForTesting(std::function<void()> hook)
{
    QMutexLocker lock(&s_writerMutex);
    s_interleave = std::move(hook);
}

Result<void> ConfigEdit::load(const QStringList &files)
{
    for (const QString &path : files) {
        auto f = std::make_unique<File>();
        f->path = path;
        Result<store::StoreEntry> entry = m_store.read(path);
        if (entry) {
            f->existed = true;
            f->version = entry->version;
            f->original = entry->data;
        } else if (entry.error().code != Code::NotFound) {
            return std::unexpected(entry.error());
        }
        f->text = f->original;
        m_files.push_back(std::move(f));
    }
    return {};
}

ConfigEdit::File &ConfigEdit::file(const QString &path)
{
    for (auto &f : m_files)
        if (f->path == path)
            return *f;
    qFatal("ConfigEdit: '%s' was not declared for this edit", qPrintable(path));
}

const ConfigEdit::File &ConfigEdit::file(const QString &path) const
{
    return const_cast<ConfigEdit *>(this)->file(path);
}

bool ConfigEdit::exists(const QString &path) const
{
    const File &f = file(path);
    return f.existed && !f.removed;
}

QByteArray ConfigEdit::text(const QString &path) const
{
    const File &f = file(path);
    return f.removed ? QByteArray() : f.current();
}

void ConfigEdit::setText(const QString &path, QByteArray text)
{
    File &f = file(path);
    Q_ASSERT(!f.typed());
    f.text = std::move(text);
    f.removed = false;
}

void ConfigEdit::remove(const QString &path)
{
    File &f = file(path);
    Q_ASSERT(!f.typed());
    f.text.clear();
    f.removed = true;
}

config::UserConfigFile &ConfigEdit::users()
{
    File &f = file(QLatin1String(Services::kUserCfg));
    if (!f.users)
        f.users.reset(new config::UserConfigFile(config::UserConfigFile::parse(f.text, f.path)));
    return *f.users;
}

void ConfigEdit::resetUsers(QByteArray text)
{
    File &f = file(QLatin1String(Services::kUserCfg));
    f.users.reset(new config::UserConfigFile(config::UserConfigFile::parse(std::move(text), f.path)));
}

config::ShadowFile &ConfigEdit::shadow()
{
    File &f = file(QLatin1String(Services::kShadowCfg));
    if (!f.secrets)
        f.secrets.reset(new config::ShadowFile(config::ShadowFile::parse(f.text, f.path, config::ShadowFile::Format::Shadow)));
    return *f.secrets;
}

config::ShadowFile &ConfigEdit::tokenSecrets()
{
    File &f = file(QLatin1String(Services::kTokenCfg));
    if (!f.secrets)
        f.secrets.reset(new config::ShadowFile(config::ShadowFile::parse(f.text, f.path, config::ShadowFile::Format::Tokens)));
    return *f.secrets;
}

config::SectionConfigFile &ConfigEdit::domains()
{
    File &f = file(kDomainsCfg);
    if (!f.sections)
        f.sections.reset(new config::SectionConfigFile(config::SectionConfigFile::parse(f.text, f.path)));
    return *f.sections;
}

std::unexpected<ApiResponse> ConfigEdit::fail(const Error &error) const
{
    Error prefixed = error;
    if (!m_action.isEmpty())
        prefixed.message = QStringLiteral("%1: %2").arg(m_action, error.message);
    return std::unexpected(ApiResponse::fromError(prefixed));
}

std::unexpected<ApiResponse> ConfigEdit::parameterError(const QString &name, const QString &message)
{
    return std::unexpected(ApiResponse::parameterErrors({{name, message}}));
}

Result<quint64> ConfigEdit::commit()
{
    QList<store::StoreChange> changes;
    for (const auto &f : m_files) {
        if (f->removed) {
            if (f->existed)
                changes.append(store::StoreChange::remove(f->path, f->version));
            continue;
        }
        const QByteArray now = f->current();
        if (f->existed ? now == f->original : now.isEmpty())
            continue;
        // A file its parser refuses would take every user (root@pam
        // included) with it: user.cfg grown past the limit by big comments,
        // one request at a time.
        if (now.size() > config::LineBuffer::kMaxFileSize)
            return atalaia::fail(Code::ApiTooLarge,
                                 Tr::tr("%1 would be %2 bytes long, over the limit of %3 bytes for configuration files")
                                     .arg(f->path).arg(now.size()).arg(config::LineBuffer::kMaxFileSize));
        changes.append(store::StoreChange::write(f->path, now, f->existed ? f->version : 0));
    }
    if (changes.isEmpty())
        return m_store.storeVersion();
    return m_store.apply(changes);
}

ConfigEdit::Outcome ConfigEdit::run(store::ConfigStore &store, const QString &action, const QStringList &files,
                                    const Body &body, const std::optional<Pin> &pin)
{
    QMutexLocker lock(&s_writerMutex);
    for (int attempt = 1;; ++attempt) {
        ConfigEdit edit(store, action);
        if (auto loaded = edit.load(files); !loaded)
            return edit.fail(loaded.error());
        if (pin) {
            const File &pinned = edit.file(pin->file);
            if (store::ConfigStore::contentDigest(pinned.original) != pin->digest)
                return edit.fail(Code::Conflict, modifiedMessage());
        }
        if (Outcome done = body(edit); !done)
            return done;
        if (s_interleave)
            s_interleave();
        Result<quint64> committed = edit.commit();
        if (committed)
            return {};
        // Another writer committed (or removed a file) between our read and
        // our commit: read again and redo the edit on its result.
        const Code code = committed.error().code;
        const bool raced = code == Code::StoreConflict || code == Code::NotFound;
        if (!raced)
            return edit.fail(committed.error());
        qCInfo(lcConfigEdit).noquote() << action << "- concurrent change, attempt" << attempt << "of" << kAttempts
                                       << ":" << committed.error().message;
        if (attempt == kAttempts)
            return edit.fail(Code::Conflict, modifiedMessage());
    }
}

} // namespace atalaia::api
