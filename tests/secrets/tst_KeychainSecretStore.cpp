// KeychainSecretStore against a real keychain: QtKeychain, libsecret and
// gnome-keyring on a private D-Bus session bus (tools/with-secret-service,
// which CTest runs this under). And without any keychain: a child process of
// this test whose session bus address leads nowhere.

#include "SecretStoreContract.h"
#include "SecretsTestSupport.h"

#include "secrets/KeychainSecretStore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;
using namespace atalaia::secrets;
using namespace atalaia::test;
using namespace Qt::StringLiterals;

namespace {

// Set by tools/with-secret-service: a usable Secret Service is on the
// session bus, so its absence is a failure, not a reason to skip.
constexpr auto kSecretServiceEnv = "ATALAIA_SECRET_SERVICE";
// Set in the child that runs without a keychain.
constexpr auto kNoKeychainChildEnv = "ATALAIA_TST_SECRETS_NO_KEYCHAIN";

bool isNoKeychainChild()
{
    return qEnvironmentVariableIsSet(kNoKeychainChildEnv);
}

// The entries of this run live in a service of their own: never a user's
// "atalaia" entries, even if someone runs this against their desktop session.
QString testService()
{
    return u"atalaia-test-%1"_s.arg(QCoreApplication::applicationPid());
}

// What `secret-tool lookup` finds for KEY: QtKeychain's libsecret schema
// stores an entry with attributes server=SERVICE, user=ENTRY NAME. Proof that
// a secret really went into the Secret Service, not somewhere else.
struct Lookup {
    bool found = false;
    QString secret;
    QString error;
};

Lookup secretToolLookup(const SecretKey &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, key.service(), u"user"_s, key.entryName()});
    if (!tool.waitForFinished(kSecretsTimeoutMs))
        return {false, {}, u"secret-tool did not finish: %1"_s.arg(tool.errorString())};
    return {tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0,
            QString::fromUtf8(tool.readAllStandardOutput()), QString::fromLocal8Bit(tool.readAllStandardError())};
}

} // namespace

class tst_KeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void probe();
    void contract_data();
    void contract();
    void entriesAreInTheSecretService();
    void readsWhatOthersStored();
    void noKeychain();

    // Runs in the child process only (see noKeychain).
    void noKeychainChild();

private:
    void requireSecretService();

    // HOME and the XDG directories point here: whatever anything writes
    // (a QSettings fallback file would land in $HOME/.config) is seen.
    QTemporaryDir m_home;
};

void tst_KeychainSecretStore::initTestCase()
{
    if (isNoKeychainChild())
        return; // the parent set up HOME and the bus address
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qunsetenv(name);
}

void tst_KeychainSecretStore::cleanupTestCase()
{
    if (isNoKeychainChild() || !m_home.isValid())
        return;
    // No secret of the contract checks ever reached a file.
    for (const QString &secret : {u"first secret"_s, u"second secret"_s, u"pässwörd ☃ 🔑"_s})
        QVERIFY2(filesContaining(m_home.path(), secret).isEmpty(),
                 qPrintable(filesContaining(m_home.path(), secret).join(u", ")));
}

void tst_KeychainSecretStore::requireSecretService()
{
    if (isNoKeychainChild())
        QSKIP("the child runs noKeychainChild only");
    if (!qEnvironmentVariableIsSet(kSecretServiceEnv))
        QSKIP("needs a real Secret Service: run through tools/with-secret-service (CTest does)");
}

void tst_KeychainSecretStore::probe()
{
    requireSecretService();
    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    QVERIFY(!store.available());
    SECRETS_VERIFY_OK(settle(store.probe()));
    QVERIFY(store.available());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);
    // Two probes at once share one answer.
    auto first = store.probe();
    auto second = store.probe();
    SECRETS_VERIFY_OK(settle(first));
    SECRETS_VERIFY_OK(settle(second));
    QCOMPARE(changed.count(), 1);
}

using Check = void (*)(SecretStore &, const QString &);
Q_DECLARE_METATYPE(Check)

void tst_KeychainSecretStore::contract_data()
{
    QTest::addColumn<Check>("check");
    QTest::addColumn<bool>("probeFirst");
    // Each check also runs on a fresh store that has not probed yet: its
    // first calls wait for the probe it starts.
    for (const bool probeFirst : {true, false}) {
        const char *when = probeFirst ? "probed" : "unprobed";
        QTest::addRow("write, read, overwrite, remove (%s)", when) << Check(&contract::writeReadOverwriteRemove) << probeFirst;
        QTest::addRow("read missing (%s)", when) << Check(&contract::readMissing) << probeFirst;
        QTest::addRow("remove missing (%s)", when) << Check(&contract::removeMissing) << probeFirst;
        QTest::addRow("keys are separate (%s)", when) << Check(&contract::keysAreSeparate) << probeFirst;
        QTest::addRow("secrets come back exactly (%s)", when) << Check(&contract::secretsComeBackExactly) << probeFirst;
        QTest::addRow("invalid arguments (%s)", when) << Check(&contract::refusesInvalidArguments) << probeFirst;
        QTest::addRow("call order (%s)", when) << Check(&contract::answersInCallOrder) << probeFirst;
    }
}

void tst_KeychainSecretStore::contract()
{
    requireSecretService();
    QFETCH(Check, check);
    QFETCH(bool, probeFirst);
    KeychainSecretStore store;
    if (probeFirst)
        SECRETS_VERIFY_OK(settle(store.probe()));
    check(store, testService());
    if (QTest::currentTestFailed())
        return;
    QVERIFY(store.available());
}

void tst_KeychainSecretStore::entriesAreInTheSecretService()
{
    requireSecretService();
    KeychainSecretStore store;
    const SecretKey key(u"prod:eu"_s, u"root@pam!ci"_s, SecretKey::Kind::TokenSecret, testService());
    SECRETS_VERIFY_OK(settle(store.write(key, u"token uuid ☃"_s)));

    Lookup found = secretToolLookup(key);
    QVERIFY2(found.found, qPrintable(found.error));
    QCOMPARE(found.secret, u"token uuid ☃"_s);

    SECRETS_VERIFY_OK(settle(store.remove(key)));
    found = secretToolLookup(key);
    QVERIFY2(!found.found, qPrintable(found.secret));
}

// An entry stored by another program under the same names (here
// secret-tool, as a console of another version might have) reads back.
void tst_KeychainSecretStore::readsWhatOthersStored()
{
    requireSecretService();
    const SecretKey key(u"prod"_s, u"jane@pve"_s, SecretKey::Kind::Password, testService());
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"store"_s, u"--label=atalaia test"_s, u"server"_s, key.service(), u"user"_s,
                                  key.entryName(), u"type"_s, u"plaintext"_s});
    QVERIFY2(tool.waitForStarted(kSecretsTimeoutMs), qPrintable(tool.errorString()));
    tool.write("stored elsewhere");
    tool.closeWriteChannel();
    QVERIFY(tool.waitForFinished(kSecretsTimeoutMs));
    QVERIFY2(tool.exitCode() == 0, tool.readAllStandardError().constData());

    KeychainSecretStore store;
    const auto read = settle(store.read(key));
    SECRETS_VERIFY_OK(read);
    QCOMPARE(*read, u"stored elsewhere"_s);
    SECRETS_VERIFY_OK(settle(store.remove(key)));
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::SecretNotFound);
}

// No keychain: a child process of this test, with its session bus address
// pointing at a socket that does not exist, and a HOME of its own that must
// stay empty (no plain-text fallback file, no keyring file, nothing).
void tst_KeychainSecretStore::noKeychain()
{
    if (isNoKeychainChild())
        QSKIP("the child runs noKeychainChild only");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString home = dir.filePath(u"home"_s);
    QVERIFY(QDir().mkpath(home));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kNoKeychainChildEnv), u"1"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + dir.filePath(u"no-bus-here"_s));
    env.insert(u"HOME"_s, home);
    // Nothing may find another way to a bus or a keychain: no X11 autolaunch
    // of a bus, no runtime directory with a bus socket in it.
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"XDG_RUNTIME_DIR"_s, u"XDG_CONFIG_HOME"_s,
                                u"XDG_DATA_HOME"_s, u"XDG_CACHE_HOME"_s, u"XDG_STATE_HOME"_s, QString::fromLatin1(kSecretServiceEnv)})
        env.remove(name);

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {u"noKeychainChild"_s});
    QVERIFY2(child.waitForStarted(kSecretsTimeoutMs), qPrintable(child.errorString()));
    QVERIFY2(child.waitForFinished(kSecretsTimeoutMs * 2), "the child without a keychain did not finish");
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("PASS   : tst_KeychainSecretStore::noKeychainChild()"), output.constData());

    const QStringList written = filesUnder(dir.path());
    QVERIFY2(written.isEmpty(), qPrintable(u"files written without a keychain: "_s + written.join(u", ")));
}

void tst_KeychainSecretStore::noKeychainChild()
{
    if (!isNoKeychainChild())
        QSKIP("runs in noKeychain's child process");

    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    const auto probed = settle(store.probe());
    SECRETS_VERIFY_FAILS(probed, Code::KeychainUnavailable);
    QCOMPARE(probed.error().domain(), Domain::Secrets);
    qInfo("probe: %s", qPrintable(probed.error().message));
    QVERIFY2(probed.error().message.startsWith(u"No keychain is available"), qPrintable(probed.error().message));
    QVERIFY2(probed.error().message.contains(u"never store it in a file"), qPrintable(probed.error().message));
    QVERIFY(!store.available());
    QCOMPARE(changed.count(), 0);

    const SecretKey key(u"prod"_s, u"root@pam"_s, SecretKey::Kind::Password, testService());
    SECRETS_VERIFY_FAILS(settle(store.write(key, u"must not land anywhere"_s)), Code::KeychainUnavailable);
    // KeychainUnavailable, not SecretNotFound: "no keychain" is not "not stored yet".
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::KeychainUnavailable);
    SECRETS_VERIFY_FAILS(settle(store.remove(key)), Code::KeychainUnavailable);
    QVERIFY(!store.available());

    // Where QtKeychain's insecure fallback would have written (QSettings of
    // the service): nothing.
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY2(!QFile::exists(config + u'/' + key.service() + u".conf"_s), qPrintable(config));
    const QString home = QDir::homePath();
    QVERIFY2(filesUnder(home).isEmpty(), qPrintable(filesUnder(home).join(u", ")));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    tst_KeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_KeychainSecretStore.moc"
