#pragma once

#include "ConfigStore.h"
#include "base/Clock.h"

#include <QMap>
#include <QMutex>

namespace atalaia::store {

// The in-memory ConfigStore: the fake for unit tests and simulations, with
// the same semantics as SqliteStore (tst_ConfigStore runs against both).
// Nothing survives the object.
class MemoryStore final : public ConfigStore
{
    Q_OBJECT

public:
    explicit MemoryStore(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~MemoryStore() override;

    Result<StoreEntry> read(const QString &path) const override;
    QStringList list(const QString &prefix = QString()) const override;
    Result<quint64> apply(const QList<StoreChange> &changes) override;
    quint64 storeVersion() const override;
    bool isWritable() const override;
    QString readOnlyReason() const override;
    Result<qsizetype> exportTo(const QString &directory) const override;

    // Refuse writes with reason (non-empty), as the replicated store does
    // without quorum; setWritable() lifts it.
    void setReadOnly(const QString &reason);
    void setWritable();

private:
    struct File {
        QByteArray data;
        quint64 version = 0;
        qint64 mtime = 0;
    };

    const Clock &m_clock;
    mutable QMutex m_mutex; // guards everything below
    QMap<QString, File> m_files;
    quint64 m_version = 0;
    QString m_readOnlyReason; // empty: writable
};

} // namespace atalaia::store
