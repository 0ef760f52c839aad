// The privilege names and built-in roles of Proxmox VE 9, written out here
// independently of how core/access derives them.

#include "access/AccessControl.h"
#include "access/Privileges.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace atalaia::access;
using namespace Qt::StringLiterals;

namespace {

QStringList split(const QString &list)
{
    QStringList out = list.split(u',', Qt::SkipEmptyParts);
    for (QString &s : out)
        s = s.trimmed();
    out.sort();
    return out;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList out(set.cbegin(), set.cend());
    out.sort();
    return out;
}

} // namespace

class tst_Privileges : public QObject {
    Q_OBJECT

private slots:
    void namesMatchTheApiSchema();
    void builtinRoles_data();
    void builtinRoles();
    void roleListIsComplete();
    void builtinRolesCannotBeRedefined();
};

// GET /access/roles/{roleid} returns one boolean per privilege: the schema
// lists exactly Proxmox VE 9's privilege names.
void tst_Privileges::namesMatchTheApiSchema()
{
    QFile file(QStringLiteral(ATALAIA_SOURCE_DIR "/resources/pve-api/schema-subset.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject properties = schema.value(u"/access/roles/{roleid}"_s)
                                       .toObject()
                                       .value(u"GET"_s)
                                       .toObject()
                                       .value(u"returns"_s)
                                       .toObject()
                                       .value(u"properties"_s)
                                       .toObject();
    QStringList expected = properties.keys();
    expected.sort();
    QCOMPARE(expected.size(), 47);
    QCOMPARE(Privileges::names(), expected);
    QVERIFY(!Privileges::isPrivilege(u"VM.Monitor"_s)); // dropped in Proxmox VE 9
    QVERIFY(Privileges::isPrivilege(u"VM.GuestAgent.Audit"_s));
}

void tst_Privileges::builtinRoles_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("privileges");

    QTest::newRow("NoAccess") << u"NoAccess"_s << QString();
    QTest::newRow("PVEAuditor") << u"PVEAuditor"_s
                                << u"Datastore.Audit,Mapping.Audit,Pool.Audit,SDN.Audit,Sys.Audit,VM.Audit,"
                                   "VM.GuestAgent.Audit"_s;
    QTest::newRow("PVEVMUser") << u"PVEVMUser"_s
                               << u"VM.Audit,VM.Backup,VM.Config.CDROM,VM.Config.Cloudinit,VM.Console,"
                                  "VM.GuestAgent.Audit,VM.GuestAgent.FileRead,VM.GuestAgent.FileSystemMgmt,"
                                  "VM.GuestAgent.FileWrite,VM.PowerMgmt"_s;
    QTest::newRow("PVEVMAdmin") << u"PVEVMAdmin"_s
                                << u"VM.Allocate,VM.Audit,VM.Backup,VM.Clone,VM.Config.CDROM,VM.Config.CPU,"
                                   "VM.Config.Cloudinit,VM.Config.Disk,VM.Config.HWType,VM.Config.Memory,"
                                   "VM.Config.Network,VM.Config.Options,VM.Console,VM.GuestAgent.Audit,"
                                   "VM.GuestAgent.FileRead,VM.GuestAgent.FileSystemMgmt,VM.GuestAgent.FileWrite,"
                                   "VM.GuestAgent.Unrestricted,VM.Migrate,VM.PowerMgmt,VM.Replicate,VM.Snapshot,"
                                   "VM.Snapshot.Rollback"_s;
    QTest::newRow("PVEUserAdmin") << u"PVEUserAdmin"_s << u"Group.Allocate,Realm.AllocateUser,User.Modify"_s;
    QTest::newRow("PVESysAdmin") << u"PVESysAdmin"_s << u"Sys.Audit,Sys.Console,Sys.Syslog"_s;
    QTest::newRow("PVEDatastoreAdmin")
        << u"PVEDatastoreAdmin"_s
        << u"Datastore.Allocate,Datastore.AllocateSpace,Datastore.AllocateTemplate,Datastore.Audit"_s;
    QTest::newRow("PVEDatastoreUser") << u"PVEDatastoreUser"_s << u"Datastore.AllocateSpace,Datastore.Audit"_s;
    QTest::newRow("PVEPoolAdmin") << u"PVEPoolAdmin"_s << u"Pool.Allocate,Pool.Audit"_s;
    QTest::newRow("PVEPoolUser") << u"PVEPoolUser"_s << u"Pool.Audit"_s;
    QTest::newRow("PVETemplateUser") << u"PVETemplateUser"_s << u"VM.Audit,VM.Clone"_s;
    QTest::newRow("PVESDNAdmin") << u"PVESDNAdmin"_s << u"SDN.Allocate,SDN.Audit,SDN.Use"_s;
    QTest::newRow("PVESDNUser") << u"PVESDNUser"_s << u"SDN.Audit,SDN.Use"_s;
    QTest::newRow("PVEMappingAdmin") << u"PVEMappingAdmin"_s << u"Mapping.Audit,Mapping.Modify,Mapping.Use"_s;
    QTest::newRow("PVEMappingUser") << u"PVEMappingUser"_s << u"Mapping.Audit,Mapping.Use"_s;
    // Everything but the "root" privileges (Sys.PowerMgmt, Sys.Modify,
    // Sys.Incoming, Sys.AccessNetwork, Realm.Allocate), Permissions.Modify
    // and Mapping.Modify.
    QTest::newRow("PVEAdmin") << u"PVEAdmin"_s
                              << u"Datastore.Allocate,Datastore.AllocateSpace,Datastore.AllocateTemplate,"
                                 "Datastore.Audit,Group.Allocate,Mapping.Audit,Mapping.Use,Pool.Allocate,Pool.Audit,"
                                 "Realm.AllocateUser,SDN.Allocate,SDN.Audit,SDN.Use,Sys.Audit,Sys.Console,Sys.Syslog,"
                                 "User.Modify,VM.Allocate,VM.Audit,VM.Backup,VM.Clone,VM.Config.CDROM,VM.Config.CPU,"
                                 "VM.Config.Cloudinit,VM.Config.Disk,VM.Config.HWType,VM.Config.Memory,"
                                 "VM.Config.Network,VM.Config.Options,VM.Console,VM.GuestAgent.Audit,"
                                 "VM.GuestAgent.FileRead,VM.GuestAgent.FileSystemMgmt,VM.GuestAgent.FileWrite,"
                                 "VM.GuestAgent.Unrestricted,VM.Migrate,VM.PowerMgmt,VM.Replicate,VM.Snapshot,"
                                 "VM.Snapshot.Rollback"_s;
    QTest::newRow("Administrator") << u"Administrator"_s << Privileges::names().join(u',');
}

void tst_Privileges::builtinRoles()
{
    QFETCH(QString, role);
    QFETCH(QString, privileges);
    QVERIFY(Privileges::isBuiltinRole(role));
    QCOMPARE(sorted(Privileges::ofBuiltinRole(role)), split(privileges));
    // The snapshot serves the same table.
    QCOMPARE(sorted(AccessControl().rolePrivileges(role).value_or(QSet<QString>{u"missing"_s})), split(privileges));
}

void tst_Privileges::roleListIsComplete()
{
    QCOMPARE(Privileges::builtinRoles(),
             split(u"Administrator,NoAccess,PVEAdmin,PVEAuditor,PVEDatastoreAdmin,PVEDatastoreUser,PVEMappingAdmin,"
                   "PVEMappingUser,PVEPoolAdmin,PVEPoolUser,PVESDNAdmin,PVESDNUser,PVESysAdmin,PVETemplateUser,"
                   "PVEUserAdmin,PVEVMAdmin,PVEVMUser"_s));
    QVERIFY(!Privileges::isBuiltinRole(u"PVESysUser"_s)); // no user privileges in that category
    QVERIFY(!Privileges::isBuiltinRole(u"PVEUserUser"_s));
}

// A "role:" line naming a built-in role does not change it (Proxmox forces the
// built-in privileges), while a custom role gets only valid privileges.
void tst_Privileges::builtinRolesCannotBeRedefined()
{
    const AccessControl acl = AccessControl::fromText("role:PVEAuditor:Sys.Modify:\n"
                                                      "role:Custom:VM.Audit,VM.Monitor,Sys.Modify:\n");
    QCOMPARE(sorted(*acl.rolePrivileges(u"PVEAuditor"_s)), sorted(Privileges::ofBuiltinRole(u"PVEAuditor")));
    QCOMPARE(sorted(*acl.rolePrivileges(u"Custom"_s)), split(u"Sys.Modify,VM.Audit"_s));
}

QTEST_GUILESS_MAIN(tst_Privileges)
#include "tst_Privileges.moc"
