#pragma once

#include "api/ApiResponse.h"
#include "base/Error.h"
#include "config/SectionConfigFile.h"
#include "config/ShadowFile.h"
#include "config/UserConfigFile.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace atalaia::store {
class ConfigStore;
}

namespace atalaia::api {

// The one read-modify-write of configuration store files that every access
// route uses, with Proxmox's semantics and optimistic concurrency:
//
//   1. read the declared files (and their versions) from the store;
//   2. when the client pinned a file with a digest, compare it: a different
//      file is Proxmox's "detected modified configuration - file changed by
//      other user? Try again." (500);
//   3. run the edit on typed, lossless copies (UserConfigFile, ShadowFile,
//      SectionConfigFile) or raw text;
//   4. commit every changed file in ONE store batch, each guarded by the
//      version read in step 1 (0: it must still not exist);
//   5. when another writer committed in between (another node, another
//      process on the same store), start again from step 1, up to
//      kAttempts times; the edit re-checks its input against the fresh files,
//      so nothing written by the other writer is lost.
//
// Writers in this process are serialised (as Proxmox's cfs_lock_file does),
// so retries only happen for writers outside it. Failures are responses in
// Proxmox's shape, prefixed with the action as lock_user_config does
// ("create user failed: user 'x' already exists").
class ConfigEdit
{
public:
    using Outcome = std::expected<void, ApiResponse>;
    using Body = std::function<Outcome(ConfigEdit &)>;

    struct Pin {
        QString file;   // e.g. "domains.cfg"
        QString digest; // the client's "digest" parameter (SHA-1 hex of the file it read)
    };

    static constexpr int kAttempts = 5;

    // Runs BODY on FILES (store paths; every file BODY touches must be listed).
    static Outcome run(store::ConfigStore &store, const QString &action, const QStringList &files, const Body &body,
                       const std::optional<Pin> &pin = std::nullopt);

    // ---- the files, as BODY sees them -------------------------------------
    bool exists(const QString &path) const;                 // existed when read (and not removed since)
    QByteArray text(const QString &path) const;             // current text; empty when missing
    void setText(const QString &path, QByteArray text);     // raw replacement (not for typed files)
    void remove(const QString &path);
    // Typed views, parsed at first use; edits to them are committed.
    config::UserConfigFile &users();          // user.cfg
    config::ShadowFile &shadow();             // priv/shadow.cfg (password hashes)
    config::ShadowFile &tokenSecrets();       // priv/token.cfg
    config::SectionConfigFile &domains();     // domains.cfg
    // Replaces user.cfg's typed copy by TEXT, parsed again (for edits
    // UserConfigFile does not offer; see UserCfgRecords.h).
    void resetUsers(QByteArray text);

    // ---- failures ------------------------------------------------------------
    // ERROR's message, prefixed with the action, with the status its code maps to.
    std::unexpected<ApiResponse> fail(const Error &error) const;
    std::unexpected<ApiResponse> fail(Code code, const QString &message) const { return fail(Error{code, message}); }
    // 400 {"errors": {NAME: MESSAGE}}, as Proxmox's raise_param_exc.
    static std::unexpected<ApiResponse> parameterError(const QString &name, const QString &message);

    // Proxmox's message for a pinned file that changed.
    static QString modifiedMessage();

    // Tests only: called after BODY and before each commit attempt, with no
    // lock held on the store, to play a concurrent writer (another node).
    static void setInterleaveForTesting(std::function<void()> hook);

    ConfigEdit(const ConfigEdit &) = delete;
    ConfigEdit &operator=(const ConfigEdit &) = delete;
    ~ConfigEdit();

private:
    struct File;
    ConfigEdit(store::ConfigStore &store, QString action);
    Result<void> load(const QStringList &files);
    File &file(const QString &path);
    const File &file(const QString &path) const;
    Result<quint64> commit();

    store::ConfigStore &m_store;
    QString m_action;
    std::vector<std::unique_ptr<File>> m_files;
};

} // namespace atalaia::api
