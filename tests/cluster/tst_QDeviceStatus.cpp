// GET /cluster/config/qdevice's part that can be tested without a cluster:
// corosync-qdevice-tool's output (captured in the lab, tests/lab/lab-qdevice)
// to the object Proxmox VE's API returns, and the real source's answer when no
// qdevice runs.
#include "cluster/QDeviceStatus.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using atalaia::cluster::QDeviceStatus;
using atalaia::cluster::SystemQDeviceStatus;

namespace {

// `corosync-qdevice-tool -sv` output captured on node1 of a two-node lab
// cluster (corosync-qdevice 3.0.3), as tests/data/qdevice/README.md tells:
// "connected" to the lab's qnetd host, and "connecting" three seconds after
// that host went away.
QString capture(const char *name)
{
    QFile file(QStringLiteral(ATALAIA_TEST_DATA_DIR "/qdevice/%1.txt").arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestQDeviceStatus : public QObject
{
    Q_OBJECT

private slots:
    void connectedVerbose()
    {
        const QJsonObject o = QDeviceStatus::parse(capture("connected"));
        // The keys Proxmox's GUI shows, with values as the tool prints them.
        QCOMPARE(o.value(QLatin1String("State")).toString(), QStringLiteral("Connected"));
        QCOMPARE(o.value(QLatin1String("Model")).toString(), QStringLiteral("Net"));
        QCOMPARE(o.value(QLatin1String("Algorithm")).toString(), QStringLiteral("Fifty-Fifty split"));
        QCOMPARE(o.value(QLatin1String("Tie-breaker")).toString(), QStringLiteral("Node with lowest node ID"));
        // Values with colons of their own keep them.
        QCOMPARE(o.value(QLatin1String("QNetd host")).toString(), QStringLiteral("10.77.0.250:5403"));
        QCOMPARE(o.value(QLatin1String("Last poll call")).toString(), QStringLiteral("2026-11-26T16:35:43 (cast vote)"));
        QCOMPARE(o.value(QLatin1String("Echo reply received")).toString(), QStringLiteral("2026-11-26T16:35:37"));
        QCOMPARE(o.value(QLatin1String("Membership node list")).toString(), QStringLiteral("1, 2"));
        QCOMPARE(o.value(QLatin1String("Poll timer running")).toString(), QStringLiteral("Yes (cast vote)"));
        // Repeated key: the later section's (qnetd heartbeat) wins, as in Proxmox's hash.
        QCOMPARE(o.value(QLatin1String("HB interval")).toString(), QStringLiteral("8000ms"));
        // Titles, underlines, list headers and list items are not keys.
        for (const char *absent : {"Qdevice information", "Qdevice-net information", "Configured node list",
                                   "Quorum node list", "0\tNode ID = 1", "Node ID = 1"})
            QVERIFY2(!o.contains(QLatin1String(absent)), absent);
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            QVERIFY2(it.value().isString(), qPrintable(it.key()));
            QVERIFY2(!it.key().startsWith(u' ') && !it.key().startsWith(u'-'), qPrintable(it.key()));
        }
        QCOMPARE(o.size(), 24);
    }

    void connecting()
    {
        const QJsonObject o = QDeviceStatus::parse(capture("connecting"));
        QCOMPARE(o.value(QLatin1String("State")).toString(), QStringLiteral("Connecting"));
        QCOMPARE(o.value(QLatin1String("Poll timer running")).toString(), QStringLiteral("Yes"));
        QCOMPARE(o.value(QLatin1String("Last poll call")).toString(), QStringLiteral("2026-11-26T16:37:42"));
        QCOMPARE(o.size(), 21);
    }

    void emptyAndNoise_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank lines") << QStringLiteral("\n\n  \n");
        QTest::newRow("titles only") << QStringLiteral("Qdevice information\n-------------------\n");
        QTest::newRow("list header, no value") << QStringLiteral("Configured node list:\n    0\tNode ID = 1\n");
    }
    void emptyAndNoise()
    {
        QFETCH(QString, text);
        QCOMPARE(QDeviceStatus::parse(text), QJsonObject());
    }

    void crlfAndSpaces()
    {
        const QJsonObject o = QDeviceStatus::parse(QStringLiteral("State :  Connected \r\nModel:Net\r\n"));
        QCOMPARE(o.value(QLatin1String("State")).toString(), QStringLiteral("Connected"));
        QCOMPARE(o.value(QLatin1String("Model")).toString(), QStringLiteral("Net"));
    }

    // No socket: no qdevice on this node, the API answers {} (nullopt), and the
    // tool is not even run.
    void systemWithoutSocket()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const SystemQDeviceStatus status(dir.filePath(QStringLiteral("corosync-qdevice.sock")),
                                         dir.filePath(QStringLiteral("no-such-tool")));
        const auto text = status.statusText();
        QVERIFY(text.has_value());
        QVERIFY(!text->has_value());
    }

    // A socket file but a tool that fails: an error, not an empty status.
    void systemToolFails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString socket = dir.filePath(QStringLiteral("corosync-qdevice.sock"));
        QFile f(socket);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const SystemQDeviceStatus status(socket, QStringLiteral("false"));
        const auto text = status.statusText();
        QVERIFY(!text.has_value());
    }
};

QTEST_GUILESS_MAIN(TestQDeviceStatus)
#include "tst_QDeviceStatus.moc"
