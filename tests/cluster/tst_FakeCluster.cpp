// A node of a (fake) three-node cluster: /cluster/status, /nodes and
// /cluster/resources show every member, and follow membership and quorum
// changes at once.
#include "TestAgent.h"
#include "api/Services.h"
#include "cluster/JoinInformation.h"
#include "cluster/fake/FakeMembership.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace atalaia;
using atalaia::test::TestAgent;

namespace {

QJsonArray dataOf(const api::ApiResponse &r)
{
    if (!r.data.isUndefined() && !r.data.isNull())
        return r.data.toArray();
    return QJsonDocument::fromJson(r.body()).object().value(QLatin1String("data")).toArray();
}

QJsonObject entry(const QJsonArray &list, const QString &id)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            return v.toObject();
    return {};
}

} // namespace

class tst_FakeCluster : public QObject
{
    Q_OBJECT
private slots:
    void statusShowsClusterAndNodes()
    {
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        const auto root = a.root();
        const QJsonArray status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, root));
        QCOMPARE(status.size(), 4);
        const QJsonObject cluster = entry(status, QStringLiteral("cluster"));
        QCOMPARE(cluster.value(QLatin1String("name")).toString(), QStringLiteral("lab"));
        QCOMPARE(cluster.value(QLatin1String("nodes")).toInt(), 3);
        QCOMPARE(cluster.value(QLatin1String("quorate")).toInt(), 1);
        QCOMPARE(cluster.value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(entry(status, QStringLiteral("node/node1")).value(QLatin1String("local")).toInt(), 1);
        QCOMPARE(entry(status, QStringLiteral("node/node2")).value(QLatin1String("local")).toInt(), 0);
        QCOMPARE(entry(status, QStringLiteral("node/node2")).value(QLatin1String("ip")).toString(), QStringLiteral("10.77.0.2"));

        const QJsonArray nodes = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/nodes"), {}, root));
        QCOMPARE(nodes.size(), 3);
        const QJsonArray resources = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, root));
        QCOMPARE(entry(resources, QStringLiteral("node/node2")).value(QLatin1String("maxmem")).toInteger(), 8589934592LL);
        QVERIFY(!entry(resources, QStringLiteral("storage/node3/local")).isEmpty()); // storages per node
        QCOMPARE(entry(resources, QStringLiteral("lxc/101")).value(QLatin1String("node")).toString(), QStringLiteral("node2"));
    }

    void membershipChangesShowAtOnce()
    {
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        const auto root = a.root();
        auto &membership = static_cast<cluster::fake::FakeMembership &>(a.agent().services().membership());
        QVERIFY(membership.setOnline(QStringLiteral("node3"), false).has_value());
        QJsonArray status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, root));
        QCOMPARE(entry(status, QStringLiteral("cluster")).value(QLatin1String("quorate")).toInt(), 1); // 2 of 3
        QCOMPARE(entry(status, QStringLiteral("node/node3")).value(QLatin1String("online")).toInt(), 0);
        const QJsonArray resources = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, root));
        QCOMPARE(entry(resources, QStringLiteral("node/node3")).value(QLatin1String("status")).toString(), QStringLiteral("offline"));
        QCOMPARE(entry(resources, QStringLiteral("storage/node3/local")).value(QLatin1String("status")).toString(), QStringLiteral("unknown"));

        QVERIFY(membership.setOnline(QStringLiteral("node2"), false).has_value());
        status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, root));
        QCOMPARE(entry(status, QStringLiteral("cluster")).value(QLatin1String("quorate")).toInt(), 0); // 1 of 3
        QVERIFY(!membership.setOnline(QStringLiteral("nobody"), false).has_value());
    }

    void statusShowsEachNodesLinks()
    {
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        const auto root = a.root();
        auto links = [&](const QString &node) {
            const QJsonArray status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, root));
            return entry(status, QStringLiteral("node/") + node).value(QLatin1String("links")).toArray();
        };
        auto link = [](int number, int connected, const char *address) {
            return QJsonObject{{QStringLiteral("link"), number},
                               {QStringLiteral("connected"), connected},
                               {QStringLiteral("address"), QLatin1String(address)}};
        };
        QCOMPARE(links(QStringLiteral("node2")), (QJsonArray{link(0, 1, "10.77.0.2"), link(1, 1, "10.77.1.2")}));

        auto &membership = static_cast<cluster::fake::FakeMembership &>(a.agent().services().membership());
        QVERIFY(membership.setLinkConnected(QStringLiteral("node2"), 0, false).has_value());
        QCOMPARE(links(QStringLiteral("node2")), (QJsonArray{link(0, 0, "10.77.0.2"), link(1, 1, "10.77.1.2")}));
        QVERIFY(!membership.setLinkConnected(QStringLiteral("node2"), 7, false).has_value());

        QVERIFY(membership.setOnline(QStringLiteral("node3"), false).has_value()); // unreachable on every link
        QCOMPARE(links(QStringLiteral("node3")), (QJsonArray{link(0, 0, "10.77.0.3"), link(1, 0, "10.77.1.3")}));
        QCOMPARE(links(QStringLiteral("node1")), (QJsonArray{link(0, 1, "10.77.0.1"), link(1, 1, "10.77.1.1")}));
    }

    void standaloneHasNoLinks()
    {
        TestAgent a;
        const QJsonArray status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, a.root()));
        QCOMPARE(status.size(), 1);
        QVERIFY(!status.first().toObject().contains(QLatin1String("links")));
    }

    void fixtureLinksNeedANumber()
    {
        auto bad = cluster::fake::FakeMembership::fromJson(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")},
                        {QStringLiteral("nodes"),
                         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("node1")},
                                                {QStringLiteral("links"), QJsonArray{QJsonObject{{QStringLiteral("connected"), true}}}}}}}},
            QStringLiteral("node1"));
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(QLatin1String("\"link\"")), qPrintable(bad.error().message));
    }

    void fixtureMistakesAreClear()
    {
        auto noLocal = cluster::fake::FakeMembership::fromJson(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("lab")},
                        {QStringLiteral("nodes"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("other")}}}}},
            QStringLiteral("node1"));
        QVERIFY(!noLocal);
        QVERIFY(noLocal.error().message.contains(QLatin1String("node1")));
        auto noName = cluster::fake::FakeMembership::fromJson(QJsonObject{}, QStringLiteral("node1"));
        QVERIFY(!noName);
    }

    void corosyncConfigAndJoinInformation()
    {
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        const auto root = a.root();
        const QJsonArray nodes = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/config/nodes"), {}, root));
        QCOMPARE(nodes.size(), 3);
        QCOMPARE(nodes.at(1).toObject().value(QLatin1String("ring1_addr")).toString(), QStringLiteral("10.77.1.2"));
        const auto totem = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/config/totem"), {}, root);
        QCOMPARE(totem.data.toObject().value(QLatin1String("cluster_name")).toString(), QStringLiteral("lab"));

        const auto join = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/config/join"), {}, root);
        QCOMPARE(join.status, 200);
        const auto info = cluster::JoinInformation::fromJoinAnswer(join.data.toObject());
        QVERIFY2(info.has_value(), info ? "" : qPrintable(info.error().message));
        QCOMPARE(info->clusterName(), QStringLiteral("lab"));
        QCOMPARE(info->ipAddress, QStringLiteral("10.77.0.1"));
        QCOMPARE(info->fingerprint, a.agent().certificate().fingerprint.toUpper());
        QCOMPARE(info->linkCount(), 2);
        QVERIFY(!join.data.toObject().value(QLatin1String("config_digest")).toString().isEmpty());
    }

    void standaloneHasNoCorosyncConfig()
    {
        TestAgent a;
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/config/join"), {}, a.root());
        QCOMPARE(r.status, 400);
        QVERIFY(r.message.contains(QLatin1String("not in a cluster")));
    }

    void standaloneHasNoClusterEntry()
    {
        TestAgent a;
        const QJsonArray status = dataOf(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/status"), {}, a.root()));
        QCOMPARE(status.size(), 1);
        QCOMPARE(status.first().toObject().value(QLatin1String("type")).toString(), QStringLiteral("node"));
        QCOMPARE(status.first().toObject().value(QLatin1String("nodeid")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_FakeCluster)
#include "tst_FakeCluster.moc"
