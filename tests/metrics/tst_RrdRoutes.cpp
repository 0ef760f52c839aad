// GET /nodes/{node}/rrddata and /nodes/{node}/qemu|lxc/{vmid}/rrddata through
// the in-process agent on the fake backend (whose archive holds a made-up
// past day): Proxmox's shape, the timeframes and consolidation functions,
// and the schema's permissions (Sys.Audit on the node, VM.Audit on the guest).
#include "TestAgent.h"
#include "api/Services.h"
#include "metrics/MetricsArchive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using atalaia::test::TestAgent;
namespace api = atalaia::api;

namespace {

const QString kMatrix = QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/matrix.json");

// Privilege-separated tokens of the fixture: admin@pve!sep has PVEVMUser on
// /vms/100 only; roma@pve!tok has no ACL entry at all.
TestAgent::Session token(const char *id, const char *secret)
{
    TestAgent::Session s;
    s.token = QString::fromLatin1(id) + QLatin1Char('=') + QString::fromLatin1(secret);
    return s;
}
const TestAgent::Session kVmToken = token("admin@pve!sep", "0b5e6d7c-1111-4222-8333-944455556666");
const TestAgent::Session kNoAclToken = token("roma@pve!tok", "1b5e6d7c-1111-4222-8333-944455556667");

QJsonArray rows(const api::ApiResponse &r)
{
    return QJsonDocument::fromJson(r.body()).object().value(QLatin1String("data")).toArray();
}

} // namespace

class tst_RrdRoutes : public QObject
{
    Q_OBJECT

private slots:
    void nodeHourInProxmoxShape()
    {
        TestAgent a(kMatrix);
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/rrddata"),
                              {{QStringLiteral("timeframe"), QStringLiteral("hour")}}, a.root());
        QCOMPARE(r.status, 200);
        const QJsonArray list = rows(r);
        QCOMPARE(list.size(), 60);
        const qint64 t0 = list.first().toObject().value(QLatin1String("time")).toInteger();
        QCOMPARE(t0 % 60, 0);
        QCOMPARE(list.at(1).toObject().value(QLatin1String("time")).toInteger(), t0 + 60);
        // The demo history: every minute known, with Proxmox's field names.
        const QJsonObject row = list.at(30).toObject();
        for (const char *field : {"cpu", "maxcpu", "memtotal", "memused", "loadavg", "iowait", "roottotal"})
            QVERIFY2(row.contains(QLatin1String(field)), field);
        QCOMPARE(row.value(QLatin1String("maxcpu")).toDouble(), 4.0);
        QVERIFY(!row.contains(QLatin1String("netin"))); // unknown values are left out
    }

    void timeframesAndConsolidation_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("timeframe");
        QTest::addColumn<QString>("cf");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("step");
        QTest::newRow("qemu day max") << "/nodes/node1/qemu/100/rrddata" << "day" << "MAX" << 70 << 1800;
        QTest::newRow("lxc week") << "/nodes/node1/lxc/101/rrddata" << "week" << "" << 70 << 10800;
        QTest::newRow("qemu month") << "/nodes/node1/qemu/102/rrddata" << "month" << "AVERAGE" << 70 << 43200;
        QTest::newRow("node year") << "/nodes/node1/rrddata" << "year" << "MAX" << 70 << 604800;
        QTest::newRow("node decade") << "/nodes/node1/rrddata" << "decade" << "" << 70 << 604800;
    }
    void timeframesAndConsolidation()
    {
        QFETCH(QString, path);
        QFETCH(QString, timeframe);
        QFETCH(QString, cf);
        QFETCH(int, count);
        QFETCH(int, step);
        TestAgent a(kMatrix);
        QJsonObject params{{QStringLiteral("timeframe"), timeframe}};
        if (!cf.isEmpty())
            params.insert(QStringLiteral("cf"), cf);
        const auto r = a.call(QStringLiteral("GET"), path, params, a.root());
        QCOMPARE(r.status, 200);
        const QJsonArray list = rows(r);
        QCOMPARE(list.size(), count);
        QCOMPARE(list.at(1).toObject().value(QLatin1String("time")).toInteger()
                     - list.at(0).toObject().value(QLatin1String("time")).toInteger(),
                 step);
    }

    void guestFiguresFromTheHistory()
    {
        TestAgent a(kMatrix);
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/qemu/100/rrddata"),
                              {{QStringLiteral("timeframe"), QStringLiteral("day")}}, a.root());
        QCOMPARE(r.status, 200);
        const QJsonObject row = rows(r).at(60).toObject();
        QCOMPARE(row.value(QLatin1String("maxcpu")).toDouble(), 2.0);
        QCOMPARE(row.value(QLatin1String("maxmem")).toDouble(), 2147483648.0);
        QVERIFY(row.value(QLatin1String("cpu")).toDouble() > 0);
        QVERIFY(row.value(QLatin1String("netin")).toDouble() > 0); // bytes per second
    }

    void refusalsAndErrors()
    {
        TestAgent a(kMatrix);
        const QJsonObject hour{{QStringLiteral("timeframe"), QStringLiteral("hour")}};
        auto get = [&](const QString &path, const TestAgent::Session &s) {
            return a.call(QStringLiteral("GET"), path, hour, s).status;
        };
        // VM.Audit on /vms/100 only.
        QCOMPARE(get(QStringLiteral("/nodes/node1/qemu/100/rrddata"), kVmToken), 200);
        QCOMPARE(get(QStringLiteral("/nodes/node1/lxc/101/rrddata"), kVmToken), 403);
        QCOMPARE(get(QStringLiteral("/nodes/node1/rrddata"), kVmToken), 403);
        // No privilege at all.
        QCOMPARE(get(QStringLiteral("/nodes/node1/qemu/100/rrddata"), kNoAclToken), 403);
        QCOMPARE(get(QStringLiteral("/nodes/node1/rrddata"), kNoAclToken), 403);
        QCOMPARE(get(QStringLiteral("/nodes/node1/rrddata"), {}), 401);
        // The timeframe is required; its values are the schema's.
        QCOMPARE(a.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/rrddata"), {}, a.root()).status, 400);
        QCOMPARE(a.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/rrddata"),
                        {{QStringLiteral("timeframe"), QStringLiteral("minute")}}, a.root()).status, 400);
        // Another node's, and a guest no one ever saw.
        QCOMPARE(get(QStringLiteral("/nodes/node2/rrddata"), a.root()), 404);
        QCOMPARE(get(QStringLiteral("/nodes/node1/qemu/999/rrddata"), a.root()), 500);
    }

    void noArchiveIsNotImplemented()
    {
        TestAgent a(kMatrix);
        a.agent().services().setMetricsArchive(nullptr);
        QVERIFY(!a.agent().services().metricsArchive());
        QCOMPARE(a.call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/rrddata"),
                        {{QStringLiteral("timeframe"), QStringLiteral("hour")}}, a.root()).status,
                 501);
    }
};

QTEST_GUILESS_MAIN(tst_RrdRoutes)
#include "tst_RrdRoutes.moc"
