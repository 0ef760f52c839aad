#pragma once

#include "Identity.h"
#include "base/Error.h"
#include "config/Diagnostic.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace atalaia {
class Clock;
}

namespace atalaia::config {
class ShadowFile;
class UserConfigFile;
} // namespace atalaia::config

namespace atalaia::access {

// An immutable snapshot of the access-control configuration (user.cfg,
// priv/token.cfg, priv/shadow.cfg) that answers every access question with
// Proxmox VE's semantics (PVE::AccessControl and PVE::RPCEnvironment).
//
// The files are read the way Proxmox reads them: records are taken in file
// order, and a record Proxmox would skip (bad id, unknown role in an ACL
// entry, token of a user not defined above it, ...) is skipped and listed in
// warnings(). root@pam always exists and the built-in roles always have their
// built-in privileges.
//
// Copies are cheap (shared, immutable data) and may be used from any thread.
class AccessControl
{
public:
    struct User {
        QString userid;
        bool enabled = false;
        qint64 expire = 0; // Unix seconds; 0: never
        QString firstName, lastName, email, comment, keys;
        QStringList groups; // sorted
        QStringList tokens; // token names, sorted
    };
    struct Token {
        QString tokenId; // "name@realm!token"
        QString userid;
        QString name;
        qint64 expire = 0;
        bool privsep = true;
        QString comment;
    };
    struct Group {
        QString groupid;
        QStringList members; // sorted; may name users that are not defined
        QString comment;
    };
    struct Pool {
        QString poolid;
        QString comment;
        QStringList vmids;    // canonical decimal, sorted numerically
        QStringList storages; // sorted
    };
    struct AclEntry {
        enum class Kind { User, Group, Token };
        QString path;   // normalized
        Kind kind = Kind::User;
        QString ugid;   // "name@realm", "group" (without '@') or "name@realm!token"
        QString roleid;
        bool propagate = true;
    };
    // privilege -> whether it propagates (Proxmox's 1/0 in GET /access/permissions)
    using PrivilegeFlags = QMap<QString, bool>;
    // role -> whether it propagates
    using RoleFlags = QMap<QString, bool>;

    // Only root@pam and the built-in roles.
    AccessControl();
    // Parses the three texts with config::UserConfigFile and config::ShadowFile.
    static AccessControl fromText(const QByteArray &userCfg, const QByteArray &tokenCfg = {},
                                  const QByteArray &shadowCfg = {});
    // TOKENS and SHADOW may be null (no secrets known).
    static AccessControl fromFiles(const config::UserConfigFile &users, const config::ShadowFile *tokens,
                                   const config::ShadowFile *shadow);

    // Problems the parsers found (errors included: those lines are skipped).
    const config::Diagnostics &diagnostics() const;
    // Records skipped or references dropped the way Proxmox does, one line each.
    const QStringList &warnings() const;

    // ---- users, groups, tokens, pools, roles ------------------------------
    QStringList userIds() const; // sorted
    const User *user(const QString &userid) const;
    bool userExists(const QString &userid) const { return user(userid) != nullptr; }
    // Enabled and not expired (expire != 0 and expire < now). Errors:
    // NoSuchUser "no such user ('x')", AuthenticationFailed "user 'x' is
    // disabled" / "user 'x' access expired" (Proxmox's check_user_enabled).
    Result<void> checkUserEnabled(const QString &userid, const Clock &clock) const;
    bool isUserEnabled(const QString &userid, const Clock &clock) const
    {
        return checkUserEnabled(userid, clock).has_value();
    }
    QStringList groupsOf(const QString &userid) const;

    QStringList groupIds() const; // sorted
    const Group *group(const QString &groupid) const;
    bool isGroupMember(const QString &groupid, const QString &userid) const;

    const Token *token(const QString &tokenId) const;
    QList<Token> tokensOf(const QString &userid) const;
    // Proxmox's verify_token: the user enabled and not expired, the token
    // defined and not expired, the secret equal to priv/token.cfg's (compared
    // in constant time). Errors carry Proxmox's detailed reasons; do not
    // pass them to an unauthenticated client.
    Result<Identity> verifyToken(const QString &tokenId, QByteArrayView secret, const Clock &clock) const;

    // The crypt(3) hash of a 'pve' realm user from priv/shadow.cfg. Secret:
    // never log it or return it to a client.
    std::optional<QByteArray> passwordHash(const QString &userid) const;

    QStringList poolIds() const; // sorted
    const Pool *pool(const QString &poolid) const;
    QString poolOfVm(const QString &vmid) const; // empty when in no pool

    QStringList roleIds() const; // sorted, built-in and custom
    std::optional<QSet<QString>> rolePrivileges(const QString &roleid) const;

    // ---- ACL evaluation ---------------------------------------------------
    QList<AclEntry> aclEntries() const; // sorted by path, then member, then role
    // Every path that has ACL entries, and their ancestors ("/vms/100" gives
    // "/", "/vms", "/vms/100"), as Proxmox's ACL tree holds them; sorted.
    QStringList aclPaths() const;

    // Proxmox's normalize_path: '/'-runs collapsed, no trailing '/', a leading
    // '/'; nullopt when empty or when a character is not [A-Za-z0-9.-_/].
    static std::optional<QString> normalizePath(QStringView path);

    // The privileges WHO has on PATH and whether each propagates:
    //   - root@pam: every privilege;
    //   - walking "/", "/vms", "/vms/100": at each level with entries that
    //     apply (those at the path itself, and propagating ones above it), the
    //     user's own entries replace everything inherited, else its groups'
    //     entries do; a level without applicable entries inherits;
    //   - NoAccess among the resulting roles cancels all others;
    //   - /vms/<id> and /storage/<id> in a pool also get the roles the ACL
    //     gives on /pool/<pool>, without propagation, unless NoAccess is set on
    //     the path itself; NoAccess on the pool cancels the path's roles;
    //   - an API token without privilege separation has its user's
    //     privileges (its own ACL entries are ignored); with privilege
    //     separation, the privileges of its own entries (walked as above, token
    //     entries only) intersected with its user's, propagating only if both do;
    //   - an unknown token has none.
    // PATH is normalized first; an invalid path has no privileges.
    PrivilegeFlags privilegeFlags(const Identity &who, QStringView path) const;
    QSet<QString> privileges(const Identity &who, QStringView path) const;
    // The roles (with their propagate flags) that give privilegeFlags() its
    // privileges, pool roles included; before the token/user intersection.
    RoleFlags roles(const Identity &who, QStringView path) const;
    // All of PRIVILEGES (or, with ANY, at least one; an empty list passes
    // only without ANY), as Proxmox's check / check_any.
    bool hasPrivileges(const Identity &who, QStringView path, const QStringList &privileges, bool any = false) const;
    // As hasPrivileges(), failing with AccessDenied "Permission check failed
    // (PATH, PRIV)" (the first missing privilege; with ANY, all of them
    // joined by '|').
    Result<void> checkPrivileges(const Identity &who, QStringView path, const QStringList &privileges,
                                 bool any = false) const;

    // GET /access/permissions without a path (Proxmox's
    // get_effective_permissions): "/", "/access", "/access/groups", "/nodes",
    // "/pool", "/sdn", "/storage", "/vms", every ACL path and every pool
    // member's /vms/<id> and /storage/<id>, each mapped to its privileges;
    // paths without any are left out.
    QMap<QString, PrivilegeFlags> effectivePermissions(const Identity &who) const;
    // The "cap" object of a ticket response (Proxmox's compute_api_permission):
    // {"vms":{...}, "access":{...}, "storage":{...}, "nodes":{...}, "sdn":{...},
    //  "dc":{...}, "mapping":{...}}, each a set of privilege names mapped to 1.
    QJsonObject capabilities(const Identity &who) const;

    // Whether both are copies of the same snapshot (so any answer computed
    // from one holds for the other).
    bool sameSnapshot(const AccessControl &other) const { return d == other.d; }

    struct Data;

private:
    explicit AccessControl(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> d;
};

} // namespace atalaia::access
