#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "access/PermissionCheck.h"
#include "access/Privileges.h"
#include "api/Router.h"

#include <QMap>
#include <QRegularExpression>

namespace atalaia::api {

namespace {

using access::AccessControl;
using access::Privileges;
using config::UserConfigFile;

const QString kUserCfg = QLatin1String(Services::kUserCfg);
const QString kPermissionsModify = QStringLiteral("Permissions.Modify");

// Proxmox's check_path: the paths an ACL entry may be added on (PVE 8/9:
// mappings, nested pools, SDN zones/vnets/vlans and SDN sub-objects).
bool isAclPath(const QString &path)
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:/"
        "|/access|/access/groups|/access/groups/[[:alnum:]._-]+|/access/realm|/access/realm/[[:alnum:]._-]+"
        "|/mapping|/mapping/[[:alnum:]._-]+|/mapping/[[:alnum:]._-]+/[[:alnum:]._-]+"
        "|/nodes|/nodes/[[:alnum:]._-]+"
        "|/pool|/pool/[[:alnum:]._-]+(?:/[[:alnum:]._-]+){0,2}"
        "|/sdn|/sdn/controllers|/sdn/controllers/[[:alnum:]_-]+|/sdn/dns|/sdn/dns/[[:alnum:]]+"
        "|/sdn/ipams|/sdn/ipams/[[:alnum:]]+|/sdn/zones|/sdn/zones/[[:alnum:]._-]+"
        "|/sdn/zones/[[:alnum:]._-]+/[[:alnum:]._-]+|/sdn/zones/[[:alnum:]._-]+/[[:alnum:]._-]+/[1-9][0-9]{0,3}"
        "|/storage|/storage/[[:alnum:]._-]+"
        "|/vms|/vms/[1-9][0-9]{2,})$"));
    return re.match(path).hasMatch();
}

// Proxmox's check_perm_modify: who may see and change the ACL of PATH.
bool mayModifyAcl(const RequestContext &ctx, const QString &path)
{
    if (ctx.identity.isRoot())
        return true;
    return access::PermissionCheck::evaluate(QJsonArray{QStringLiteral("perm-modify"), path}, ctx.access, ctx.identity,
                                             {})
        .has_value();
}

QString kindName(AccessControl::AclEntry::Kind kind)
{
    switch (kind) {
    case AccessControl::AclEntry::Kind::User: return QStringLiteral("user");
    case AccessControl::AclEntry::Kind::Group: return QStringLiteral("group");
    case AccessControl::AclEntry::Kind::Token: return QStringLiteral("token");
    }
    return {};
}

// Entries on paths whose permissions the caller may modify; everything for
// a caller with Sys.Audit on /access (Proxmox's read_acl).
ApiResponse readAcl(RequestContext &ctx)
{
    const bool audit = can(ctx, QStringLiteral("/access"), {QStringLiteral("Sys.Audit")});
    QHash<QString, bool> visible;
    QJsonArray out;
    for (const AccessControl::AclEntry &e : ctx.access.aclEntries()) {
        auto seen = visible.constFind(e.path);
        if (seen == visible.cend())
            seen = visible.insert(e.path, audit || mayModifyAcl(ctx, e.path));
        if (!*seen)
            continue;
        out.append(QJsonObject{{QStringLiteral("path"), e.path},
                               {QStringLiteral("type"), kindName(e.kind)},
                               {QStringLiteral("ugid"), e.ugid},
                               {QStringLiteral("roleid"), e.roleid},
                               {QStringLiteral("propagate"), e.propagate ? 1 : 0}});
    }
    return ApiResponse::ok(out);
}

// The privileges of ROLE as user.cfg now defines it (nullopt: no such role).
std::optional<QSet<QString>> rolePrivileges(const UserConfigFile &users, const QString &role)
{
    if (role == QLatin1String("Administrator")) {
        const QStringList all = Privileges::names();
        return QSet<QString>(all.cbegin(), all.cend());
    }
    if (Privileges::isBuiltinRole(role))
        return Privileges::ofBuiltinRole(role);
    const UserConfigFile::Role *r = users.findRole(role.toUtf8());
    if (!r)
        return std::nullopt;
    const QStringList privs = r->privileges.list();
    return QSet<QString>(privs.cbegin(), privs.cend());
}

ApiResponse updateAcl(RequestContext &ctx)
{
    const QStringList users = splitList(ctx.param(QStringLiteral("users")));
    const QStringList groups = splitList(ctx.param(QStringLiteral("groups")));
    const QStringList tokens = splitList(ctx.param(QStringLiteral("tokens")));
    if (users.isEmpty() && groups.isEmpty() && tokens.isEmpty()) {
        const QString why = Tr::tr("either 'users', 'groups' or 'tokens' is required.");
        return ApiResponse::parameterErrors(
            {{QStringLiteral("users"), why}, {QStringLiteral("groups"), why}, {QStringLiteral("tokens"), why}});
    }
    const QString pathParam = ctx.param(QStringLiteral("path"));
    const bool remove = ctx.params.value(QStringLiteral("delete")).toInt() != 0;
    const std::optional<QString> path = AccessControl::normalizePath(pathParam);
    if (!path || (!remove && !isAclPath(*path)))
        return ApiResponse::parameterErrors({{QStringLiteral("path"), Tr::tr("invalid ACL path '%1'").arg(pathParam)}});
    const bool propagate = !ctx.has(QStringLiteral("propagate")) || ctx.params.value(QStringLiteral("propagate")).toInt() != 0;
    const QStringList roles = splitList(ctx.param(QStringLiteral("roles")));
    // What the caller has on PATH: without Permissions.Modify (say VM.Allocate
    // on /vms/100) it may only hand out, or take away, what it has itself.
    const AccessControl::PrivilegeFlags callerPrivs = ctx.access.privilegeFlags(ctx.identity, *path);
    const bool fullModify = ctx.identity.isRoot() || callerPrivs.contains(kPermissionsModify);
    const QString verb = remove ? QStringLiteral("remove") : QStringLiteral("add");

    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("ACL update failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &file = edit.users();
            for (const QString &role : roles) {
                const auto privs = rolePrivileges(file, role);
                if (!privs)
                    return ConfigEdit::parameterError(QStringLiteral("roles"), Tr::tr("role '%1' does not exist").arg(role));
                if (fullModify)
                    continue;
                for (const QString &priv : *privs) {
                    const auto have = callerPrivs.constFind(priv);
                    if (have == callerPrivs.cend())
                        return ConfigEdit::parameterError(
                            QStringLiteral("role"), Tr::tr("Cannot %1 role '%2' - requires 'Permissions.Modify' or "
                                                           "superset of privileges.").arg(verb, role));
                    if (propagate && !*have && !remove)
                        return ConfigEdit::parameterError(
                            QStringLiteral("role"), Tr::tr("Cannot %1 role '%2' with propagation - requires "
                                                           "'Permissions.Modify' or propagated superset of "
                                                           "privileges.").arg(verb, role));
                }
                if (role == QLatin1String("NoAccess"))
                    return ConfigEdit::parameterError(
                        QStringLiteral("role"), Tr::tr("Cannot %1 role '%2' - requires 'Permissions.Modify'").arg(verb, role));
            }
            QStringList ugids;
            for (const QString &g : groups) {
                if (!file.findGroup(g.toUtf8()))
                    return ConfigEdit::parameterError(QStringLiteral("groups"), Tr::tr("group '%1' does not exist").arg(g));
                ugids.append(QLatin1Char('@') + g);
            }
            for (const QString &u : users) {
                if (const QString problem = UserConfigFile::userIdProblem(u.toUtf8()); !problem.isEmpty())
                    return ConfigEdit::parameterError(QStringLiteral("users"), problem);
                if (!userDefined(file, u))
                    return ConfigEdit::parameterError(QStringLiteral("users"), Tr::tr("user '%1' does not exist").arg(u));
                // Proxmox never writes root@pam's entries: it is Administrator everywhere.
                if (u != QLatin1String("root@pam"))
                    ugids.append(u);
            }
            for (const QString &t : tokens) {
                if (!UserConfigFile::tokenIdProblem(t.toUtf8()).isEmpty())
                    return ConfigEdit::parameterError(
                        QStringLiteral("tokens"),
                        Tr::tr("'%1' is not a valid token ID - not able to split into user and token parts").arg(t));
                const qsizetype bang = t.lastIndexOf(QLatin1Char('!'));
                if (!userDefined(file, t.first(bang)))
                    return ConfigEdit::parameterError(QStringLiteral("tokens"),
                                                      Tr::tr("no such user ('%1')").arg(t.first(bang)));
                if (!file.findToken(t.toUtf8()))
                    return ConfigEdit::parameterError(
                        QStringLiteral("tokens"),
                        Tr::tr("no such token '%1' for user '%2'").arg(t.sliced(bang + 1), t.first(bang)));
                ugids.append(t);
            }
            ugids.removeDuplicates();

            if (remove) {
                for (const QString &ugid : std::as_const(ugids))
                    for (const QString &role : roles)
                        if (auto ok = file.removeAcl(*path, ugid, {role}); !ok && ok.error().code != Code::NotFound)
                            return edit.fail(ok.error());
                return {};
            }
            // The grants PATH has now: (member, role) -> propagate, the last record winning.
            QHash<QPair<QString, QString>, bool> existing;
            for (const UserConfigFile::Acl &a : file.acls()) {
                if (AccessControl::normalizePath(a.path.string()) != *path)
                    continue;
                for (const QString &ugid : a.ugids.list())
                    for (const QString &role : a.roles.list())
                        existing.insert({ugid, role}, a.propagates());
            }
            // Grant what is missing; a grant with the other propagate flag is replaced.
            QMap<QStringList, QStringList> byRoles; // roles -> members that need them
            for (const QString &ugid : std::as_const(ugids)) {
                QStringList needed;
                for (const QString &role : roles) {
                    const auto it = existing.constFind({ugid, role});
                    if (it != existing.cend() && *it == propagate)
                        continue;
                    if (it != existing.cend())
                        if (auto ok = file.removeAcl(*path, ugid, {role}); !ok)
                            return edit.fail(ok.error());
                    if (!needed.contains(role))
                        needed.append(role);
                }
                if (!needed.isEmpty())
                    byRoles[needed].append(ugid);
            }
            for (auto it = byRoles.cbegin(); it != byRoles.cend(); ++it)
                if (auto ok = file.addAcl(*path, it.value(), it.key(), propagate); !ok)
                    return edit.fail(ok.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

} // namespace

void registerAclRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/acl"), readAcl);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/acl"), updateAcl);
}

} // namespace atalaia::api
