#include "RrdMetricsArchive.h"

#include "metrics/RrdLayout.h"

#include <QDir>
#include <QFileInfo>

#include <rrd.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace atalaia::metrics::rrd {

namespace {

QString lastError()
{
    const char *text = rrd_get_error();
    return text && *text ? QString::fromLocal8Bit(text) : QStringLiteral("unknown librrd error");
}

// rrd_fetch_r's buffers, released with rrd_freemem whatever happens.
struct FetchBuffers {
    unsigned long dsCount = 0;
    char **names = nullptr;
    rrd_value_t *data = nullptr;

    FetchBuffers() = default;
    FetchBuffers(const FetchBuffers &) = delete;
    FetchBuffers &operator=(const FetchBuffers &) = delete;
    ~FetchBuffers()
    {
        if (names) {
            for (unsigned long i = 0; i < dsCount; ++i)
                rrd_freemem(names[i]);
            rrd_freemem(names);
        }
        if (data)
            rrd_freemem(data);
    }
};

QByteArray number(double value)
{
    // Exact round trip, so that both archive implementations store the same.
    return std::isfinite(value) ? QByteArray::number(value, 'g', 17) : QByteArrayLiteral("U");
}

} // namespace

RrdMetricsArchive::RrdMetricsArchive(QString root)
    : m_root(std::move(root))
{
}

QString RrdMetricsArchive::filePath(SeriesKind kind, const QString &key) const
{
    return m_root + QLatin1Char('/') + RrdLayout::relativePath(kind, key);
}

bool RrdMetricsArchive::contains(SeriesKind kind, const QString &key) const
{
    return RrdLayout::isValidKey(key) && QFileInfo::exists(filePath(kind, key));
}

Result<void> RrdMetricsArchive::create(SeriesKind kind, const QString &path, qint64 firstTime)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return fail(Code::Io, QStringLiteral("cannot create the directory of %1").arg(path));
    std::vector<QByteArray> definitions;
    for (const RrdLayout::DataSource &ds : RrdLayout::dataSources(kind))
        definitions.push_back(QByteArrayLiteral("DS:") + ds.name.toLatin1()
                              + (ds.type == RrdLayout::DataSource::Type::Derive ? ":DERIVE:" : ":GAUGE:")
                              + QByteArray::number(RrdLayout::kHeartbeat) + ":0:U");
    for (const RrdLayout::Archive &rra : RrdLayout::archives())
        definitions.push_back(QByteArrayLiteral("RRA:") + RrdLayout::consolidationName(rra.cf) + ':'
                              + QByteArray::number(RrdLayout::kXff) + ':' + QByteArray::number(rra.pdpPerRow) + ':'
                              + QByteArray::number(rra.rows));
    std::vector<const char *> argv;
    for (const QByteArray &d : definitions)
        argv.push_back(d.constData());
    const QByteArray file = QFile::encodeName(path);
    rrd_clear_error();
    if (rrd_create_r(file.constData(), RrdLayout::kStep, RrdLayout::creationTime(firstTime), int(argv.size()),
                     argv.data())
        != 0)
        return fail(Code::Io, QStringLiteral("cannot create %1: %2").arg(path, lastError()));
    return {};
}

Result<void> RrdMetricsArchive::update(SeriesKind kind, const QString &key, qint64 time, const SampleValues &values)
{
    if (!RrdLayout::isValidKey(key))
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a valid series name").arg(key));
    const QList<RrdLayout::DataSource> &sources = RrdLayout::dataSources(kind);
    // librrd's template names the sources given; the others are unknown.
    QByteArray names;
    QByteArray sample = QByteArray::number(time);
    for (const auto &[name, value] : values) {
        const auto ds = std::find_if(sources.begin(), sources.end(), [&](const auto &d) { return d.name == name; });
        if (ds == sources.end())
            return fail(Code::InvalidArgument,
                        QStringLiteral("%1 has no data source '%2'").arg(RrdLayout::directoryName(kind), name));
        if (!names.isEmpty())
            names += ':';
        names += name.toLatin1();
        // librrd takes DERIVE samples as integers only.
        sample += ':';
        if (ds->type == RrdLayout::DataSource::Type::Derive && std::isfinite(value))
            sample += QByteArray::number(qint64(std::llround(value)));
        else
            sample += number(value);
    }
    const QString path = filePath(kind, key);
    const QByteArray file = QFile::encodeName(path);
    QWriteLocker lock(&m_lock);
    if (!QFileInfo::exists(path))
        if (auto created = create(kind, path, time); !created)
            return created;
    if (values.isEmpty())
        return {};
    const char *argv[] = {sample.constData()};
    rrd_clear_error();
    if (rrd_update_r(file.constData(), names.constData(), 1, argv) != 0) {
        const QString error = lastError();
        // "illegal attempt to update using time T when last update time is L"
        const Code code = error.contains(QLatin1String("illegal attempt to update")) ? Code::Conflict : Code::Io;
        return fail(code, QStringLiteral("%1: %2").arg(path, error));
    }
    return {};
}

Result<MetricsData> RrdMetricsArchive::fetch(SeriesKind kind, const QString &key, Timeframe timeframe,
                                             Consolidation cf, qint64 now) const
{
    if (!RrdLayout::isValidKey(key))
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a valid series name").arg(key));
    const QString path = filePath(kind, key);
    const QByteArray file = QFile::encodeName(path);
    const RrdLayout::Window w = RrdLayout::window(timeframe, now);
    time_t start = time_t(w.start);
    time_t end = time_t(w.end);
    unsigned long step = (unsigned long)w.resolution;
    FetchBuffers buffers;
    {
        QReadLocker lock(&m_lock);
        if (!QFileInfo::exists(path))
            return fail(Code::NotFound, QStringLiteral("no data for %1").arg(RrdLayout::relativePath(kind, key)));
        rrd_clear_error();
        if (rrd_fetch_r(file.constData(), RrdLayout::consolidationName(cf), &start, &end, &step, &buffers.dsCount,
                        &buffers.names, &buffers.data)
            != 0)
            return fail(Code::Io, QStringLiteral("%1: %2").arg(path, lastError()));
    }
    MetricsData result;
    result.step = qint64(step);
    for (unsigned long i = 0; i < buffers.dsCount; ++i)
        result.names.append(QString::fromLatin1(buffers.names[i]));
    // librrd's rows end at start + step, ..., end; Proxmox labels each with
    // the start of its interval.
    const qint64 rows = step ? (qint64(end) - qint64(start)) / qint64(step) : 0;
    result.rows.reserve(rows);
    for (qint64 r = 0; r < rows; ++r) {
        MetricsData::Row row{qint64(start) + r * qint64(step), {}};
        row.values.reserve(qsizetype(buffers.dsCount));
        for (unsigned long i = 0; i < buffers.dsCount; ++i)
            row.values.append(buffers.data[r * qint64(buffers.dsCount) + qint64(i)]);
        result.rows.append(std::move(row));
    }
    return result;
}

} // namespace atalaia::metrics::rrd
