// The collector on fake backends and a fake clock: manual ticks store the
// node's and the guests' figures under Proxmox's names; guests that go away
// keep their series; the thread ticks on its own and stops cleanly.
#include "ResultChecks.h"
#include "base/Clock.h"
#include "metrics/MetricsCollector.h"
#include "metrics/fake/FakeNodeMetrics.h"
#include "metrics/fake/MemoryMetricsArchive.h"
#include "virt/fake/FakeHypervisor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace atalaia;
using namespace atalaia::metrics;

namespace {

constexpr qint64 kT0 = 1764115200;

const char kGuests[] = R"([
  {"vmid": 100, "type": "qemu", "name": "web1", "status": "running", "maxcpu": 2, "cpu": 0.25,
   "maxmem": 2147483648, "mem": 1073741824, "maxdisk": 34359738368, "disk": 0,
   "netin": 0, "netout": 0, "diskread": 0, "diskwrite": 0},
  {"vmid": 101, "type": "lxc", "name": "db1", "status": "stopped", "maxcpu": 1, "maxmem": 536870912}
])";

struct Rig {
    FakeClock clock{kT0 * 1000};
    fake::FakeNodeMetrics node{QJsonObject{{QStringLiteral("cpus"), 8}, {QStringLiteral("cpu"), 0.5},
                                           {QStringLiteral("memory"), 1000}, {QStringLiteral("memory_used"), 400},
                                           {QStringLiteral("netin"), 0}, {QStringLiteral("netout"), 0}}};
    std::unique_ptr<virt::fake::FakeHypervisor> hypervisor =
        std::move(*virt::fake::FakeHypervisor::fromJson(QJsonDocument::fromJson(kGuests).array(), QStringLiteral("node1")));
    fake::MemoryMetricsArchive archive;
    MetricsCollector collector{QStringLiteral("node1"), node, *hypervisor, archive, clock};

    // Ticks every 10 s for SECONDS, the guest's counters growing 1000 bytes a tick.
    void run(qint64 seconds)
    {
        for (qint64 s = 0; s < seconds; s += 10) {
            clock.advanceMs(10000);
            auto guests = hypervisor->guests();
            model::ClusterResource web = guests.first();
            web.netin = *web.netin + 1000;
            web.diskwrite = *web.diskwrite + 5000;
            hypervisor->setGuest(web);
            NodeStatus status = node.sample();
            *status.netIn += 2000;
            node.setStatus(status);
            const MetricsCollector::Tick tick = collector.tick();
            QCOMPARE(tick.failures, 0);
        }
    }
};

} // namespace

class tst_MetricsCollector : public QObject
{
    Q_OBJECT

private slots:
    void ticksStoreNodeAndGuests()
    {
        Rig rig;
        rig.run(1200);
        const qint64 now = rig.clock.nowSeconds() + 1;

        auto node = rig.archive.fetch(SeriesKind::Node, QStringLiteral("node1"), Timeframe::Hour, Consolidation::Average, now);
        VERIFY_OK(node);
        const qsizetype last = node->rows.size() - 1;
        QCOMPARE(node->value(last, QStringLiteral("cpu")), std::optional<double>(0.5));
        QCOMPARE(node->value(last, QStringLiteral("maxcpu")), std::optional<double>(8));
        QCOMPARE(node->value(last, QStringLiteral("memused")), std::optional<double>(400));
        QCOMPARE(node->value(last, QStringLiteral("memtotal")), std::optional<double>(1000));
        QCOMPARE(node->value(last, QStringLiteral("loadavg")), std::optional<double>(0.15));
        QCOMPARE(node->value(last, QStringLiteral("netin")), std::optional<double>(200)); // bytes/s
        QCOMPARE(node->value(last, QStringLiteral("netout")), std::optional<double>(0));

        auto web = rig.archive.fetch(SeriesKind::Guest, QStringLiteral("100"), Timeframe::Hour, Consolidation::Max, now);
        VERIFY_OK(web);
        QCOMPARE(web->value(last, QStringLiteral("cpu")), std::optional<double>(0.25));
        QCOMPARE(web->value(last, QStringLiteral("mem")), std::optional<double>(1073741824.0));
        QCOMPARE(web->value(last, QStringLiteral("netin")), std::optional<double>(100)); // bytes/s
        QCOMPARE(web->value(last, QStringLiteral("diskwrite")), std::optional<double>(500));
        QCOMPARE(web->value(last, QStringLiteral("netout")), std::optional<double>(0));

        // A stopped guest uses nothing; its sizes are kept.
        auto db = rig.archive.fetch(SeriesKind::Guest, QStringLiteral("101"), Timeframe::Hour, Consolidation::Average, now);
        VERIFY_OK(db);
        QCOMPARE(db->value(last, QStringLiteral("cpu")), std::optional<double>(0));
        QCOMPARE(db->value(last, QStringLiteral("maxmem")), std::optional<double>(536870912.0));
        QVERIFY(!db->value(last, QStringLiteral("maxdisk")));
    }

    void vanishedGuestsKeepTheirSeries()
    {
        Rig rig;
        rig.run(120);
        rig.hypervisor->removeGuest(101);
        rig.run(120);
        QVERIFY(rig.archive.contains(SeriesKind::Guest, QStringLiteral("101")));
        auto db = rig.archive.fetch(SeriesKind::Guest, QStringLiteral("101"), Timeframe::Hour, Consolidation::Average,
                                    rig.clock.nowSeconds());
        VERIFY_OK(db);
        QVERIFY(db->value(db->rows.size() - 4, QStringLiteral("maxmem"))); // before it went
        QVERIFY(!db->value(db->rows.size() - 1, QStringLiteral("maxmem"))); // since
    }

    void oneSamplePerSecond()
    {
        Rig rig;
        rig.clock.advanceMs(10000);
        QVERIFY(!rig.collector.tick().skipped);
        const MetricsCollector::Tick again = rig.collector.tick();
        QVERIFY(again.skipped);
        QCOMPARE(again.series, 0);
        rig.clock.advanceMs(1000);
        const MetricsCollector::Tick next = rig.collector.tick();
        QCOMPARE(next.series, 3); // the node and two guests
        // Another node's guest (a fake may list a whole cluster) is not ours.
        model::ClusterResource elsewhere = rig.hypervisor->guests().first();
        elsewhere.id = QStringLiteral("qemu/200");
        elsewhere.vmid = *model::VmId::fromInt(200);
        elsewhere.node = *model::NodeId::parse(QStringLiteral("node2"));
        rig.hypervisor->setGuest(elsewhere);
        rig.clock.advanceMs(1000);
        QCOMPARE(rig.collector.tick().series, 3);
        QVERIFY(!rig.archive.contains(SeriesKind::Guest, QStringLiteral("200")));
    }

    void threadTicksAndStops()
    {
        SystemClock &clock = SystemClock::instance();
        fake::FakeNodeMetrics node{QJsonObject{}}; // no NIC counters: netin/netout stay unknown
        auto hypervisor = std::move(*virt::fake::FakeHypervisor::fromJson({}, QStringLiteral("node1")));
        fake::MemoryMetricsArchive archive;
        {
            MetricsCollector collector(QStringLiteral("node1"), node, *hypervisor, archive, clock);
            collector.start(std::chrono::milliseconds(20));
            QVERIFY(QTest::qWaitFor([&] { return archive.contains(SeriesKind::Node, QStringLiteral("node1")); }, 5000));
        } // joins the thread
        QVERIFY(archive.contains(SeriesKind::Node, QStringLiteral("node1")));
    }
};

QTEST_GUILESS_MAIN(tst_MetricsCollector)
#include "tst_MetricsCollector.moc"
