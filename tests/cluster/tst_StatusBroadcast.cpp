// StatusBroadcast: nodes' figures and running guests over a process group
// (a FakeGroupBus): who sees what, members leaving, stale reports, garbage.

#include "cluster/StatusBroadcast.h"
#include "cluster/fake/FakeGroupBus.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace atalaia;
using namespace atalaia::cluster;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 3000;

model::ClusterResource runningVm(const QString &node, int vmid, qint64 maxmem)
{
    model::ClusterResource g;
    g.id = u"qemu/"_s + QString::number(vmid);
    g.type = model::ResourceType::Qemu;
    g.vmid = model::VmId::fromInt(vmid).value();
    g.node = model::NodeId::parse(node).value();
    g.name = u"vm"_s + QString::number(vmid);
    g.status = u"running"_s;
    g.cpu = 0.25;
    g.maxcpu = 2;
    g.mem = maxmem / 2;
    g.maxmem = maxmem;
    g.uptime = 1234;
    return g;
}

NodeReport reportOf(const QString &node, int index)
{
    NodeReport r;
    r.node = node;
    r.status.cpu = 0.1 * index;
    r.status.cpus = 4 * index;
    r.status.memTotal = qint64(index) << 30;
    r.status.memUsed = qint64(index) << 20;
    r.status.uptime = 100 * index;
    r.status.kernel = u"Linux 6.12."_s + QString::number(index);
    r.status.loadavg = {u"0.1"_s, u"0.2"_s, u"0.3"_s};
    r.guests.append(runningVm(node, 100 * index, qint64(index) << 30));
    return r;
}

// One node: its broadcast on a member of the bus, and its channel for the
// test's controls (crash).
struct Node {
    fake::FakeGroupChannel *channel = nullptr;
    std::unique_ptr<StatusBroadcast> broadcast;
};

Node makeNode(fake::FakeGroupBus &bus, quint32 nodeid, int intervalMs = 60000)
{
    const QString name = u"node"_s + QString::number(nodeid);
    std::unique_ptr<fake::FakeGroupChannel> channel = bus.channel(nodeid);
    Node n;
    n.channel = channel.get();
    n.broadcast = std::make_unique<StatusBroadcast>(
        name, std::move(channel), [name, nodeid] { return reportOf(name, int(nodeid)); }, intervalMs);
    return n;
}

QStringList reportingNodes(const StatusBroadcast &b)
{
    QStringList out;
    for (const NodeReport &r : b.reports())
        out.append(r.node);
    out.sort();
    return out;
}

} // namespace

class tst_StatusBroadcast : public QObject
{
    Q_OBJECT

private slots:
    void encodeDecodeRoundTrip()
    {
        NodeReport r = reportOf(u"node2"_s, 2);
        r.status.netIn = 12345;
        r.status.cpuModel = u"Test CPU"_s;
        r.guests.append(runningVm(u"node2"_s, 201, qint64(512) << 20));
        r.bridges = QStringList{u"vmbr0"_s, u"vmbr1"_s};
        r.cpuModels = QStringList{u"qemu64"_s, u"Nehalem"_s};
        r.kvm = true;
        const std::optional<NodeReport> back = StatusBroadcast::decode(StatusBroadcast::encode(r));
        QVERIFY(back);
        QCOMPARE(back->bridges, r.bridges);
        QCOMPARE(back->cpuModels, r.cpuModels);
        QCOMPARE(back->kvm, true);
        QCOMPARE(back->node, u"node2"_s);
        QCOMPARE(back->status.cpu, r.status.cpu);
        QCOMPARE(back->status.cpus, 8);
        QCOMPARE(back->status.memTotal, qint64(2) << 30);
        QCOMPARE(back->status.memUsed, qint64(2) << 20);
        QCOMPARE(back->status.uptime, 200);
        QCOMPARE(back->status.kernel, r.status.kernel);
        QCOMPARE(back->status.cpuModel, u"Test CPU"_s);
        QCOMPARE(back->status.loadavg, r.status.loadavg);
        QCOMPARE(back->status.netIn, std::optional<qint64>(12345));
        QCOMPARE(back->status.netOut, std::nullopt);
        QCOMPARE(back->guests.size(), 2);
        QCOMPARE(back->guests.at(0), r.guests.at(0));
        QCOMPARE(back->guests.at(1), r.guests.at(1));
    }

    void decodeRefusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        // qCompress's 4-byte size header would say ~2 GB here.
        QTest::newRow("not compressed") << QByteArray("{\"v\":1,\"node\":\"node9\"}");
        QTest::newRow("corrupt") << QByteArray("\0\0\0\x08garbage!", 12);
        QTest::newRow("size header only") << QByteArray("\0\0\0\x08", 4);
        QTest::newRow("not json") << qCompress("hello");
        QTest::newRow("array") << qCompress("[1,2,3]");
        QTest::newRow("other version") << qCompress(R"({"v":2,"node":"node9","status":{},"guests":[]})");
        QTest::newRow("no node") << qCompress(R"({"v":1,"status":{},"guests":[]})");
        QTest::newRow("empty node") << qCompress(R"({"v":1,"node":"","status":{},"guests":[]})");
    }
    void decodeRefusesGarbage()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!StatusBroadcast::decode(payload));
    }

    void decodeSkipsBadGuests()
    {
        const QByteArray json = R"({"v":1,"node":"node9","status":{"cpus":2},"guests":[{"id":"qemu/100","type":"qemu","vmid":100,"node":"node9","status":"running"},{"type":42},"x"]})";
        const std::optional<NodeReport> r = StatusBroadcast::decode(qCompress(json));
        QVERIFY(r);
        QCOMPARE(r->status.cpus, 2);
        QCOMPARE(r->guests.size(), 1);
        QCOMPARE(r->guests.at(0).id, u"qemu/100"_s);
    }

    void everyNodeSeesTheOthers()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1), n2 = makeNode(bus, 2), n3 = makeNode(bus, 3);
        QSignalSpy updated(n1.broadcast.get(), &StatusBroadcast::updated);
        n1.broadcast->start();
        n2.broadcast->start();
        n3.broadcast->start();
        // The interval is a minute: what arrives comes from joining (publishNow).
        const QStringList others1{u"node2"_s, u"node3"_s};
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n1.broadcast), others1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n2.broadcast), (QStringList{u"node1"_s, u"node3"_s}), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n3.broadcast), (QStringList{u"node1"_s, u"node2"_s}), kWaitMs);

        // Its own report is not kept.
        QVERIFY(!n1.broadcast->report(u"node1"_s));
        QVERIFY(!n1.broadcast->report(u"node4"_s));

        const std::optional<NodeReport> r3 = n1.broadcast->report(u"node3"_s);
        QVERIFY(r3);
        QCOMPARE(r3->node, u"node3"_s);
        QCOMPARE(r3->status.cpus, 12);
        QCOMPARE(r3->status.memTotal, qint64(3) << 30);
        QCOMPARE(r3->guests.size(), 1);
        QCOMPARE(r3->guests.at(0).id, u"qemu/300"_s);
        QCOMPARE(r3->guests.at(0).status, std::optional<QString>(u"running"_s));
        QCOMPARE(r3->guests.at(0).maxmem, std::optional<qint64>(qint64(3) << 30));
        QVERIFY(r3->receivedMs > 0);

        QVERIFY(updated.count() >= 2);
        QStringList updatedNodes;
        for (const QList<QVariant> &args : std::as_const(updated))
            updatedNodes.append(args.at(0).toString());
        QVERIFY(updatedNodes.contains(u"node2"_s));
        QVERIFY(updatedNodes.contains(u"node3"_s));
        QVERIFY(!updatedNodes.contains(u"node1"_s));
    }

    void publishNowSendsTheCurrentFigures()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1);
        int guests = 0;
        auto channel = bus.channel(2);
        StatusBroadcast b2(u"node2"_s, std::move(channel), [&guests] {
            NodeReport r = reportOf(u"node2"_s, 2);
            r.guests.clear();
            for (int i = 0; i < guests; ++i)
                r.guests.append(runningVm(u"node2"_s, 200 + i, qint64(1) << 30));
            return r;
        }, 60000);
        n1.broadcast->start();
        b2.start();
        QTRY_VERIFY_WITH_TIMEOUT(n1.broadcast->report(u"node2"_s).has_value(), kWaitMs);
        QCOMPARE(n1.broadcast->report(u"node2"_s)->guests.size(), 0);
        guests = 2; // two guests started
        b2.publishNow();
        QTRY_COMPARE_WITH_TIMEOUT(n1.broadcast->report(u"node2"_s)->guests.size(), 2, kWaitMs);
    }

    void aCrashedMemberDisappears()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1), n2 = makeNode(bus, 2), n3 = makeNode(bus, 3);
        n1.broadcast->start();
        n2.broadcast->start();
        n3.broadcast->start();
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s, u"node3"_s}), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n2.broadcast), (QStringList{u"node1"_s, u"node3"_s}), kWaitMs);
        QSignalSpy updated(n1.broadcast.get(), &StatusBroadcast::updated);
        n3.channel->crash();
        // Delivery on the fake bus is synchronous: gone at once, not after a timeout.
        QCOMPARE(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s}));
        QCOMPARE(reportingNodes(*n2.broadcast), (QStringList{u"node1"_s}));
        QVERIFY(!n1.broadcast->report(u"node3"_s));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(updated.at(0).at(0).toString(), u"node3"_s);
    }

    void aRestartedAgentKeepsItsReportWhenTheOldOneLeaves()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1);
        n1.broadcast->start();
        // node2's agent hangs; a new one starts (same nodeid, new pid) and
        // reports before the old process is gone from the group.
        std::unique_ptr<fake::FakeGroupChannel> old = bus.channel(2), fresh = bus.channel(2);
        QVERIFY(old->join().has_value());
        NodeReport before = reportOf(u"node2"_s, 2);
        before.guests.clear();
        QVERIFY(old->send(StatusBroadcast::encode(before)).has_value());
        QVERIFY(fresh->join().has_value());
        QVERIFY(fresh->send(StatusBroadcast::encode(reportOf(u"node2"_s, 2))).has_value());
        QCOMPARE(n1.broadcast->report(u"node2"_s)->guests.size(), 1);
        old->crash();
        QVERIFY(n1.broadcast->report(u"node2"_s).has_value());
        QCOMPARE(n1.broadcast->report(u"node2"_s)->guests.size(), 1);
        // When the new one leaves, node2 is gone.
        fresh->crash();
        QVERIFY(!n1.broadcast->report(u"node2"_s).has_value());
    }

    void aPartitionSeparatesAndHealingReunites()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1), n2 = makeNode(bus, 2), n3 = makeNode(bus, 3);
        n1.broadcast->start();
        n2.broadcast->start();
        n3.broadcast->start();
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n3.broadcast), (QStringList{u"node1"_s, u"node2"_s}), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s, u"node3"_s}), kWaitMs);
        bus.partition({{1, 2}, {3}});
        QCOMPARE(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s}));
        QCOMPARE(reportingNodes(*n2.broadcast), (QStringList{u"node1"_s}));
        QCOMPARE(reportingNodes(*n3.broadcast), QStringList());
        bus.heal();
        // The interval is a minute: the rejoined learn of each other at once.
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n3.broadcast), (QStringList{u"node1"_s, u"node2"_s}), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s, u"node3"_s}), kWaitMs);
    }

    void staleReportsAreNotReturned()
    {
        fake::FakeGroupBus bus;
        const int intervalMs = 100;
        Node n1 = makeNode(bus, 1, intervalMs);
        n1.broadcast->start();
        // A member that reports once and then falls silent without leaving.
        std::unique_ptr<fake::FakeGroupChannel> silent = bus.channel(9);
        QVERIFY(silent->join().has_value());
        QElapsedTimer sent;
        sent.start();
        QVERIFY(silent->send(StatusBroadcast::encode(reportOf(u"node9"_s, 9))).has_value());
        QVERIFY(n1.broadcast->report(u"node9"_s).has_value());
        QCOMPARE(reportingNodes(*n1.broadcast), (QStringList{u"node9"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(!n1.broadcast->report(u"node9"_s).has_value(), kWaitMs);
        QVERIFY2(sent.elapsed() >= 3 * intervalMs, qPrintable(QString::number(sent.elapsed())));
        QCOMPARE(reportingNodes(*n1.broadcast), QStringList());
        // A new report makes it fresh again.
        QVERIFY(silent->send(StatusBroadcast::encode(reportOf(u"node9"_s, 9))).has_value());
        QVERIFY(n1.broadcast->report(u"node9"_s).has_value());
    }

    void garbageIsIgnored()
    {
        fake::FakeGroupBus bus;
        Node n1 = makeNode(bus, 1), n2 = makeNode(bus, 2);
        n1.broadcast->start();
        n2.broadcast->start();
        QTRY_COMPARE_WITH_TIMEOUT(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s}), kWaitMs);
        std::unique_ptr<fake::FakeGroupChannel> noisy = bus.channel(9);
        QVERIFY(noisy->join().has_value());
        QSignalSpy updated(n1.broadcast.get(), &StatusBroadcast::updated);
        for (const QByteArray &payload : {QByteArray("garbage!"), QByteArray("\0\0\0\x08garbage!", 12),
                                          qCompress("not json"), QByteArray(),
                                          qCompress(R"({"v":7,"node":"node9"})"),
                                          qCompress(R"({"v":1,"node":""})")})
            QVERIFY(noisy->send(payload).has_value());
        // A report claiming to be the receiver itself is not stored either.
        NodeReport own = reportOf(u"node1"_s, 5);
        QVERIFY(noisy->send(StatusBroadcast::encode(own)).has_value());
        QCOMPARE(updated.count(), 0);
        QCOMPARE(reportingNodes(*n1.broadcast), (QStringList{u"node2"_s}));
        QVERIFY(!n1.broadcast->report(u"node1"_s));
        QCOMPARE(n1.broadcast->report(u"node2"_s)->status.cpus, 8);
    }
};

QTEST_GUILESS_MAIN(tst_StatusBroadcast)
#include "tst_StatusBroadcast.moc"
