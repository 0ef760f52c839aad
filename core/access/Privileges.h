#pragma once

#include <QHash>
#include <QLatin1StringView>
#include <QSet>
#include <QString>
#include <QStringList>

namespace atalaia::access {

inline constexpr QLatin1StringView kAdministratorRole("Administrator");
inline constexpr QLatin1StringView kNoAccessRole("NoAccess");
inline constexpr QLatin1StringView kRootUser("root@pam");

// Proxmox VE 9's privilege names and built-in roles (PVE::AccessControl's
// $privgroups and create_roles). The roles are derived, as Proxmox derives
// them, from per-category groups of privileges:
//
//   PVE<Cat>Admin  = admin + user + audit privileges of the category
//   PVE<Cat>User   = user + audit (only for categories with user privileges)
//   PVEAdmin       = every category's admin + user + audit, minus Mapping.Modify
//   PVEAuditor     = every category's audit privileges
//   PVETemplateUser = VM.Audit, VM.Clone
//   Administrator  = every privilege, NoAccess = none
//
// "root" privileges (Sys.PowerMgmt, Sys.Modify, Sys.Incoming,
// Sys.AccessNetwork, Realm.Allocate) and Permissions.Modify belong to no
// group: only Administrator (and custom roles) carry them.
class Privileges final
{
public:
    static const QStringList &names(); // sorted
    static bool isPrivilege(QStringView name);

    static const QStringList &builtinRoles(); // sorted
    static bool isBuiltinRole(QStringView name);
    // The privileges of a built-in role; empty for NoAccess and for names
    // that are not built-in roles.
    static QSet<QString> ofBuiltinRole(QStringView role);
    static const QHash<QString, QSet<QString>> &builtinRoleTable();
};

} // namespace atalaia::access
