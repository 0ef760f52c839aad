#pragma once

#include "Identity.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace atalaia::access {

class AccessControl;

// The permission declarations of the API schema ("permissions" of a method),
// enforced exactly as Proxmox VE's PVE::RPCEnvironment does
// (check_api2_permissions, exec_api2_perm_check).
//
// Check expressions:
//   ["perm", PATH, [PRIVS...], "any", 1, "require_param", NAME]
//       PRIVS on PATH (all, or with "any" at least one). "{name}" in PATH is
//       replaced by that request parameter ('-' when missing, empty or 0), the
//       result normalized. With require_param, a request without NAME fails.
//   ["and", CHECK...]   every check; a failing one's reason is the result
//   ["or", CHECK...]    the first check that passes
//   ["userid-param", "self"]               the request's userid is the caller
//                                          (never true for an API token)
//   ["userid-param", "Realm.AllocateUser"] Realm.AllocateUser on
//                                          /access/realm/<realm of userid>
//   ["userid-group", [PRIVS...], "groups_param", "create"|"update"]
//       any of PRIVS on /access/groups, or else on a group the userid belongs
//       to (the userid must exist unless "create") and, with groups_param, on
//       every group named in the "groups" parameter (which must not be empty)
//   ["perm-modify", PATH]  who may change ACL entries on PATH:
//       Permissions.Modify on PATH, or for /vms/<x> VM.Allocate, for
//       /storage/<x> Datastore.Allocate, for /pool/<x> Pool.Allocate
//
// Denials are Code::AccessDenied with Proxmox's text, "Permission check
// failed" or "Permission check failed (PATH, PRIV)"; a malformed expression
// or an unknown privilege name in it is Code::Internal.
class PermissionCheck final
{
public:
    // How a method's permissions object is enforced.
    enum class Kind {
        World,    // user: "world": no authentication at all
        AnyUser,  // user: "all": any authenticated user or token (the method filters)
        Check,    // a check expression
        RootOnly, // nothing declared: root@pam only
    };
    static Kind kind(const QJsonObject &permissions);

    // One check expression, for WHO with the request's PARAMS.
    static Result<void> evaluate(const QJsonValue &check, const AccessControl &acl, const Identity &who,
                                 const QJsonObject &params);

    // A method's whole permissions object. WHO is null for a request without
    // credentials, which only World methods accept; root@pam passes
    // everything else without looking further, as in Proxmox.
    static Result<void> authorize(const QJsonObject &permissions, const AccessControl &acl, const Identity *who,
                                  const QJsonObject &params);

    // Proxmox's template_replace: "{name}" replaced by the parameter's value,
    // or '-' when it is missing, empty or 0.
    static QString substitute(QStringView pathTemplate, const QJsonObject &params);
};

} // namespace atalaia::access
