#pragma once

#include "MetricsArchive.h"

#include <QList>
#include <QString>

#include <optional>

namespace atalaia::metrics {

// Proxmox VE's RRD layout ("pve2"), as pmxcfs creates the files
// (pve-cluster src/pmxcfs/status.c: rrd_def_node, rrd_def_vm) and
// PVE::RRD::create_rrd_data reads them (pve-cluster src/PVE/RRD.pm). Both
// archive implementations build on it, so they cannot drift apart.
namespace RrdLayout {

inline constexpr qint64 kStep = 60;          // seconds per primary data point
inline constexpr qint64 kHeartbeat = 120;    // a longer gap between samples is unknown
inline constexpr double kXff = 0.5;          // a row with more unknown points is unknown

struct DataSource {
    enum class Type { Gauge, Derive }; // DERIVE: stored as the per-second rate of a counter
    QString name;
    Type type = Type::Gauge;
    // All of Proxmox's sources have min 0 and no max (a negative rate, e.g.
    // a counter that restarted, is unknown).
};

struct Archive {
    Consolidation cf = Consolidation::Average;
    qint64 pdpPerRow = 1;   // primary points consolidated into one row
    qint64 rows = 70;
    qint64 rowSeconds() const { return pdpPerRow * kStep; }
};

// The data sources of a series, in file order.
const QList<DataSource> &dataSources(SeriesKind kind);
// The archives, in file order (the same for every kind): AVERAGE then MAX,
// each with 1, 30, 180, 720 and 10080 points per row, 70 rows.
const QList<Archive> &archives();

// Proxmox's directory for a kind: "pve2-node", "pve2-vm".
QString directoryName(SeriesKind kind);
// The series' path below the archive root, "pve2-vm/100".
QString relativePath(SeriesKind kind, const QString &key);
// A key is a single, ordinary file name.
bool isValidKey(const QString &key);

// What create_rrd_data asks librrd for: resolution and row count of a
// timeframe (pve2 files: hour 60 s x 60, day 30 min x 70, week 3 h x 70,
// month 12 h x 70, year 7 d x 70), ending at the last whole interval
// before NOW.
struct Window {
    qint64 start = 0;       // fetch start (-s)
    qint64 end = 0;         // fetch end (-e), inclusive
    qint64 resolution = 0;  // wished step (-r)
};
Window window(Timeframe timeframe, qint64 now);

// "hour" .. "year"; "decade" reads the year (pve2 files keep no more, and
// Proxmox answers it so too). Nullopt for anything else.
std::optional<Timeframe> timeframeFromString(const QString &name);
std::optional<Consolidation> consolidationFromString(const QString &name);
const char *consolidationName(Consolidation cf); // "AVERAGE", "MAX"

// When a series created for a first sample at TIME starts: the step
// boundary before it, so that the first sample's minute is known.
qint64 creationTime(qint64 firstSampleTime);

// The rows a fetch would return for a series with no data at all: the
// window's times, every value unknown (for a series not yet written).
MetricsData emptyData(SeriesKind kind, Timeframe timeframe, qint64 now);

} // namespace RrdLayout

} // namespace atalaia::metrics
