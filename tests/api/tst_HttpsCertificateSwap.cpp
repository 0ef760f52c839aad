// Replacing a running agent's TLS certificate (Agent::installCertificate):
// new TLS connections get the new certificate without a restart, open ones
// keep theirs, the API reports the new fingerprint, and a refused or failed
// install leaves the old certificate served and on disk. Also
// NodeCertificate's own guarantees: key files 0600, no leftovers, and a
// crash between its two renames completed at the next start.
//
// The server runs on this thread: every wait spins the event loop.
#include "SpinUntil.h"
#include "TestAgent.h"

#include "ResultChecks.h"
#include "agent/NodeCertificate.h"
#include "api/Services.h"
#include "cluster/ClusterCertificates.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

#include <sys/stat.h>

using namespace atalaia;
using atalaia::cluster::ClusterCertificates;
using atalaia::cluster::KeyAndCertificate;
using atalaia::test::TestAgent;
using atalaia::test::spinUntil;

namespace {

// Generous for a loaded CI machine (ASan); a handshake takes milliseconds.
constexpr int kHandshakeMs = 10000;

QString fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

// A TLS connection to the agent on 127.0.0.1. Without CA it accepts any
// certificate (the test compares fingerprints); with one, only a chain to
// that CA naming PEERNAME.
std::unique_ptr<QSslSocket> connectTls(quint16 port, const QByteArray &caPem = {},
                                       const QString &peerName = QStringLiteral("localhost"))
{
    auto socket = std::make_unique<QSslSocket>();
    if (caPem.isEmpty()) {
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    } else {
        QSslConfiguration tls = socket->sslConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(caPem, QSsl::Pem));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket->setSslConfiguration(tls);
        socket->setPeerVerifyName(peerName);
    }
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    spinUntil([&] { return socket->isEncrypted() || socket->state() == QAbstractSocket::UnconnectedState; },
              kHandshakeMs);
    return socket;
}

// The fingerprint a fresh connection is shown; empty when none is made.
QString presentedFingerprint(quint16 port)
{
    const auto socket = connectTls(port);
    return socket->isEncrypted() ? fingerprintOf(socket->peerCertificate()) : QString();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// The file's permission bits, as ls shows them (QFile adds the "User" bits).
int modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// What install() may leave beside the pair: nothing.
QStringList leftovers(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.new")}, QDir::AllEntries | QDir::Hidden | QDir::System);
}

KeyAndCertificate issue(const KeyAndCertificate &ca, const QString &node = QStringLiteral("node1"))
{
    auto issued = ClusterCertificates::issueNodeCertificate(ca.keyPem, ca.certificatePem, node,
                                                            {QStringLiteral("10.77.0.1")});
    if (!issued)
        qFatal("issue: %s", qPrintable(issued.error().toString()));
    return *issued;
}

KeyAndCertificate makeCa()
{
    auto ca = ClusterCertificates::createCa(QStringLiteral("lab"));
    if (!ca)
        qFatal("CA: %s", qPrintable(ca.error().toString()));
    return *ca;
}

// A one-request HTTP exchange on an open connection: the status code, or 0.
int statusOf(QSslSocket &socket, const QByteArray &path)
{
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray buffer;
    spinUntil([&] {
        buffer += socket.readAll();
        return buffer.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
    }, kHandshakeMs);
    return buffer.startsWith("HTTP/1.1 ") ? buffer.mid(9, 3).toInt() : 0;
}

} // namespace

class tst_HttpsCertificateSwap : public QObject
{
    Q_OBJECT

    // The agent's own fingerprint as GET /cluster/config/join reports it.
    static QString joinFingerprint(TestAgent &a)
    {
        const auto join = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/config/join"), {}, a.root());
        if (join.status != 200)
            return QStringLiteral("status %1").arg(join.status);
        for (const QJsonValue &n : join.data.toObject().value(QLatin1String("nodelist")).toArray())
            if (n.toObject().value(QLatin1String("name")).toString() == QLatin1String("node1"))
                return n.toObject().value(QLatin1String("pve_fp")).toString();
        return {};
    }

private slots:
    void newConnectionsGetTheInstalledCertificate()
    {
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        VERIFY_OK(a.agent().listen());
        const quint16 port = a.agent().port();
        const QString oldFingerprint = a.agent().certificate().fingerprint;
        QCOMPARE(presentedFingerprint(port), oldFingerprint);
        QCOMPARE(joinFingerprint(a), oldFingerprint);

        // A connection open across the swap.
        const auto before = connectTls(port);
        QVERIFY(before->isEncrypted());
        QCOMPARE(statusOf(*before, "/api2/json/version"), 401);

        const KeyAndCertificate ca = makeCa();
        const KeyAndCertificate issued = issue(ca);
        const QString newFingerprint = agent::NodeCertificate::fingerprintOf(issued.certificatePem);
        QVERIFY(newFingerprint != oldFingerprint);
        VERIFY_OK(a.agent().installCertificate(issued.keyPem, issued.certificatePem));

        // Served to a new connection, at once and without a restart.
        QCOMPARE(a.agent().port(), port);
        QCOMPARE(presentedFingerprint(port), newFingerprint);
        // ... to a client that trusts the cluster CA alone and checks names.
        for (const QString &name : {QStringLiteral("localhost"), QStringLiteral("node1"), QStringLiteral("127.0.0.1")}) {
            const auto verified = connectTls(port, ca.certificatePem, name);
            QVERIFY2(verified->isEncrypted(), qPrintable(name + QStringLiteral(": ") + verified->errorString()));
        }
        // ... and refused by one that trusts another CA.
        const auto stranger = connectTls(port, makeCa().certificatePem);
        QVERIFY(!stranger->isEncrypted());

        // The open connection keeps the certificate it negotiated, and works.
        QCOMPARE(fingerprintOf(before->peerCertificate()), oldFingerprint);
        QCOMPARE(statusOf(*before, "/api2/json/version"), 401);

        // The agent, the API and the disk agree.
        QCOMPARE(a.agent().certificate().fingerprint, newFingerprint);
        QCOMPARE(a.agent().certificate().certificatePem, issued.certificatePem);
        QCOMPARE(a.agent().services().node().fingerprint, newFingerprint);
        QCOMPARE(joinFingerprint(a), newFingerprint);
        const auto &files = a.agent().certificate();
        QCOMPARE(readFile(files.keyFile), issued.keyPem);
        QCOMPARE(readFile(files.certificateFile), issued.certificatePem);
        QCOMPARE(modeOf(files.keyFile), 0600);
        QCOMPARE(modeOf(files.certificateFile) & 0622, 0600); // public, but only the owner writes (umask aside)
        QCOMPARE(leftovers(QFileInfo(files.keyFile).absolutePath()), QStringList());

        // Once more: a second swap works the same way.
        const KeyAndCertificate renewed = issue(ca);
        VERIFY_OK(a.agent().installCertificate(renewed.keyPem, renewed.certificatePem));
        QCOMPARE(presentedFingerprint(port), agent::NodeCertificate::fingerprintOf(renewed.certificatePem));
    }

    void beforeListeningTheFilesDecide()
    {
        TestAgent a;
        const KeyAndCertificate issued = issue(makeCa());
        VERIFY_OK(a.agent().installCertificate(issued.keyPem, issued.certificatePem));
        VERIFY_OK(a.agent().listen());
        QCOMPARE(presentedFingerprint(a.agent().port()), agent::NodeCertificate::fingerprintOf(issued.certificatePem));
    }

    void failedInstallKeepsTheOldCertificate_data()
    {
        const KeyAndCertificate ca = makeCa();
        const KeyAndCertificate one = issue(ca);
        const KeyAndCertificate two = issue(ca);
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("certificate");
        QTest::newRow("key of another certificate") << one.keyPem << two.certificatePem;
        QTest::newRow("CA's key") << ca.keyPem << one.certificatePem;
        QTest::newRow("not PEM") << QByteArray("key") << QByteArray("certificate");
        QTest::newRow("no key") << QByteArray() << one.certificatePem;
        QTest::newRow("swapped") << one.certificatePem << one.keyPem;
    }

    void failedInstallKeepsTheOldCertificate()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, certificate);
        TestAgent a(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        VERIFY_OK(a.agent().listen());
        const agent::NodeCertificate old = a.agent().certificate();
        const QByteArray oldKey = readFile(old.keyFile);

        VERIFY_FAILS(a.agent().installCertificate(key, certificate), Code::InvalidArgument);

        QCOMPARE(presentedFingerprint(a.agent().port()), old.fingerprint);
        QCOMPARE(a.agent().certificate().fingerprint, old.fingerprint);
        QCOMPARE(joinFingerprint(a), old.fingerprint);
        QCOMPARE(readFile(old.keyFile), oldKey);
        QCOMPARE(readFile(old.certificateFile), old.certificatePem);
        QCOMPARE(leftovers(QFileInfo(old.keyFile).absolutePath()), QStringList());
    }

    void failedWriteKeepsTheOldCertificate()
    {
        // The certificate's temporary file cannot be made (a directory is in
        // its way; permissions would not stop root): the key was written
        // already, and must not replace the old one.
        TestAgent a;
        VERIFY_OK(a.agent().listen());
        const agent::NodeCertificate old = a.agent().certificate();
        const QByteArray oldKey = readFile(old.keyFile);
        QVERIFY(QDir().mkpath(old.certificateFile + QStringLiteral(".new/blocker")));

        const KeyAndCertificate issued = issue(makeCa());
        VERIFY_FAILS(a.agent().installCertificate(issued.keyPem, issued.certificatePem), Code::Io);

        QCOMPARE(presentedFingerprint(a.agent().port()), old.fingerprint);
        QCOMPARE(a.agent().certificate().fingerprint, old.fingerprint);
        QCOMPARE(a.agent().services().node().fingerprint, old.fingerprint);
        QCOMPARE(readFile(old.keyFile), oldKey);
        QCOMPARE(readFile(old.certificateFile), old.certificatePem);
        QVERIFY(!QFile::exists(old.keyFile + QStringLiteral(".new")));

        // Out of the way, the same install succeeds.
        QVERIFY(QDir(old.certificateFile + QStringLiteral(".new")).removeRecursively());
        VERIFY_OK(a.agent().installCertificate(issued.keyPem, issued.certificatePem));
        QCOMPARE(presentedFingerprint(a.agent().port()), agent::NodeCertificate::fingerprintOf(issued.certificatePem));
    }

    void interruptedInstallIsCompletedOnStart()
    {
        // A crash after the key's rename, before the certificate's: the new
        // key beside the old certificate, the new certificate pending.
        QTemporaryDir dir;
        const QStringList addresses{QStringLiteral("127.0.0.1")};
        auto first = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_OK(first);
        const KeyAndCertificate issued = issue(makeCa());
        QVERIFY(writeFile(first->keyFile, issued.keyPem));
        QVERIFY(writeFile(first->certificateFile + QStringLiteral(".new"), issued.certificatePem));

        auto again = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_OK(again);
        QCOMPARE(again->certificatePem, issued.certificatePem);
        QCOMPARE(again->fingerprint, agent::NodeCertificate::fingerprintOf(issued.certificatePem));
        QCOMPARE(leftovers(dir.path()), QStringList());
    }

    void interruptedWriteIsDiscardedOnStart()
    {
        // A crash before the first rename: the old pair stands.
        QTemporaryDir dir;
        const QStringList addresses{QStringLiteral("127.0.0.1")};
        auto first = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_OK(first);
        const KeyAndCertificate issued = issue(makeCa());
        QVERIFY(writeFile(first->keyFile + QStringLiteral(".new"), issued.keyPem));
        QVERIFY(writeFile(first->certificateFile + QStringLiteral(".new"), issued.certificatePem.left(100)));

        auto again = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_OK(again);
        QCOMPARE(again->fingerprint, first->fingerprint);
        QCOMPARE(leftovers(dir.path()), QStringList());
    }

    void mismatchedPairIsRefusedAtStart()
    {
        QTemporaryDir dir;
        const QStringList addresses{QStringLiteral("127.0.0.1")};
        auto first = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_OK(first);
        QVERIFY(writeFile(first->keyFile, issue(makeCa()).keyPem));
        const auto again = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), addresses);
        VERIFY_FAILS(again, Code::Crypto);
        QVERIFY2(again.error().message.contains(QLatin1String("does not belong")), qPrintable(again.error().message));
    }

    void installOnTheStructUpdatesIt()
    {
        QTemporaryDir dir;
        auto c = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), {});
        VERIFY_OK(c);
        const agent::NodeCertificate old = *c;
        const KeyAndCertificate issued = issue(makeCa());
        VERIFY_FAILS(c->install(issued.keyPem, old.certificatePem), Code::InvalidArgument);
        QCOMPARE(c->fingerprint, old.fingerprint); // unchanged by the failure
        VERIFY_OK(c->install(issued.keyPem, issued.certificatePem));
        QCOMPARE(c->fingerprint, agent::NodeCertificate::fingerprintOf(issued.certificatePem));
        QCOMPARE(c->certificatePem, issued.certificatePem);
        QCOMPARE(c->keyFile, old.keyFile);
        // What a restart would see.
        auto reloaded = agent::NodeCertificate::ensure(dir.path(), QStringLiteral("node1"), {});
        VERIFY_OK(reloaded);
        QCOMPARE(reloaded->fingerprint, c->fingerprint);
    }
};

QTEST_GUILESS_MAIN(tst_HttpsCertificateSwap)
#include "tst_HttpsCertificateSwap.moc"
