#pragma once

#include "SecretsTestSupport.h"

#include "secrets/SecretKey.h"
#include "secrets/SecretStore.h"

#include <QFuture>
#include <QString>
#include <QTest>

// What every SecretStore does, checked the same way against each one
// (tst_MemorySecretStore, tst_KeychainSecretStore), so the fake cannot drift
// from the real keychain. Each check uses its own keys in SERVICE and leaves
// nothing behind when it passes. QTest checks return from these functions
// only: callers stop when QTest::currentTestFailed().
namespace atalaia::test::contract {

using secrets::SecretKey;
using secrets::SecretStore;

inline SecretKey passwordKey(const QString &service, const QString &connection, const QString &user)
{
    return SecretKey(connection, user, SecretKey::Kind::Password, service);
}

inline void writeReadOverwriteRemove(SecretStore &store, const QString &service)
{
    const SecretKey key = passwordKey(service, QStringLiteral("prod"), QStringLiteral("root@pam"));
    SECRETS_VERIFY_OK(settle(store.write(key, QStringLiteral("first secret"))));
    auto read = settle(store.read(key));
    SECRETS_VERIFY_OK(read);
    QCOMPARE(*read, QStringLiteral("first secret"));

    SECRETS_VERIFY_OK(settle(store.write(key, QStringLiteral("second secret"))));
    read = settle(store.read(key));
    SECRETS_VERIFY_OK(read);
    QCOMPARE(*read, QStringLiteral("second secret"));

    SECRETS_VERIFY_OK(settle(store.remove(key)));
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::SecretNotFound);
}

inline void readMissing(SecretStore &store, const QString &service)
{
    const SecretKey key = passwordKey(service, QStringLiteral("never-stored"), QStringLiteral("nobody@pve"));
    const auto read = settle(store.read(key));
    SECRETS_VERIFY_FAILS(read, Code::SecretNotFound);
    QVERIFY2(read.error().message.contains(u"nobody@pve"), qPrintable(read.error().message));
    QCOMPARE(read.error().domain(), Domain::Secrets);
}

inline void removeMissing(SecretStore &store, const QString &service)
{
    const SecretKey key = passwordKey(service, QStringLiteral("never-stored"), QStringLiteral("nobody@pve"));
    SECRETS_VERIFY_OK(settle(store.remove(key)));
    SECRETS_VERIFY_OK(settle(store.remove(key)));
}

// Password and token secret of one user, the same user on two connections,
// and ids that differ only where escaping happens: all separate entries.
inline void keysAreSeparate(SecretStore &store, const QString &service)
{
    const QList<SecretKey> keys = {
        SecretKey(QStringLiteral("lab"), QStringLiteral("root@pam"), SecretKey::Kind::Password, service),
        SecretKey(QStringLiteral("lab"), QStringLiteral("root@pam"), SecretKey::Kind::TokenSecret, service),
        SecretKey(QStringLiteral("lab2"), QStringLiteral("root@pam"), SecretKey::Kind::Password, service),
        SecretKey(QStringLiteral("lab:x"), QStringLiteral("root@pam"), SecretKey::Kind::Password, service),
        SecretKey(QStringLiteral("lab"), QStringLiteral("x:root@pam"), SecretKey::Kind::Password, service),
        SecretKey(QStringLiteral("lab%3Ax"), QStringLiteral("root@pam"), SecretKey::Kind::Password, service),
        SecretKey(QStringLiteral("lab"), QStringLiteral("root@pam!ci"), SecretKey::Kind::TokenSecret, service),
    };
    for (qsizetype i = 0; i < keys.size(); ++i)
        SECRETS_VERIFY_OK(settle(store.write(keys[i], QStringLiteral("secret %1").arg(i))));
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const auto read = settle(store.read(keys[i]));
        SECRETS_VERIFY_OK(read);
        QCOMPARE(*read, QStringLiteral("secret %1").arg(i));
    }
    for (const SecretKey &key : keys)
        SECRETS_VERIFY_OK(settle(store.remove(key)));
}

// Secrets come back exactly: non-ASCII, spaces at the ends, line breaks, long.
inline void secretsComeBackExactly(SecretStore &store, const QString &service)
{
    const QStringList secrets = {
        QStringLiteral("pässwörd ☃ 🔑"),
        QStringLiteral("  spaces at both ends  "),
        QStringLiteral("line one\nline two\r\n"),
        QStringLiteral("0123456789abcdef").repeated(256),
        QStringLiteral("1f7cb6c4-93d4-4b3c-8f8e-7bd1c5f0e6a1"),
    };
    const SecretKey key(QStringLiteral("exact"), QStringLiteral("root@pam!ci"), SecretKey::Kind::TokenSecret, service);
    for (const QString &secret : secrets) {
        SECRETS_VERIFY_OK(settle(store.write(key, secret)));
        const auto read = settle(store.read(key));
        SECRETS_VERIFY_OK(read);
        QCOMPARE(*read, secret);
    }
    SECRETS_VERIFY_OK(settle(store.remove(key)));
}

inline void refusesInvalidArguments(SecretStore &store, const QString &service)
{
    const SecretKey noUser(QStringLiteral("prod"), QString(), SecretKey::Kind::Password, service);
    const SecretKey noConnection(QString(), QStringLiteral("root@pam"), SecretKey::Kind::Password, service);
    SECRETS_VERIFY_FAILS(settle(store.write(noUser, QStringLiteral("x"))), Code::InvalidArgument);
    SECRETS_VERIFY_FAILS(settle(store.read(noConnection)), Code::InvalidArgument);
    SECRETS_VERIFY_FAILS(settle(store.remove(SecretKey())), Code::InvalidArgument);

    const SecretKey key = passwordKey(service, QStringLiteral("prod"), QStringLiteral("empty@pve"));
    SECRETS_VERIFY_FAILS(settle(store.write(key, QString())), Code::InvalidArgument);
    SECRETS_VERIFY_FAILS(settle(store.read(key)), Code::SecretNotFound);
}

// Calls take effect in the order they were made: a read made right after two
// writes, before any answer arrived, sees the second write.
inline void answersInCallOrder(SecretStore &store, const QString &service)
{
    const SecretKey key = passwordKey(service, QStringLiteral("order"), QStringLiteral("root@pam"));
    QFuture<Result<void>> first = store.write(key, QStringLiteral("one"));
    QFuture<Result<void>> second = store.write(key, QStringLiteral("two"));
    QFuture<Result<QString>> read = store.read(key);
    QVERIFY2(!read.isFinished(), "answers come through the event loop, never from inside the call");
    QFuture<Result<void>> removed = store.remove(key);
    QFuture<Result<QString>> readAfterRemove = store.read(key);
    SECRETS_VERIFY_OK(settle(first));
    SECRETS_VERIFY_OK(settle(second));
    const auto value = settle(read);
    SECRETS_VERIFY_OK(value);
    QCOMPARE(*value, QStringLiteral("two"));
    SECRETS_VERIFY_OK(settle(removed));
    SECRETS_VERIFY_FAILS(settle(readAfterRemove), Code::SecretNotFound);
}

} // namespace atalaia::test::contract
