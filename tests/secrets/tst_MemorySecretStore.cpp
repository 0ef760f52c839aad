// MemorySecretStore: the SecretStore contract, and the "no keychain" switch.

#include "SecretStoreContract.h"
#include "SecretsTestSupport.h"

#include "secrets/MemorySecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace atalaia;
using namespace atalaia::secrets;
using namespace atalaia::test;

namespace {
const QString kService = QStringLiteral("atalaia-test");
}

class tst_MemorySecretStore : public QObject
{
    Q_OBJECT

private slots:
    void contract_data();
    void contract();
    void probe();
    void noKeychain();
    void keychainComesBack();
    void answersNeverInsideTheCall();
};

using Check = void (*)(SecretStore &, const QString &);
Q_DECLARE_METATYPE(Check)

void tst_MemorySecretStore::contract_data()
{
    QTest::addColumn<Check>("check");
    QTest::newRow("write, read, overwrite, remove") << Check(&contract::writeReadOverwriteRemove);
    QTest::newRow("read missing") << Check(&contract::readMissing);
    QTest::newRow("remove missing") << Check(&contract::removeMissing);
    QTest::newRow("keys are separate") << Check(&contract::keysAreSeparate);
    QTest::newRow("secrets come back exactly") << Check(&contract::secretsComeBackExactly);
    QTest::newRow("invalid arguments") << Check(&contract::refusesInvalidArguments);
    QTest::newRow("call order") << Check(&contract::answersInCallOrder);
}

void tst_MemorySecretStore::contract()
{
    QFETCH(Check, check);
    MemorySecretStore store;
    check(store, kService);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(store.size(), 0); // every check cleans up after itself
}

void tst_MemorySecretStore::probe()
{
    MemorySecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    QVERIFY(!store.available()); // not asked yet
    SECRETS_VERIFY_OK(settle(store.probe()));
    QVERIFY(store.available());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);
    SECRETS_VERIFY_OK(settle(store.probe()));
    QCOMPARE(changed.count(), 1); // no change, no signal
}

void tst_MemorySecretStore::noKeychain()
{
    MemorySecretStore store;
    store.setKeychainAvailable(false, QStringLiteral("no D-Bus session"));
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);

    const auto probed = settle(store.probe());
    SECRETS_VERIFY_FAILS(probed, Code::KeychainUnavailable);
    QCOMPARE(probed.error().domain(), Domain::Secrets);
    QVERIFY2(probed.error().message.contains(u"No keychain is available"), qPrintable(probed.error().message));
    QVERIFY2(probed.error().message.contains(u"no D-Bus session"), qPrintable(probed.error().message));
    QVERIFY2(probed.error().message.contains(u"never store it in a file"), qPrintable(probed.error().message));
    QVERIFY(!store.available());
    QCOMPARE(changed.count(), 0); // it was never available

    const SecretKey key(QStringLiteral("prod"), QStringLiteral("root@pam"), SecretKey::Kind::Password, kService);
    SECRETS_VERIFY_FAILS(settle(store.write(key, QStringLiteral("secret"))), Code::KeychainUnavailable);
    // Not SecretNotFound: the console must tell "no keychain" from "not stored yet".
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::KeychainUnavailable);
    SECRETS_VERIFY_FAILS(settle(store.remove(key)), Code::KeychainUnavailable);
    QCOMPARE(store.size(), 0);
}

void tst_MemorySecretStore::keychainComesBack()
{
    MemorySecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    const SecretKey key(QStringLiteral("prod"), QStringLiteral("root@pam"), SecretKey::Kind::Password, kService);
    SECRETS_VERIFY_OK(settle(store.write(key, QStringLiteral("kept"))));
    QCOMPARE(changed.count(), 1);

    store.setKeychainAvailable(false);
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::KeychainUnavailable);
    SECRETS_VERIFY_FAILS(settle(store.write(key, QStringLiteral("lost"))), Code::KeychainUnavailable);
    QVERIFY(!store.available());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toBool(), false);

    store.setKeychainAvailable(true);
    const auto read = settle(store.read(key));
    SECRETS_VERIFY_OK(read);
    QCOMPARE(*read, QStringLiteral("kept")); // the write made while unavailable stored nothing
    QVERIFY(store.available());
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(2).at(0).toBool(), true);
}

void tst_MemorySecretStore::answersNeverInsideTheCall()
{
    MemorySecretStore store;
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    const SecretKey key(QStringLiteral("prod"), QStringLiteral("root@pam"), SecretKey::Kind::Password, kService);
    const QList<QFuture<Result<void>>> calls = {store.probe(), store.write(key, QStringLiteral("s")), store.remove(key),
                                                store.write(SecretKey(), QStringLiteral("s"))};
    for (const auto &call : calls)
        QVERIFY(!call.isFinished());
    QCOMPARE(changed.count(), 0); // queued too
    for (const auto &call : calls)
        settle(call);
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(tst_MemorySecretStore)
#include "tst_MemorySecretStore.moc"
