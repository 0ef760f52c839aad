#include "AccessTestSupport.h"

using namespace atalaia::test;

class tst_GroupRoutes : public QObject
{
    Q_OBJECT

private slots:
    void createReadUpdateDelete()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root,
                           {{QStringLiteral("groupid"), QStringLiteral("ops")}, {QStringLiteral("comment"), QStringLiteral("Ops: on call")}}),
                      200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("o1@pve")}, {QStringLiteral("groups"), QStringLiteral("ops")}}),
                      200);
        auto r = get(a, QStringLiteral("/access/groups/ops"), root);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject().value(QLatin1String("comment")).toString(), QStringLiteral("Ops: on call"));
        QCOMPARE(r.data.toObject().value(QLatin1String("members")).toArray(), QJsonArray{QStringLiteral("o1@pve")});

        const QJsonObject listed = entry(get(a, QStringLiteral("/access/groups"), root).data.toArray(),
                                         QStringLiteral("groupid"), QStringLiteral("ops"));
        QCOMPARE(listed.value(QLatin1String("users")).toString(), QStringLiteral("o1@pve"));
        QCOMPARE(listed.value(QLatin1String("comment")).toString(), QStringLiteral("Ops: on call"));

        EXPECT_STATUS(put(a, QStringLiteral("/access/groups/ops"), root, {{QStringLiteral("comment"), QStringLiteral("100% ops")}}), 200);
        r = get(a, QStringLiteral("/access/groups/ops"), root);
        QCOMPARE(r.data.toObject().value(QLatin1String("comment")).toString(), QStringLiteral("100% ops"));
        QCOMPARE(r.data.toObject().value(QLatin1String("members")).toArray(), QJsonArray{QStringLiteral("o1@pve")}); // kept
        QCOMPARE(linesStartingWith(userCfg(a), "group:ops:").size(), 1);

        // Deleting the group drops its ACL entries and its members' membership.
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/vms")},
                           {QStringLiteral("groups"), QStringLiteral("ops")},
                           {QStringLiteral("roles"), QStringLiteral("PVEVMUser")}}),
                      200);
        QVERIFY(userCfg(a).contains("@ops"));
        EXPECT_STATUS(del(a, QStringLiteral("/access/groups/ops"), root), 200);
        QVERIFY2(!userCfg(a).contains("ops"), userCfg(a).constData());
        QCOMPARE(get(a, QStringLiteral("/access/users/o1@pve"), root).data.toObject().value(QLatin1String("groups")).toArray(),
                 QJsonArray());
    }

    void errors()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("g")}}), 200);
        auto r = post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("g")}});
        EXPECT_STATUS(r, 500);
        QCOMPARE(r.message, QStringLiteral("create group failed: group 'g' already exists"));
        r = post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("bad group")}});
        EXPECT_STATUS(r, 400);
        QVERIFY(r.errors.contains(QLatin1String("groupid")));
        r = get(a, QStringLiteral("/access/groups/none"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("group 'none' does not exist"));
        r = put(a, QStringLiteral("/access/groups/none"), root, {{QStringLiteral("comment"), QStringLiteral("x")}});
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("update group failed: group 'none' does not exist"));
        r = del(a, QStringLiteral("/access/groups/none"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("delete group failed: group 'none' does not exist"));
    }

    // The list shows groups where the caller has User.Modify, Sys.Audit or
    // Group.Allocate on /access/groups/<group>; creating needs Group.Allocate
    // on /access/groups.
    void permissions()
    {
        TestAgent a;
        const Session root = a.root();
        for (const char *g : {"alpha", "beta"})
            EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QLatin1String(g)}}), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("aud@pve")}, {QStringLiteral("password"), QStringLiteral("aud-password")}}),
                      200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/access/groups/beta")},
                           {QStringLiteral("users"), QStringLiteral("aud@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        const Session aud = a.login(QStringLiteral("aud@pve"), QStringLiteral("aud-password"));
        const QJsonArray seen = get(a, QStringLiteral("/access/groups"), aud).data.toArray();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().toObject().value(QLatin1String("groupid")).toString(), QStringLiteral("beta"));
        EXPECT_STATUS(get(a, QStringLiteral("/access/groups/beta"), aud), 403); // read needs rights on /access/groups
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), aud, {{QStringLiteral("groupid"), QStringLiteral("gamma")}}), 403);

        seedGroupUserManage(a, root);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        QCOMPARE(get(a, QStringLiteral("/access/groups"), roma).data.toArray().size(), 3);
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), roma, {{QStringLiteral("groupid"), QStringLiteral("gamma")}}), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/groups/gamma"), roma, {{QStringLiteral("comment"), QStringLiteral("by roma")}}), 200);
        EXPECT_STATUS(del(a, QStringLiteral("/access/groups/gamma"), roma), 200);
    }
};

QTEST_GUILESS_MAIN(tst_GroupRoutes)
#include "tst_GroupRoutes.moc"
