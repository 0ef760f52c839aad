#include "AccessTestSupport.h"

using namespace atalaia::test;

class tst_PermissionRoutes : public QObject
{
    Q_OBJECT

private slots:
    void ownPermissions()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        auto r = get(a, QStringLiteral("/access/permissions"), roma);
        EXPECT_STATUS(r, 200);
        const QJsonObject all = r.data.toObject();
        // PVEUserAdmin on /access, propagating: /access and /access/groups, nothing on / or /nodes.
        QVERIFY(all.contains(QLatin1String("/access")));
        QVERIFY(all.contains(QLatin1String("/access/groups")));
        QVERIFY(!all.contains(QLatin1String("/")));
        QVERIFY(!all.contains(QLatin1String("/nodes")));
        const QJsonObject access = all.value(QLatin1String("/access")).toObject();
        QCOMPARE(access.keys(), (QStringList{QStringLiteral("Group.Allocate"), QStringLiteral("Realm.AllocateUser"),
                                              QStringLiteral("User.Modify")}));
        QCOMPARE(access.value(QLatin1String("User.Modify")).toInt(), 1); // propagates

        // One path: that path's privileges, even when there are none.
        r = get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("path"), QStringLiteral("/access/groups/x")}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.data.toObject().value(QLatin1String("/access/groups/x")).toObject().contains(QLatin1String("User.Modify")));
        r = get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("path"), QStringLiteral("/vms/100")}});
        QCOMPARE(r.data.toObject(), (QJsonObject{{QStringLiteral("/vms/100"), QJsonObject()}}));

        // A non-propagating entry shows 0.
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/vms/100")},
                           {QStringLiteral("users"), QStringLiteral("roma@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEVMUser")},
                           {QStringLiteral("propagate"), 0}}),
                      200);
        r = get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("path"), QStringLiteral("/vms/100")}});
        const QJsonObject vm = r.data.toObject().value(QLatin1String("/vms/100")).toObject();
        QCOMPARE(vm.value(QLatin1String("VM.PowerMgmt")).toInt(), 0);
        QVERIFY(vm.contains(QLatin1String("VM.PowerMgmt")));
    }

    // Another user's permissions need Sys.Audit on /access; one's own tokens' do not.
    void othersNeedSysAudit()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("aud@pve")}, {QStringLiteral("password"), QStringLiteral("aud-password")}}),
                      200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/access")},
                           {QStringLiteral("users"), QStringLiteral("aud@pve")},
                           {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}}),
                      200);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        const Session aud = a.login(QStringLiteral("aud@pve"), QStringLiteral("aud-password"));

        auto r = get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("userid"), QStringLiteral("aud@pve")}});
        EXPECT_STATUS(r, 403);
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/access, Sys.Audit)"));
        r = get(a, QStringLiteral("/access/permissions"), aud, {{QStringLiteral("userid"), QStringLiteral("roma@pve")}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.data.toObject().value(QLatin1String("/access")).toObject().contains(QLatin1String("User.Modify")));
        r = get(a, QStringLiteral("/access/permissions"), root, {{QStringLiteral("userid"), QStringLiteral("aud@pve")}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.data.toObject().value(QLatin1String("/access")).toObject().contains(QLatin1String("Sys.Audit")));
        r = get(a, QStringLiteral("/access/permissions"), root, {{QStringLiteral("userid"), QStringLiteral("root@pam")},
                                                                 {QStringLiteral("path"), QStringLiteral("/")}});
        QVERIFY(r.data.toObject().value(QLatin1String("/")).toObject().contains(QLatin1String("Permissions.Modify")));

        // roma's own token: allowed without Sys.Audit; someone else's token: not.
        const auto made = post(a, QStringLiteral("/access/users/roma@pve/token/mine"), roma);
        EXPECT_STATUS(made, 200);
        r = get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("userid"), QStringLiteral("roma@pve!mine")}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.data.toObject(), QJsonObject()); // privilege-separated, no entries of its own
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/aud@pve/token/theirs"), root), 200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/permissions"), roma, {{QStringLiteral("userid"), QStringLiteral("aud@pve!theirs")}}), 403);
        // The token asks about itself.
        const Session token = tokenSession(QStringLiteral("roma@pve!mine"), made.data.toObject().value(QLatin1String("value")).toString());
        EXPECT_STATUS(get(a, QStringLiteral("/access/permissions"), token), 200);
        EXPECT_STATUS(get(a, QStringLiteral("/access/permissions"), token, {{QStringLiteral("userid"), QStringLiteral("roma@pve")}}), 403);

        EXPECT_STATUS(get(a, QStringLiteral("/access/permissions"), root, {{QStringLiteral("userid"), QStringLiteral("not-a-user")}}), 400);
    }
};

QTEST_GUILESS_MAIN(tst_PermissionRoutes)
#include "tst_PermissionRoutes.moc"
