#include "AccessTestSupport.h"
#include "api/routes/ConfigEdit.h"

using namespace atalaia::test;
using atalaia::api::ConfigEdit;

namespace {

QJsonObject ldapRealm()
{
    return {{QStringLiteral("realm"), QStringLiteral("corp")},
            {QStringLiteral("type"), QStringLiteral("ldap")},
            {QStringLiteral("server1"), QStringLiteral("ldap.example.com")},
            {QStringLiteral("base_dn"), QStringLiteral("dc=example,dc=com")},
            {QStringLiteral("user_attr"), QStringLiteral("uid")},
            {QStringLiteral("port"), 636},
            {QStringLiteral("secure"), 1},
            {QStringLiteral("comment"), QStringLiteral("Corporate: LDAP")},
            {QStringLiteral("password"), QStringLiteral("bind-secret")}};
}

} // namespace

class tst_DomainRoutes : public QObject
{
    Q_OBJECT

private slots:
    // The login box lists the realms before anyone is authenticated.
    void listIsWorldReadable()
    {
        TestAgent a;
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/access/domains"));
        EXPECT_STATUS(r, 200);
        const QJsonArray list = r.data.toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(entry(list, QStringLiteral("realm"), QStringLiteral("pam")).value(QLatin1String("type")).toString(), QStringLiteral("pam"));
        QCOMPARE(entry(list, QStringLiteral("realm"), QStringLiteral("pve")).value(QLatin1String("comment")).toString(),
                 QStringLiteral("Atalaia authentication server"));
    }

    void createReadDelete()
    {
        TestAgent a;
        const Session root = a.root();
        auto r = post(a, QStringLiteral("/access/domains"), root, ldapRealm());
        EXPECT_STATUS(r, 200);
        const QByteArray cfg = storeText(a, QStringLiteral("domains.cfg"));
        QVERIFY2(cfg.contains("ldap: corp\n"), cfg.constData());
        QVERIFY2(cfg.contains("\tport 636"), cfg.constData());
        QVERIFY2(!cfg.contains("bind-secret"), cfg.constData());
        QCOMPARE(storeText(a, QStringLiteral("priv/realm/corp.pw")), QByteArray("bind-secret"));

        r = get(a, QStringLiteral("/access/domains/corp"), root);
        EXPECT_STATUS(r, 200);
        const QJsonObject data = r.data.toObject();
        QCOMPARE(data.value(QLatin1String("type")).toString(), QStringLiteral("ldap"));
        QCOMPARE(data.value(QLatin1String("port")).toInt(), 636); // typed as the schema says
        QVERIFY(data.value(QLatin1String("port")).isDouble());
        QCOMPARE(data.value(QLatin1String("secure")).toInt(), 1);
        QCOMPARE(data.value(QLatin1String("comment")).toString(), QStringLiteral("Corporate: LDAP"));
        QCOMPARE(data.value(QLatin1String("digest")).toString(), atalaia::store::ConfigStore::contentDigest(storeText(a, QStringLiteral("domains.cfg"))));
        QVERIFY(!data.contains(QLatin1String("password")));
        QCOMPARE(get(a, QStringLiteral("/access/domains"), root).data.toArray().size(), 3);

        r = post(a, QStringLiteral("/access/domains"), root, ldapRealm());
        EXPECT_STATUS(r, 500);
        QCOMPARE(r.message, QStringLiteral("add auth server failed: domain 'corp' already exists"));

        EXPECT_STATUS(del(a, QStringLiteral("/access/domains/corp"), root), 200);
        QVERIFY(!storeText(a, QStringLiteral("domains.cfg")).contains("corp"));
        QVERIFY(!a.agent().services().store().read(QStringLiteral("priv/realm/corp.pw")).has_value());
        r = del(a, QStringLiteral("/access/domains/corp"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("delete auth server failed: authentication domain 'corp' does not exist"));
        r = get(a, QStringLiteral("/access/domains/corp"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("domain 'corp' does not exist"));
    }

    void badInput()
    {
        TestAgent a;
        const Session root = a.root();
        QJsonObject p = ldapRealm();
        p.remove(QStringLiteral("base_dn"));
        auto r = post(a, QStringLiteral("/access/domains"), root, p);
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("base_dn")).toString(), QStringLiteral("missing value for required option 'base_dn'"));
        p = ldapRealm();
        p.insert(QStringLiteral("issuer-url"), QStringLiteral("https://id.example.com"));
        r = post(a, QStringLiteral("/access/domains"), root, p);
        EXPECT_STATUS(r, 400);
        QVERIFY(r.errors.contains(QLatin1String("issuer-url")));
        p = ldapRealm();
        p.insert(QStringLiteral("realm"), QStringLiteral("pve"));
        r = post(a, QStringLiteral("/access/domains"), root, p);
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("realm")).toString(), QStringLiteral("unable to use reserved name 'pve'"));
        r = post(a, QStringLiteral("/access/domains"), root, {{QStringLiteral("realm"), QStringLiteral("local2")}, {QStringLiteral("type"), QStringLiteral("pve")}});
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("type")).toString(), QStringLiteral("unable to create builtin type 'pve'"));
        p = ldapRealm();
        p.insert(QStringLiteral("check-connection"), 1);
        r = post(a, QStringLiteral("/access/domains"), root, p);
        EXPECT_STATUS(r, 400);
        QVERIFY(r.errors.value(QLatin1String("check-connection")).toString().contains(QLatin1String("not supported by this node")));
        r = post(a, QStringLiteral("/access/domains"), root, {{QStringLiteral("realm"), QStringLiteral("x")}, {QStringLiteral("type"), QStringLiteral("ad")}});
        EXPECT_STATUS(r, 400); // realm ids have at least two characters
        QCOMPARE(storeText(a, QStringLiteral("domains.cfg")).count("\n\n"), 1); // still pam and pve only

        // The built-in realms stay.
        r = del(a, QStringLiteral("/access/domains/pam"), root);
        EXPECT_STATUS(r, 400);
        QVERIFY(r.message.contains(QLatin1String("cannot be deleted")));
        EXPECT_STATUS(del(a, QStringLiteral("/access/domains/pve"), root), 400);
        // ... and keep their type's options only.
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/pve"), root, {{QStringLiteral("server1"), QStringLiteral("x.example.com")}}), 400);
        r = put(a, QStringLiteral("/access/domains/pve"), root, {});
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.message, QStringLiteral("update auth server failed: no options specified"));
    }

    void updateWithDefault()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/domains"), root, ldapRealm()), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/pve"), root,
                          {{QStringLiteral("default"), 1}, {QStringLiteral("comment"), QStringLiteral("Local users")}}),
                      200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/corp"), root,
                          {{QStringLiteral("default"), 1}, {QStringLiteral("delete"), QStringLiteral("port,password")}}),
                      200);
        const QJsonArray list = get(a, QStringLiteral("/access/domains"), root).data.toArray();
        QCOMPARE(entry(list, QStringLiteral("realm"), QStringLiteral("corp")).value(QLatin1String("default")).toInt(), 1);
        QVERIFY(!entry(list, QStringLiteral("realm"), QStringLiteral("pve")).contains(QLatin1String("default"))); // only one default
        QCOMPARE(entry(list, QStringLiteral("realm"), QStringLiteral("pve")).value(QLatin1String("comment")).toString(), QStringLiteral("Local users"));
        const QJsonObject corp = get(a, QStringLiteral("/access/domains/corp"), root).data.toObject();
        QVERIFY(!corp.contains(QLatin1String("port")));
        QVERIFY(!a.agent().services().store().read(QStringLiteral("priv/realm/corp.pw")).has_value());
        auto r = put(a, QStringLiteral("/access/domains/corp"), root, {{QStringLiteral("delete"), QStringLiteral("server1")}});
        EXPECT_STATUS(r, 400);
        r = put(a, QStringLiteral("/access/domains/nope"), root, {{QStringLiteral("comment"), QStringLiteral("x")}});
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("update auth server failed: domain 'nope' does not exist"));
        // A password on a realm type without one is ignored, with a warning.
        EXPECT_STATUS(post(a, QStringLiteral("/access/domains"), root,
                           {{QStringLiteral("realm"), QStringLiteral("sso")}, {QStringLiteral("type"), QStringLiteral("openid")},
                            {QStringLiteral("issuer-url"), QStringLiteral("https://id.example.com")},
                            {QStringLiteral("client-id"), QStringLiteral("atalaia")}}),
                      200);
        r = put(a, QStringLiteral("/access/domains/sso"), root, {{QStringLiteral("password"), QStringLiteral("x")}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(bodyOf(r).value(QLatin1String("warnings")).toArray(), QJsonArray{QStringLiteral("ignoring password parameter")});
        r = put(a, QStringLiteral("/access/domains/sso"), root, {{QStringLiteral("username-claim"), QStringLiteral("email")}});
        EXPECT_STATUS(r, 400); // fixed at creation
    }

    // Two clients read the realm, both change it with the digest they read:
    // the second gets Proxmox's conflict, and the first one's change stays.
    void staleDigestConflicts()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/domains"), root, ldapRealm()), 200);
        const QString digest = get(a, QStringLiteral("/access/domains/corp"), root).data.toObject().value(QLatin1String("digest")).toString();
        QCOMPARE(digest.size(), 40);
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/corp"), root,
                          {{QStringLiteral("comment"), QStringLiteral("first writer")}, {QStringLiteral("digest"), digest}}),
                      200);
        auto r = put(a, QStringLiteral("/access/domains/corp"), root,
                     {{QStringLiteral("comment"), QStringLiteral("second writer")}, {QStringLiteral("digest"), digest}});
        EXPECT_STATUS(r, 500);
        QCOMPARE(r.message, QStringLiteral("update auth server failed: detected modified configuration - file changed by "
                                           "other user? Try again."));
        QCOMPARE(get(a, QStringLiteral("/access/domains/corp"), root).data.toObject().value(QLatin1String("comment")).toString(),
                 QStringLiteral("first writer"));
        // With the fresh digest it goes through.
        const QString fresh = get(a, QStringLiteral("/access/domains/corp"), root).data.toObject().value(QLatin1String("digest")).toString();
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/corp"), root,
                          {{QStringLiteral("comment"), QStringLiteral("second writer")}, {QStringLiteral("digest"), fresh}}),
                      200);

        // The same when the other writer commits between our read and our
        // write (another node): the retry sees the change and refuses.
        auto &store = a.agent().services().store();
        const QString before = get(a, QStringLiteral("/access/domains/corp"), root).data.toObject().value(QLatin1String("digest")).toString();
        ConfigEdit::setInterleaveForTesting([&] {
            const auto current = store.read(QStringLiteral("domains.cfg"));
            if (current->data.contains("other node"))
                return;
            QByteArray text = current->data;
            text.replace("comment second writer", "comment other node");
            QVERIFY(store.write(QStringLiteral("domains.cfg"), text, current->version).has_value());
        });
        r = put(a, QStringLiteral("/access/domains/corp"), root,
                {{QStringLiteral("comment"), QStringLiteral("late writer")}, {QStringLiteral("digest"), before}});
        ConfigEdit::setInterleaveForTesting({});
        EXPECT_STATUS(r, 500);
        QCOMPARE(get(a, QStringLiteral("/access/domains/corp"), root).data.toObject().value(QLatin1String("comment")).toString(),
                 QStringLiteral("other node"));
    }

    // Users of a realm type this node cannot authenticate through are told so.
    void unsupportedRealmLogin()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/domains"), root, ldapRealm()), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("eve@corp")}}), 200);
        const auto r = a.call(QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                              {{QStringLiteral("username"), QStringLiteral("eve@corp")}, {QStringLiteral("password"), QStringLiteral("whatever")}});
        EXPECT_STATUS(r, 401);
        QCOMPARE(r.message, QStringLiteral("authentication failure: realm type 'ldap' is not supported by this node"));
        // A password cannot be set for such a user either.
        const auto p = post(a, QStringLiteral("/access/users"), root,
                            {{QStringLiteral("userid"), QStringLiteral("mallory@corp")}, {QStringLiteral("password"), QStringLiteral("password-1")}});
        EXPECT_STATUS(p, 400);
        QCOMPARE(p.errors.value(QLatin1String("password")).toString(), QStringLiteral("can't set password on auth type 'ldap'"));
        // Realms that do not exist stay a plain authentication failure.
        QCOMPARE(tryLogin(a, QStringLiteral("eve@nowhere"), QStringLiteral("x")).first, 401);
    }

    void permissions()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        EXPECT_STATUS(get(a, QStringLiteral("/access/domains/pve"), roma), 403);
        EXPECT_STATUS(put(a, QStringLiteral("/access/domains/pve"), roma, {{QStringLiteral("comment"), QStringLiteral("x")}}), 403);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/access/realm")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/domains/pve"), roma), 200);
    }
};

QTEST_GUILESS_MAIN(tst_DomainRoutes)
#include "tst_DomainRoutes.moc"
