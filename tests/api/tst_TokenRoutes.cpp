#include "AccessTestSupport.h"

#include <QRegularExpression>

using namespace atalaia::test;

namespace {

const QString kStatus = QStringLiteral("/nodes/node1/status");

// Gives WHO (a user or a token) ROLE on PATH by writing user.cfg directly,
// as another node would: token ACL entries cannot be made through the API
// until pve-tokenid-list takes full token ids (see tst_AclRoutes::tokenMembers).
void grantInFile(TestAgent &a, const QString &path, const QString &who, const QString &role)
{
    auto &store = a.agent().services().store();
    const auto current = store.read(QStringLiteral("user.cfg"));
    QVERIFY(current.has_value());
    const QByteArray line = "acl:1:" + path.toUtf8() + ':' + who.toUtf8() + ':' + role.toUtf8() + ":\n";
    QVERIFY(store.write(QStringLiteral("user.cfg"), current->data + line, current->version).has_value());
}

} // namespace

class tst_TokenRoutes : public QObject
{
    Q_OBJECT

private slots:
    void createUseAndDelete()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/nodes")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        // roma makes its own token (userid-param self), without privilege separation.
        auto r = post(a, QStringLiteral("/access/users/roma@pve/token/automation"), roma,
                      {{QStringLiteral("privsep"), 0}, {QStringLiteral("comment"), QStringLiteral("CI: nightly")}});
        EXPECT_STATUS(r, 200);
        const QJsonObject data = r.data.toObject();
        QCOMPARE(data.value(QLatin1String("full-tokenid")).toString(), QStringLiteral("roma@pve!automation"));
        const QString secret = data.value(QLatin1String("value")).toString();
        static const QRegularExpression uuid4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(uuid4.match(secret).hasMatch(), qPrintable(secret));
        const QJsonObject info = data.value(QLatin1String("info")).toObject();
        QCOMPARE(info.value(QLatin1String("privsep")).toInt(), 0);
        QCOMPARE(info.value(QLatin1String("comment")).toString(), QStringLiteral("CI: nightly"));
        QCOMPARE(linesStartingWith(storeText(a, QStringLiteral("priv/token.cfg")), "roma@pve!automation ").first(),
                 "roma@pve!automation " + secret.toUtf8());
        QVERIFY(!userCfg(a).contains(secret.toUtf8()));

        // The token works, with roma's privileges.
        const Session token = tokenSession(QStringLiteral("roma@pve!automation"), secret);
        EXPECT_STATUS(get(a, kStatus, token), 200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/users"), token), 200);
        EXPECT_STATUS(get(a, kStatus, tokenSession(QStringLiteral("roma@pve!automation"), QStringLiteral("00000000-0000-4000-8000-000000000000"))), 401);

        // List and read.
        r = get(a, QStringLiteral("/access/users/roma@pve/token"), roma);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toArray().size(), 1);
        QCOMPARE(r.data.toArray().first().toObject().value(QLatin1String("tokenid")).toString(), QStringLiteral("automation"));
        r = get(a, QStringLiteral("/access/users/roma@pve/token/automation"), root);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("comment")).toString(), QStringLiteral("CI: nightly"));
        QCOMPARE(r.data.toObject().value(QLatin1String("expire")).toInteger(), 0);

        // Again under the same name: Proxmox's parameter error.
        r = post(a, QStringLiteral("/access/users/roma@pve/token/automation"), roma);
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("tokenid")).toString(), QStringLiteral("Token already exists."));

        // Deleted: gone from both files, and refused.
        EXPECT_STATUS(del(a, QStringLiteral("/access/users/roma@pve/token/automation"), roma), 200);
        QVERIFY(!storeText(a, QStringLiteral("priv/token.cfg")).contains("roma@pve!automation"));
        QVERIFY(!userCfg(a).contains("roma@pve!automation"));
        EXPECT_STATUS(get(a, kStatus, token), 401);
        r = get(a, QStringLiteral("/access/users/roma@pve/token/automation"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("no such token 'automation' for user 'roma@pve'"));
    }

    // A privilege-separated token has only its own ACL entries, and never
    // more than its user.
    void privilegeSeparation()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("ops@pve")}}), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/")},
                           {QStringLiteral("users"), QStringLiteral("ops@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        auto r = post(a, QStringLiteral("/access/users/ops@pve/token/sep"), root);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("info")).toObject().value(QLatin1String("privsep")).toInt(), 1);
        const Session sep = tokenSession(QStringLiteral("ops@pve!sep"), r.data.toObject().value(QLatin1String("value")).toString());
        r = get(a, kStatus, sep);
        EXPECT_STATUS(r, 403); // no entries of its own
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/nodes/node1, Sys.Audit)"));

        grantInFile(a, QStringLiteral("/nodes"), QStringLiteral("ops@pve!sep"), QStringLiteral("PVEAuditor"));
        EXPECT_STATUS(get(a, kStatus, sep), 200);
        // Its own Administrator entry does not lift it above its user.
        grantInFile(a, QStringLiteral("/access"), QStringLiteral("ops@pve!sep"), QStringLiteral("Administrator"));
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), sep, {{QStringLiteral("groupid"), QStringLiteral("x")}}), 403);
        r = get(a, QStringLiteral("/access/permissions"), sep, {{QStringLiteral("path"), QStringLiteral("/access")}});
        EXPECT_STATUS(r, 200);
        const QJsonObject perms = r.data.toObject().value(QLatin1String("/access")).toObject();
        QVERIFY(perms.contains(QLatin1String("Sys.Audit")));
        QVERIFY(!perms.contains(QLatin1String("Group.Allocate")));

        // Switching privilege separation off gives it its user's privileges.
        r = put(a, QStringLiteral("/access/users/ops@pve/token/sep"), root, {{QStringLiteral("privsep"), 0}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("privsep")).toInt(), 0);
        EXPECT_STATUS(get(a, QStringLiteral("/nodes/node1/status"), sep), 200);
        QVERIFY(userCfg(a).contains("acl:1:/nodes:ops@pve!sep:PVEAuditor:")); // the update keeps its ACL entries
    }

    void updateAndExpiry()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("t@pve")}}), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/")},
                           {QStringLiteral("users"), QStringLiteral("t@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        auto r = post(a, QStringLiteral("/access/users/t@pve/token/kk"), root,
                      {{QStringLiteral("privsep"), 0}, {QStringLiteral("comment"), QStringLiteral("first")}});
        EXPECT_STATUS(r, 200);
        const Session k = tokenSession(QStringLiteral("t@pve!kk"), r.data.toObject().value(QLatin1String("value")).toString());
        EXPECT_STATUS(get(a, kStatus, k), 200);

        r = put(a, QStringLiteral("/access/users/t@pve/token/kk"), root,
                {{QStringLiteral("comment"), QStringLiteral("second: 50%")}, {QStringLiteral("expire"), 1000}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("comment")).toString(), QStringLiteral("second: 50%"));
        QCOMPARE(r.data.toObject().value(QLatin1String("expire")).toInteger(), 1000);
        QCOMPARE(r.data.toObject().value(QLatin1String("privsep")).toInt(), 0); // kept
        QCOMPARE(linesStartingWith(userCfg(a), "token:t@pve!kk:").size(), 1);
        EXPECT_STATUS(get(a, kStatus, k), 401); // expired in 1970

        r = put(a, QStringLiteral("/access/users/t@pve/token/kk"), root, {{QStringLiteral("delete"), QStringLiteral("expire,comment")}});
        EXPECT_STATUS(r, 200);
        QVERIFY(!r.data.toObject().contains(QLatin1String("comment")));
        EXPECT_STATUS(get(a, kStatus, k), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/users/t@pve/token/kk"), root, {{QStringLiteral("delete"), QStringLiteral("bogus")}}), 400);
        r = put(a, QStringLiteral("/access/users/t@pve/token/none"), root, {{QStringLiteral("comment"), QStringLiteral("x")}});
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("updating token info failed: no such token 'none' for user 't@pve'"));
    }

    void permissions()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("plain@pve")}, {QStringLiteral("password"), QStringLiteral("plain-password")}}),
                      200);
        const Session plain = a.login(QStringLiteral("plain@pve"), QStringLiteral("plain-password"));
        // Anyone manages its own tokens; not those of others (without User.Modify).
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/plain@pve/token/mine"), plain), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/roma@pve/token/theirs"), plain), 403);
        EXPECT_STATUS(get(a, QStringLiteral("/access/users/roma@pve/token"), plain), 403);
        // roma (User.Modify on /access/groups) manages everyone's.
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        EXPECT_STATUS(get(a, QStringLiteral("/access/users/plain@pve/token"), roma), 200);
        EXPECT_STATUS(del(a, QStringLiteral("/access/users/plain@pve/token/mine"), roma), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/ghost@pve/token/xx"), root), 404);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/plain@pve/token/9bad"), root), 400);
    }
};

QTEST_GUILESS_MAIN(tst_TokenRoutes)
#include "tst_TokenRoutes.moc"
