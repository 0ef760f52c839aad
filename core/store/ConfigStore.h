#pragma once

#include "StoreChange.h"
#include "StoreEntry.h"
#include "base/Error.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace atalaia::store {

// The cluster configuration store: the analogue of /etc/pve, a map of paths
// ("user.cfg", "nodes/node1/qemu-server/100.conf", "priv/shadow.cfg") to file
// contents with versions.
//
// Implementations: MemoryStore (the fake), SqliteStore (one node's durable
// copy), both on LocalStore, and, later, the replicated store of core/cluster. They share these
// semantics, which tst_ConfigStore checks against each of them:
//
// * Thread-safe: every method may be called from any thread.
// * Versions: every commit takes the next value of one store-wide counter and
//   gives it to each path it changes, so a path's version strictly increases
//   and is never reused, even after the path is removed and created again.
// * Writes are all-or-nothing: apply() either commits every change of a batch
//   or none, and a failed call changes nothing.
// * Paths follow StorePath's rules (Code::InvalidArgument otherwise; no
//   traversal, no absolute paths). A path cannot be a file and a directory at
//   once ("a" and "a/b"), as in a file system. Files hold at most
//   kMaxFileSize bytes.
// * Read-only mode: when isWritable() is false every change fails with
//   Code::StoreReadOnly and readOnlyReason(); reads keep working.
class ConfigStore : public QObject
{
    Q_OBJECT

public:
    // The same limit as the config parsers (config::LineBuffer::kMaxFileSize).
    static constexpr qsizetype kMaxFileSize = 8 * 1024 * 1024;

    using QObject::QObject;
    ~ConfigStore() override;

    // The file at path; Code::NotFound when it does not exist.
    virtual Result<StoreEntry> read(const QString &path) const = 0;

    // Every file path under a directory prefix ("nodes/node1" or
    // "nodes/node1/"; "" for all), recursively, sorted. An invalid prefix
    // lists nothing.
    virtual QStringList list(const QString &prefix = QString()) const = 0;

    // Commits a batch atomically; returns the version the commit gave to every
    // path in it. Checks, in this order, failing the whole batch:
    //   paths and sizes valid, no path twice (InvalidArgument);
    //   the store writable (StoreReadOnly);
    //   each expectedVersion (StoreConflict, naming the path and both versions);
    //   a removed path exists (NotFound);
    //   no file/directory clash after the batch (InvalidArgument).
    // An empty batch commits nothing and returns storeVersion().
    // Blocks until the batch is durable (SqliteStore) or applied cluster-wide.
    virtual Result<quint64> apply(const QList<StoreChange> &changes) = 0;

    // The version of the last commit (0 for an empty, never-written store).
    virtual quint64 storeVersion() const = 0;

    virtual bool isWritable() const = 0;
    // Why writes are refused ("no quorum"); empty while writable.
    virtual QString readOnlyReason() const = 0;

    // Writes every file under directory (created if needed), each replaced by
    // an atomic rename, from one consistent snapshot. Files under priv/ get
    // mode 0400 in 0700 directories, others 0444. Files removed from the store
    // since the previous export into the same directory are deleted; nothing
    // else there is touched (a manifest, ".atalaia-export", lists what the
    // last export wrote). Returns the number of files written.
    virtual Result<qsizetype> exportTo(const QString &directory) const = 0;

    // write(path, data, expectedVersion): apply() of one write.
    Result<quint64> write(const QString &path, const QByteArray &data,
                          std::optional<quint64> expectedVersion = std::nullopt);
    // remove(path, expectedVersion): apply() of one removal.
    Result<void> remove(const QString &path, std::optional<quint64> expectedVersion = std::nullopt);

    // Proxmox's config digest: SHA-1 of the file contents, lower-case hex, as
    // PVE returns it in "digest" fields and expects it back on writes.
    static QString contentDigest(const QByteArray &data);
    // contentDigest() of the file at path.
    Result<QString> digest(const QString &path) const;

signals:
    // Emitted once per changed path after its batch has committed (and
    // is visible to read()), in batch order. For a removal, version is the
    // removing commit's version and read(path) returns NotFound.
    //
    // Emitted from the thread that called apply() (or, for the replicated
    // store, the thread that applied the ordered message), outside the store's
    // lock: receivers in other threads must use queued connections (Qt's
    // default AutoConnection does this), and direct receivers may call the
    // store. Commits on different threads may be signalled out of order;
    // compare versions.
    void changed(const QString &path, quint64 version);

    // The store became writable or read-only (see readOnlyReason()). Emitted
    // from the thread that caused it, outside the lock.
    void writableChanged(bool writable);

protected:
    // Helpers that give the implementations identical semantics.

    // Validation that needs no state: paths, sizes, duplicates, and
    // expectedVersion 0 on a removal.
    static Result<void> checkBatch(const QList<StoreChange> &changes);

    // The expectedVersion and existence checks of one change, given the
    // path's current version (nullopt: it does not exist).
    static Result<void> checkCurrent(const StoreChange &change, std::optional<quint64> current);

    // The file/directory clash check, run after the batch has been applied
    // inside the implementation's transaction: for each written path, no
    // ancestor may be a file and no file may lie under it.
    static Result<void> checkTree(const QList<StoreChange> &changes,
                                  const std::function<Result<bool>(const QString &path)> &isFile,
                                  const std::function<Result<bool>(const QString &dirPrefix)> &hasFilesUnder);

    static std::unexpected<Error> readOnlyError(const QString &reason);
    static std::unexpected<Error> notFoundError(const QString &path);

    // Emits changed() for each change of a committed batch.
    void emitChanged(const QList<StoreChange> &changes, quint64 version);
};

} // namespace atalaia::store
