// The console's datacenter tree at scale: 100,000 resources in 10 clusters
// (16 nodes, 64 storages, 20 pools and ~9,900 guests each; GeneratedResources).
//   InitialLoad            10 × applyResources() into an empty model
//   Snapshot/prepare       ResourceSnapshot (fingerprints) of 10 parsed answers:
//                          the parser thread's share of a refresh
//   Refresh/diff           a refresh of all 10 clusters in which 1 % of the
//                          resources changed (CPU, memory, status; 3 % of the
//                          changes are guests created, destroyed, migrated,
//                          retagged): applyResources(ResourceSnapshot) per
//                          cluster, the GUI thread's share
//   Refresh/diff(unprepared)  the same from plain lists: the fingerprints are
//                          taken on the GUI thread too
//   Refresh/reset          the same refresh done naively (resetResources():
//                          beginResetModel, rebuild, endResetModel): the baseline
//   Refresh/diff+proxy     the diff seen through a ResourceFilterProxyModel
//                          (empty filter) whose every row has been visited
//   Refresh/diff+proxy(web)  the same with the filter "web" active
//   Refresh/diff+view      the diff under a QTreeView (offscreen) on the proxy,
//                          every datacenter and node expanded, events processed
//                          after each refresh (layout and paint)
//   Filter/keystroke       setFilterText() one character at a time: "w", "we",
//                          "web", "web0", "web01", then deleting back to "";
//                          type_ms / delete_ms / clear_ms split the cases
//   Filter/keystroke+walk  the same, then visiting every visible row, as an
//                          expanded view's layout would
// The consumer of each model is a SignalCounter (counts the signals per
// iteration, holds ~1,000 persistent indexes like a selection would) so that
// what the signals cost downstream is in the figures. Run: tools/bench ui

#include "GeneratedResources.h"
#include "GoalReporter.h"
#include "SignalCounter.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceSnapshot.h"
#include "models/ResourceTreeModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTreeView>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

using namespace atalaia;
using namespace atalaia::ui;
using namespace Qt::StringLiterals;
using model::ClusterResource;

namespace {

constexpr int kClusters = 10;
constexpr int kResourcesPerCluster = 10'000;
constexpr double kRefreshFraction = 0.01;
constexpr int kHeldIndexStep = 100; // a persistent index on every 100th row: ~1,000

QString clusterId(int i)
{
    return u"cluster%1"_s.arg(i);
}

// Three independent copies (no shared strings), as three parsed answers
// would be: the one loaded, and the two that refreshes alternate between.
struct Snapshots {
    QList<QList<ClusterResource>> base; // loaded
    QList<QList<ClusterResource>> again; // base, parsed again
    QList<QList<ClusterResource>> refreshed; // base with 1 % changed
    // The same two as ResourceSnapshot, fingerprints computed (as a parser
    // thread would do).
    QList<ResourceSnapshot> preparedAgain;
    QList<ResourceSnapshot> preparedRefreshed;
};

const Snapshots &snapshots()
{
    static const Snapshots data = [] {
        Snapshots s;
        for (int i = 0; i < kClusters; ++i) {
            s.base.append(bench::GeneratedResources::cluster(i, kResourcesPerCluster));
            s.again.append(bench::GeneratedResources::reparsed(s.base.last()));
            s.refreshed.append(bench::GeneratedResources::reparsed(
                bench::GeneratedResources::refreshed(s.base.last(), i, kRefreshFraction, quint32(i))));
            s.preparedAgain.append(ResourceSnapshot(s.again.last()));
            s.preparedRefreshed.append(ResourceSnapshot(s.refreshed.last()));
        }
        return s;
    }();
    return data;
}

void loadAll(ResourceTreeModel &model)
{
    for (int i = 0; i < kClusters; ++i) {
        model.addCluster(clusterId(i), u"Cluster %1"_s.arg(i));
        model.applyResources(clusterId(i), snapshots().base[qsizetype(i)]);
    }
}

// Visits every row, as the layout of a fully expanded tree view does.
qsizetype walk(const QAbstractItemModel &model, const QModelIndex &parent = QModelIndex())
{
    qsizetype rows = 0;
    const int count = model.rowCount(parent);
    for (int row = 0; row < count; ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        ++rows;
        if (!(model.flags(index) & Qt::ItemNeverHasChildren))
            rows += walk(model, index);
    }
    return rows;
}

qint64 vmRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

void setSignalCounters(benchmark::State &state, const bench::SignalCounter &counter)
{
    const auto perIteration = [&](qint64 n) {
        return benchmark::Counter(double(n) / double(state.iterations()));
    };
    state.counters["inserts"] = perIteration(counter.inserts);
    state.counters["removes"] = perIteration(counter.removes);
    state.counters["moves"] = perIteration(counter.moves);
    state.counters["dataChanged"] = perIteration(counter.dataChanges);
    state.counters["resets"] = perIteration(counter.resets);
}

void InitialLoad(benchmark::State &state)
{
    qint64 rows = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto model = std::make_unique<ResourceTreeModel>();
        new bench::SignalCounter(model.get());
        state.ResumeTiming();
        loadAll(*model);
        state.PauseTiming();
        rows = walk(*model);
        model.reset();
        state.ResumeTiming();
    }
    state.counters["rows"] = double(rows);
}

enum class RefreshMode { Diff, DiffUnprepared, Reset, DiffProxy, DiffProxyFiltered, DiffView };

void Refresh(benchmark::State &state, RefreshMode mode)
{
    ResourceTreeModel model;
    loadAll(model);
    ResourceFilterProxyModel proxy;
    std::unique_ptr<QTreeView> view;
    QAbstractItemModel *consumer = &model;
    if (mode == RefreshMode::DiffProxy || mode == RefreshMode::DiffProxyFiltered) {
        proxy.setSourceModel(&model);
        if (mode == RefreshMode::DiffProxyFiltered)
            proxy.setFilterText(u"web"_s);
        consumer = &proxy;
        walk(proxy); // maps every row
    }
    if (mode == RefreshMode::DiffView) {
        proxy.setSourceModel(&model);
        consumer = &proxy;
        view = std::make_unique<QTreeView>();
        view->setUniformRowHeights(true);
        view->setModel(&proxy);
        view->resize(1000, 800);
        view->show();
        view->expandToDepth(1); // datacenters and nodes
        QCoreApplication::processEvents();
    }
    bench::SignalCounter counter(consumer);
    counter.holdPersistentIndexes(kHeldIndexStep);
    bool toRefreshed = true;
    for (auto _ : state) {
        const auto &next = toRefreshed ? snapshots().refreshed : snapshots().again;
        const auto &prepared = toRefreshed ? snapshots().preparedRefreshed : snapshots().preparedAgain;
        for (int i = 0; i < kClusters; ++i) {
            if (mode == RefreshMode::Reset)
                model.resetResources(clusterId(i), next[qsizetype(i)]);
            else if (mode == RefreshMode::DiffUnprepared)
                model.applyResources(clusterId(i), next[qsizetype(i)]);
            else
                model.applyResources(clusterId(i), prepared[qsizetype(i)]);
        }
        if (view)
            QCoreApplication::processEvents(); // layout and paint, as the event loop would
        toRefreshed = !toRefreshed;
    }
    setSignalCounters(state, counter);
}

const QStringList &keystrokes()
{
    // Typing "web01", deleting it again, and the empty filter (everything back).
    static const QStringList keys{u"w"_s, u"we"_s, u"web"_s, u"web0"_s, u"web01"_s,
                                  u"web0"_s, u"web"_s, u"we"_s, u"w"_s, QString()};
    return keys;
}

void FilterKeystroke(benchmark::State &state, bool walkRows)
{
    ResourceTreeModel model;
    loadAll(model);
    ResourceFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    bench::SignalCounter counter(&proxy);
    walk(proxy);
    qsizetype key = 0;
    qint64 worstNs = 0;
    qsizetype visible = 0;
    // Typing narrows the filter (only visible rows are re-tested); deleting a
    // character widens it and clearing it brings every row back: the worst case.
    qint64 narrowNs = 0, widenNs = 0, clearNs = 0;
    qint64 narrowCount = 0, widenCount = 0, clearCount = 0;
    QElapsedTimer timer;
    for (auto _ : state) {
        const QString &text = keystrokes()[key % keystrokes().size()];
        const bool narrowing = text.startsWith(proxy.filterText());
        timer.start();
        proxy.setFilterText(text);
        if (walkRows)
            visible = walk(proxy);
        else
            visible = proxy.rowCount(); // what a collapsed view asks
        const qint64 ns = timer.nsecsElapsed();
        worstNs = qMax(worstNs, ns);
        if (text.isEmpty()) {
            clearNs += ns;
            ++clearCount;
        } else if (narrowing) {
            narrowNs += ns;
            ++narrowCount;
        } else {
            widenNs += ns;
            ++widenCount;
        }
        benchmark::DoNotOptimize(visible);
        ++key;
    }
    setSignalCounters(state, counter);
    state.counters["worst_ms"] = double(worstNs) / 1e6;
    state.counters["type_ms"] = narrowCount ? double(narrowNs) / double(narrowCount) / 1e6 : 0.0;
    state.counters["delete_ms"] = widenCount ? double(widenNs) / double(widenCount) / 1e6 : 0.0;
    state.counters["clear_ms"] = clearCount ? double(clearNs) / double(clearCount) / 1e6 : 0.0;
}

void SnapshotPrepare(benchmark::State &state)
{
    for (auto _ : state) {
        for (int i = 0; i < kClusters; ++i) {
            ResourceSnapshot prepared(snapshots().refreshed[qsizetype(i)]);
            benchmark::DoNotOptimize(prepared.fingerprint(0));
        }
    }
}

BENCHMARK(SnapshotPrepare)->Name("Snapshot/prepare")->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(InitialLoad)->Name("InitialLoad")->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(Refresh, diff, RefreshMode::Diff)->Name("Refresh/diff")->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(Refresh, diff_unprepared, RefreshMode::DiffUnprepared)
    ->Name("Refresh/diff(unprepared)")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Refresh, reset, RefreshMode::Reset)
    ->Name("Refresh/reset")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Refresh, diff_proxy, RefreshMode::DiffProxy)
    ->Name("Refresh/diff+proxy")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Refresh, diff_proxy_filtered, RefreshMode::DiffProxyFiltered)
    ->Name("Refresh/diff+proxy(web)")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(Refresh, diff_view, RefreshMode::DiffView)
    ->Name("Refresh/diff+view")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(FilterKeystroke, plain, false)
    ->Name("Filter/keystroke")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(50);
BENCHMARK_CAPTURE(FilterKeystroke, walk, true)
    ->Name("Filter/keystroke+walk")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(50);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    bench::GoalReporter reporter;
    // Memory first, before the benchmarks' own snapshots exist: the model as
    // a console holds it (each snapshot dropped once applied), then with a
    // proxy that has mapped every row.
    {
        const qint64 before = vmRssKiB();
        ResourceTreeModel model;
        for (int i = 0; i < kClusters; ++i) {
            model.addCluster(clusterId(i), u"Cluster %1"_s.arg(i));
            model.applyResources(clusterId(i), bench::GeneratedResources::cluster(i, kResourcesPerCluster));
        }
        const qint64 loaded = vmRssKiB();
        ResourceFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        const qsizetype rows = walk(proxy);
        const qint64 mapped = vmRssKiB();
        std::printf("model: %d clusters, %lld rows; VmRSS %.1f MB before load\n", kClusters,
                    static_cast<long long>(rows), double(before) / 1024);
        reporter.addExtraRow("VmRSS after load (process)", double(loaded) / 1024, "MB", 250);
        reporter.addExtraRow("VmRSS after load, proxy fully mapped", double(mapped) / 1024, "MB", 250);
        reporter.addExtraRow("  of which the model", double(loaded - before) / 1024, "MB", 0);
    }
    snapshots(); // generated outside any timing
    reporter.setGoal("Refresh/diff", {20, "Refresh/reset"});
    reporter.setGoal("Refresh/diff(unprepared)", {20, "Refresh/reset"});
    reporter.setGoal("Refresh/diff+proxy", {0, "Refresh/reset"});
    reporter.setGoal("Refresh/diff+view", {0, "Refresh/reset"});
    reporter.setGoal("Filter/keystroke", {50, ""});
    reporter.setGoal("Filter/keystroke+walk", {50, ""});

    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
