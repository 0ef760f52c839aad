// GET /cluster/config/qdevice's part that can be tested without a cluster:
// corosync-qdevice-tool's output (captured in the lab, tests/lab/lab-qdevice)
// to the object Proxmox VE's API returns, and the real source's answer when no
// qdevice runs.
#include "cluster/QDeviceStatus.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using atalaia::cluster::QDeviceStatus;
using atalaia::cluster::SystemQDeviceStatus;

namespace {

// `corosync-qdevice-tool -sv` on node1 of a two-node lab cluster, connected to
// the lab's qnetd host (corosync-qdevice 3.0.3).
const QString kConnected = QStringLiteral(
    "Qdevice information\n"
    "-------------------\n"
    "Model:\t\t\tNet\n"
    "Node ID:\t\t1\n"
    "HB interval:\t\t10000ms\n"
    "Sync HB interval:\t30000ms\n"
    "Configuration version:\t3\n"
    "Configured node list:\n"
    "    0\tNode ID = 1\n"
    "    1\tNode ID = 2\n"
    "Heuristics:\t\tDisabled\n"
    "Ring ID:\t\t1.16\n"
    "Membership node list:\t1, 2\n"
    "Quorate:\t\tYes\n"
    "Quorum node list:\n"
    "    0\tNode ID = 2, State = member\n"
    "    1\tNode ID = 1, State = member\n"
    "Expected votes:\t\t3\n"
    "Last poll call:\t\t2026-11-26T16:35:43 (cast vote)\n"
    "\n"
    "Qdevice-net information\n"
    "----------------------\n"
    "Cluster name:\t\tatalaia-lab\n"
    "QNetd host:\t\t10.77.0.250:5403\n"
    "Connect timeout:\t8000ms\n"
    "HB interval:\t\t8000ms\n"
    "VQ vote timer interval:\t5000ms\n"
    "TLS:\t\t\tSupported\n"
    "Algorithm:\t\tFifty-Fifty split\n"
    "Tie-breaker:\t\tNode with lowest node ID\n"
    "KAP Tie-breaker:\tEnabled\n"
    "Poll timer running:\tYes (cast vote)\n"
    "State:\t\t\tConnected\n"
    "TLS active:\t\tYes (client certificate sent)\n"
    "Connected since:\t2026-11-26T16:35:21\n"
    "Echo reply received:\t2026-11-26T16:35:37\n");

// The same node (another run) three seconds after its qnetd host went away
// (`tools/lab qnetd down`): connecting again, no vote cast.
const QString kConnecting = QStringLiteral(
    "Qdevice information\n"
    "-------------------\n"
    "Model:\t\t\tNet\n"
    "Node ID:\t\t1\n"
    "HB interval:\t\t10000ms\n"
    "Sync HB interval:\t30000ms\n"
    "Configuration version:\t2\n"
    "Configured node list:\n"
    "    0\tNode ID = 1\n"
    "    1\tNode ID = 2\n"
    "Heuristics:\t\tDisabled\n"
    "Ring ID:\t\t1.3a\n"
    "Membership node list:\t1, 2\n"
    "Quorate:\t\tNo\n"
    "Quorum node list:\n"
    "    0\tNode ID = 1, State = member\n"
    "Expected votes:\t\t3\n"
    "Last poll call:\t\t2026-11-26T16:37:42\n"
    "\n"
    "Qdevice-net information\n"
    "----------------------\n"
    "Cluster name:\t\tatalaia-lab\n"
    "QNetd host:\t\t10.77.0.250:5403\n"
    "Connect timeout:\t8000ms\n"
    "HB interval:\t\t8000ms\n"
    "VQ vote timer interval:\t5000ms\n"
    "TLS:\t\t\tSupported\n"
    "Algorithm:\t\tFifty-Fifty split\n"
    "Tie-breaker:\t\tNode with lowest node ID\n"
    "KAP Tie-breaker:\tEnabled\n"
    "Poll timer running:\tYes\n"
    "State:\t\t\tConnecting\n");

} // namespace

class TestQDeviceStatus : public QObject
{
    Q_OBJECT

private slots:
    void connectedVerbose()
    {
        const QJsonObject o = QDeviceStatus::parse(kConnected);
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
        const QJsonObject o = QDeviceStatus::parse(kConnecting);
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
