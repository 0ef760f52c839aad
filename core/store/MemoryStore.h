#pragma once

#include "LocalStore.h"
#include "base/Clock.h"

#include <QMap>

namespace atalaia::store {

// The in-memory ConfigStore: the fake for unit tests and simulations, with
// the same semantics as SqliteStore (tst_ConfigStore runs against both).
// Nothing survives the object.
class MemoryStore final : public LocalStore
{
    Q_OBJECT

public:
    explicit MemoryStore(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~MemoryStore() override;

    Result<StoreEntry> read(const QString &path) const override;
    QStringList list(const QString &prefix = QString()) const override;
    quint64 storeVersion() const override;
    Result<qsizetype> exportTo(const QString &directory) const override;

private:
    struct File {
        QByteArray data;
        quint64 version = 0;
        qint64 mtime = 0;
    };

    Result<quint64> storeVersionLocked() const override;
    Result<quint64> commitLocked(const QList<StoreChange> &changes, std::optional<qint64> mtime) override;
    Result<Snapshot> snapshotLocked() const override;
    Result<void> replaceLocked(const Snapshot &snapshot) override;

    const Clock &m_clock;
    // Both guarded by mutex().
    QMap<QString, File> m_files;
    quint64 m_version = 0;
};

} // namespace atalaia::store
