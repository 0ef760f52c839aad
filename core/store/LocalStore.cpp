#include "LocalStore.h"

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
        Result<quint64> committed = commitLocked(changes);
        if (!committed)
            return committed;
        version = *committed;
    }
    emitChanged(changes, version);
    return version;
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
