#pragma once

#include "base/Error.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

namespace atalaia::metrics {

// Whose figures a series holds: the node's (Proxmox's "pve2-node/<node>") or
// one guest's ("pve2-vm/<vmid>", VMs and containers alike).
enum class SeriesKind { Node, Guest };

// The spans GET .../rrddata offers, each read from its own archive.
enum class Timeframe { Hour, Day, Week, Month, Year };

// The consolidation functions the archives keep (Proxmox keeps no MIN/LAST).
enum class Consolidation { Average, Max };

// One sample's values by data-source name (Proxmox's names, see RrdLayout).
// A data source left out, or NaN, is unknown for this sample.
using SampleValues = QList<std::pair<QString, double>>;

// What a fetch returns: consecutive rows STEP seconds apart, each labelled
// with the start of the interval it covers (as Proxmox labels them), values
// in NAMES order, NaN where unknown.
struct MetricsData {
    struct Row {
        qint64 time = 0;
        QList<double> values;
    };
    qint64 step = 0;
    QStringList names;
    QList<Row> rows;

    // The value of data source NAME in row ROW, if known.
    std::optional<double> value(qsizetype row, const QString &name) const;
    // Proxmox's rrddata shape: [{"time": 1764150000, "cpu": 0.12, ...}, ...],
    // unknown values left out.
    QJsonArray toJson() const;
};

// Round-robin archives of node and guest figures, in Proxmox's layout (step
// 60 s; AVERAGE and MAX for an hour, a day, a week, a month and a year; see
// RrdLayout). The real implementation (rrd::RrdMetricsArchive) writes librrd
// files; fake::MemoryMetricsArchive keeps the same arithmetic in memory.
// Implementations are thread-safe: the collector updates from its thread
// while API handlers fetch from theirs.
class MetricsArchive
{
public:
    virtual ~MetricsArchive() = default;

    // Adds the sample taken at TIME (seconds since the epoch) to series
    // KIND/KEY (the node name, or the vmid in decimal), creating the series
    // first when it does not exist. TIME must be later than the series' last
    // update (Code::Conflict otherwise); KEY must be a plain file name
    // (Code::InvalidArgument). Unknown data-source names are InvalidArgument.
    // Blocks for a file write at most.
    virtual Result<void> update(SeriesKind kind, const QString &key, qint64 time, const SampleValues &values) = 0;

    // The rows of TIMEFRAME ending at the last whole interval before NOW, as
    // Proxmox's rrddata reads them (librrd's fetch: resolution of the
    // timeframe's archive). Code::NotFound when the series does not exist.
    virtual Result<MetricsData> fetch(SeriesKind kind, const QString &key, Timeframe timeframe, Consolidation cf,
                                      qint64 now) const = 0;

    virtual bool contains(SeriesKind kind, const QString &key) const = 0;
};

// The node's archive: librrd files under DIRECTORY (as Proxmox's
// /var/lib/rrdcached/db) when built with librrd, else in memory.
std::unique_ptr<MetricsArchive> openNodeArchive(const QString &directory);

} // namespace atalaia::metrics
