// The pure half of the corosync membership: the raw values read from cmap,
// votequorum and cfg (or from corosync.conf while corosync is down) become
// the ClusterView the agent serves. No corosync needed.
#include "cluster/StandaloneMembership.h"
#include "cluster/corosync/CorosyncSnapshot.h"
#include "config/CorosyncConfigFile.h"

#include <QTest>

using namespace atalaia;
using cluster::ClusterView;
using cluster::corosync::CorosyncSnapshot;
using Source = CorosyncSnapshot::Source;

namespace {

const QByteArray kLabConf = R"(totem {
  cluster_name: atalaia-lab
  config_version: 4
  interface {
    linknumber: 0
  }
  interface {
    linknumber: 1
  }
  version: 2
}

nodelist {
  node {
    name: node2
    nodeid: 2
    quorum_votes: 2
    ring0_addr: 10.77.0.2
    ring1_addr: 10.77.1.2
  }
  node {
    name: node1
    nodeid: 1
    ring0_addr: 10.77.0.1
    ring1_addr: 10.77.1.1
  }
  node {
    name: node3
    nodeid: 3
    quorum_votes: 1
    ring0_addr: 10.77.0.3
    ring1_addr: 10.77.1.3
  }
}

quorum {
  provider: corosync_votequorum
}
)";

// One line per node, so a failed comparison shows what differs.
QStringList describe(const ClusterView &v)
{
    QStringList out{QStringLiteral("cluster name=%1 quorate=%2 version=%3")
                        .arg(v.name).arg(v.quorate).arg(v.configVersion)};
    for (const cluster::MemberNode &n : v.nodes) {
        QStringList links;
        for (const cluster::LinkStatus &l : n.links)
            links.append(QStringLiteral("%1:%2:%3").arg(l.link).arg(l.connected ? QLatin1String("up") : QLatin1String("down"), l.address));
        out.append(QStringLiteral("%1 id=%2 ip=%3 votes=%4%5%6 links=[%7]")
                       .arg(n.name).arg(n.nodeid).arg(n.address).arg(n.votes)
                       .arg(n.online ? QLatin1String(" online") : QLatin1String(" offline"),
                            n.local ? QLatin1String(" local") : QLatin1String(), links.join(QLatin1Char(' '))));
    }
    return out;
}

CorosyncSnapshot::Node node(quint32 id, const QString &name, bool member,
                            std::optional<QList<CorosyncSnapshot::KnetLink>> links)
{
    CorosyncSnapshot::Node n;
    n.nodeid = id;
    n.name = name;
    n.ringAddrs = {{0, QStringLiteral("10.77.0.%1").arg(id)}, {1, QStringLiteral("10.77.1.%1").arg(id)}};
    n.member = member;
    if (member)
        n.votes = 1;
    n.links = std::move(links);
    return n;
}

CorosyncSnapshot::KnetLink knet(int link, bool enabled, bool connected, const QString &address)
{
    return {link, enabled, connected, address};
}

} // namespace

class tst_CorosyncSnapshot : public QObject
{
    Q_OBJECT
private slots:
    void withoutConfigIsExactlyStandalone()
    {
        const CorosyncSnapshot none;
        QCOMPARE(none.source, Source::NoConfig);
        const ClusterView v = none.toView(QStringLiteral("pve1"));
        QCOMPARE(describe(v), describe(cluster::StandaloneMembership(QStringLiteral("pve1")).view()));
        QVERIFY(v.standalone());
        QVERIFY(v.quorate);
    }

    void configFileNodesAreAllOffline()
    {
        const auto file = config::CorosyncConfigFile::parse(kLabConf, QStringLiteral("corosync.conf"));
        const CorosyncSnapshot s = CorosyncSnapshot::fromConfigFile(file);
        QCOMPARE(s.source, Source::ConfigFile);
        QVERIFY2(s.problem.isEmpty(), qPrintable(s.problem));
        QCOMPARE(s.clusterName, QStringLiteral("atalaia-lab"));
        QCOMPARE(s.configVersion, quint64(4));
        QCOMPARE(s.nodes.size(), 3);
        QCOMPARE(s.nodes.at(0).configuredVotes, quint32(2));
        QCOMPARE(s.nodes.at(1).configuredVotes, quint32(1)); // corosync's default

        QCOMPARE(describe(s.toView(QStringLiteral("node1"))),
                 (QStringList{
                     QStringLiteral("cluster name=atalaia-lab quorate=0 version=4"),
                     QStringLiteral("node1 id=1 ip=10.77.0.1 votes=1 offline local links=[]"),
                     QStringLiteral("node2 id=2 ip=10.77.0.2 votes=2 offline links=[]"),
                     QStringLiteral("node3 id=3 ip=10.77.0.3 votes=1 offline links=[]"),
                 }));
    }

    void brokenConfigFileGivesNoNodesAndSaysWhy()
    {
        const auto file = config::CorosyncConfigFile::parse("totem {\n  cluster_name: x\n", QStringLiteral("corosync.conf"));
        const CorosyncSnapshot s = CorosyncSnapshot::fromConfigFile(file);
        QCOMPARE(s.source, Source::ConfigFile);
        QVERIFY(s.problem.contains(QLatin1String("corosync.conf")));
        QVERIFY(s.nodes.isEmpty());
        const ClusterView v = s.toView(QStringLiteral("node1"));
        QVERIFY(!v.quorate);
        QVERIFY(!v.standalone()); // a cluster node without its cluster: not "standalone, always quorate"
    }

    void liveMembershipQuorumAndLinks()
    {
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.clusterName = QStringLiteral("atalaia-lab");
        s.configVersion = 2;
        s.localNodeId = 1;
        s.quorate = true;
        s.nodes = {
            // Local: knet's own entry is a loopback on link 0; its links are
            // up as far as they reach a peer (link0 reaches none here).
            node(1, QStringLiteral("node1"), true, QList{knet(0, true, true, QStringLiteral("127.0.0.1"))}),
            // A member whose link0 is cut.
            node(2, QStringLiteral("node2"), true,
                 QList{knet(0, true, false, QStringLiteral("10.77.0.2")), knet(1, true, true, QStringLiteral("10.77.1.2"))}),
            // Gone: knet still has the links, not connected; link1 is not
            // even in knet's answer (configured, so listed, down).
            node(3, QStringLiteral("node3"), false, QList{knet(0, true, false, QStringLiteral("10.77.0.3"))}),
        };
        s.nodes[1].votes = 2; // votequorum's figure wins over the nodelist's 1
        QCOMPARE(describe(s.toView(QStringLiteral("node1"))),
                 (QStringList{
                     QStringLiteral("cluster name=atalaia-lab quorate=1 version=2"),
                     QStringLiteral("node1 id=1 ip=10.77.0.1 votes=1 online local links=[0:down:10.77.0.1 1:up:10.77.1.1]"),
                     QStringLiteral("node2 id=2 ip=10.77.0.2 votes=2 online links=[0:down:10.77.0.2 1:up:10.77.1.2]"),
                     QStringLiteral("node3 id=3 ip=10.77.0.3 votes=1 offline links=[0:down:10.77.0.3 1:down:10.77.1.3]"),
                 }));
    }

    void linkRules_data()
    {
        QTest::addColumn<bool>("local");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("connected");
        QTest::addColumn<bool>("expected");
        QTest::newRow("peer up") << false << true << true << true;
        QTest::newRow("peer cut") << false << true << false << false;
        QTest::newRow("peer link disabled") << false << false << true << false;
        // A cluster of one: only knet's loopback, up when enabled.
        QTest::newRow("own loopback enabled") << true << true << false << true;
        QTest::newRow("own loopback disabled") << true << false << false << false;
    }

    void linkRules()
    {
        QFETCH(bool, local);
        QFETCH(bool, enabled);
        QFETCH(bool, connected);
        QFETCH(bool, expected);
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.clusterName = QStringLiteral("c");
        s.localNodeId = local ? 5 : 1;
        s.nodes = {node(5, QStringLiteral("n5"), true, QList{knet(0, enabled, connected, QStringLiteral("knet-side"))})};
        const ClusterView v = s.toView(QStringLiteral("other"));
        QCOMPARE(v.nodes.size(), 1);
        QCOMPARE(v.nodes.at(0).local, local);
        QCOMPARE(v.nodes.at(0).links.size(), 2); // both configured links are listed
        QCOMPARE(v.nodes.at(0).links.at(0).connected, expected);
        QCOMPARE(v.nodes.at(0).links.at(0).address, QStringLiteral("10.77.0.5")); // the configured address wins
        QVERIFY(!v.nodes.at(0).links.at(1).connected); // configured, not in knet's answer
    }

    void ownLinksAreUpWhenTheyReachAPeer()
    {
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.clusterName = QStringLiteral("c");
        s.localNodeId = 1;
        const QString a = QStringLiteral("x");
        s.nodes = {node(1, QStringLiteral("n1"), true, QList{knet(0, true, true, QStringLiteral("127.0.0.1"))}),
                   node(2, QStringLiteral("n2"), true, QList{knet(0, true, false, a), knet(1, true, false, a)}),
                   node(3, QStringLiteral("n3"), true, QList{knet(0, true, true, a), knet(1, true, false, a)})};
        QCOMPARE(describe(s.toView(QStringLiteral("n1"))).at(1),
                 QStringLiteral("n1 id=1 ip=10.77.0.1 votes=1 online local links=[0:up:10.77.0.1 1:down:10.77.1.1]"));
        // Alone (partitioned away): no link reaches anyone.
        (*s.nodes[2].links)[0].connected = false;
        s.nodes[1].member = s.nodes[2].member = false;
        QCOMPARE(describe(s.toView(QStringLiteral("n1"))).at(1),
                 QStringLiteral("n1 id=1 ip=10.77.0.1 votes=1 online local links=[0:down:10.77.0.1 1:down:10.77.1.1]"));
    }

    void unknownLinksAreOmitted()
    {
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.clusterName = QStringLiteral("c");
        s.localNodeId = 1;
        s.nodes = {node(1, QStringLiteral("a"), true, std::nullopt)};
        QVERIFY(s.toView(QStringLiteral("a")).nodes.at(0).links.isEmpty());
    }

    void localNodeIdWinsOverTheName()
    {
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.clusterName = QStringLiteral("c");
        s.localNodeId = 2;
        s.nodes = {node(1, QStringLiteral("a"), true, {}), node(2, QStringLiteral("b"), true, {})};
        const ClusterView v = s.toView(QStringLiteral("a")); // the agent's --node differs from corosync's name
        QVERIFY(!v.node(QStringLiteral("a"))->local);
        QVERIFY(v.node(QStringLiteral("b"))->local);
        // Without corosync's id (file only), the name decides.
        s.source = Source::ConfigFile;
        QVERIFY(s.toView(QStringLiteral("a")).node(QStringLiteral("a"))->local);
    }

    void namelessNodesAndNamelessClusters()
    {
        CorosyncSnapshot s;
        s.source = Source::Corosync;
        s.localNodeId = 1;
        CorosyncSnapshot::Node byAddress = node(1, QString(), true, {});
        CorosyncSnapshot::Node byId = node(7, QString(), false, {});
        byId.ringAddrs.clear();
        s.nodes = {byAddress, byId};
        const ClusterView v = s.toView(QStringLiteral("x"));
        QCOMPARE(v.nodes.at(0).name, QStringLiteral("10.77.0.1")); // pvecm's fallback: ring0_addr
        QCOMPARE(v.nodes.at(1).name, QStringLiteral("node7"));
        QVERIFY(!v.standalone()); // corosync does not insist on cluster_name; a cluster it still is
    }

    void snapshotsCompareByValue()
    {
        // The worker publishes only what differs: equality must see link changes.
        CorosyncSnapshot a;
        a.source = Source::Corosync;
        a.nodes = {node(1, QStringLiteral("a"), true, QList{knet(0, true, true, QStringLiteral("x"))})};
        CorosyncSnapshot b = a;
        QVERIFY(a == b);
        (*b.nodes[0].links)[0].connected = false;
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(tst_CorosyncSnapshot)
#include "tst_CorosyncSnapshot.moc"
