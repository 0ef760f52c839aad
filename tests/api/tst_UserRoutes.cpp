#include "AccessTestSupport.h"
#include "access/PamBackend.h"
#include "access/PasswordHasher.h"
#include "api/routes/ConfigEdit.h"

#include <QRegularExpression>
#include <QtConcurrent>

using namespace atalaia::test;
using atalaia::api::ConfigEdit;

class tst_UserRoutes : public QObject
{
    Q_OBJECT

private slots:
    void createReadUpdate()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("carla@pve")},
                            {QStringLiteral("firstname"), QStringLiteral("Carla")},
                            {QStringLiteral("lastname"), QStringLiteral("Lima: Silva")},
                            {QStringLiteral("email"), QStringLiteral("carla@example.com")},
                            {QStringLiteral("comment"), QStringLiteral("100% ops")},
                            {QStringLiteral("expire"), 4102444800LL},
                            {QStringLiteral("enable"), 1}}),
                      200);
        auto r = get(a, QStringLiteral("/access/users/carla@pve"), root);
        EXPECT_STATUS(r, 200);
        QJsonObject u = r.data.toObject();
        QCOMPARE(u.value(QLatin1String("firstname")).toString(), QStringLiteral("Carla"));
        QCOMPARE(u.value(QLatin1String("lastname")).toString(), QStringLiteral("Lima: Silva")); // ':' survives user.cfg
        QCOMPARE(u.value(QLatin1String("email")).toString(), QStringLiteral("carla@example.com"));
        QCOMPARE(u.value(QLatin1String("comment")).toString(), QStringLiteral("100% ops"));
        QCOMPARE(u.value(QLatin1String("enable")).toInt(), 1);
        QCOMPARE(u.value(QLatin1String("expire")).toInteger(), 4102444800LL);
        QCOMPARE(u.value(QLatin1String("groups")).toArray(), QJsonArray());

        EXPECT_STATUS(put(a, QStringLiteral("/access/users/carla@pve"), root,
                          {{QStringLiteral("enable"), 0}, {QStringLiteral("comment"), QString()},
                           {QStringLiteral("email"), QStringLiteral("c@example.org")}}),
                      200);
        u = get(a, QStringLiteral("/access/users/carla@pve"), root).data.toObject();
        QCOMPARE(u.value(QLatin1String("enable")).toInt(), 0);
        QVERIFY(!u.contains(QLatin1String("comment")));
        QCOMPARE(u.value(QLatin1String("email")).toString(), QStringLiteral("c@example.org"));
        QCOMPARE(u.value(QLatin1String("firstname")).toString(), QStringLiteral("Carla")); // untouched

        // The list shows the user with its realm's type.
        const QJsonArray list = get(a, QStringLiteral("/access/users"), root).data.toArray();
        const QJsonObject carla = entry(list, QStringLiteral("userid"), QStringLiteral("carla@pve"));
        QCOMPARE(carla.value(QLatin1String("realm-type")).toString(), QStringLiteral("pve"));
        QCOMPARE(entry(list, QStringLiteral("userid"), QStringLiteral("root@pam")).value(QLatin1String("realm-type")).toString(),
                 QStringLiteral("pam"));
    }

    void badInputAndDuplicates()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("dup@pve")}}), 200);
        auto r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("dup@pve")}});
        EXPECT_STATUS(r, 500);
        QCOMPARE(r.message, QStringLiteral("create user failed: user 'dup@pve' already exists"));
        r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("root@pam")}});
        QCOMPARE(r.message, QStringLiteral("create user failed: user 'root@pam' already exists"));

        r = post(a, QStringLiteral("/access/users"), root,
                 {{QStringLiteral("userid"), QStringLiteral("x@pve")}, {QStringLiteral("groups"), QStringLiteral("nogroup")}});
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("groups")).toString(), QStringLiteral("no such group 'nogroup'"));
        QVERIFY(!userCfg(a).contains("x@pve")); // nothing half-done

        for (const QString &bad : {QStringLiteral("noRealm"), QStringLiteral("a/b@pve"), QStringLiteral("a@1realm")}) {
            r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), bad}});
            EXPECT_STATUS(r, 400);
            QVERIFY(r.errors.contains(QLatin1String("userid")));
        }
        r = get(a, QStringLiteral("/access/users/ghost@pve"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("no such user ('ghost@pve')"));
        r = put(a, QStringLiteral("/access/users/ghost@pve"), root, {{QStringLiteral("comment"), QStringLiteral("x")}});
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("update user failed: no such user ('ghost@pve')"));
        r = put(a, QStringLiteral("/access/users/dup@pve"), root, {{QStringLiteral("append"), 1}});
        EXPECT_STATUS(r, 400);
        QVERIFY(r.errors.contains(QLatin1String("groups")));
        EXPECT_STATUS(del(a, QStringLiteral("/access/users/root@pam"), root), 400);
    }

    // Proxmox's schema: passwords of 8 to 64 characters. The parameter
    // validator (core/schema) does not know minLength yet.
    void passwordMinimumLength()
    {
        TestAgent a;
        const Session root = a.root();
        const auto r = post(a, QStringLiteral("/access/users"), root,
                            {{QStringLiteral("userid"), QStringLiteral("short@pve")}, {QStringLiteral("password"), QStringLiteral("1234")}});
        EXPECT_STATUS(r, 400);
    }

    void passwordIsStoredAsHash()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("hana@pve")},
                            {QStringLiteral("password"), QStringLiteral("hana-password")}}),
                      200);
        const QByteArray shadow = storeText(a, QStringLiteral("priv/shadow.cfg"));
        QVERIFY(!shadow.contains("hana-password"));
        const auto lines = linesStartingWith(shadow, "hana@pve:");
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith("hana@pve:" + atalaia::access::PasswordHasher::preferredPrefix()), lines.first());
        QCOMPARE(tryLogin(a, QStringLiteral("hana@pve"), QStringLiteral("hana-password")).first, 200);
        QCOMPARE(tryLogin(a, QStringLiteral("hana@pve"), QStringLiteral("wrong-password")).first, 401);
        // A 'pam' user's password is its Linux password: not set here.
        const auto r = post(a, QStringLiteral("/access/users"), root,
                            {{QStringLiteral("userid"), QStringLiteral("lin@pam")},
                             {QStringLiteral("password"), QStringLiteral("lin-password")}});
        EXPECT_STATUS(r, 400);
        QVERIFY(r.errors.value(QLatin1String("password")).toString().contains(QLatin1String("passwd lin")));
        QVERIFY(!userCfg(a).contains("lin@pam"));
    }

    void groupsReplaceAndAppend()
    {
        TestAgent a;
        const Session root = a.root();
        for (const char *g : {"ga", "gb", "gc"})
            EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QLatin1String(g)}}), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("gus@pve")}, {QStringLiteral("groups"), QStringLiteral("ga,gb")}}),
                      200);
        auto groups = [&] { return get(a, QStringLiteral("/access/users/gus@pve"), root).data.toObject().value(QLatin1String("groups")).toArray(); };
        QCOMPARE(groups(), (QJsonArray{QStringLiteral("ga"), QStringLiteral("gb")}));
        EXPECT_STATUS(put(a, QStringLiteral("/access/users/gus@pve"), root, {{QStringLiteral("groups"), QStringLiteral("gc")}}), 200);
        QCOMPARE(groups(), (QJsonArray{QStringLiteral("gc")}));
        EXPECT_STATUS(put(a, QStringLiteral("/access/users/gus@pve"), root,
                          {{QStringLiteral("groups"), QStringLiteral("ga")}, {QStringLiteral("append"), 1}}),
                      200);
        QCOMPARE(groups(), (QJsonArray{QStringLiteral("ga"), QStringLiteral("gc")}));
        EXPECT_STATUS(put(a, QStringLiteral("/access/users/gus@pve"), root, {{QStringLiteral("groups"), QString()}}), 200);
        QCOMPARE(groups(), QJsonArray());
        const auto r = put(a, QStringLiteral("/access/users/gus@pve"), root, {{QStringLiteral("groups"), QStringLiteral("ga,nope")}});
        EXPECT_STATUS(r, 400);
        QCOMPARE(groups(), QJsonArray()); // all or nothing
    }

    void deleteDropsEverything()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        const auto token = post(a, QStringLiteral("/access/users/roma@pve/token/t1"), root);
        EXPECT_STATUS(token, 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/vms/100")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEVMUser")}}),
                      200);
        QVERIFY(storeText(a, QStringLiteral("priv/token.cfg")).contains("roma@pve!t1 "));
        QVERIFY(storeText(a, QStringLiteral("priv/shadow.cfg")).contains("roma@pve:"));

        EXPECT_STATUS(del(a, QStringLiteral("/access/users/roma@pve"), root), 200);
        QVERIFY2(!userCfg(a).contains("roma@pve"), userCfg(a).constData());
        QVERIFY(userCfg(a).contains("group:GroupUserManage:")); // the group stays, without roma
        QVERIFY(!storeText(a, QStringLiteral("priv/shadow.cfg")).contains("roma@pve"));
        QVERIFY(!storeText(a, QStringLiteral("priv/token.cfg")).contains("roma@pve"));
        QCOMPARE(tryLogin(a, QStringLiteral("roma@pve"), kRomaPassword).first, 401);
        const auto again = del(a, QStringLiteral("/access/users/roma@pve"), root);
        EXPECT_STATUS(again, 404);
        QCOMPARE(again.message, QStringLiteral("delete user failed: no such user ('roma@pve')"));
    }

    // Proxmox's index: everyone with User.Modify or Sys.Audit on
    // /access/groups sees all users; others the members of groups they have
    // those on, and themselves.
    void listVisibility()
    {
        TestAgent a;
        const Session root = a.root();
        for (const char *g : {"teamA", "teamB"})
            EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QLatin1String(g)}}), 200);
        auto user = [&](const char *id, const char *group) {
            QJsonObject p{{QStringLiteral("userid"), QLatin1String(id)}, {QStringLiteral("password"), QStringLiteral("password-1")}};
            if (group)
                p.insert(QStringLiteral("groups"), QLatin1String(group));
            EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, p), 200);
        };
        user("lead@pve", nullptr);
        user("a1@pve", "teamA");
        user("b1@pve", "teamB");
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/access/groups/teamA")},
                           {QStringLiteral("users"), QStringLiteral("lead@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEUserAdmin")}}),
                      200);
        const Session lead = a.login(QStringLiteral("lead@pve"), QStringLiteral("password-1"));
        const QJsonArray seen = get(a, QStringLiteral("/access/users"), lead).data.toArray();
        QStringList ids;
        for (const QJsonValue &v : seen)
            ids.append(v.toObject().value(QLatin1String("userid")).toString());
        QCOMPARE(ids, (QStringList{QStringLiteral("a1@pve"), QStringLiteral("lead@pve")}));
        // and may read a1 but not b1
        EXPECT_STATUS(get(a, QStringLiteral("/access/users/a1@pve"), lead), 200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/users/b1@pve"), lead), 403);
        // b1 sees only itself
        const Session b1 = a.login(QStringLiteral("b1@pve"), QStringLiteral("password-1"));
        QCOMPARE(get(a, QStringLiteral("/access/users"), b1).data.toArray().size(), 1);
    }

    void listFullAndEnabled()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("g1")}}), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("on@pve")}, {QStringLiteral("groups"), QStringLiteral("g1")}}),
                      200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("off@pve")}, {QStringLiteral("enable"), 0}}),
                      200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/on@pve/token/tk"), root, {{QStringLiteral("comment"), QStringLiteral("ci")}}), 200);
        QJsonArray list = get(a, QStringLiteral("/access/users"), root).data.toArray();
        QVERIFY(!entry(list, QStringLiteral("userid"), QStringLiteral("on@pve")).contains(QLatin1String("groups")));
        list = get(a, QStringLiteral("/access/users"), root, {{QStringLiteral("full"), 1}}).data.toArray();
        const QJsonObject on = entry(list, QStringLiteral("userid"), QStringLiteral("on@pve"));
        QCOMPARE(on.value(QLatin1String("groups")).toString(), QStringLiteral("g1"));
        const QJsonObject tk = on.value(QLatin1String("tokens")).toArray().first().toObject();
        QCOMPARE(tk.value(QLatin1String("tokenid")).toString(), QStringLiteral("tk"));
        QCOMPARE(tk.value(QLatin1String("comment")).toString(), QStringLiteral("ci"));
        QCOMPARE(tk.value(QLatin1String("privsep")).toInt(), 1);
        list = get(a, QStringLiteral("/access/users"), root, {{QStringLiteral("enabled"), 0}}).data.toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QLatin1String("userid")).toString(), QStringLiteral("off@pve"));
        list = get(a, QStringLiteral("/access/users"), root, {{QStringLiteral("enabled"), 1}}).data.toArray();
        QVERIFY(!hasEntry(list, QStringLiteral("userid"), QStringLiteral("off@pve")));
        QVERIFY(hasEntry(list, QStringLiteral("userid"), QStringLiteral("on@pve")));
    }

    // A 'pam' user without a Linux account: created, with a warning saying how
    // to fix it; the extension creates the account.
    void pamUserWithoutLinuxAccount()
    {
        TestAgent a;
        const Session root = a.root();
        auto r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("bruno@pam")}});
        EXPECT_STATUS(r, 200);
        const QJsonArray warnings = bodyOf(r).value(QLatin1String("warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        const QString w = warnings.first().toString();
        QVERIFY2(w.contains(QLatin1String("'bruno' does not exist on node node1")), qPrintable(w));
        QVERIFY2(w.contains(QLatin1String("adduser bruno")), qPrintable(w));
        QVERIFY2(w.contains(QLatin1String("/atalaia/nodes/node1/system-account")), qPrintable(w));
        QVERIFY(bodyOf(r).contains(QLatin1String("data")));
        QVERIFY(userCfg(a).contains("user:bruno@pam:1:"));

        // ana has a Linux account in the fake PAM: no warning.
        r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("ana@pam")}});
        EXPECT_STATUS(r, 200);
        QVERIFY(!bodyOf(r).contains(QLatin1String("warnings")));
        QCOMPARE(a.login(QStringLiteral("ana@pam"), QStringLiteral("ana-password")).ticket.isEmpty(), false);

        // The console checks, then creates the account.
        const QString status = QStringLiteral("/atalaia/nodes/node1/system-account/bruno");
        r = get(a, status, root);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("exists")).toInt(), 0);
        r = post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), root, {{QStringLiteral("userid"), QStringLiteral("bruno@pam")}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("username")).toString(), QStringLiteral("bruno"));
        QVERIFY(a.agent().backends().pam->accountExists(QStringLiteral("bruno")));
        QCOMPARE(get(a, status, root).data.toObject().value(QLatin1String("exists")).toInt(), 1);
        r = post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), root, {{QStringLiteral("userid"), QStringLiteral("bruno@pam")}});
        EXPECT_STATUS(r, 400); // exists already
        // Only for 'pam' users Atalaia knows, and only for this node.
        EXPECT_STATUS(post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), root,
                           {{QStringLiteral("userid"), QStringLiteral("ghost@pam")}}),
                      404);
        EXPECT_STATUS(post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), root,
                           {{QStringLiteral("userid"), QStringLiteral("root@pve")}}),
                      400);
        EXPECT_STATUS(post(a, QStringLiteral("/atalaia/nodes/node9/system-account"), root,
                           {{QStringLiteral("userid"), QStringLiteral("bruno@pam")}}),
                      404);
        EXPECT_STATUS(get(a, QStringLiteral("/atalaia/nodes/node1/system-account/a:b"), root), 400);
        // Once a user has a Linux account the warning is gone for good (a new
        // user for the same account gets none).
        EXPECT_STATUS(del(a, QStringLiteral("/access/users/bruno@pam"), root), 200);
        r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("bruno@pam")}});
        QVERIFY(!bodyOf(r).contains(QLatin1String("warnings")));
    }

    // Sys.Modify on /nodes/{node} creates accounts; Sys.Audit checks them.
    void systemAccountPermissions()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("dora@pam")}}), 200);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        EXPECT_STATUS(get(a, QStringLiteral("/atalaia/nodes/node1/system-account/dora"), roma), 403);
        auto r = post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), roma, {{QStringLiteral("userid"), QStringLiteral("dora@pam")}});
        EXPECT_STATUS(r, 403);
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/nodes/node1, Sys.Modify)"));
        QVERIFY(!a.agent().backends().pam->accountExists(QStringLiteral("dora")));
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/nodes/node1")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        EXPECT_STATUS(get(a, QStringLiteral("/atalaia/nodes/node1/system-account/dora"), roma), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), roma,
                           {{QStringLiteral("userid"), QStringLiteral("dora@pam")}}),
                      403);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/nodes/node1")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("Administrator")}}),
                      200);
        EXPECT_STATUS(post(a, QStringLiteral("/atalaia/nodes/node1/system-account"), roma,
                           {{QStringLiteral("userid"), QStringLiteral("dora@pam")}}),
                      200);
        QVERIFY(a.agent().backends().pam->accountExists(QStringLiteral("dora")));
    }

    // The story: roma, in GroupUserManage (PVEUserAdmin on /access,
    // propagating), manages users and group membership, and nothing else.
    void seedStory()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        const QByteArray cfg = userCfg(a);
        QVERIFY2(cfg.contains("acl:1:/access:@GroupUserManage:PVEUserAdmin:"), cfg.constData());
        QVERIFY2(cfg.contains("group:GroupUserManage:roma@pve:"), cfg.constData());

        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        // Users: create, modify, put into groups, delete.
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), roma,
                           {{QStringLiteral("userid"), QStringLiteral("novo@pve")},
                            {QStringLiteral("password"), QStringLiteral("novo-password")},
                            {QStringLiteral("comment"), QStringLiteral("made by roma")}}),
                      200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), roma, {{QStringLiteral("groupid"), QStringLiteral("helpdesk")}}), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/users/novo@pve"), roma,
                          {{QStringLiteral("groups"), QStringLiteral("helpdesk")}, {QStringLiteral("email"), QStringLiteral("novo@example.com")}}),
                      200);
        QCOMPARE(get(a, QStringLiteral("/access/groups/helpdesk"), root).data.toObject().value(QLatin1String("members")).toArray(),
                 QJsonArray{QStringLiteral("novo@pve")});
        EXPECT_STATUS(put(a, QStringLiteral("/access/password"), roma,
                          {{QStringLiteral("userid"), QStringLiteral("novo@pve")},
                           {QStringLiteral("password"), QStringLiteral("novo-password-2")},
                           {QStringLiteral("confirmation-password"), kRomaPassword}}),
                      200);
        QCOMPARE(tryLogin(a, QStringLiteral("novo@pve"), QStringLiteral("novo-password-2")).first, 200);
        QCOMPARE(get(a, QStringLiteral("/access/users"), roma).data.toArray().size(), 3); // root, roma, novo
        EXPECT_STATUS(del(a, QStringLiteral("/access/users/novo@pve"), roma), 200);

        // Not the node, not ACLs on / or /access, not roles, not realms.
        auto r = get(a, QStringLiteral("/nodes/node1/status"), roma);
        EXPECT_STATUS(r, 403);
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/nodes/node1, Sys.Audit)"));
        r = put(a, QStringLiteral("/access/acl"), roma,
                {{QStringLiteral("path"), QStringLiteral("/")},
                 {QStringLiteral("users"), QStringLiteral("roma@pve")},
                 {QStringLiteral("roles"), QStringLiteral("Administrator")}});
        EXPECT_STATUS(r, 403);
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/, Permissions.Modify)"));
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), roma,
                          {{QStringLiteral("path"), QStringLiteral("/access")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("Administrator")}}),
                      403);
        EXPECT_STATUS(post(a, QStringLiteral("/access/roles"), roma, {{QStringLiteral("roleid"), QStringLiteral("Mine")}}), 403);
        EXPECT_STATUS(post(a, QStringLiteral("/access/domains"), roma,
                           {{QStringLiteral("realm"), QStringLiteral("corp")}, {QStringLiteral("type"), QStringLiteral("openid")},
                            {QStringLiteral("issuer-url"), QStringLiteral("https://id.example.com")},
                            {QStringLiteral("client-id"), QStringLiteral("x")}}),
                      403);
        EXPECT_STATUS(put(a, QStringLiteral("/access/password"), roma,
                          {{QStringLiteral("userid"), QStringLiteral("root@pam")},
                           {QStringLiteral("password"), QStringLiteral("hijacked-1")},
                           {QStringLiteral("confirmation-password"), kRomaPassword}}),
                      403);
        QVERIFY(!userCfg(a).contains("acl:1:/:roma@pve"));
    }

    void passwordChange()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("zed@pve")}, {QStringLiteral("password"), QStringLiteral("zed-password")}}),
                      200);
        const Session zed = a.login(QStringLiteral("zed@pve"), QStringLiteral("zed-password"));
        const QString path = QStringLiteral("/access/password");
        auto r = put(a, path, zed, {{QStringLiteral("userid"), QStringLiteral("zed@pve")}, {QStringLiteral("password"), QStringLiteral("zed-password-2")}});
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("confirmation-password")).toString(), QStringLiteral("password is required to modify user"));
        r = put(a, path, zed, {{QStringLiteral("userid"), QStringLiteral("zed@pve")},
                               {QStringLiteral("password"), QStringLiteral("zed-password-2")},
                               {QStringLiteral("confirmation-password"), QStringLiteral("not-my-password")}});
        EXPECT_STATUS(r, 400);
        EXPECT_STATUS(put(a, path, zed, {{QStringLiteral("userid"), QStringLiteral("zed@pve")},
                                         {QStringLiteral("password"), QStringLiteral("zed-password-2")},
                                         {QStringLiteral("confirmation-password"), QStringLiteral("zed-password")}}),
                      200);
        QCOMPARE(tryLogin(a, QStringLiteral("zed@pve"), QStringLiteral("zed-password")).first, 401);
        QCOMPARE(tryLogin(a, QStringLiteral("zed@pve"), QStringLiteral("zed-password-2")).first, 200);
        // zed may not change roma's password (no User.Modify), root may, without confirmation.
        EXPECT_STATUS(put(a, path, zed, {{QStringLiteral("userid"), QStringLiteral("roma@pve")},
                                         {QStringLiteral("password"), QStringLiteral("other-password")},
                                         {QStringLiteral("confirmation-password"), QStringLiteral("zed-password-2")}}),
                      403);
        EXPECT_STATUS(put(a, path, root, {{QStringLiteral("userid"), QStringLiteral("zed@pve")},
                                          {QStringLiteral("password"), QStringLiteral("zed-password-3")}}),
                      200);
        QCOMPARE(tryLogin(a, QStringLiteral("zed@pve"), QStringLiteral("zed-password-3")).first, 200);
        // root@pam's own password is its Linux password: a clear refusal.
        r = put(a, path, root, {{QStringLiteral("userid"), QStringLiteral("root@pam")}, {QStringLiteral("password"), QStringLiteral("new-root-password")}});
        EXPECT_STATUS(r, 400);
        QVERIFY2(r.message.contains(QLatin1String("passwd root")), qPrintable(r.message));
        // Tokens may not change passwords at all.
        const auto token = post(a, QStringLiteral("/access/users/zed@pve/token/tk"), root, {{QStringLiteral("privsep"), 0}});
        EXPECT_STATUS(token, 200);
        const Session zedToken = tokenSession(QStringLiteral("zed@pve!tk"), token.data.toObject().value(QLatin1String("value")).toString());
        EXPECT_STATUS(put(a, path, zedToken, {{QStringLiteral("userid"), QStringLiteral("zed@pve")},
                                              {QStringLiteral("password"), QStringLiteral("token-password")},
                                              {QStringLiteral("confirmation-password"), QStringLiteral("zed-password-3")}}),
                      403);
    }

    // Another writer (another node) commits between our read and our write:
    // the edit runs again on the new file and both changes are kept.
    void concurrentWriterIsNotLost()
    {
        TestAgent a;
        const Session root = a.root();
        auto &store = a.agent().services().store();
        int calls = 0;
        ConfigEdit::setInterleaveForTesting([&] {
            if (calls++ != 0)
                return;
            const auto current = store.read(QStringLiteral("user.cfg"));
            QVERIFY(current.has_value());
            QVERIFY(store.write(QStringLiteral("user.cfg"), current->data + "group:fromothernode::written meanwhile:\n",
                                current->version)
                        .has_value());
        });
        const auto r = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("first@pve")}});
        ConfigEdit::setInterleaveForTesting({});
        EXPECT_STATUS(r, 200);
        QCOMPARE(calls, 2); // the first commit conflicted, the second went through
        const QByteArray cfg = userCfg(a);
        QVERIFY2(cfg.contains("user:first@pve:"), cfg.constData());
        QVERIFY2(cfg.contains("group:fromothernode::written meanwhile:"), cfg.constData());

        // A writer that never lets go: the edit gives up with Proxmox's message.
        ConfigEdit::setInterleaveForTesting([&] {
            const auto current = store.read(QStringLiteral("user.cfg"));
            QVERIFY(store.write(QStringLiteral("user.cfg"), current->data + "\n", current->version).has_value());
        });
        const auto busy = post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("second@pve")}});
        ConfigEdit::setInterleaveForTesting({});
        EXPECT_STATUS(busy, 500);
        QCOMPARE(busy.message, QStringLiteral("create user failed: detected modified configuration - file changed by "
                                              "other user? Try again."));
        QVERIFY(!userCfg(a).contains("second@pve"));
    }

    // Many clients at once: every change lands.
    void parallelWritersAllLand()
    {
        TestAgent a;
        const Session root = a.root();
        QList<QFuture<int>> futures;
        for (int t = 0; t < 4; ++t) {
            futures.append(QtConcurrent::run([&a, root, t] {
                int failures = 0;
                for (int i = 0; i < 5; ++i) {
                    const auto r = post(a, QStringLiteral("/access/users"), root,
                                        {{QStringLiteral("userid"), QStringLiteral("p%1-%2@pve").arg(t).arg(i)}});
                    failures += r.status == 200 ? 0 : 1;
                }
                return failures;
            }));
        }
        for (auto &f : futures)
            QCOMPARE(f.result(), 0);
        const QByteArray cfg = userCfg(a);
        for (int t = 0; t < 4; ++t)
            for (int i = 0; i < 5; ++i)
                QVERIFY(cfg.contains(QStringLiteral("user:p%1-%2@pve:").arg(t).arg(i).toUtf8()));
    }
};

QTEST_GUILESS_MAIN(tst_UserRoutes)
#include "tst_UserRoutes.moc"
