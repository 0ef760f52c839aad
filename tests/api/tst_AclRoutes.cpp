#include "AccessTestSupport.h"

using namespace atalaia::test;

namespace {

QJsonObject acl(const QString &path, const QString &memberKey, const QString &members, const QString &roles)
{
    return {{QStringLiteral("path"), path}, {memberKey, members}, {QStringLiteral("roles"), roles}};
}

int countEntries(const QJsonArray &list, const QString &path, const QString &ugid, const QString &role)
{
    int n = 0;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        n += o.value(QLatin1String("path")).toString() == path && o.value(QLatin1String("ugid")).toString() == ugid
            && o.value(QLatin1String("roleid")).toString() == role;
    }
    return n;
}

} // namespace

class tst_AclRoutes : public QObject
{
    Q_OBJECT

private slots:
    void addListRemove()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("u1@pve")}}), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/groups"), root, {{QStringLiteral("groupid"), QStringLiteral("g1")}}), 200);
        QJsonObject p = acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("PVEVMUser,PVEAuditor"));
        p.insert(QStringLiteral("groups"), QStringLiteral("g1"));
        p.insert(QStringLiteral("propagate"), 0);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, p), 200);
        QJsonArray list = get(a, QStringLiteral("/access/acl"), root).data.toArray();
        QCOMPARE(list.size(), 4);
        QCOMPARE(countEntries(list, QStringLiteral("/vms/100"), QStringLiteral("u1@pve"), QStringLiteral("PVEVMUser")), 1);
        QCOMPARE(countEntries(list, QStringLiteral("/vms/100"), QStringLiteral("g1"), QStringLiteral("PVEAuditor")), 1);
        for (const QJsonValue &v : list) {
            QCOMPARE(v.toObject().value(QLatin1String("propagate")).toInt(), 0);
            const QString type = v.toObject().value(QLatin1String("type")).toString();
            QCOMPARE(type, v.toObject().value(QLatin1String("ugid")).toString() == QLatin1String("g1") ? QStringLiteral("group")
                                                                                                       : QStringLiteral("user"));
        }
        // The same grant again changes nothing; with the other propagate flag it replaces the old one.
        const QByteArray before = userCfg(a);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, p), 200);
        QCOMPARE(userCfg(a), before);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root,
                          acl(QStringLiteral("/vms/100/"), QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("PVEVMUser"))),
                      200);
        list = get(a, QStringLiteral("/access/acl"), root).data.toArray();
        QCOMPARE(list.size(), 4);
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            const bool changed = o.value(QLatin1String("ugid")).toString() == QLatin1String("u1@pve")
                && o.value(QLatin1String("roleid")).toString() == QLatin1String("PVEVMUser");
            QCOMPARE(o.value(QLatin1String("propagate")).toInt(), changed ? 1 : 0);
        }
        // Remove one role of one member; the rest stays.
        QJsonObject remove = acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("PVEVMUser"));
        remove.insert(QStringLiteral("delete"), 1);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, remove), 200);
        list = get(a, QStringLiteral("/access/acl"), root).data.toArray();
        QCOMPARE(list.size(), 3);
        QCOMPARE(countEntries(list, QStringLiteral("/vms/100"), QStringLiteral("u1@pve"), QStringLiteral("PVEVMUser")), 0);
        QCOMPARE(countEntries(list, QStringLiteral("/vms/100"), QStringLiteral("u1@pve"), QStringLiteral("PVEAuditor")), 1);
        // Removing what is not there is no error (as in Proxmox).
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, remove), 200);
    }

    void badInput()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("u1@pve")}}), 200);
        auto r = put(a, QStringLiteral("/access/acl"), root, {{QStringLiteral("path"), QStringLiteral("/")}, {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}});
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("users")).toString(), QStringLiteral("either 'users', 'groups' or 'tokens' is required."));
        for (const QString &path : {QStringLiteral("/nope"), QStringLiteral("/vms/abc"), QStringLiteral("/vms/../x"), QStringLiteral("/a b")}) {
            r = put(a, QStringLiteral("/access/acl"), root, acl(path, QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("PVEAuditor")));
            EXPECT_STATUS(r, 400);
            QCOMPARE(r.errors.value(QLatin1String("path")).toString(), QStringLiteral("invalid ACL path '%1'").arg(path));
        }
        r = put(a, QStringLiteral("/access/acl"), root, acl(QStringLiteral("/"), QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("NoSuchRole")));
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("roles")).toString(), QStringLiteral("role 'NoSuchRole' does not exist"));
        r = put(a, QStringLiteral("/access/acl"), root, acl(QStringLiteral("/"), QStringLiteral("users"), QStringLiteral("ghost@pve"), QStringLiteral("PVEAuditor")));
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("users")).toString(), QStringLiteral("user 'ghost@pve' does not exist"));
        r = put(a, QStringLiteral("/access/acl"), root, acl(QStringLiteral("/"), QStringLiteral("groups"), QStringLiteral("nogroup"), QStringLiteral("PVEAuditor")));
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("groups")).toString(), QStringLiteral("group 'nogroup' does not exist"));
        QCOMPARE(linesStartingWith(userCfg(a), "acl:").size(), 0);
        // Deep but valid paths Proxmox accepts.
        for (const QString &path : {QStringLiteral("/pool/a/b"), QStringLiteral("/sdn/zones/z1/vnet1/42"), QStringLiteral("/mapping/pci/gpu"),
                                    QStringLiteral("/storage/local"), QStringLiteral("/access/realm/pve")})
            EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, acl(path, QStringLiteral("users"), QStringLiteral("u1@pve"), QStringLiteral("PVEAuditor"))), 200);
    }

    // Tokens are ACL members too. pve-tokenid-list must take full token ids
    // ("user@realm!name"); core/schema's named format takes only the name
    // part, so the parameter validator refuses them today.
    void tokenMembers()
    {
        TestAgent a;
        const Session root = a.root();
        EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root, {{QStringLiteral("userid"), QStringLiteral("u1@pve")}}), 200);
        EXPECT_STATUS(post(a, QStringLiteral("/access/users/u1@pve/token/ci"), root), 200);
        const auto r = put(a, QStringLiteral("/access/acl"), root,
                           acl(QStringLiteral("/vms/100"), QStringLiteral("tokens"), QStringLiteral("u1@pve!ci"), QStringLiteral("PVEVMUser")));
        EXPECT_STATUS(r, 200);
        QCOMPARE(countEntries(get(a, QStringLiteral("/access/acl"), root).data.toArray(), QStringLiteral("/vms/100"),
                              QStringLiteral("u1@pve!ci"), QStringLiteral("PVEVMUser")),
                 1);
    }

    // Proxmox's read_acl: Sys.Audit on /access shows everything, otherwise
    // only the paths whose permissions the caller may modify.
    void listIsFiltered()
    {
        TestAgent a;
        const Session root = a.root();
        seedGroupUserManage(a, root);
        for (const char *u : {"aud@pve", "vmadm@pve"})
            EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                               {{QStringLiteral("userid"), QLatin1String(u)}, {QStringLiteral("password"), QStringLiteral("password-1")}}),
                          200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, acl(QStringLiteral("/"), QStringLiteral("users"), QStringLiteral("aud@pve"), QStringLiteral("PVEAuditor"))), 200);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("vmadm@pve"), QStringLiteral("PVEVMAdmin"))), 200);
        const int all = get(a, QStringLiteral("/access/acl"), root).data.toArray().size();
        QCOMPARE(all, 3);
        QCOMPARE(get(a, QStringLiteral("/access/acl"), a.login(QStringLiteral("aud@pve"), QStringLiteral("password-1"))).data.toArray().size(), all);
        const QJsonArray vm = get(a, QStringLiteral("/access/acl"), a.login(QStringLiteral("vmadm@pve"), QStringLiteral("password-1"))).data.toArray();
        QCOMPARE(vm.size(), 1);
        QCOMPARE(vm.first().toObject().value(QLatin1String("path")).toString(), QStringLiteral("/vms/100"));
        // roma (PVEUserAdmin on /access) lacks Permissions.Modify and Sys.Audit: sees none.
        QCOMPARE(get(a, QStringLiteral("/access/acl"), a.login(QStringLiteral("roma@pve"), kRomaPassword)).data.toArray().size(), 0);
    }

    // Without Permissions.Modify (here: VM.Allocate on /vms/100 through
    // PVEVMAdmin) a user may hand out only what it has itself.
    void delegationIsBounded()
    {
        TestAgent a;
        const Session root = a.root();
        for (const char *u : {"vmadm@pve", "helper@pve"})
            EXPECT_STATUS(post(a, QStringLiteral("/access/users"), root,
                               {{QStringLiteral("userid"), QLatin1String(u)}, {QStringLiteral("password"), QStringLiteral("password-1")}}),
                          200);
        QJsonObject grant = acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("vmadm@pve"), QStringLiteral("PVEVMAdmin"));
        grant.insert(QStringLiteral("propagate"), 0);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), root, grant), 200);
        const Session vmadm = a.login(QStringLiteral("vmadm@pve"), QStringLiteral("password-1"));
        QJsonObject give = acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("helper@pve"), QStringLiteral("PVEVMUser"));
        give.insert(QStringLiteral("propagate"), 0);
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), vmadm, give), 200);
        auto r = put(a, QStringLiteral("/access/acl"), vmadm,
                     acl(QStringLiteral("/vms/100"), QStringLiteral("users"), QStringLiteral("helper@pve"), QStringLiteral("PVEVMUser")));
        EXPECT_STATUS(r, 400); // vmadm's privileges there do not propagate
        QCOMPARE(r.errors.value(QLatin1String("role")).toString(),
                 QStringLiteral("Cannot add role 'PVEVMUser' with propagation - requires 'Permissions.Modify' or propagated "
                                "superset of privileges."));
        give.insert(QStringLiteral("roles"), QStringLiteral("Administrator"));
        r = put(a, QStringLiteral("/access/acl"), vmadm, give);
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("role")).toString(),
                 QStringLiteral("Cannot add role 'Administrator' - requires 'Permissions.Modify' or superset of privileges."));
        give.insert(QStringLiteral("roles"), QStringLiteral("NoAccess"));
        r = put(a, QStringLiteral("/access/acl"), vmadm, give);
        EXPECT_STATUS(r, 400);
        QCOMPARE(r.errors.value(QLatin1String("role")).toString(), QStringLiteral("Cannot add role 'NoAccess' - requires 'Permissions.Modify'"));
        EXPECT_STATUS(put(a, QStringLiteral("/access/acl"), vmadm,
                          acl(QStringLiteral("/vms/101"), QStringLiteral("users"), QStringLiteral("helper@pve"), QStringLiteral("PVEVMUser"))),
                      403);
        const QJsonArray list = get(a, QStringLiteral("/access/acl"), root).data.toArray();
        QCOMPARE(countEntries(list, QStringLiteral("/vms/100"), QStringLiteral("helper@pve"), QStringLiteral("PVEVMUser")), 1);
        QCOMPARE(list.size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_AclRoutes)
#include "tst_AclRoutes.moc"
