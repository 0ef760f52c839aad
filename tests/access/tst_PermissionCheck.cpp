// The schema's permission expressions, evaluated as Proxmox VE's
// PVE::RPCEnvironment::exec_api2_perm_check does: one row per form found in
// the schema, plus every distinct check of the schema run for an
// administrator (passes) and a user without ACL entries (refused, never an
// internal error).

#include "access/AccessControl.h"
#include "access/PermissionCheck.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kConfig = R"(user:root@pam:1:0::::::
user:roma@pve:1:0::::::
user:admin@pve:1:0::::::
user:auditor@pve:1:0::::::
user:vmuser@pve:1:0::::::
user:vmadmin@pve:1:0::::::
user:nobody@pve:1:0::::::
user:gm@pve:1:0::::::
user:m1@pve:1:0::::::
user:realmer@pve:1:0::::::
user:pooler@pve:1:0::::::
token:vmuser@pve!tok:0:1::
token:roma@pve!full:0:0::
token:root@pam!auto:0:0::

group:GroupUserManage:roma@pve::
group:team:m1@pve::
group:other:::

role:RealmUser:Realm.AllocateUser:

acl:1:/:admin@pve:Administrator:
acl:1:/:auditor@pve:PVEAuditor:
acl:1:/access:@GroupUserManage:PVEUserAdmin:
acl:1:/vms/100:vmuser@pve:PVEVMUser:
acl:1:/vms/100:vmadmin@pve:PVEVMAdmin:
acl:1:/access/groups/team:gm@pve:PVEUserAdmin:
acl:1:/access/groups/team:realmer@pve:PVEUserAdmin:
acl:1:/access/realm/pve:realmer@pve:RealmUser:
acl:1:/pool/dev:pooler@pve:PVEPoolAdmin:
)"_ba;

QJsonValue json(const QByteArray &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test: %s", text.constData());
    return doc.array().first();
}

Identity who(const QString &authid)
{
    return Identity::fromAuthId(authid).value_or(Identity());
}

} // namespace

class tst_PermissionCheck : public QObject {
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void everySchemaCheck_data();
    void everySchemaCheck();
    void kind_data();
    void kind();
    void authorize_data();
    void authorize();
    void substitute_data();
    void substitute();
};

void tst_PermissionCheck::evaluate_data()
{
    QTest::addColumn<QByteArray>("check");
    QTest::addColumn<QString>("authid");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<int>("code"); // 0: allowed
    QTest::addColumn<QString>("message");

    const int denied = int(Code::AccessDenied);
    const int internal = int(Code::Internal);
    const QString failed = u"Permission check failed"_s;

    // ["perm", path, privs]
    QTest::newRow("perm: granted") << R"(["perm","/",["Sys.Audit"]])"_ba << u"auditor@pve"_s << "{}"_ba << 0 << QString();
    QTest::newRow("perm: refused") << R"(["perm","/",["Sys.Audit"]])"_ba << u"roma@pve"_s << "{}"_ba << denied
                                   << u"Permission check failed (/, Sys.Audit)"_s;
    QTest::newRow("perm: first missing named")
        << R"(["perm","/",["Sys.Audit","Sys.Console"]])"_ba << u"auditor@pve"_s << "{}"_ba << denied
        << u"Permission check failed (/, Sys.Console)"_s;
    QTest::newRow("perm any: one is enough")
        << R"(["perm","/",["Sys.Audit","Datastore.Audit"],"any",1])"_ba << u"auditor@pve"_s << "{}"_ba << 0
        << QString();
    QTest::newRow("perm any: refused names all")
        << R"(["perm","/",["Sys.Audit","Datastore.Audit"],"any",1])"_ba << u"vmuser@pve"_s << "{}"_ba << denied
        << u"Permission check failed (/, Sys.Audit|Datastore.Audit)"_s;
    QTest::newRow("perm: /access for a /access role")
        << R"(["perm","/access",["Sys.Modify"]])"_ba << u"roma@pve"_s << "{}"_ba << denied
        << u"Permission check failed (/access, Sys.Modify)"_s;
    QTest::newRow("perm: group admin on /access/groups")
        << R"(["perm","/access/groups",["Group.Allocate"]])"_ba << u"roma@pve"_s << "{}"_ba << 0 << QString();
    QTest::newRow("perm any: /access/groups")
        << R"(["perm","/access/groups",["Sys.Audit","Group.Allocate"],"any",1])"_ba << u"vmuser@pve"_s << "{}"_ba
        << denied << u"Permission check failed (/access/groups, Sys.Audit|Group.Allocate)"_s;
    QTest::newRow("perm: realm allocate is root-level")
        << R"(["perm","/access/realm",["Realm.Allocate"]])"_ba << u"roma@pve"_s << "{}"_ba << denied
        << u"Permission check failed (/access/realm, Realm.Allocate)"_s;
    QTest::newRow("perm any: realm audit") << R"(["perm","/access/realm",["Realm.Allocate","Sys.Audit"],"any",1])"_ba
                                           << u"auditor@pve"_s << "{}"_ba << 0 << QString();
    QTest::newRow("perm: {node} substituted") << R"(["perm","/nodes/{node}",["Sys.Audit"]])"_ba << u"vmuser@pve"_s
                                              << R"({"node":"pve1"})"_ba << denied
                                              << u"Permission check failed (/nodes/pve1, Sys.Audit)"_s;
    QTest::newRow("perm: node syslog") << R"(["perm","/nodes/{node}",["Sys.Syslog"]])"_ba << u"auditor@pve"_s
                                       << R"({"node":"pve1"})"_ba << denied
                                       << u"Permission check failed (/nodes/pve1, Sys.Syslog)"_s;
    QTest::newRow("perm: node power") << R"(["perm","/nodes/{node}",["Sys.PowerMgmt"]])"_ba << u"admin@pve"_s
                                      << R"({"node":"pve1"})"_ba << 0 << QString();
    QTest::newRow("perm: pool") << R"(["perm","/pool/{poolid}",["Pool.Allocate"]])"_ba << u"pooler@pve"_s
                                << R"({"poolid":"dev"})"_ba << 0 << QString();
    QTest::newRow("perm: other pool") << R"(["perm","/pool/{poolid}",["Pool.Audit"]])"_ba << u"pooler@pve"_s
                                      << R"({"poolid":"ops"})"_ba << denied
                                      << u"Permission check failed (/pool/ops, Pool.Audit)"_s;
    QTest::newRow("perm: storage") << R"(["perm","/storage/{storage}",["Datastore.AllocateSpace"]])"_ba
                                   << u"auditor@pve"_s << R"({"storage":"local"})"_ba << denied
                                   << u"Permission check failed (/storage/local, Datastore.AllocateSpace)"_s;
    QTest::newRow("perm any: storage") << R"(["perm","/storage/{storage}",["Datastore.Audit","Datastore.AllocateSpace"],"any",1])"_ba
                                       << u"auditor@pve"_s << R"({"storage":"local"})"_ba << 0 << QString();
    QTest::newRow("perm: numeric vmid") << R"(["perm","/vms/{vmid}",["VM.Audit"]])"_ba << u"vmuser@pve"_s
                                        << R"({"vmid":100})"_ba << 0 << QString();
    QTest::newRow("perm: other vm") << R"(["perm","/vms/{vmid}",["VM.Audit"]])"_ba << u"vmuser@pve"_s
                                    << R"({"vmid":"101"})"_ba << denied
                                    << u"Permission check failed (/vms/101, VM.Audit)"_s;
    QTest::newRow("perm: missing parameter is '-'") << R"(["perm","/vms/{vmid}",["VM.Audit"]])"_ba
                                                    << u"vmuser@pve"_s << "{}"_ba << denied
                                                    << u"Permission check failed (/vms/-, VM.Audit)"_s;
    QTest::newRow("perm any: config with CDROM")
        << R"(["perm","/vms/{vmid}",["VM.Config.Disk","VM.Config.CDROM","VM.Config.CPU","VM.Config.Memory","VM.Config.Network","VM.Config.HWType","VM.Config.Options","VM.Config.Cloudinit"],"any",1])"_ba
        << u"vmuser@pve"_s << R"({"vmid":100})"_ba << 0 << QString();
    QTest::newRow("perm any: config without CDROM")
        << R"(["perm","/vms/{vmid}",["VM.Config.Disk","VM.Config.CPU","VM.Config.Memory","VM.Config.Network","VM.Config.Options"],"any",1])"_ba
        << u"vmuser@pve"_s << R"({"vmid":100})"_ba << denied
        << u"Permission check failed (/vms/100, VM.Config.Disk|VM.Config.CPU|VM.Config.Memory|VM.Config.Network|VM.Config.Options)"_s;
    QTest::newRow("perm: migrate") << R"(["perm","/vms/{vmid}",["VM.Migrate"]])"_ba << u"vmuser@pve"_s
                                   << R"({"vmid":100})"_ba << denied
                                   << u"Permission check failed (/vms/100, VM.Migrate)"_s;
    QTest::newRow("perm: power") << R"(["perm","/vms/{vmid}",["VM.PowerMgmt"]])"_ba << u"vmuser@pve"_s
                                 << R"({"vmid":100})"_ba << 0 << QString();
    QTest::newRow("perm: require_param missing")
        << R"(["perm","/storage/{storage}",["Datastore.Audit"],"require_param","storage"])"_ba << u"auditor@pve"_s
        << "{}"_ba << denied << failed;
    QTest::newRow("perm: require-param present")
        << R"(["perm","/storage/{storage}",["Datastore.Audit"],"require-param","storage"])"_ba << u"auditor@pve"_s
        << R"({"storage":"local"})"_ba << 0 << QString();
    QTest::newRow("perm: token capped by its user")
        << R"(["perm","/vms/{vmid}",["VM.Audit"]])"_ba << u"vmuser@pve!tok"_s << R"({"vmid":100})"_ba << denied
        << u"Permission check failed (/vms/100, VM.Audit)"_s;

    // ["and", ...]
    QTest::newRow("and: both") << R"(["and",["perm","/access/realm/{realm}",["Realm.AllocateUser"]],["perm","/access/groups",["User.Modify"]]])"_ba
                               << u"roma@pve"_s << R"({"realm":"pve"})"_ba << 0 << QString();
    QTest::newRow("and: first fails") << R"(["and",["perm","/access/realm/{realm}",["Realm.AllocateUser"]],["perm","/access/groups",["User.Modify"]]])"_ba
                                      << u"auditor@pve"_s << R"({"realm":"pve"})"_ba << denied
                                      << u"Permission check failed (/access/realm/pve, Realm.AllocateUser)"_s;

    // ["userid-param", "self"] within "or", as the schema has it
    const QByteArray selfOrGroup = R"(["or",["userid-param","self"],["userid-group",["User.Modify"]]])"_ba;
    QTest::newRow("self") << selfOrGroup << u"vmuser@pve"_s << R"({"userid":"vmuser@pve"})"_ba << 0 << QString();
    QTest::newRow("self: another user") << selfOrGroup << u"vmuser@pve"_s << R"({"userid":"nobody@pve"})"_ba
                                        << denied << failed;
    QTest::newRow("self: group admin for another") << selfOrGroup << u"roma@pve"_s << R"({"userid":"nobody@pve"})"_ba
                                                   << 0 << QString();
    QTest::newRow("self: never a token") << selfOrGroup << u"vmuser@pve!tok"_s << R"({"userid":"vmuser@pve"})"_ba
                                         << denied << failed;
    QTest::newRow("self: unknown user") << selfOrGroup << u"vmuser@pve"_s << R"({"userid":"ghost@pve"})"_ba
                                        << denied << failed;
    QTest::newRow("self: invalid userid") << selfOrGroup << u"vmuser@pve"_s << R"({"userid":"x"})"_ba << denied
                                          << u"value 'x' does not look like a valid user name"_s;
    QTest::newRow("self or audit")
        << R"(["or",["userid-param","self"],["userid-group",["User.Modify","Sys.Audit"]]])"_ba << u"auditor@pve"_s
        << R"({"userid":"nobody@pve"})"_ba << 0 << QString();

    // ["userid-group", privs]
    const QByteArray group = R"(["userid-group",["User.Modify"]])"_ba;
    QTest::newRow("userid-group: all groups") << group << u"roma@pve"_s << R"({"userid":"nobody@pve"})"_ba << 0
                                              << QString();
    QTest::newRow("userid-group: member of an allowed group") << group << u"gm@pve"_s << R"({"userid":"m1@pve"})"_ba
                                                              << 0 << QString();
    QTest::newRow("userid-group: not a member") << group << u"gm@pve"_s << R"({"userid":"nobody@pve"})"_ba << denied
                                                << failed;
    QTest::newRow("userid-group: no rights") << group << u"vmuser@pve"_s << R"({"userid":"m1@pve"})"_ba << denied
                                             << failed;
    QTest::newRow("userid-group: unknown user") << group << u"roma@pve"_s << R"({"userid":"ghost@pve"})"_ba << denied
                                                << u"no such user ('ghost@pve')"_s;

    // ["userid-group", privs, "groups_param", "update"]
    const QByteArray update = R"(["userid-group",["User.Modify"],"groups_param","update"])"_ba;
    QTest::newRow("update: into an allowed group") << update << u"gm@pve"_s
                                                   << R"({"userid":"m1@pve","groups":"team"})"_ba << 0 << QString();
    QTest::newRow("update: groups required") << update << u"gm@pve"_s << R"({"userid":"m1@pve"})"_ba << denied
                                             << u"Permission check failed (/access/groups, User.Modify)"_s;
    QTest::newRow("update: into another group") << update << u"gm@pve"_s
                                                << R"({"userid":"m1@pve","groups":"team,other"})"_ba << denied
                                                << u"Permission check failed (/access/groups/other, User.Modify)"_s;
    QTest::newRow("update: groups as a list") << update << u"gm@pve"_s
                                              << R"({"userid":"m1@pve","groups":["team"]})"_ba << 0 << QString();
    QTest::newRow("update: admin of all groups") << update << u"roma@pve"_s << R"({"userid":"m1@pve"})"_ba << 0
                                                 << QString();

    // ["and", ["userid-param","Realm.AllocateUser"], ["userid-group", privs, "groups_param", "create"]]
    const QByteArray create =
        R"(["and",["userid-param","Realm.AllocateUser"],["userid-group",["User.Modify"],"groups_param","create"]])"_ba;
    QTest::newRow("create: user admin") << create << u"roma@pve"_s << R"({"userid":"new@pve"})"_ba << 0 << QString();
    QTest::newRow("create: no realm right") << create << u"gm@pve"_s << R"({"userid":"new@pve","groups":"team"})"_ba
                                            << denied
                                            << u"Permission check failed (/access/realm/pve, Realm.AllocateUser)"_s;
    QTest::newRow("create: into own group") << create << u"realmer@pve"_s
                                            << R"({"userid":"new@pve","groups":"team"})"_ba << 0 << QString();
    QTest::newRow("create: without a group") << create << u"realmer@pve"_s << R"({"userid":"new@pve"})"_ba << denied
                                             << u"Permission check failed (/access/groups, User.Modify)"_s;
    QTest::newRow("create: other realm") << create << u"realmer@pve"_s
                                         << R"({"userid":"new@pam","groups":"team"})"_ba << denied
                                         << u"Permission check failed (/access/realm/pam, Realm.AllocateUser)"_s;

    // ["and", ["userid-param","Realm.AllocateUser"], ["userid-group", privs]]
    const QByteArray remove = R"(["and",["userid-param","Realm.AllocateUser"],["userid-group",["User.Modify"]]])"_ba;
    QTest::newRow("delete: user admin") << remove << u"roma@pve"_s << R"({"userid":"nobody@pve"})"_ba << 0 << QString();
    QTest::newRow("delete: group-scoped") << remove << u"realmer@pve"_s << R"({"userid":"nobody@pve"})"_ba << denied
                                          << failed;

    // ["or", ["userid-param","self"], ["and", ...]]
    const QByteArray password =
        R"(["or",["userid-param","self"],["and",["userid-param","Realm.AllocateUser"],["userid-group",["User.Modify"]]]])"_ba;
    QTest::newRow("password: self") << password << u"vmuser@pve"_s << R"({"userid":"vmuser@pve"})"_ba << 0 << QString();
    QTest::newRow("password: another, reason from the and")
        << password << u"vmuser@pve"_s << R"({"userid":"nobody@pve"})"_ba << denied
        << u"Permission check failed (/access/realm/pve, Realm.AllocateUser)"_s;
    QTest::newRow("password: user admin") << password << u"roma@pve"_s << R"({"userid":"nobody@pve"})"_ba << 0
                                          << QString();

    // ["perm-modify", path]
    const QByteArray modify = R"(["perm-modify","{path}"])"_ba;
    QTest::newRow("perm-modify: Permissions.Modify") << modify << u"admin@pve"_s << R"({"path":"/access"})"_ba << 0
                                                     << QString();
    QTest::newRow("perm-modify: user admin cannot") << modify << u"roma@pve"_s << R"({"path":"/access/groups"})"_ba
                                                    << denied
                                                    << u"Permission check failed (/access/groups, Permissions.Modify)"_s;
    QTest::newRow("perm-modify: VM.Allocate on a vm") << modify << u"vmadmin@pve"_s << R"({"path":"/vms/100"})"_ba
                                                      << 0 << QString();
    QTest::newRow("perm-modify: not on /vms itself")
        << modify << u"vmadmin@pve"_s << R"({"path":"/vms"})"_ba << denied
        << u"Permission check failed (/vms, Permissions.Modify)"_s;
    QTest::newRow("perm-modify: Pool.Allocate on a pool") << modify << u"pooler@pve"_s << R"({"path":"/pool/dev"})"_ba
                                                          << 0 << QString();
    QTest::newRow("perm-modify: storage needs Datastore.Allocate")
        << modify << u"auditor@pve"_s << R"({"path":"/storage/local"})"_ba << denied
        << u"Permission check failed (/storage/local, Permissions.Modify|Datastore.Allocate)"_s;
    QTest::newRow("perm-modify: invalid path refused") << modify << u"admin@pve"_s << R"({"path":"/a b"})"_ba
                                                       << denied
                                                       << u"Permission check failed (/a b, Permissions.Modify)"_s;

    // Malformed expressions are our bugs, not denials.
    QTest::newRow("unknown test") << R"(["bogus"])"_ba << u"admin@pve"_s << "{}"_ba << internal << QString();
    QTest::newRow("unknown privilege") << R"(["perm","/",["VM.Monitor"]])"_ba << u"admin@pve"_s << "{}"_ba
                                       << internal << QString();
    QTest::newRow("not a list") << R"({"perm":"/"})"_ba << u"admin@pve"_s << "{}"_ba << internal << QString();
}

void tst_PermissionCheck::evaluate()
{
    QFETCH(QByteArray, check);
    QFETCH(QString, authid);
    QFETCH(QByteArray, params);
    QFETCH(int, code);
    QFETCH(QString, message);
    const AccessControl acl = AccessControl::fromText(kConfig);
    QVERIFY2(acl.warnings().isEmpty(), qPrintable(acl.warnings().join(u'\n')));
    const auto r = PermissionCheck::evaluate(json(check), acl, who(authid), json(params).toObject());
    if (code == 0) {
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
        return;
    }
    QVERIFY(!r.has_value());
    QCOMPARE(int(r.error().code), code);
    if (!message.isEmpty())
        QCOMPARE(r.error().message, message);
}

void tst_PermissionCheck::everySchemaCheck_data()
{
    QTest::addColumn<QJsonValue>("check");
    QFile file(QStringLiteral(ATALAIA_SOURCE_DIR "/resources/pve-api/schema-subset.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the API schema");
    const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
    QSet<QByteArray> seen;
    for (auto path = schema.begin(); path != schema.end(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto method = methods.begin(); method != methods.end(); ++method) {
            const QJsonValue check = method.value().toObject().value(u"permissions"_s).toObject().value(u"check"_s);
            if (check.isUndefined())
                continue;
            const QByteArray text = QJsonDocument(check.toArray()).toJson(QJsonDocument::Compact);
            if (!seen.contains(text)) {
                seen.insert(text);
                QTest::newRow(text.constData()) << check;
            }
        }
    }
    if (seen.size() < 30)
        qFatal("expected the schema's ~37 distinct checks, found %lld", qlonglong(seen.size()));
}

void tst_PermissionCheck::everySchemaCheck()
{
    QFETCH(QJsonValue, check);
    const AccessControl acl = AccessControl::fromText(kConfig);
    const QJsonObject params = json(R"({"node":"pve1","vmid":100,"storage":"local","poolid":"dev","realm":"pve",
        "userid":"m1@pve","groups":"team","path":"/vms/100","roleid":"Custom","groupid":"team"})"_ba)
                                   .toObject();
    const auto admin = PermissionCheck::evaluate(check, acl, who(u"admin@pve"_s), params);
    QVERIFY2(admin.has_value(), qPrintable(admin ? QString() : admin.error().message));
    const auto nobody = PermissionCheck::evaluate(check, acl, who(u"nobody@pve"_s), params);
    QVERIFY(!nobody.has_value());
    QCOMPARE(nobody.error().code, Code::AccessDenied);
    QVERIFY(nobody.error().message.startsWith(u"Permission check failed"_s));
}

void tst_PermissionCheck::kind_data()
{
    QTest::addColumn<QByteArray>("permissions");
    QTest::addColumn<int>("kind");

    QTest::newRow("world") << R"({"user":"world"})"_ba << int(PermissionCheck::Kind::World);
    QTest::newRow("all") << R"({"user":"all","description":"filtered"})"_ba << int(PermissionCheck::Kind::AnyUser);
    QTest::newRow("check") << R"({"check":["perm","/",["Sys.Audit"]]})"_ba << int(PermissionCheck::Kind::Check);
    QTest::newRow("all wins over check") << R"({"check":["perm","/",["Sys.Audit"]],"user":"all"})"_ba
                                         << int(PermissionCheck::Kind::AnyUser);
    QTest::newRow("nothing: root only") << "{}"_ba << int(PermissionCheck::Kind::RootOnly);
    QTest::newRow("description only: root only") << R"({"description":"x"})"_ba
                                                  << int(PermissionCheck::Kind::RootOnly);
}

void tst_PermissionCheck::kind()
{
    QFETCH(QByteArray, permissions);
    QFETCH(int, kind);
    QCOMPARE(int(PermissionCheck::kind(json(permissions).toObject())), kind);
}

void tst_PermissionCheck::authorize_data()
{
    QTest::addColumn<QByteArray>("permissions");
    QTest::addColumn<QString>("authid"); // empty: no credentials
    QTest::addColumn<QString>("message"); // empty: allowed

    const QByteArray world = R"({"user":"world"})"_ba;
    const QByteArray all = R"({"user":"all"})"_ba;
    const QByteArray audit = R"({"check":["perm","/",["Sys.Audit"]]})"_ba;
    QTest::newRow("world, anonymous") << world << QString() << QString();
    QTest::newRow("world, logged in") << world << u"nobody@pve"_s << QString();
    QTest::newRow("all, anonymous") << all << QString() << u"Permission check failed (user != null)"_s;
    QTest::newRow("all, logged in") << all << u"nobody@pve"_s << QString();
    QTest::newRow("all, token") << all << u"vmuser@pve!tok"_s << QString();
    QTest::newRow("check, allowed") << audit << u"auditor@pve"_s << QString();
    QTest::newRow("check, refused") << audit << u"nobody@pve"_s << u"Permission check failed (/, Sys.Audit)"_s;
    QTest::newRow("check, anonymous") << audit << QString() << u"Permission check failed (user != null)"_s;
    QTest::newRow("root passes checks") << R"({"check":["userid-param","self"]})"_ba << u"root@pam"_s << QString();
    QTest::newRow("root only, root") << "{}"_ba << u"root@pam"_s << QString();
    QTest::newRow("root only, administrator") << "{}"_ba << u"admin@pve"_s
                                              << u"Permission check failed (user != root@pam)"_s;
    QTest::newRow("root only, root's token") << "{}"_ba << u"root@pam!auto"_s
                                             << u"Permission check failed (user != root@pam)"_s;
    QTest::newRow("root's full token has root's privileges") << audit << u"root@pam!auto"_s << QString();
}

void tst_PermissionCheck::authorize()
{
    QFETCH(QByteArray, permissions);
    QFETCH(QString, authid);
    QFETCH(QString, message);
    const AccessControl acl = AccessControl::fromText(kConfig);
    const Identity id = who(authid);
    const auto r = PermissionCheck::authorize(json(permissions).toObject(), acl, authid.isEmpty() ? nullptr : &id,
                                              QJsonObject{{u"userid"_s, u"m1@pve"_s}});
    QCOMPARE(r.has_value(), message.isEmpty());
    if (!message.isEmpty()) {
        QCOMPARE(r.error().code, Code::AccessDenied);
        QCOMPARE(r.error().message, message);
    }
}

void tst_PermissionCheck::substitute_data()
{
    QTest::addColumn<QString>("pathTemplate");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"/access"_s << "{}"_ba << u"/access"_s;
    QTest::newRow("string") << u"/nodes/{node}"_s << R"({"node":"pve1"})"_ba << u"/nodes/pve1"_s;
    QTest::newRow("number") << u"/vms/{vmid}"_s << R"({"vmid":100})"_ba << u"/vms/100"_s;
    QTest::newRow("two") << u"/{a}/{b}"_s << R"({"a":"x","b":"y"})"_ba << u"/x/y"_s;
    QTest::newRow("missing") << u"/vms/{vmid}"_s << "{}"_ba << u"/vms/-"_s;
    QTest::newRow("empty") << u"/vms/{vmid}"_s << R"({"vmid":""})"_ba << u"/vms/-"_s;
    QTest::newRow("zero") << u"/vms/{vmid}"_s << R"({"vmid":0})"_ba << u"/vms/-"_s;
    QTest::newRow("whole path") << u"{path}"_s << R"({"path":"/pool/dev"})"_ba << u"/pool/dev"_s;
}

void tst_PermissionCheck::substitute()
{
    QFETCH(QString, pathTemplate);
    QFETCH(QByteArray, params);
    QFETCH(QString, expected);
    QCOMPARE(PermissionCheck::substitute(pathTemplate, json(params).toObject()), expected);
}

QTEST_GUILESS_MAIN(tst_PermissionCheck)
#include "tst_PermissionCheck.moc"
