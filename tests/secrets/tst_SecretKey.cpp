// SecretKey: deterministic, unambiguous keychain entry names.

#include "SecretsTestSupport.h"

#include "secrets/SecretKey.h"

#include <QSet>
#include <QTest>

using namespace atalaia;
using namespace atalaia::secrets;
using namespace atalaia::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(atalaia::secrets::SecretKey::Kind)

class tst_SecretKey : public QObject
{
    Q_OBJECT

private slots:
    void entryName_data();
    void entryName();
    void badEntryNames_data();
    void badEntryNames();
    void validity();
    void valueSemantics();
};

void tst_SecretKey::entryName_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("user");
    QTest::addColumn<SecretKey::Kind>("kind");
    QTest::addColumn<QString>("expected");

    using Kind = SecretKey::Kind;
    QTest::newRow("password") << u"prod"_s << u"root@pam"_s << Kind::Password << u"password:prod:root@pam"_s;
    QTest::newRow("token secret") << u"prod"_s << u"root@pam!ci"_s << Kind::TokenSecret
                                  << u"token-secret:prod:root@pam!ci"_s;
    QTest::newRow("':' escaped") << u"a:b"_s << u"x:y@pve"_s << Kind::Password << u"password:a%3Ab:x%3Ay@pve"_s;
    QTest::newRow("'%' escaped") << u"100%"_s << u"root@pam"_s << Kind::Password << u"password:100%25:root@pam"_s;
    QTest::newRow("control characters escaped") << u"a\tb\x7f"_s << u"u\n@pve"_s << Kind::Password
                                                << u"password:a%09b%7F:u%0A@pve"_s;
    QTest::newRow("non-ASCII kept") << u"Zürich ☃"_s << u"jöse@ldap"_s << Kind::Password
                                    << u"password:Zürich ☃:jöse@ldap"_s;
    QTest::newRow("uuid connection") << u"8d0f0f5e-2a4b-4c84-9a55-0c3f0b5d8c11"_s << u"admin@pve"_s
                                     << Kind::Password << u"password:8d0f0f5e-2a4b-4c84-9a55-0c3f0b5d8c11:admin@pve"_s;
}

void tst_SecretKey::entryName()
{
    QFETCH(QString, connection);
    QFETCH(QString, user);
    QFETCH(SecretKey::Kind, kind);
    QFETCH(QString, expected);

    const SecretKey key(connection, user, kind);
    QCOMPARE(key.service(), u"atalaia"_s);
    QCOMPARE(key.entryName(), expected);
    QCOMPARE(SecretKey(connection, user, kind).entryName(), expected); // deterministic

    const auto back = SecretKey::fromEntryName(expected);
    SECRETS_VERIFY_OK(back);
    QCOMPARE(*back, key);
    const auto elsewhere = SecretKey::fromEntryName(expected, u"atalaia-test"_s);
    SECRETS_VERIFY_OK(elsewhere);
    QCOMPARE(elsewhere->service(), u"atalaia-test"_s);
}

void tst_SecretKey::badEntryNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("two parts") << u"password:prod"_s;
    QTest::newRow("four parts") << u"password:prod:root@pam:x"_s;
    QTest::newRow("unknown kind") << u"ticket:prod:root@pam"_s;
    QTest::newRow("no connection") << u"password::root@pam"_s;
    QTest::newRow("no user") << u"password:prod:"_s;
    QTest::newRow("truncated escape") << u"password:prod%3:root@pam"_s;
    QTest::newRow("lower-case escape") << u"password:a%3ab:root@pam"_s;
    QTest::newRow("needless escape") << u"password:%41:root@pam"_s;
    QTest::newRow("not hex") << u"password:%G1:root@pam"_s;
    QTest::newRow("sign in escape") << u"password:%+A:root@pam"_s;
}

void tst_SecretKey::badEntryNames()
{
    QFETCH(QString, name);
    SECRETS_VERIFY_FAILS(SecretKey::fromEntryName(name), Code::InvalidArgument);
}

void tst_SecretKey::validity()
{
    using Kind = SecretKey::Kind;
    QVERIFY(!SecretKey().isValid());
    QVERIFY(SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password).isValid());
    QVERIFY(!SecretKey(QString(), u"root@pam"_s, Kind::Password).isValid());
    QVERIFY(!SecretKey(u"prod"_s, QString(), Kind::Password).isValid());
    QVERIFY(!SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password, QString()).isValid());
}

void tst_SecretKey::valueSemantics()
{
    using Kind = SecretKey::Kind;
    const QList<SecretKey> keys = {
        SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password),
        SecretKey(u"prod"_s, u"root@pam"_s, Kind::TokenSecret),
        SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password, u"atalaia-test"_s),
        SecretKey(u"prod2"_s, u"root@pam"_s, Kind::Password),
        SecretKey(u"prod"_s, u"root@pve"_s, Kind::Password),
    };
    QSet<SecretKey> set(keys.cbegin(), keys.cend());
    QCOMPARE(set.size(), keys.size());
    QVERIFY(set.contains(SecretKey(u"prod"_s, u"root@pam"_s, Kind::TokenSecret)));
    QCOMPARE(keys[0], SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password));
    QCOMPARE(qHash(keys[0]), qHash(SecretKey(u"prod"_s, u"root@pam"_s, Kind::Password)));
}

QTEST_GUILESS_MAIN(tst_SecretKey)
#include "tst_SecretKey.moc"
