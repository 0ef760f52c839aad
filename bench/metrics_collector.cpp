// The agent's cost of collecting metrics: CPU time of one collector tick
// (sample the node and every guest, update their archives) with 100 and
// 1,000 fake guests, against the bare sampling (NodeMetrics::sample() and
// Hypervisor::guests(), no archive) in the same run, as a share of one core
// at the 10 s interval. Goal (issue 7): <= 1 % with 100 guests.
// Run: tools/bench metrics [--ticks N]
#include "base/Clock.h"
#include "metrics/MetricsCollector.h"
#include "metrics/NodeMetrics.h"
#include "metrics/fake/FakeNodeMetrics.h"
#include "metrics/fake/MemoryMetricsArchive.h"
#ifdef ATALAIA_WITH_RRD
#include "metrics/rrd/RrdMetricsArchive.h"
#endif
#include "virt/fake/FakeHypervisor.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace atalaia;

namespace {

constexpr double kIntervalSeconds = 10.0;

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); // user + system, this process
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double wallSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Figures {
    double cpuPerTick = 0;  // seconds
    double wallPerTick = 0; // seconds
};

// Runs TICK TICKS times, the fake clock 10 s further each time.
Figures measure(FakeClock &clock, int ticks, const std::function<void()> &tick)
{
    const double cpu0 = cpuSeconds(), wall0 = wallSeconds();
    for (int i = 0; i < ticks; ++i) {
        clock.advanceMs(qint64(kIntervalSeconds * 1000));
        tick();
    }
    return Figures{(cpuSeconds() - cpu0) / ticks, (wallSeconds() - wall0) / ticks};
}

// An archive that stores nothing: the collector's own work (sampling, the
// values by name) without the storage.
class NullArchive final : public metrics::MetricsArchive
{
public:
    Result<void> update(metrics::SeriesKind, const QString &, qint64, const metrics::SampleValues &values) override
    {
        m_values += values.size();
        return {};
    }
    Result<metrics::MetricsData> fetch(metrics::SeriesKind, const QString &, metrics::Timeframe, metrics::Consolidation,
                                       qint64) const override
    {
        return fail(Code::NotFound, QString());
    }
    bool contains(metrics::SeriesKind, const QString &) const override { return false; }
    qsizetype m_values = 0;
};

void row(int guests, const char *variant, const Figures &f, const Figures &baseline)
{
    std::printf("%7d  %-30s %12.1f %12.1f %12.4f %10.0fx\n", guests, variant, f.cpuPerTick * 1e6, f.wallPerTick * 1e6,
                f.cpuPerTick / kIntervalSeconds * 100.0, baseline.cpuPerTick > 0 ? f.cpuPerTick / baseline.cpuPerTick : 0);
}

void run(int guests, int ticks, const QString &scratch)
{
    FakeClock clock;
    metrics::fake::FakeNodeMetrics node(QJsonObject{{QStringLiteral("cpus"), 32}});
    auto hypervisor = std::move(*virt::fake::FakeHypervisor::fromJson({}, QStringLiteral("bench1")));
    hypervisor->generate(guests, 1000, QStringLiteral("bench1"));

    // Baseline: what any collector does at least, without storing anything.
    qsizetype seen = 0;
    const Figures baseline = measure(clock, ticks, [&] {
        seen += node.sample().cpus;
        seen += hypervisor->guests().size();
    });
    row(guests, "sample only (baseline)", baseline, baseline);

    {
        NullArchive archive;
        metrics::MetricsCollector collector(QStringLiteral("bench1"), node, *hypervisor, archive, clock);
        row(guests, "tick, archive storing nothing", measure(clock, ticks, [&] { collector.tick(); }), baseline);
    }

    {
        metrics::fake::MemoryMetricsArchive archive;
        metrics::MetricsCollector collector(QStringLiteral("bench1"), node, *hypervisor, archive, clock);
        measure(clock, 1, [&] { collector.tick(); }); // creates the series
        row(guests, "tick, in memory", measure(clock, ticks, [&] { collector.tick(); }), baseline);
    }
#ifdef ATALAIA_WITH_RRD
    {
        metrics::rrd::RrdMetricsArchive archive(scratch + QStringLiteral("/%1").arg(guests));
        metrics::MetricsCollector collector(QStringLiteral("bench1"), node, *hypervisor, archive, clock);
        const Figures create = measure(clock, 1, [&] { collector.tick(); });
        row(guests, "first tick, RRD (creates)", create, baseline);
        int failures = 0;
        const Figures steady = measure(clock, ticks, [&] { failures += collector.tick().failures; });
        row(guests, "tick, RRD files (librrd)", steady, baseline);
        if (failures)
            std::fprintf(stderr, "warning: %d updates failed\n", failures);
    }
#else
    Q_UNUSED(scratch)
#endif
    if (seen == 0)
        std::fprintf(stderr, "nothing sampled\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int ticks = 360; // an hour of 10 s ticks
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--ticks")); i >= 0 && i + 1 < args.size())
        ticks = std::max(1, args.at(i + 1).toInt());
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        std::fprintf(stderr, "no temporary directory\n");
        return 1;
    }
    std::printf("metrics collector: CPU per tick (user + system), %d ticks of %.0f s simulated time\n\n", ticks,
                kIntervalSeconds);
    std::printf("%7s  %-30s %12s %12s %12s %11s\n", "guests", "variant", "CPU us/tick", "wall us/tick",
                "% of a core", "vs baseline");
    run(100, ticks, scratch.path());
    run(1000, std::max(1, ticks / 6), scratch.path());
    std::printf("\n%% of a core = CPU per tick / %.0f s interval. Goal: <= 1 %% with 100 guests.\n", kIntervalSeconds);
    return 0;
}
