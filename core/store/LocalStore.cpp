#include "LocalStore.h"

#include <QHash>

namespace atalaia::store {

LocalStore::LocalStore(QObject *parent) : ConfigStore(parent) {}

LocalStore::~LocalStore() = default;

Result<quint64> LocalStore::apply(const QList<StoreChange> &changes)
{
    if (Result<void> ok = checkBatch(changes); !ok)
        return std::unexpected(ok.error());
    quint64 version = 0;
    {
        const QMutexLocker locker(&m_mutex);
        if (!m_readOnlyReason.isEmpty())
            return readOnlyError(m_readOnlyReason);
        if (changes.isEmpty())
            return storeVersionLocked();
        Result<quint64> committed = commitLocked(changes, std::nullopt);
        if (!committed)
            return committed;
        version = *committed;
    }
    emitChanged(changes, version);
    return version;
}

Result<quint64> LocalStore::applyOrdered(const QList<StoreChange> &changes, qint64 mtime)
{
    if (Result<void> ok = checkBatch(changes); !ok)
        return std::unexpected(ok.error());
    quint64 version = 0;
    {
        const QMutexLocker locker(&m_mutex);
        if (changes.isEmpty())
            return storeVersionLocked();
        Result<quint64> committed = commitLocked(changes, mtime);
        if (!committed)
            return committed;
        version = *committed;
    }
    emitChanged(changes, version);
    return version;
}

Result<LocalStore::Snapshot> LocalStore::snapshot() const
{
    const QMutexLocker locker(&m_mutex);
    return snapshotLocked();
}

Result<qsizetype> LocalStore::replaceAll(const Snapshot &snapshot)
{
    // (path, version to signal): a rewritten path carries its own version, a
    // removed one the snapshot's.
    QList<std::pair<QString, quint64>> differing;
    {
        const QMutexLocker locker(&m_mutex);
        Result<Snapshot> old = snapshotLocked();
        if (!old)
            return std::unexpected(old.error());
        QHash<QString, const StoreEntry *> before;
        for (const StoreEntry &e : std::as_const(old->entries))
            before.insert(e.path, &e);
        for (const StoreEntry &e : snapshot.entries) {
            const StoreEntry *was = before.take(e.path);
            if (!was || !(*was == e))
                differing.append({e.path, e.version});
        }
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            differing.append({it.key(), snapshot.version});
        if (Result<void> ok = replaceLocked(snapshot); !ok)
            return std::unexpected(ok.error());
    }
    for (const auto &[path, version] : std::as_const(differing))
        emit changed(path, version);
    return differing.size();
}

bool LocalStore::isWritable() const
{
    const QMutexLocker locker(&m_mutex);
    return m_readOnlyReason.isEmpty();
}

QString LocalStore::readOnlyReason() const
{
    const QMutexLocker locker(&m_mutex);
    return m_readOnlyReason;
}

void LocalStore::setReadOnly(const QString &reason)
{
    Q_ASSERT(!reason.isEmpty());
    bool wasWritable = false;
    {
        const QMutexLocker locker(&m_mutex);
        wasWritable = m_readOnlyReason.isEmpty();
        m_readOnlyReason = reason;
    }
    if (wasWritable)
        emit writableChanged(false);
}

void LocalStore::setWritable()
{
    bool wasWritable = false;
    {
        const QMutexLocker locker(&m_mutex);
        wasWritable = m_readOnlyReason.isEmpty();
        m_readOnlyReason.clear();
    }
    if (!wasWritable)
        emit writableChanged(true);
}

} // namespace atalaia::store
