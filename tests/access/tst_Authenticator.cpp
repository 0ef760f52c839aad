// Logins and API tokens through the Authenticator, with the fake PAM backend
// seeded from data/pam-users.json.

#include "access/AccessControl.h"
#include "access/Authenticator.h"
#include "access/LoginThrottle.h"
#include "access/PasswordHasher.h"
#include "access/fake/FakePam.h"
#include "base/Clock.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kNow = 1'800'000'000;

const QByteArray kUsers = R"(user:root@pam:1:0::::::
user:alice@pam:1:0::::::
user:ghost@pam:1:0::::::
user:locked@pam:1:0::::::
user:bob@pve:1:0::::::
user:carol@pve:0:0::::::
user:dave@pve:1:1700000000::::::
user:erin@pve:1:0::::::
user:eve@ldap:1:0::::::
user:roma@pve:1:0::::::
token:roma@pve!ci:0:1::
token:roma@pve!old:1700000000:1::
)"_ba;

std::unique_ptr<fake::FakePam> loadPam()
{
    QFile file(QStringLiteral(ATALAIA_ACCESS_TEST_DATA "/pam-users.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read pam-users.json");
    auto pam = fake::FakePam::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    if (!pam)
        qFatal("bad PAM fixture: %s", qPrintable(pam.error().message));
    return std::move(*pam);
}

} // namespace

class tst_Authenticator : public QObject {
    Q_OBJECT

private slots:
    void init();
    void login_data();
    void login();
    void throttleCheckedFirst();
    void successResetsTheUser();
    void tokens_data();
    void tokens();
    void fakePam();
    void fakePamFixtureErrors();

private:
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<fake::FakePam> m_pam;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<Authenticator> m_auth;
    AccessControl m_acl;
};

void tst_Authenticator::init()
{
    m_clock = std::make_unique<FakeClock>(kNow * 1000);
    m_pam = loadPam();
    m_throttle = std::make_unique<LoginThrottle>(*m_clock);
    m_auth = std::make_unique<Authenticator>(*m_pam, *m_throttle, *m_clock);
    const QByteArray bobHash = PasswordHasher::hash("bob-secret").value();
    m_acl = AccessControl::fromText(kUsers, "roma@pve!ci 0123-secret\nroma@pve!old old-secret\n",
                                    "bob@pve:" + bobHash + ":\n"
                                    "dave@pve:" + bobHash + ":\n"
                                    "carol@pve:" + bobHash + ":\n");
    QVERIFY(m_acl.diagnostics().isEmpty());
}

void tst_Authenticator::login_data()
{
    QTest::addColumn<QString>("userid");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QString>("detail"); // empty: logged in; else the logged reason contains it

    QTest::newRow("pam root") << u"root@pam"_s << "root-secret"_ba << QString();
    QTest::newRow("pam user") << u"alice@pam"_s << "alice-secret"_ba << QString();
    QTest::newRow("pam wrong password") << u"alice@pam"_s << "alice-secreT"_ba << u"wrong password"_s;
    QTest::newRow("pam without linux account") << u"ghost@pam"_s << "whatever"_ba << u"no Linux account 'ghost'"_s;
    QTest::newRow("pam locked account") << u"locked@pam"_s << "locked-secret"_ba << u"locked"_s;
    QTest::newRow("pam not in user.cfg") << u"nopass@pam"_s << "pw-not-in-cfg"_ba << u"no such user ('nopass@pam')"_s;
    QTest::newRow("pve user") << u"bob@pve"_s << "bob-secret"_ba << QString();
    QTest::newRow("pve wrong password") << u"bob@pve"_s << "bob-secrets"_ba << u"invalid credentials"_s;
    QTest::newRow("pve empty password") << u"bob@pve"_s << QByteArray() << u"no password"_s;
    QTest::newRow("pve disabled") << u"carol@pve"_s << "bob-secret"_ba << u"user 'carol@pve' is disabled"_s;
    QTest::newRow("pve expired") << u"dave@pve"_s << "bob-secret"_ba << u"user 'dave@pve' access expired"_s;
    QTest::newRow("pve without hash") << u"erin@pve"_s << "pw-erin"_ba << u"no password set"_s;
    QTest::newRow("pve unknown") << u"zed@pve"_s << "pw-zed"_ba << u"no such user ('zed@pve')"_s;
    QTest::newRow("unknown realm") << u"eve@ldap"_s << "pw-eve"_ba << u"auth domain 'ldap' does not exist"_s;
    QTest::newRow("invalid user id") << u"no realm"_s << "pw-norealm"_ba << u"lacks a realm"_s;
}

void tst_Authenticator::login()
{
    QFETCH(QString, userid);
    QFETCH(QByteArray, password);
    QFETCH(QString, detail);
    QString logged;
    const auto r = m_auth->login(m_acl, userid, password, u"192.0.2.1"_s, &logged);
    if (detail.isEmpty()) {
        QVERIFY2(r, qPrintable(logged));
        QCOMPARE(*r, Identity::user(userid));
        return;
    }
    QVERIFY(!r);
    // The client learns nothing about which part was wrong ...
    QCOMPARE(r.error().code, Code::AuthenticationFailed);
    QCOMPARE(r.error().message, u"authentication failure"_s);
    // ... the log does, without the password.
    QVERIFY2(logged.contains(detail), qPrintable(logged));
    if (!password.isEmpty())
        QVERIFY(!logged.contains(QString::fromUtf8(password)));
}

void tst_Authenticator::throttleCheckedFirst()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(!m_auth->login(m_acl, u"alice@pam"_s, "guess", u"192.0.2.1"_s));
    const int checked = m_pam->authenticationCount();
    QString logged;
    const auto r = m_auth->login(m_acl, u"alice@pam"_s, "alice-secret", u"198.51.100.7"_s, &logged);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Code::RateLimited);
    QCOMPARE(r.error().message, u"too many failed login attempts, try again in 30 second(s)"_s);
    QCOMPARE(m_pam->authenticationCount(), checked); // no password check while locked out
    m_clock->advanceMs(30'000);
    QVERIFY(m_auth->login(m_acl, u"alice@pam"_s, "alice-secret", u"198.51.100.7"_s));
}

void tst_Authenticator::successResetsTheUser()
{
    for (int i = 0; i < 4; ++i)
        QVERIFY(!m_auth->login(m_acl, u"bob@pve"_s, "guess", u"192.0.2.1"_s));
    QVERIFY(m_auth->login(m_acl, u"bob@pve"_s, "bob-secret", u"192.0.2.1"_s));
    for (int i = 0; i < 4; ++i)
        QVERIFY(!m_auth->login(m_acl, u"bob@pve"_s, "guess", u"192.0.2.2"_s));
    QCOMPARE(m_throttle->retryAfter(u"bob@pve"_s, QString()), 0ms);
}

void tst_Authenticator::tokens_data()
{
    QTest::addColumn<QString>("credentials");
    QTest::addColumn<QString>("detail"); // empty: accepted

    QTest::newRow("header form") << u"PVEAPIToken=roma@pve!ci=0123-secret"_s << QString();
    QTest::newRow("bare form") << u"roma@pve!ci=0123-secret"_s << QString();
    QTest::newRow("wrong secret") << u"PVEAPIToken=roma@pve!ci=0123-secreT"_s << u"invalid token value!"_s;
    QTest::newRow("expired") << u"PVEAPIToken=roma@pve!old=old-secret"_s << u"token 'old' access expired"_s;
    QTest::newRow("unknown") << u"PVEAPIToken=roma@pve!nope=y"_s << u"no such token 'nope' for user 'roma@pve'"_s;
    QTest::newRow("no secret") << u"PVEAPIToken=roma@pve!ci"_s << u"no tokenid specified"_s;
    QTest::newRow("user instead of token") << u"PVEAPIToken=roma@pve=0123-secret"_s << u"not a valid token ID"_s;
}

void tst_Authenticator::tokens()
{
    QFETCH(QString, credentials);
    QFETCH(QString, detail);
    QString logged;
    const auto r = m_auth->authenticateToken(m_acl, credentials, u"192.0.2.1"_s, &logged);
    if (detail.isEmpty()) {
        QVERIFY2(r, qPrintable(logged));
        QCOMPARE(*r, Identity::token(u"roma@pve"_s, u"ci"_s));
        return;
    }
    QVERIFY(!r);
    QCOMPARE(r.error().message, u"authentication failure"_s);
    QVERIFY2(logged.contains(detail), qPrintable(logged));
}

void tst_Authenticator::fakePam()
{
    QVERIFY(m_pam->accountExists(u"alice"_s));
    QVERIFY(!m_pam->accountExists(u"zed"_s));
    QCOMPARE(m_pam->authenticate(u"zed"_s, "x").error().code, Code::NoSuchUser);
    QCOMPARE(m_pam->authenticate(u"alice"_s, "nope").error().code, Code::AuthenticationFailed);
    QCOMPARE(m_pam->authenticate(u"nopass"_s, "").error().code, Code::AuthenticationFailed);
    QVERIFY(m_pam->createAccount(u"zed"_s));
    QVERIFY(m_pam->accountExists(u"zed"_s));
    QCOMPARE(m_pam->createAccount(u"zed"_s).error().code, Code::AlreadyExists);
    QCOMPARE(m_pam->authenticate(u"zed"_s, "").error().code, Code::AuthenticationFailed); // no password yet
    m_pam->setPassword(u"zed"_s, "zed-secret");
    QVERIFY(m_pam->authenticate(u"zed"_s, "zed-secret"));
    m_pam->setLocked(u"zed"_s, true);
    QVERIFY(!m_pam->authenticate(u"zed"_s, "zed-secret"));
    for (const QString &bad : {u"-rf"_s, u"a b"_s, u"a/b"_s, u"123"_s, QString(), u"x:y"_s})
        QCOMPARE(m_pam->createAccount(bad).error().code, Code::InvalidArgument);
}

void tst_Authenticator::fakePamFixtureErrors()
{
    QVERIFY(!fake::FakePam::fromJson(QJsonObject()));
    QVERIFY(!fake::FakePam::fromJson(QJsonDocument::fromJson(R"({"users":{"a":"pw"}})").object()));
    QVERIFY(!fake::FakePam::fromJson(QJsonDocument::fromJson(R"({"users":{"a/b":{}}})").object()));
    QVERIFY(fake::FakePam::fromJson(QJsonDocument::fromJson(R"({"users":{}})").object()));
}

QTEST_GUILESS_MAIN(tst_Authenticator)
#include "tst_Authenticator.moc"
