// ACL evaluation with Proxmox VE's semantics (PVE::AccessControl::roles and
// PVE::RPCEnvironment::permissions), and the user/token lookups.

#include "access/AccessControl.h"
#include "access/Privileges.h"
#include "base/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;

namespace {

// The issue's seed scenario and the roles of the permission matrix.
const QByteArray kSeed = R"(user:root@pam:1:0:::root@example.com:::
user:roma@pve:1:0:Roma:Novak:::
user:admin@pve:1:0::::::
user:auditor@pve:1:0::::::
user:vmuser@pve:1:0::::::
user:nobody@pve:1:0::::::
token:roma@pve!sep:0:1::
token:roma@pve!full:0:0::
token:nobody@pve!sep:0:1::
token:root@pam!sep:0:1::
token:root@pam!full:0:0::

group:GroupUserManage:roma@pve::

acl:1:/:admin@pve:Administrator:
acl:1:/:auditor@pve:PVEAuditor:
acl:1:/access:@GroupUserManage:PVEUserAdmin:
acl:1:/vms/100:vmuser@pve:PVEVMUser:
acl:1:/access/groups:roma@pve!sep:PVEUserAdmin:
acl:1:/vms:roma@pve!sep:PVEVMAdmin:
acl:1:/vms/100:roma@pve!full:PVEVMAdmin:
acl:1:/:nobody@pve!sep:Administrator:
acl:1:/vms:root@pam!sep:PVEAuditor:
)"_ba;

const QByteArray kUserOverGroup = R"(user:u@pve:1:0::::::
group:g:u@pve::
acl:1:/vms:@g:PVEVMAdmin:
acl:1:/vms:u@pve:PVEAuditor:
acl:1:/storage:@g:PVEDatastoreAdmin:
acl:1:/:u@pve:PVEPoolUser:
)"_ba;

const QByteArray kDeeper = R"(user:u@pve:1:0::::::
group:g:u@pve::
acl:1:/:u@pve:PVEAdmin:
acl:1:/vms/100:u@pve:PVEAuditor:
acl:1:/storage:@g:PVEDatastoreUser:
)"_ba;

const QByteArray kPropagate = R"(user:u@pve:1:0::::::
user:w@pve:1:0::::::
acl:0:/vms:u@pve:PVEVMAdmin:
acl:1:/:w@pve:PVEAuditor:
acl:0:/vms:w@pve:PVEVMUser:
)"_ba;

const QByteArray kNoAccess = R"(user:u@pve:1:0::::::
group:g:u@pve::
acl:1:/:u@pve:PVEAdmin:
acl:1:/vms/100:u@pve:NoAccess,PVEVMAdmin:
acl:1:/storage:@g:NoAccess:
)"_ba;

const QByteArray kPools = R"(user:u@pve:1:0::::::
user:w@pve:1:0::::::
user:x@pve:1:0::::::
pool:dev::100,0101:local:
pool:ops::100,200:local,nfs:
acl:1:/pool/dev:u@pve:PVEVMUser,PVEDatastoreUser:
acl:1:/vms/101:u@pve:PVEAuditor:
acl:1:/:w@pve:PVEAuditor:
acl:1:/pool/dev:w@pve:NoAccess:
acl:1:/pool/dev:x@pve:PVEVMAdmin:
acl:1:/vms/100:x@pve:NoAccess:
acl:1:/pool/ops:x@pve:PVEDatastoreAdmin:
)"_ba;

QByteArray configText(const QString &name)
{
    static const QHash<QString, QByteArray> configs{
        {u"seed"_s, kSeed},         {u"user-over-group"_s, kUserOverGroup}, {u"deeper"_s, kDeeper},
        {u"propagate"_s, kPropagate}, {u"noaccess"_s, kNoAccess},          {u"pools"_s, kPools},
    };
    return configs.value(name);
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList out(set.cbegin(), set.cend());
    out.sort();
    return out;
}

// "" none; "all" every privilege; "PVEVMUser+PVEAuditor" the union of those
// roles' privileges; otherwise a comma-separated list.
QStringList expand(const QString &spec)
{
    if (spec.isEmpty())
        return {};
    if (spec == u"all"_s)
        return Privileges::names();
    QSet<QString> out;
    if (!spec.contains(u'.')) {
        for (const QString &role : spec.split(u'+'))
            out.unite(Privileges::ofBuiltinRole(role));
        return sorted(out);
    }
    QStringList list = spec.split(u',');
    list.sort();
    return list;
}

Identity who(const QString &authid)
{
    return Identity::fromAuthId(authid).value_or(Identity());
}

} // namespace

class tst_AccessControl : public QObject {
    Q_OBJECT

private slots:
    void privileges_data();
    void privileges();
    void propagateFlags_data();
    void propagateFlags();
    void roles();
    void hasPrivileges();
    void effectivePermissions();
    void capabilities();
    void normalizePath_data();
    void normalizePath();
    void users();
    void userEnabled_data();
    void userEnabled();
    void tokens_data();
    void tokens();
    void skipsWhatProxmoxSkips();
    void identity();
};

void tst_AccessControl::privileges_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("authid");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    // The seed scenario: roma@pve in GroupUserManage, PVEUserAdmin on /access.
    QTest::newRow("group role on its path") << u"seed"_s << u"roma@pve"_s << u"/access"_s << u"PVEUserAdmin"_s;
    QTest::newRow("group role propagates") << u"seed"_s << u"roma@pve"_s << u"/access/groups"_s << u"PVEUserAdmin"_s;
    QTest::newRow("not above the path") << u"seed"_s << u"roma@pve"_s << u"/"_s << QString();
    QTest::newRow("not beside the path") << u"seed"_s << u"roma@pve"_s << u"/vms/100"_s << QString();
    QTest::newRow("path normalized") << u"seed"_s << u"roma@pve"_s << u"//access//groups/"_s << u"PVEUserAdmin"_s;
    QTest::newRow("invalid path") << u"seed"_s << u"admin@pve"_s << u"/vms/1 00"_s << QString();
    QTest::newRow("vm user on its vm") << u"seed"_s << u"vmuser@pve"_s << u"/vms/100"_s << u"PVEVMUser"_s;
    QTest::newRow("vm user elsewhere") << u"seed"_s << u"vmuser@pve"_s << u"/vms/101"_s << QString();
    QTest::newRow("vm user above") << u"seed"_s << u"vmuser@pve"_s << u"/vms"_s << QString();
    QTest::newRow("administrator") << u"seed"_s << u"admin@pve"_s << u"/nodes/pve1"_s << u"all"_s;
    QTest::newRow("auditor") << u"seed"_s << u"auditor@pve"_s << u"/storage/local"_s << u"PVEAuditor"_s;
    QTest::newRow("no acl") << u"seed"_s << u"nobody@pve"_s << u"/"_s << QString();
    QTest::newRow("unknown user") << u"seed"_s << u"ghost@pve"_s << u"/"_s << QString();
    QTest::newRow("root") << u"seed"_s << u"root@pam"_s << u"/vms/100"_s << u"all"_s;
    QTest::newRow("root without acl") << u"user-over-group"_s << u"root@pam"_s << u"/"_s << u"all"_s;

    // API tokens.
    QTest::newRow("privsep token: own entry within the user's")
        << u"seed"_s << u"roma@pve!sep"_s << u"/access/groups"_s << u"PVEUserAdmin"_s;
    QTest::newRow("privsep token: user's privileges without an own entry")
        << u"seed"_s << u"roma@pve!sep"_s << u"/access"_s << QString();
    QTest::newRow("privsep token: own entry beyond the user's")
        << u"seed"_s << u"roma@pve!sep"_s << u"/vms/100"_s << QString();
    QTest::newRow("privsep token: Administrator capped by a user without acl")
        << u"seed"_s << u"nobody@pve!sep"_s << u"/"_s << QString();
    QTest::newRow("full token: the user's privileges") << u"seed"_s << u"roma@pve!full"_s << u"/access"_s
                                                      << u"PVEUserAdmin"_s;
    QTest::newRow("full token: own entries ignored") << u"seed"_s << u"roma@pve!full"_s << u"/vms/100"_s << QString();
    QTest::newRow("unknown token") << u"seed"_s << u"roma@pve!nope"_s << u"/access"_s << QString();
    QTest::newRow("root privsep token: own entries only") << u"seed"_s << u"root@pam!sep"_s << u"/vms/1"_s
                                                          << u"PVEAuditor"_s;
    QTest::newRow("root privsep token: nothing elsewhere") << u"seed"_s << u"root@pam!sep"_s << u"/"_s << QString();
    QTest::newRow("root full token: everything") << u"seed"_s << u"root@pam!full"_s << u"/"_s << u"all"_s;

    // User entries override group entries at the same level.
    QTest::newRow("user over group") << u"user-over-group"_s << u"u@pve"_s << u"/vms/100"_s << u"PVEAuditor"_s;
    QTest::newRow("group where no user entry") << u"user-over-group"_s << u"u@pve"_s << u"/storage/local"_s
                                               << u"PVEDatastoreAdmin"_s;
    QTest::newRow("inherited user entry") << u"user-over-group"_s << u"u@pve"_s << u"/nodes"_s << u"PVEPoolUser"_s;

    // A deeper entry overrides inherited ones, group entries included.
    QTest::newRow("deeper user entry") << u"deeper"_s << u"u@pve"_s << u"/vms/100"_s << u"PVEAuditor"_s;
    QTest::newRow("sibling keeps inherited") << u"deeper"_s << u"u@pve"_s << u"/vms/101"_s << u"PVEAdmin"_s;
    QTest::newRow("deeper group over inherited user") << u"deeper"_s << u"u@pve"_s << u"/storage/local"_s
                                                      << u"PVEDatastoreUser"_s;

    // propagate=0 applies only on the path itself.
    QTest::newRow("propagate=0 on its path") << u"propagate"_s << u"u@pve"_s << u"/vms"_s << u"PVEVMAdmin"_s;
    QTest::newRow("propagate=0 below") << u"propagate"_s << u"u@pve"_s << u"/vms/100"_s << QString();
    QTest::newRow("propagate=0 replaces inherited on its path") << u"propagate"_s << u"w@pve"_s << u"/vms"_s
                                                                << u"PVEVMUser"_s;
    QTest::newRow("below it the inherited roles apply again") << u"propagate"_s << u"w@pve"_s << u"/vms/100"_s
                                                              << u"PVEAuditor"_s;

    // NoAccess cancels every other role.
    QTest::newRow("NoAccess beside other roles") << u"noaccess"_s << u"u@pve"_s << u"/vms/100"_s << QString();
    QTest::newRow("NoAccess leaves siblings") << u"noaccess"_s << u"u@pve"_s << u"/vms/101"_s << u"PVEAdmin"_s;
    QTest::newRow("NoAccess through a group") << u"noaccess"_s << u"u@pve"_s << u"/storage/local"_s << QString();

    // Pools: /vms/<id> and /storage/<id> of a pool get its roles too.
    QTest::newRow("pool roles on a member vm") << u"pools"_s << u"u@pve"_s << u"/vms/100"_s
                                               << u"PVEVMUser+PVEDatastoreUser"_s;
    QTest::newRow("pool roles added to the vm's own") << u"pools"_s << u"u@pve"_s << u"/vms/101"_s
                                                      << u"PVEAuditor+PVEVMUser+PVEDatastoreUser"_s;
    QTest::newRow("pool roles on a member storage") << u"pools"_s << u"u@pve"_s << u"/storage/local"_s
                                                    << u"PVEVMUser+PVEDatastoreUser"_s;
    QTest::newRow("not on other vms") << u"pools"_s << u"u@pve"_s << u"/vms/102"_s << QString();
    QTest::newRow("vm in two pools: the first one's") << u"pools"_s << u"x@pve"_s << u"/vms/200"_s
                                                      << u"PVEDatastoreAdmin"_s;
    QTest::newRow("storage in two pools: both") << u"pools"_s << u"x@pve"_s << u"/storage/local"_s
                                                << u"PVEVMAdmin+PVEDatastoreAdmin"_s;
    QTest::newRow("NoAccess on the pool cancels") << u"pools"_s << u"w@pve"_s << u"/vms/100"_s << QString();
    QTest::newRow("outside the pool inherited") << u"pools"_s << u"w@pve"_s << u"/vms/102"_s << u"PVEAuditor"_s;
    QTest::newRow("NoAccess on the vm beats the pool") << u"pools"_s << u"x@pve"_s << u"/vms/100"_s << QString();
    QTest::newRow("pool roles on the pool path") << u"pools"_s << u"x@pve"_s << u"/pool/dev"_s << u"PVEVMAdmin"_s;
}

void tst_AccessControl::privileges()
{
    QFETCH(QString, config);
    QFETCH(QString, authid);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const AccessControl acl = AccessControl::fromText(configText(config));
    QCOMPARE(sorted(acl.privileges(who(authid), path)), expand(expected));
}

void tst_AccessControl::propagateFlags_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("authid");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("privilege");
    QTest::addColumn<bool>("propagates");

    QTest::newRow("propagating entry") << u"seed"_s << u"vmuser@pve"_s << u"/vms/100"_s << u"VM.Audit"_s << true;
    QTest::newRow("non-propagating entry") << u"propagate"_s << u"u@pve"_s << u"/vms"_s << u"VM.Audit"_s << false;
    QTest::newRow("pool-derived never propagates") << u"pools"_s << u"u@pve"_s << u"/vms/100"_s << u"VM.Audit"_s
                                                   << false;
    QTest::newRow("own entry beside the pool") << u"pools"_s << u"u@pve"_s << u"/vms/101"_s << u"VM.Audit"_s << true;
    QTest::newRow("root") << u"seed"_s << u"root@pam"_s << u"/"_s << u"Sys.PowerMgmt"_s << true;
}

void tst_AccessControl::propagateFlags()
{
    QFETCH(QString, config);
    QFETCH(QString, authid);
    QFETCH(QString, path);
    QFETCH(QString, privilege);
    QFETCH(bool, propagates);
    const auto flags = AccessControl::fromText(configText(config)).privilegeFlags(who(authid), path);
    QVERIFY(flags.contains(privilege));
    QCOMPARE(flags.value(privilege), propagates);
}

void tst_AccessControl::roles()
{
    const AccessControl seed = AccessControl::fromText(kSeed);
    QCOMPARE(seed.roles(who(u"roma@pve"_s), u"/access/groups"),
             (AccessControl::RoleFlags{{u"PVEUserAdmin"_s, true}}));
    QCOMPARE(seed.roles(who(u"root@pam"_s), u"/"), (AccessControl::RoleFlags{{u"Administrator"_s, true}}));
    // A privilege-separated token's own roles, before the intersection.
    QCOMPARE(seed.roles(who(u"roma@pve!sep"_s), u"/vms/100"), (AccessControl::RoleFlags{{u"PVEVMAdmin"_s, true}}));
    QCOMPARE(seed.roles(who(u"roma@pve!full"_s), u"/access"), (AccessControl::RoleFlags{{u"PVEUserAdmin"_s, true}}));
    const AccessControl pools = AccessControl::fromText(kPools);
    QCOMPARE(pools.roles(who(u"u@pve"_s), u"/vms/101"),
             (AccessControl::RoleFlags{{u"PVEAuditor"_s, true}, {u"PVEVMUser"_s, false}, {u"PVEDatastoreUser"_s, false}}));
    QCOMPARE(AccessControl::fromText(kNoAccess).roles(who(u"u@pve"_s), u"/vms/100"),
             (AccessControl::RoleFlags{{u"NoAccess"_s, true}}));
}

void tst_AccessControl::hasPrivileges()
{
    const AccessControl acl = AccessControl::fromText(kSeed);
    const Identity roma = who(u"roma@pve"_s);
    QVERIFY(acl.hasPrivileges(roma, u"/access/groups", {u"Group.Allocate"_s, u"User.Modify"_s}));
    QVERIFY(!acl.hasPrivileges(roma, u"/access/groups", {u"Group.Allocate"_s, u"Sys.Audit"_s}));
    QVERIFY(acl.hasPrivileges(roma, u"/access/groups", {u"Sys.Audit"_s, u"Group.Allocate"_s}, true));
    QVERIFY(acl.hasPrivileges(roma, u"/", {}));         // nothing asked
    QVERIFY(!acl.hasPrivileges(roma, u"/", {}, true));  // none of nothing
    auto denied = acl.checkPrivileges(roma, u"/access/realm", {u"User.Modify"_s, u"Realm.Allocate"_s});
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, Code::AccessDenied);
    QCOMPARE(denied.error().message, u"Permission check failed (/access/realm, Realm.Allocate)"_s);
    denied = acl.checkPrivileges(roma, u"/", {u"Sys.Audit"_s, u"Sys.Modify"_s}, true);
    QCOMPARE(denied.error().message, u"Permission check failed (/, Sys.Audit|Sys.Modify)"_s);
}

// GET /access/permissions: every path with privileges, as Proxmox lists them.
void tst_AccessControl::effectivePermissions()
{
    const AccessControl acl = AccessControl::fromText(kSeed);
    const auto roma = acl.effectivePermissions(who(u"roma@pve"_s));
    QCOMPARE(roma.keys(), (QStringList{u"/access"_s, u"/access/groups"_s}));
    QCOMPARE(roma.value(u"/access"_s).keys(), expand(u"PVEUserAdmin"_s));
    QVERIFY(roma.value(u"/access"_s).value(u"User.Modify"_s));

    const auto vmuser = acl.effectivePermissions(who(u"vmuser@pve"_s));
    QCOMPARE(vmuser.keys(), QStringList{u"/vms/100"_s});

    // Pool members and ACL ancestors are listed too.
    const auto pools = AccessControl::fromText(kPools).effectivePermissions(who(u"w@pve"_s));
    QVERIFY(pools.contains(u"/pool"_s));
    QVERIFY(pools.contains(u"/vms/200"_s));
    QVERIFY(!pools.contains(u"/vms/100"_s)); // NoAccess through the pool
    QVERIFY(!pools.contains(u"/pool/dev"_s));

    const auto root = acl.effectivePermissions(who(u"root@pam"_s));
    for (const QString &path : {u"/"_s, u"/access"_s, u"/access/groups"_s, u"/nodes"_s, u"/pool"_s, u"/sdn"_s,
                                u"/storage"_s, u"/vms"_s, u"/vms/100"_s})
        QCOMPARE(root.value(path).keys(), Privileges::names());
    QVERIFY(acl.effectivePermissions(who(u"nobody@pve"_s)).isEmpty());
}

// The "cap" object of a ticket response.
void tst_AccessControl::capabilities()
{
    const AccessControl acl = AccessControl::fromText(kSeed);
    const QJsonObject roma = acl.capabilities(who(u"roma@pve"_s));
    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "access": {"Group.Allocate": 1, "User.Modify": 1},
        "dc": {}, "mapping": {}, "nodes": {}, "sdn": {}, "storage": {}, "vms": {}})")
                                     .object();
    QCOMPARE(roma, expected);
    const QJsonObject auditor = acl.capabilities(who(u"auditor@pve"_s));
    QCOMPARE(auditor.value(u"dc"_s).toObject().keys(), (QStringList{u"SDN.Audit"_s, u"Sys.Audit"_s}));
    QCOMPARE(auditor.value(u"vms"_s).toObject().keys(), (QStringList{u"VM.Audit"_s, u"VM.GuestAgent.Audit"_s}));
    QCOMPARE(auditor.value(u"access"_s).toObject().keys(), QStringList());
}

void tst_AccessControl::normalizePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // empty: invalid

    QTest::newRow("root") << u"/"_s << u"/"_s;
    QTest::newRow("runs of slashes") << u"//vms///100//"_s << u"/vms/100"_s;
    QTest::newRow("no leading slash") << u"vms/100"_s << u"/vms/100"_s;
    QTest::newRow("only slashes") << u"///"_s << u"/"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("space") << u"/vms/1 0"_s << QString();
    QTest::newRow("comma") << u"/vms,/storage"_s << QString();
    QTest::newRow("dots kept") << u"/storage/../vms"_s << u"/storage/../vms"_s;
}

void tst_AccessControl::normalizePath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(AccessControl::normalizePath(path).value_or(QString()), expected);
}

void tst_AccessControl::users()
{
    const AccessControl acl = AccessControl::fromText(kSeed + "group:Empty:::\ngroup:Other:roma@pve,ghost@pve::\n");
    QVERIFY(acl.userExists(u"root@pam"_s));
    QVERIFY(acl.userExists(u"roma@pve"_s));
    QVERIFY(!acl.userExists(u"ghost@pve"_s));
    QCOMPARE(acl.user(u"roma@pve"_s)->firstName, u"Roma"_s);
    QCOMPARE(acl.groupsOf(u"roma@pve"_s), (QStringList{u"GroupUserManage"_s, u"Other"_s}));
    QCOMPARE(acl.user(u"roma@pve"_s)->tokens, (QStringList{u"full"_s, u"sep"_s}));
    QCOMPARE(acl.group(u"Other"_s)->members, (QStringList{u"ghost@pve"_s, u"roma@pve"_s}));
    QVERIFY(acl.isGroupMember(u"Other"_s, u"ghost@pve"_s)); // kept, as Proxmox keeps it
    QCOMPARE(acl.groupIds(), (QStringList{u"Empty"_s, u"GroupUserManage"_s, u"Other"_s}));
    // root@pam exists even when user.cfg is empty.
    QCOMPARE(AccessControl().userIds(), QStringList{u"root@pam"_s});
}

void tst_AccessControl::userEnabled_data()
{
    QTest::addColumn<QString>("userid");
    QTest::addColumn<int>("code"); // 0: enabled
    QTest::addColumn<QString>("message");

    QTest::newRow("enabled") << u"ok@pve"_s << 0 << QString();
    QTest::newRow("expires later") << u"later@pve"_s << 0 << QString();
    QTest::newRow("disabled") << u"off@pve"_s << int(Code::AuthenticationFailed) << u"user 'off@pve' is disabled"_s;
    QTest::newRow("expired") << u"old@pve"_s << int(Code::AuthenticationFailed) << u"user 'old@pve' access expired"_s;
    QTest::newRow("unknown") << u"ghost@pve"_s << int(Code::NoSuchUser) << u"no such user ('ghost@pve')"_s;
}

void tst_AccessControl::userEnabled()
{
    QFETCH(QString, userid);
    QFETCH(int, code);
    QFETCH(QString, message);
    FakeClock clock(1'800'000'000'000);
    const AccessControl acl = AccessControl::fromText("user:ok@pve:1:0::::::\n"
                                                      "user:later@pve:1:1800000001::::::\n"
                                                      "user:off@pve:0:0::::::\n"
                                                      "user:old@pve:1:1799999999::::::\n");
    const auto r = acl.checkUserEnabled(userid, clock);
    QCOMPARE(r.has_value(), code == 0);
    QCOMPARE(acl.isUserEnabled(userid, clock), code == 0);
    if (code) {
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().message, message);
    }
}

void tst_AccessControl::tokens_data()
{
    QTest::addColumn<QString>("tokenid");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("error"); // empty: valid

    QTest::newRow("valid") << u"roma@pve!ci"_s << u"5ad7f3f4-1111-2222-3333-444455556666"_s << QString();
    QTest::newRow("wrong secret") << u"roma@pve!ci"_s << u"5ad7f3f4-1111-2222-3333-444455556667"_s
                                  << u"invalid token value!"_s;
    QTest::newRow("empty secret") << u"roma@pve!ci"_s << QString() << u"invalid token value!"_s;
    QTest::newRow("no stored secret") << u"roma@pve!nosecret"_s << QString() << u"invalid token value!"_s;
    QTest::newRow("expired token") << u"roma@pve!old"_s << u"old-secret"_s << u"token 'old' access expired"_s;
    QTest::newRow("unknown token") << u"roma@pve!nope"_s << u"x"_s << u"no such token 'nope' for user 'roma@pve'"_s;
    QTest::newRow("disabled user") << u"off@pve!ci"_s << u"off-secret"_s << u"user 'off@pve' is disabled"_s;
    QTest::newRow("not a token id") << u"roma@pve"_s << u"x"_s << u"'roma@pve' is not a valid token ID"_s;
}

void tst_AccessControl::tokens()
{
    QFETCH(QString, tokenid);
    QFETCH(QString, secret);
    QFETCH(QString, error);
    FakeClock clock(1'800'000'000'000);
    const AccessControl acl = AccessControl::fromText("user:roma@pve:1:0::::::\n"
                                                      "token:roma@pve!ci:0:1:CI:\n"
                                                      "token:roma@pve!old:1700000000:1::\n"
                                                      "token:roma@pve!nosecret:0:1::\n"
                                                      "user:off@pve:0:0::::::\n"
                                                      "token:off@pve!ci:0:0::\n",
                                                      "roma@pve!ci 5ad7f3f4-1111-2222-3333-444455556666\n"
                                                      "roma@pve!old old-secret\n"
                                                      "off@pve!ci off-secret\n");
    QVERIFY2(acl.diagnostics().isEmpty(), qPrintable(acl.diagnostics().value(0).toString()));
    const auto r = acl.verifyToken(tokenid, secret.toUtf8(), clock);
    if (error.isEmpty()) {
        QVERIFY(r.has_value());
        QCOMPARE(*r, Identity::token(u"roma@pve"_s, u"ci"_s));
        QVERIFY(acl.token(tokenid)->privsep);
        QCOMPARE(acl.tokensOf(u"roma@pve"_s).size(), 3);
    } else {
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, Code::AuthenticationFailed);
        QCOMPARE(r.error().message, error);
    }
}

// Records Proxmox ignores are ignored here, in file order.
void tst_AccessControl::skipsWhatProxmoxSkips()
{
    const AccessControl acl = AccessControl::fromText(R"(user:u@pve:1:0::::::
user:bad user@pve:1:0::::::
user:x@pve:1:soon::::::
acl:1:/:u@pve!later:PVEAuditor:
token:u@pve!later:0:1::
token:ghost@pve!t:0:1::
acl:1:/vms:u@pve:NoSuchRole:
acl:1:/vms:u@pve:Custom:
role:Custom:VM.Audit:
acl:1:/storage:u@pve:Custom:
acl:1:/nodes:u@pve!later:PVEAuditor:
acl:1:/vms, /nodes:u@pve:PVEAuditor:
)"_ba);
    QVERIFY(!acl.userExists(u"bad user@pve"_s));
    QVERIFY(!acl.userExists(u"x@pve"_s));
    QVERIFY(!acl.token(u"ghost@pve!t"_s));
    const Identity u = who(u"u@pve"_s);
    QCOMPARE(sorted(acl.privileges(u, u"/vms")), QStringList());          // role defined after the entry
    QCOMPARE(sorted(acl.privileges(u, u"/storage")), QStringList{u"VM.Audit"_s});
    const Identity token = who(u"u@pve!later"_s);
    QCOMPARE(sorted(acl.privileges(token, u"/")), QStringList());         // token defined after the entry
    QCOMPARE(acl.aclPaths(), (QStringList{u"/"_s, u"/nodes"_s, u"/storage"_s}));
    QVERIFY(acl.warnings().size() >= 6);
    QVERIFY(acl.warnings().contains(u"ignore invalid acl role 'NoSuchRole'"_s));
}

void tst_AccessControl::identity()
{
    const auto token = Identity::fromAuthId(u"roma@pve!ci"_s);
    QVERIFY(token);
    QCOMPARE(token->userid, u"roma@pve"_s);
    QCOMPARE(token->tokenName, u"ci"_s);
    QCOMPARE(token->tokenId(), u"roma@pve!ci"_s);
    QCOMPARE(token->authId(), u"roma@pve!ci"_s);
    QCOMPARE(token->realm(), u"pve");
    QVERIFY(!token->isRoot());
    QVERIFY(Identity::user(u"root@pam"_s).isRoot());
    QVERIFY(!Identity::token(u"root@pam"_s, u"x"_s).isRoot());
    QVERIFY(!Identity::fromAuthId(u"nouser"_s));
    QVERIFY(!Identity::fromAuthId(u"a@pve!"_s));
    QCOMPARE(Identity::fromAuthId(u"jane@example.com@ldap"_s)->realm(), u"ldap");
}

QTEST_GUILESS_MAIN(tst_AccessControl)
#include "tst_AccessControl.moc"
