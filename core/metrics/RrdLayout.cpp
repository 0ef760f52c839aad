#include "RrdLayout.h"

#include <cmath>

namespace atalaia::metrics::RrdLayout {

namespace {

using Type = DataSource::Type;

QList<DataSource> make(std::initializer_list<std::pair<const char *, Type>> list)
{
    QList<DataSource> out;
    for (const auto &[name, type] : list)
        out.append(DataSource{QString::fromLatin1(name), type});
    return out;
}

} // namespace

const QList<DataSource> &dataSources(SeriesKind kind)
{
    // Names and order as in pmxcfs' rrd_def_node / rrd_def_vm: clients
    // (Proxmox's own GUI included) read the fields by these names.
    static const QList<DataSource> node = make({
        {"loadavg", Type::Gauge},   {"maxcpu", Type::Gauge},   {"cpu", Type::Gauge},
        {"iowait", Type::Gauge},    {"memtotal", Type::Gauge}, {"memused", Type::Gauge},
        {"swaptotal", Type::Gauge}, {"swapused", Type::Gauge}, {"roottotal", Type::Gauge},
        {"rootused", Type::Gauge},  {"netin", Type::Derive},   {"netout", Type::Derive},
    });
    static const QList<DataSource> guest = make({
        {"maxcpu", Type::Gauge},    {"cpu", Type::Gauge},      {"maxmem", Type::Gauge},
        {"mem", Type::Gauge},       {"maxdisk", Type::Gauge},  {"disk", Type::Gauge},
        {"netin", Type::Derive},    {"netout", Type::Derive},  {"diskread", Type::Derive},
        {"diskwrite", Type::Derive},
    });
    return kind == SeriesKind::Node ? node : guest;
}

const QList<Archive> &archives()
{
    static const QList<Archive> list = [] {
        QList<Archive> out;
        for (Consolidation cf : {Consolidation::Average, Consolidation::Max})
            for (qint64 pdp : {1, 30, 180, 720, 10080})
                out.append(Archive{cf, pdp, 70});
        return out;
    }();
    return list;
}

QString directoryName(SeriesKind kind)
{
    return kind == SeriesKind::Node ? QStringLiteral("pve2-node") : QStringLiteral("pve2-vm");
}

QString relativePath(SeriesKind kind, const QString &key)
{
    return directoryName(kind) + QLatin1Char('/') + key;
}

bool isValidKey(const QString &key)
{
    return !key.isEmpty() && key.size() <= 255 && !key.startsWith(QLatin1Char('.'))
        && !key.contains(QLatin1Char('/')) && !key.contains(QChar(0));
}

Window window(Timeframe timeframe, qint64 now)
{
    qint64 resolution = kStep;
    qint64 count = 60;
    switch (timeframe) {
    case Timeframe::Hour: resolution = kStep; count = 60; break;
    case Timeframe::Day: resolution = 30 * kStep; count = 70; break;
    case Timeframe::Week: resolution = 180 * kStep; count = 70; break;
    case Timeframe::Month: resolution = 720 * kStep; count = 70; break;
    case Timeframe::Year: resolution = 10080 * kStep; count = 70; break;
    }
    const qint64 ctime = resolution * (now / resolution);
    return Window{ctime - resolution * count, ctime - 1, resolution};
}

std::optional<Timeframe> timeframeFromString(const QString &name)
{
    if (name == u"hour")
        return Timeframe::Hour;
    if (name == u"day")
        return Timeframe::Day;
    if (name == u"week")
        return Timeframe::Week;
    if (name == u"month")
        return Timeframe::Month;
    if (name == u"year" || name == u"decade")
        return Timeframe::Year;
    return std::nullopt;
}

std::optional<Consolidation> consolidationFromString(const QString &name)
{
    if (name == u"AVERAGE")
        return Consolidation::Average;
    if (name == u"MAX")
        return Consolidation::Max;
    return std::nullopt;
}

const char *consolidationName(Consolidation cf)
{
    return cf == Consolidation::Max ? "MAX" : "AVERAGE";
}

qint64 creationTime(qint64 firstSampleTime)
{
    const qint64 before = firstSampleTime - 1;
    return before - ((before % kStep) + kStep) % kStep;
}

MetricsData emptyData(SeriesKind kind, Timeframe timeframe, qint64 now)
{
    const Window w = window(timeframe, now);
    MetricsData data;
    data.step = w.resolution;
    for (const DataSource &ds : dataSources(kind))
        data.names.append(ds.name);
    const QList<double> unknown(data.names.size(), std::nan(""));
    for (qint64 t = w.start; t <= w.end; t += w.resolution)
        data.rows.append(MetricsData::Row{t, unknown});
    return data;
}

} // namespace atalaia::metrics::RrdLayout
