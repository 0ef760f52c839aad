#pragma once

#include "ConfigStore.h"

#include <QMutex>

namespace atalaia::store {

// The common part of the stores that commit in this process under one mutex
// (MemoryStore, SqliteStore): the read-only state and apply()'s order of
// checks, so the two cannot drift apart on them. The replicated store of
// core/cluster commits elsewhere and does not derive from it.
//
// apply() runs checkBatch() outside the lock, then, under mutex(): the
// read-only check, the empty batch (storeVersionLocked()) and
// commitLocked(); changed() is emitted after the lock is released. The
// read-only check and the commit share that one critical section, so a batch
// admitted while writable is committed before setReadOnly() returns, and none
// is admitted after it.
class LocalStore : public ConfigStore
{
    Q_OBJECT

public:
    ~LocalStore() override;

    Result<quint64> apply(const QList<StoreChange> &changes) final;
    bool isWritable() const final;
    QString readOnlyReason() const final;

    // Refuse writes with reason (non-empty), as the replicated store does
    // without quorum; setWritable() lifts it. Not persisted: a reopened
    // SqliteStore is writable.
    void setReadOnly(const QString &reason);
    void setWritable();

    // --- For the replicated store (core/cluster), which orders writes itself.

    // Every file and the store version, from one consistent state.
    struct Snapshot {
        quint64 version = 0;
        QList<StoreEntry> entries; // sorted by path
    };
    Result<Snapshot> snapshot() const;

    // apply() for a batch the cluster has ordered: the same checks and
    // result, but it ignores the read-only state (the cluster decided), and
    // the files get mtime, the time the submitter gave the batch, so every
    // copy ends up identical.
    Result<quint64> applyOrdered(const QList<StoreChange> &changes, qint64 mtime);

    // Replaces the whole contents with a snapshot, all or nothing (a node
    // adopting the cluster's state). Emits changed() for every path whose
    // entry differs; returns how many did.
    Result<qsizetype> replaceAll(const Snapshot &snapshot);

protected:
    explicit LocalStore(QObject *parent = nullptr);

    // The lock of the whole store: the read-only state and whatever the
    // implementation keeps (files, connection, statements).
    QMutex &mutex() const { return m_mutex; }

    // Both are called with mutex() held.
    // The version of the last commit.
    virtual Result<quint64> storeVersionLocked() const = 0;
    // Commits a non-empty batch that passed checkBatch(), all or nothing:
    // checkCurrent() for every change, the changes, checkTree(); returns the
    // commit's version (storeVersionLocked() + 1). The files get mtime, or
    // the implementation's clock's time when it has none.
    virtual Result<quint64> commitLocked(const QList<StoreChange> &changes, std::optional<qint64> mtime) = 0;
    virtual Result<Snapshot> snapshotLocked() const = 0;
    // Replaces everything with snapshot in one transaction.
    virtual Result<void> replaceLocked(const Snapshot &snapshot) = 0;

private:
    mutable QMutex m_mutex;
    QString m_readOnlyReason; // guarded by m_mutex; empty: writable
};

} // namespace atalaia::store
