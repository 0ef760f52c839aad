#pragma once

#include "metrics/MetricsArchive.h"

#include <QReadWriteLock>

#include <map>
#include <memory>

namespace atalaia::metrics::fake {

// The archives in memory, with librrd's arithmetic (time-weighted primary
// points, heartbeat, DERIVE rates, xff, AVERAGE/MAX consolidation, fetch's
// choice of archive), so tests and the console demo see what a real node's
// files would give. Lost when the process ends.
class MemoryMetricsArchive final : public MetricsArchive
{
public:
    MemoryMetricsArchive();
    ~MemoryMetricsArchive() override;

    Result<void> update(SeriesKind kind, const QString &key, qint64 time, const SampleValues &values) override;
    Result<MetricsData> fetch(SeriesKind kind, const QString &key, Timeframe timeframe, Consolidation cf,
                              qint64 now) const override;
    bool contains(SeriesKind kind, const QString &key) const override;

private:
    class Series;
    mutable QReadWriteLock m_lock; // guards m_series and every series' state
    std::map<QString, std::unique_ptr<Series>> m_series; // by RrdLayout::relativePath
};

} // namespace atalaia::metrics::fake
