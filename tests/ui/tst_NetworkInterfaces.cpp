// A node's network interfaces: the fixture's "network" array (fake), the
// kernel's (real), and GET /nodes/{node}/network and /network/{iface} in
// Proxmox's shape, which the cluster wizards offer link addresses from.
#include "TestAgent.h"
#include "agent/Backends.h"
#include "api/Services.h"
#include "metrics/NetworkInterfaces.h"
#include "metrics/fake/FakeNetworkInterfaces.h"
#include "metrics/proc/SystemNetworkInterfaces.h"

#include <QJsonArray>
#include <QNetworkInterface>
#include <QTest>

using namespace atalaia;
using atalaia::test::TestAgent;

namespace {

using Fields = std::initializer_list<std::pair<const char *, const char *>>;

QJsonObject object(Fields fields)
{
    QJsonObject o;
    for (const auto &[key, value] : fields)
        o.insert(QString::fromLatin1(key), QString::fromLatin1(value));
    return o;
}

QJsonObject entry(const QJsonArray &list, const QString &iface)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value(QLatin1String("iface")).toString() == iface)
            return v.toObject();
    return {};
}

} // namespace

class tst_NetworkInterfaces : public QObject
{
    Q_OBJECT

private slots:
    void fixtureEntries_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("netmask");
        QTest::addColumn<QString>("cidr");
        QTest::addColumn<QString>("error"); // part of the message, or empty
        const auto row = [](const char *name, Fields json, const char *address, const char *netmask, const char *cidr,
                            const char *error) {
            QTest::newRow(name) << object(json) << QString::fromLatin1(address) << QString::fromLatin1(netmask)
                                << QString::fromLatin1(cidr) << QString::fromLatin1(error);
        };
        row("cidr", {{"iface", "vmbr0"}, {"cidr", "10.77.0.1/24"}}, "10.77.0.1", "255.255.255.0", "10.77.0.1/24", "");
        row("address and dotted mask", {{"iface", "eno2"}, {"address", "10.1.2.3"}, {"netmask", "255.255.0.0"}},
            "10.1.2.3", "255.255.0.0", "10.1.2.3/16", "");
        row("address and prefix", {{"iface", "eno2"}, {"address", "10.1.2.3"}, {"netmask", "8"}}, "10.1.2.3",
            "255.0.0.0", "10.1.2.3/8", "");
        row("no address", {{"iface", "eno3"}}, "", "", "", "");
        row("bad cidr", {{"iface", "eno1"}, {"cidr", "10.77.0.300/24"}}, "", "", "", "not an IPv4 address");
        row("IPv6 as cidr", {{"iface", "eno1"}, {"cidr", "fd00::1/64"}}, "", "", "", "not an IPv4 address");
        row("bad name", {{"iface", "1x"}}, "", "", "", "a name of 2 to 20");
    }

    void fixtureEntries()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, address);
        QFETCH(QString, netmask);
        QFETCH(QString, cidr);
        QFETCH(QString, error);
        const auto parsed = metrics::NetworkInterface::fromJson(json);
        if (!error.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
            return;
        }
        QVERIFY2(parsed.has_value(), qPrintable(parsed.error().message));
        QCOMPARE(parsed->address, address);
        QCOMPARE(parsed->netmask, netmask);
        QCOMPARE(parsed->cidr, cidr);
        QCOMPARE(parsed->method, address.isEmpty() ? QStringLiteral("manual") : QStringLiteral("static"));
        const QJsonObject out = parsed->toJson();
        QCOMPARE(out.value(QLatin1String("cidr")).toString(), cidr);
        QCOMPARE(out.value(QLatin1String("families")).toArray().contains(QStringLiteral("inet")), !address.isEmpty());
    }

    void fakeWithoutArrayHasOneBridge()
    {
        auto fake = metrics::fake::FakeNetworkInterfaces::fromJson(QJsonValue());
        QVERIFY(fake.has_value());
        const auto list = (*fake)->list();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().iface, QStringLiteral("vmbr0"));
        QCOMPARE(list.first().type, QStringLiteral("bridge"));
        QVERIFY(!list.first().address.isEmpty());
    }

    void fakeRefusesDuplicates()
    {
        auto fake = metrics::fake::FakeNetworkInterfaces::fromJson(
            QJsonArray{object({{"iface", "eno1"}}), object({{"iface", "eno1"}})});
        QVERIFY(!fake);
        QVERIFY(fake.error().message.contains(QLatin1String("twice")));
        QVERIFY(!metrics::fake::FakeNetworkInterfaces::fromJson(QJsonObject{}));
    }

    // The real node's list is the kernel's, without the loopback device.
    void systemListsTheKernelsInterfaces()
    {
        const auto list = metrics::proc::SystemNetworkInterfaces().list();
        QStringList names;
        for (const auto &n : list) {
            QVERIFY(!n.iface.isEmpty());
            names.append(n.iface);
        }
        for (const QNetworkInterface &n : QNetworkInterface::allInterfaces()) {
            if (n.flags().testFlag(QNetworkInterface::IsLoopBack)) {
                QVERIFY2(!names.contains(n.name()), qPrintable(n.name()));
                continue;
            }
            for (const QNetworkAddressEntry &a : n.addressEntries())
                if (a.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                    QVERIFY2(names.contains(n.name()), qPrintable(n.name()));
                    const auto &listed = *std::find_if(list.cbegin(), list.cend(), [&](const auto &e) { return e.iface == n.name(); });
                    QCOMPARE(listed.cidr, QStringLiteral("%1/%2").arg(a.ip().toString()).arg(a.prefixLength()));
                    break;
                }
        }
        QVERIFY(std::is_sorted(names.cbegin(), names.cend()));
    }

    void routeAnswersLikeProxmox()
    {
        TestAgent agent;
        auto &services = agent.agent().services();
        const auto root = agent.root();
        // Until the agent hands its backend to the services, the route says it cannot tell.
        if (!services.networkInterfaces()) {
            QCOMPARE(agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network"), {}, root).status, 501);
            services.setNetworkInterfaces(agent.agent().backends().networkInterfaces.get());
        }
        const auto all = agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network"), {}, root);
        QCOMPARE(all.status, 200);
        const QJsonArray list = all.data.toArray();
        QCOMPARE(list.size(), 4); // tests/data/fake/standalone.json
        const QJsonObject bridge = entry(list, QStringLiteral("vmbr0"));
        QCOMPARE(bridge.value(QLatin1String("type")).toString(), QStringLiteral("bridge"));
        QCOMPARE(bridge.value(QLatin1String("address")).toString(), QStringLiteral("10.77.0.1"));
        QCOMPARE(bridge.value(QLatin1String("netmask")).toString(), QStringLiteral("255.255.255.0"));
        QCOMPARE(bridge.value(QLatin1String("cidr")).toString(), QStringLiteral("10.77.0.1/24"));
        QCOMPARE(bridge.value(QLatin1String("gateway")).toString(), QStringLiteral("10.77.0.254"));
        QCOMPARE(bridge.value(QLatin1String("bridge_ports")).toString(), QStringLiteral("eno1"));
        QCOMPARE(bridge.value(QLatin1String("active")).toInt(), 1);
        QCOMPARE(bridge.value(QLatin1String("method")).toString(), QStringLiteral("static"));
        QCOMPARE(entry(list, QStringLiteral("eno3")).value(QLatin1String("active")).toInt(), 0);
        QVERIFY(!entry(list, QStringLiteral("eno1")).contains(QLatin1String("address")));

        auto filtered = [&](const char *type) {
            return agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network"),
                              {{QStringLiteral("type"), QString::fromLatin1(type)}}, root).data.toArray().size();
        };
        QCOMPARE(filtered("any_bridge"), 1);
        QCOMPARE(filtered("eth"), 3);
        QCOMPARE(filtered("bond"), 0);
        QCOMPARE(agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network"),
                            {{QStringLiteral("type"), QStringLiteral("nonsense")}}, root).status, 400);

        const auto one = agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network/eno2"), {}, root);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.data.toObject().value(QLatin1String("cidr")).toString(), QStringLiteral("10.77.1.1/24"));
        const auto missing = agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network/eno9"), {}, root);
        QCOMPARE(missing.status, 400);
        QVERIFY(missing.errors.contains(QLatin1String("iface")));
        QCOMPARE(agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node7/network"), {}, root).status, 404);
        QCOMPARE(agent.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/network")).status, 401);
    }
};

QTEST_GUILESS_MAIN(tst_NetworkInterfaces)
#include "tst_NetworkInterfaces.moc"
