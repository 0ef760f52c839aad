#include "AccessTestSupport.h"

using namespace atalaia::test;

class tst_RoleRoutes : public QObject
{
    Q_OBJECT

private slots:
    void builtinRoles()
    {
        TestAgent a;
        const Session root = a.root();
        const QJsonArray roles = get(a, QStringLiteral("/access/roles"), root).data.toArray();
        QCOMPARE(roles.size(), 17);
        const QJsonObject userAdmin = entry(roles, QStringLiteral("roleid"), QStringLiteral("PVEUserAdmin"));
        QCOMPARE(userAdmin.value(QLatin1String("privs")).toString(),
                 QStringLiteral("Group.Allocate,Realm.AllocateUser,User.Modify"));
        QCOMPARE(userAdmin.value(QLatin1String("special")).toInt(), 1);
        QCOMPARE(entry(roles, QStringLiteral("roleid"), QStringLiteral("NoAccess")).value(QLatin1String("privs")).toString(), QString());
        QCOMPARE(entry(roles, QStringLiteral("roleid"), QStringLiteral("PVETemplateUser")).value(QLatin1String("privs")).toString(),
                 QStringLiteral("VM.Audit,VM.Clone"));
        const auto r = get(a, QStringLiteral("/access/roles/PVEAuditor"), root);
        EXPECT_STATUS(r, 200);
        QVERIFY(r.data.toObject().contains(QLatin1String("Sys.Audit")));
        QCOMPARE(r.data.toObject().value(QLatin1String("Sys.Audit")).toInt(), 1);
        QVERIFY(!r.data.toObject().contains(QLatin1String("Sys.Modify")));

        // Built-in roles are read-only, with Proxmox's words.
        auto m = put(a, QStringLiteral("/access/roles/PVEAdmin"), root, {{QStringLiteral("privs"), QStringLiteral("Sys.Audit")}});
        EXPECT_STATUS(m, 400);
        QCOMPARE(m.message, QStringLiteral("auto-generated role 'PVEAdmin' cannot be modified"));
        m = del(a, QStringLiteral("/access/roles/Administrator"), root);
        EXPECT_STATUS(m, 400);
        QCOMPARE(m.message, QStringLiteral("auto-generated role 'Administrator' cannot be deleted"));
        m = post(a, QStringLiteral("/access/roles"), root, {{QStringLiteral("roleid"), QStringLiteral("NoAccess")}});
        EXPECT_STATUS(m, 500);
        QCOMPARE(m.message, QStringLiteral("create role failed: role 'NoAccess' already exists"));
        m = post(a, QStringLiteral("/access/roles"), root, {{QStringLiteral("roleid"), QStringLiteral("pveMine")}});
        EXPECT_STATUS(m, 400);
        QCOMPARE(m.errors.value(QLatin1String("roleid")).toString(),
                 QStringLiteral("cannot use role ID starting with the (case-insensitive) 'PVE' namespace"));
        QCOMPARE(linesStartingWith(userCfg(a), "role:").size(), 0);
    }

    void customRoleLifecycle()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/roles"), root,
                           {{QStringLiteral("roleid"), QStringLiteral("Backup")}, {QStringLiteral("privs"), QStringLiteral("VM.Backup;Datastore.AllocateSpace")}}),
                      200);
        auto privs = [&] {
            const QJsonObject o = get(a, QStringLiteral("/access/roles/Backup"), root).data.toObject();
            QStringList keys = o.keys();
            keys.sort();
            return keys;
        };
        QCOMPARE(privs(), (QStringList{QStringLiteral("Datastore.AllocateSpace"), QStringLiteral("VM.Backup")}));
        QCOMPARE(entry(get(a, QStringLiteral("/access/roles"), root).data.toArray(), QStringLiteral("roleid"), QStringLiteral("Backup"))
                     .value(QLatin1String("special")).toInt(),
                 0);
        auto r = post(a, QStringLiteral("/access/roles"), root, {{QStringLiteral("roleid"), QStringLiteral("Backup")}});
        EXPECT_STATUS(r, 500);
        QCOMPARE(r.message, QStringLiteral("create role failed: role 'Backup' already exists"));

        EXPECT_STATUS(put(a, QStringLiteral("/access/roles/Backup"), root,
                          {{QStringLiteral("privs"), QStringLiteral("VM.Audit")}, {QStringLiteral("append"), 1}}),
                      200);
        QCOMPARE(privs(), (QStringList{QStringLiteral("Datastore.AllocateSpace"), QStringLiteral("VM.Audit"), QStringLiteral("VM.Backup")}));
        EXPECT_STATUS(put(a, QStringLiteral("/access/roles/Backup"), root, {{QStringLiteral("privs"), QStringLiteral("Sys.Audit")}}), 200);
        QCOMPARE(privs(), QStringList{QStringLiteral("Sys.Audit")});
        QCOMPARE(linesStartingWith(userCfg(a), "role:Backup:"), QList<QByteArray>{"role:Backup:Sys.Audit:"});

        // Invalid privileges are refused; VM.Monitor is gone in Proxmox VE 9.
        for (const char *bad : {"VM.Monitor", "Sys.Everything", "vm.audit"}) {
            r = put(a, QStringLiteral("/access/roles/Backup"), root, {{QStringLiteral("privs"), QLatin1String(bad)}});
            EXPECT_STATUS(r, 400);
            QCOMPARE(r.errors.value(QLatin1String("privs")).toString(), QStringLiteral("invalid privilege '%1'").arg(QLatin1String(bad)));
        }
        QCOMPARE(privs(), QStringList{QStringLiteral("Sys.Audit")});

        // A role in use: it works in ACLs; deleting it takes it out of them.
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                           {{QStringLiteral("userid"), QStringLiteral("b@pve")}, {QStringLiteral("password"), QStringLiteral("b-password")}}),
                      200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          {{QStringLiteral("path"), QStringLiteral("/nodes")},
                           {QStringLiteral("users"), QStringLiteral("b@pve")},
                           {QStringLiteral("roles"), QStringLiteral("Backup,PVEDatastoreUser")}}),
                      200);
        const Session b = a.login(QStringLiteral("b@pve"), QStringLiteral("b-password"));
        EXPECT_STATUS(get(a, QStringLiteral("/nodes/node1/status"), b), 200);
        EXPECT_STATUS(del(a, QStringLiteral("/access/roles/Backup"), root), 200);
        const QByteArray cfg = userCfg(a);
        QVERIFY2(!cfg.contains("Backup"), cfg.constData());
        QVERIFY2(cfg.contains("acl:1:/nodes:b@pve:PVEDatastoreUser:"), cfg.constData());
        EXPECT_STATUS(get(a, QStringLiteral("/nodes/node1/status"), b), 403);
        r = get(a, QStringLiteral("/access/roles/Backup"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("role 'Backup' does not exist"));
        r = del(a, QStringLiteral("/access/roles/Backup"), root);
        EXPECT_STATUS(r, 404);
        QCOMPARE(r.message, QStringLiteral("delete role failed: role 'Backup' does not exist"));
        // Recreated under the same name, it does not inherit old grants.
        EXPECT_STATUS(post(a, QStringLiteral("/access/roles"), root,
                           {{QStringLiteral("roleid"), QStringLiteral("Backup")}, {QStringLiteral("privs"), QStringLiteral("Sys.Audit")}}),
                      200);
        EXPECT_STATUS(get(a, QStringLiteral("/nodes/node1/status"), b), 403);
    }

    void needsSysModifyOnAccess()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        const Session roma = a.login(QStringLiteral("roma@pve"), kRomaPassword);
        EXPECT_STATUS(get(a, QStringLiteral("/access/roles"), roma), 200); // anyone may read them
        EXPECT_STATUS(get(a, QStringLiteral("/access/roles/PVEVMUser"), roma), 200);
        auto r = post(a, QStringLiteral("/access/roles"), roma, {{QStringLiteral("roleid"), QStringLiteral("Mine")}});
        EXPECT_STATUS(r, 403);
        QCOMPARE(r.message, QStringLiteral("Permission check failed (/access, Sys.Modify)"));
        EXPECT_STATUS(post(a, QStringLiteral("/access/roles"), root, {{QStringLiteral("roleid"), QStringLiteral("Mine")}}), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/roles/Mine"), roma, {{QStringLiteral("privs"), QStringLiteral("Sys.Modify")}}), 403);
        EXPECT_STATUS(del(a, QStringLiteral("/access/roles/Mine"), roma), 403);
        QVERIFY(userCfg(a).contains("role:Mine::"));
    }
};

QTEST_GUILESS_MAIN(tst_RoleRoutes)
#include "tst_RoleRoutes.moc"
