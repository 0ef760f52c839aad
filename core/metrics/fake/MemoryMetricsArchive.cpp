#include "MemoryMetricsArchive.h"

#include "metrics/RrdLayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace atalaia::metrics::fake {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
using Layout = RrdLayout::DataSource;

} // namespace

// One series: librrd's live state (per data source: the last value and the
// primary point being built; per archive and source: the row being
// consolidated) and the archives' rows. The steps below follow librrd 1.7's
// rrd_update and rrd_fetch; tst_MetricsArchive feeds both the same irregular
// samples and requires identical fetches.
class MemoryMetricsArchive::Series
{
public:
    Series(SeriesKind kind, qint64 created)
        : m_sources(RrdLayout::dataSources(kind))
        , m_lastUpdate(created)
    {
        const qsizetype n = m_sources.size();
        m_pdp.assign(size_t(n), Pdp{kNan, 0.0, created % RrdLayout::kStep});
        const qint64 aligned = created - created % RrdLayout::kStep;
        for (const RrdLayout::Archive &def : RrdLayout::archives()) {
            Rra rra{def, std::vector<double>(size_t(def.rows * n), kNan), {}};
            // The first row is short: the points before creation are unknown.
            const qint64 seen = (aligned % def.rowSeconds()) / RrdLayout::kStep;
            rra.cdp.assign(size_t(n), Cdp{kNan, seen, kNan, kNan});
            m_rras.push_back(std::move(rra));
        }
    }

    qint64 lastUpdate() const { return m_lastUpdate; }

    void update(qint64 time, const std::vector<double> &values)
    {
        constexpr qint64 step = RrdLayout::kStep;
        const qint64 interval = time - m_lastUpdate;
        const size_t n = m_pdp.size();
        std::vector<double> pdpNew(n, kNan);
        for (size_t i = 0; i < n; ++i) {
            const double v = values[i];
            Pdp &pdp = m_pdp[i];
            if (!std::isnan(v) && interval <= RrdLayout::kHeartbeat) {
                if (m_sources[qsizetype(i)].type == Layout::Type::Derive)
                    pdpNew[i] = std::isnan(pdp.lastValue) ? kNan : v - pdp.lastValue;
                else
                    pdpNew[i] = v * double(interval);
                // min 0, no max: a negative rate is unknown.
                if (!std::isnan(pdpNew[i]) && pdpNew[i] / double(interval) < 0)
                    pdpNew[i] = kNan;
            }
            pdp.lastValue = v;
        }

        const qint64 procPdpSt = m_lastUpdate - m_lastUpdate % step;
        const qint64 occuPdpSt = time - time % step;
        m_lastUpdate = time;
        if (procPdpSt == occuPdpSt) { // still inside the same primary point
            for (size_t i = 0; i < n; ++i)
                accumulate(m_pdp[i], pdpNew[i], interval);
            return;
        }

        // The point in progress ends at the first boundary; the points after
        // it, up to the last boundary before TIME, lie wholly inside this
        // interval and take its rate (unknown if the sample is).
        const qint64 preInt = procPdpSt + step - (time - interval);
        const qint64 postInt = time - occuPdpSt;
        const qint64 elapsed = (occuPdpSt - procPdpSt) / step;
        std::vector<double> first(n), rest(n);
        for (size_t i = 0; i < n; ++i) {
            Pdp &pdp = m_pdp[i];
            double preUnknown = 0;
            if (std::isnan(pdpNew[i])) {
                preUnknown = double(preInt);
            } else {
                if (std::isnan(pdp.value))
                    pdp.value = 0;
                pdp.value += pdpNew[i] / double(interval) * double(preInt);
            }
            // Mostly unknown before this sample: unknown. (librrd leaves the
            // final unknown stretch out of this test.)
            if (double(step) / 2.0 < double(pdp.unknownSeconds))
                first[i] = kNan;
            else
                first[i] = pdp.value / (double(step - pdp.unknownSeconds) - preUnknown);
            rest[i] = pdpNew[i] / double(interval);
            if (std::isnan(pdpNew[i])) {
                pdp.unknownSeconds = postInt;
                pdp.value = kNan;
            } else {
                pdp.unknownSeconds = 0;
                pdp.value = pdpNew[i] / double(interval) * double(postInt);
            }
        }
        advance(procPdpSt, 1, first);
        if (elapsed > 1)
            advance(procPdpSt + step, elapsed - 1, rest);
    }

    MetricsData fetch(Consolidation cf, qint64 start, qint64 end, qint64 wishStep) const
    {
        // rrd_fetch's choice: the archive of CF covering START whose step is
        // nearest the wish, else the one covering most of the span.
        const Rra *full = nullptr;
        const Rra *part = nullptr;
        qint64 fullDiff = 0, partDiff = 0, bestMatch = 0;
        for (const Rra &rra : m_rras) {
            if (rra.def.cf != cf)
                continue;
            const qint64 rowSeconds = rra.def.rowSeconds();
            const qint64 calEnd = m_lastUpdate - m_lastUpdate % rowSeconds;
            const qint64 calStart = calEnd - rowSeconds * rra.def.rows;
            const qint64 stepDiff = std::abs(wishStep - rowSeconds);
            if (calStart <= start) {
                if (!full || stepDiff < fullDiff) {
                    full = &rra;
                    fullDiff = stepDiff;
                }
            } else {
                const qint64 match = (end - start) - (calStart - start);
                if (!part || bestMatch < match || (bestMatch == match && stepDiff < partDiff)) {
                    part = &rra;
                    bestMatch = match;
                    partDiff = stepDiff;
                }
            }
        }
        const Rra &chosen = full ? *full : *part;
        const qint64 step = chosen.def.rowSeconds();
        start -= start % step;
        end += step - end % step;
        const qint64 rraEnd = m_lastUpdate - m_lastUpdate % step;
        const qint64 rraStart = rraEnd - step * (chosen.def.rows - 1); // end of the oldest row kept
        const size_t n = m_pdp.size();

        MetricsData data;
        data.step = step;
        for (const Layout &ds : m_sources)
            data.names.append(ds.name);
        for (qint64 t = start; t < end; t += step) {
            MetricsData::Row row{t, QList<double>(qsizetype(n), kNan)};
            const qint64 rowEnd = t + step;
            if (rowEnd >= rraStart && rowEnd <= rraEnd) {
                const qint64 slot = (rowEnd / step) % chosen.def.rows;
                for (size_t i = 0; i < n; ++i)
                    row.values[qsizetype(i)] = chosen.rows[size_t(slot) * n + i];
            }
            data.rows.append(std::move(row));
        }
        return data;
    }

private:
    struct Pdp {
        double lastValue;        // last_ds: the previous sample (DERIVE needs it)
        double value;            // rate x seconds known so far in this point (NaN: none)
        qint64 unknownSeconds;   // seconds of this point without a known rate
    };
    struct Cdp {
        double value;            // the row being consolidated (sum for AVERAGE, max for MAX)
        qint64 unknownPdps;      // unknown primary points in it
        double primary;          // the row completed by the last update
        double secondary;        // the value of further whole rows it completed
    };
    struct Rra {
        RrdLayout::Archive def;
        std::vector<double> rows; // slot-major, slot = (row end / row seconds) % rows
        std::vector<Cdp> cdp;     // per data source
    };

    // COUNT primary points with the values PDP (per source), the first one
    // starting at PROCPDPST, into every archive: consolidated, and the rows
    // they complete written.
    void advance(qint64 procPdpSt, qint64 count, const std::vector<double> &pdp)
    {
        constexpr qint64 step = RrdLayout::kStep;
        const size_t n = pdp.size();
        for (Rra &rra : m_rras) {
            const qint64 pdpCnt = rra.def.pdpPerRow;
            const qint64 startPdpOffset = pdpCnt - (procPdpSt / step) % pdpCnt;
            const qint64 rowsDue = count < startPdpOffset ? 0 : (count - startPdpOffset) / pdpCnt + 1;
            for (size_t i = 0; i < n; ++i)
                consolidate(rra.def, rra.cdp[i], pdp[i], count, startPdpOffset, rowsDue);
            // Rows end at procPdpSt + (startPdpOffset + k * pdpCnt) * step;
            // when more are due than the archive holds, only the last count.
            const qint64 firstRow = std::max<qint64>(0, rowsDue - rra.def.rows);
            for (qint64 k = firstRow; k < rowsDue; ++k) {
                const qint64 rowEnd = procPdpSt + (startPdpOffset + k * pdpCnt) * step;
                const qint64 slot = (rowEnd / rra.def.rowSeconds()) % rra.def.rows;
                for (size_t i = 0; i < n; ++i)
                    rra.rows[size_t(slot) * n + i] = k == 0 ? rra.cdp[i].primary : rra.cdp[i].secondary;
            }
        }
    }

    static void accumulate(Pdp &pdp, double pdpNew, qint64 interval)
    {
        if (std::isnan(pdpNew)) {
            pdp.unknownSeconds += interval;
        } else {
            if (std::isnan(pdp.value))
                pdp.value = 0;
            pdp.value += pdpNew;
        }
    }

    static void consolidate(const RrdLayout::Archive &def, Cdp &cdp, double pdpTemp, qint64 elapsed,
                            qint64 startPdpOffset, qint64 rowsDue)
    {
        const qint64 pdpCnt = def.pdpPerRow;
        const bool average = def.cf == Consolidation::Average;
        if (pdpCnt == 1) {
            cdp.unknownPdps = std::isnan(pdpTemp) ? cdp.unknownPdps + elapsed : 0;
            cdp.primary = cdp.secondary = pdpTemp;
            return;
        }
        if (rowsDue == 0) {
            if (std::isnan(pdpTemp))
                cdp.unknownPdps += elapsed;
            else if (std::isnan(cdp.value))
                cdp.value = average ? pdpTemp * double(elapsed) : pdpTemp;
            else
                cdp.value = average ? cdp.value + pdpTemp * double(elapsed) : std::max(cdp.value, pdpTemp);
            return;
        }
        if (std::isnan(pdpTemp)) {
            cdp.unknownPdps += startPdpOffset;
            cdp.secondary = kNan;
        } else {
            cdp.secondary = pdpTemp;
        }
        if (double(cdp.unknownPdps) > double(pdpCnt) * RrdLayout::kXff) {
            cdp.primary = kNan;
        } else if (average) {
            const double sum = std::isnan(cdp.value) ? 0.0 : cdp.value;
            const double current = std::isnan(pdpTemp) ? 0.0 : pdpTemp;
            cdp.primary = (sum + current * double(startPdpOffset)) / double(pdpCnt - cdp.unknownPdps);
        } else {
            const double sum = std::isnan(cdp.value) ? kMinusInfinity : cdp.value;
            const double current = std::isnan(pdpTemp) ? kMinusInfinity : pdpTemp;
            cdp.primary = std::max(sum, current);
        }
        // Carry the points past the last completed row into the next one.
        const qint64 into = (elapsed - startPdpOffset) % pdpCnt;
        if (into == 0 || std::isnan(pdpTemp))
            cdp.value = average ? 0.0 : kMinusInfinity;
        else
            cdp.value = average ? pdpTemp * double(into) : pdpTemp;
        cdp.unknownPdps = std::isnan(pdpTemp) ? into : 0;
    }

    QList<Layout> m_sources;
    qint64 m_lastUpdate;
    std::vector<Pdp> m_pdp;
    std::vector<Rra> m_rras;
};

MemoryMetricsArchive::MemoryMetricsArchive() = default;
MemoryMetricsArchive::~MemoryMetricsArchive() = default;

Result<void> MemoryMetricsArchive::update(SeriesKind kind, const QString &key, qint64 time, const SampleValues &values)
{
    if (!RrdLayout::isValidKey(key))
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a valid series name").arg(key));
    const QList<Layout> &sources = RrdLayout::dataSources(kind);
    std::vector<double> ordered(size_t(sources.size()), kNan);
    for (const auto &[name, value] : values) {
        const auto it = std::find_if(sources.begin(), sources.end(), [&](const Layout &ds) { return ds.name == name; });
        if (it == sources.end())
            return fail(Code::InvalidArgument,
                        QStringLiteral("%1 has no data source '%2'").arg(RrdLayout::directoryName(kind), name));
        // librrd takes DERIVE samples as integers.
        ordered[size_t(it - sources.begin())] =
            it->type == Layout::Type::Derive && std::isfinite(value) ? double(std::llround(value)) : value;
    }
    const QString path = RrdLayout::relativePath(kind, key);
    QWriteLocker lock(&m_lock);
    auto &series = m_series[path];
    if (!series)
        series = std::make_unique<Series>(kind, RrdLayout::creationTime(time));
    if (values.isEmpty())
        return {};
    if (time <= series->lastUpdate())
        return fail(Code::Conflict, QStringLiteral("%1: illegal attempt to update using time %2 when last update time "
                                                   "is %3 (minimum one second step)")
                                        .arg(path)
                                        .arg(time)
                                        .arg(series->lastUpdate()));
    series->update(time, ordered);
    return {};
}

Result<MetricsData> MemoryMetricsArchive::fetch(SeriesKind kind, const QString &key, Timeframe timeframe,
                                                Consolidation cf, qint64 now) const
{
    if (!RrdLayout::isValidKey(key))
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a valid series name").arg(key));
    const QString path = RrdLayout::relativePath(kind, key);
    const RrdLayout::Window w = RrdLayout::window(timeframe, now);
    QReadLocker lock(&m_lock);
    const auto it = m_series.find(path);
    if (it == m_series.end())
        return fail(Code::NotFound, QStringLiteral("no data for %1").arg(path));
    return it->second->fetch(cf, w.start, w.end, w.resolution);
}

bool MemoryMetricsArchive::contains(SeriesKind kind, const QString &key) const
{
    QReadLocker lock(&m_lock);
    return m_series.contains(RrdLayout::relativePath(kind, key));
}

} // namespace atalaia::metrics::fake
