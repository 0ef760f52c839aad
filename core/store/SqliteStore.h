#pragma once

#include "LocalStore.h"
#include "SqliteDatabase.h"
#include "base/Clock.h"

#include <memory>

namespace atalaia::store {

// The ConfigStore of one node, persisted in one SQLite database file.
//
// Durability: WAL journal with synchronous=FULL, and every apply() is one
// transaction, so when apply() returns the batch is on disk, and a crash at
// any moment leaves the old or the new state, never half a batch.
//
// One connection, guarded by mutex(), with statements prepared once. Nothing
// is cached in memory: another process may read the file (exportTo opens its
// own read-only connection, which sees one consistent snapshot without
// blocking writers).
//
// Schema (PRAGMA user_version 1):
//   meta(key TEXT PRIMARY KEY, value INTEGER)   -- "version": the last commit
//   files(path TEXT UNIQUE, data BLOB, version INTEGER, mtime INTEGER)
class SqliteStore final : public LocalStore
{
    Q_OBJECT

public:
    // Opens fileName, creating it (mode 0600) and its schema if needed.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &fileName,
                                                     const Clock &clock = SystemClock::instance());
    ~SqliteStore() override;

    Result<StoreEntry> read(const QString &path) const override;
    QStringList list(const QString &prefix = QString()) const override;
    quint64 storeVersion() const override;
    Result<qsizetype> exportTo(const QString &directory) const override;

    QString fileName() const { return m_db.fileName(); }

private:
    struct Statements;

    SqliteStore(SqliteDatabase db, std::unique_ptr<Statements> statements, const Clock &clock);

    // LocalStore's hooks; commitLocked() runs applyLocked() in one transaction.
    Result<quint64> storeVersionLocked() const override;
    Result<quint64> commitLocked(const QList<StoreChange> &changes, std::optional<qint64> mtime) override;
    Result<Snapshot> snapshotLocked() const override;
    Result<void> replaceLocked(const Snapshot &snapshot) override;

    // These run under mutex(), inside the caller's transaction when there is one.
    Result<quint64> applyLocked(const QList<StoreChange> &changes, qint64 mtime);
    Result<void> beginLocked();
    Result<void> commitTransactionLocked();
    Result<std::optional<quint64>> versionOf(const QString &path) const;
    Result<bool> hasFilesUnder(const QString &dirPrefix) const;

    const Clock &m_clock;
    // The connection and its statements, guarded by mutex().
    SqliteDatabase m_db;
    std::unique_ptr<Statements> m_stmt;
};

} // namespace atalaia::store
