#include "Privileges.h"

#include <algorithm>
#include <initializer_list>

namespace atalaia::access {

namespace {

// One category of Proxmox's privilege groups. "root" privileges are granted
// by no built-in role but Administrator.
struct Category {
    const char *name; // "VM" -> PVEVMAdmin, PVEVMUser
    std::initializer_list<const char *> root, admin, user, audit;
};

// Proxmox VE 9 (pve-access-control 9.x). Changes from 8.x: VM.Monitor is gone,
// the VM.GuestAgent.* privileges replace it for guest-agent commands
// (Unrestricted is an admin privilege, File{Read,Write} and FileSystemMgmt
// user privileges, Audit an audit privilege), VM.Replicate is new.
const Category kCategories[] = {
    {"VM",
     {},
     {"VM.Config.Disk", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.HWType",
      "VM.Config.Options", "VM.Allocate", "VM.Clone", "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.Replicate",
      "VM.Snapshot", "VM.Snapshot.Rollback"},
     {"VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup", "VM.GuestAgent.FileRead",
      "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite", "VM.PowerMgmt"},
     {"VM.Audit", "VM.GuestAgent.Audit"}},
    {"Sys",
     {"Sys.PowerMgmt", "Sys.Modify", "Sys.Incoming", "Sys.AccessNetwork"},
     {"Sys.Console", "Sys.Syslog"},
     {},
     {"Sys.Audit"}},
    {"Datastore",
     {},
     {"Datastore.Allocate", "Datastore.AllocateTemplate"},
     {"Datastore.AllocateSpace"},
     {"Datastore.Audit"}},
    {"SDN", {}, {"SDN.Allocate", "SDN.Audit"}, {"SDN.Use"}, {"SDN.Audit"}},
    {"User", {"Realm.Allocate"}, {"User.Modify", "Group.Allocate", "Realm.AllocateUser"}, {}, {}},
    {"Pool", {}, {"Pool.Allocate"}, {"Pool.Audit"}, {"Pool.Audit"}},
    {"Mapping", {}, {"Mapping.Modify"}, {"Mapping.Use"}, {"Mapping.Audit"}},
};

// In no category: only Administrator has it.
constexpr const char *kUngrouped[] = {"Permissions.Modify"};

struct Tables {
    QStringList names;
    QSet<QString> nameSet;
    QHash<QString, QSet<QString>> roles;
    QStringList roleNames;
};

Tables buildTables()
{
    Tables t;
    auto add = [](QSet<QString> &set, std::initializer_list<const char *> privs) {
        for (const char *p : privs)
            set.insert(QLatin1String(p));
    };
    for (const char *p : kUngrouped)
        t.nameSet.insert(QLatin1String(p));
    QSet<QString> &admin = t.roles[QStringLiteral("PVEAdmin")];
    QSet<QString> &auditor = t.roles[QStringLiteral("PVEAuditor")];
    for (const Category &c : kCategories) {
        const QString cat = QLatin1String(c.name);
        add(t.nameSet, c.root);
        add(t.nameSet, c.admin);
        add(t.nameSet, c.user);
        add(t.nameSet, c.audit);
        QSet<QString> &catAdmin = t.roles[QStringLiteral("PVE%1Admin").arg(cat)];
        add(catAdmin, c.admin);
        add(catAdmin, c.user);
        add(catAdmin, c.audit);
        admin.unite(catAdmin);
        if (c.user.size() > 0) {
            QSet<QString> &catUser = t.roles[QStringLiteral("PVE%1User").arg(cat)];
            add(catUser, c.user);
            add(catUser, c.audit);
        }
        add(auditor, c.audit);
    }
    // Proxmox keeps Mapping.Modify to Administrator and PVEMappingAdmin.
    admin.remove(QStringLiteral("Mapping.Modify"));
    t.roles[QStringLiteral("PVETemplateUser")] = {QStringLiteral("VM.Audit"), QStringLiteral("VM.Clone")};
    t.roles[QString(kNoAccessRole)] = {};
    t.roles[QString(kAdministratorRole)] = t.nameSet;

    t.names = QStringList(t.nameSet.cbegin(), t.nameSet.cend());
    t.names.sort();
    t.roleNames = t.roles.keys();
    t.roleNames.sort();
    return t;
}

const Tables &tables()
{
    static const Tables t = buildTables();
    return t;
}

} // namespace

const QStringList &Privileges::names()
{
    return tables().names;
}

bool Privileges::isPrivilege(QStringView name)
{
    return tables().nameSet.contains(name.toString());
}

const QStringList &Privileges::builtinRoles()
{
    return tables().roleNames;
}

bool Privileges::isBuiltinRole(QStringView name)
{
    return tables().roles.contains(name.toString());
}

QSet<QString> Privileges::ofBuiltinRole(QStringView role)
{
    return tables().roles.value(role.toString());
}

const QHash<QString, QSet<QString>> &Privileges::builtinRoleTable()
{
    return tables().roles;
}

} // namespace atalaia::access
