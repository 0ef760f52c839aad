#pragma once

#include "metrics/MetricsArchive.h"

#include <QReadWriteLock>
#include <QString>

namespace atalaia::metrics::rrd {

// The archives as librrd files, laid out as Proxmox keeps them under
// /var/lib/rrdcached/db: ROOT/pve2-node/<node>, ROOT/pve2-vm/<vmid>, each
// created with pmxcfs' definitions (RrdLayout) on its first update. Only
// librrd's thread-safe calls (rrd_create_r, rrd_update_r with numeric
// times, rrd_fetch_r) are used.
class RrdMetricsArchive final : public MetricsArchive
{
public:
    explicit RrdMetricsArchive(QString root);

    Result<void> update(SeriesKind kind, const QString &key, qint64 time, const SampleValues &values) override;
    Result<MetricsData> fetch(SeriesKind kind, const QString &key, Timeframe timeframe, Consolidation cf,
                              qint64 now) const override;
    bool contains(SeriesKind kind, const QString &key) const override;

    QString filePath(SeriesKind kind, const QString &key) const;

private:
    Result<void> create(SeriesKind kind, const QString &path, qint64 firstTime);

    QString m_root;
    // librrd locks files with fcntl, which does not exclude threads of one
    // process: updates write under the write lock, fetches read under the
    // read lock, so a fetch never sees a half-written file.
    mutable QReadWriteLock m_lock;
};

} // namespace atalaia::metrics::rrd
