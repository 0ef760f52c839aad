#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "api/Router.h"

namespace atalaia::api {

namespace {

using access::AccessControl;
using access::Identity;

QJsonObject flagsJson(const AccessControl::PrivilegeFlags &flags)
{
    QJsonObject o;
    for (auto it = flags.cbegin(); it != flags.cend(); ++it)
        o.insert(it.key(), it.value() ? 1 : 0);
    return o;
}

// Proxmox's GET /access/permissions: one's own permissions (or those of
// one's tokens) for anyone; another user's or token's with Sys.Audit on /access.
ApiResponse permissions(RequestContext &ctx)
{
    const QString authid = ctx.identity.authId();
    const QString userid = ctx.has(QStringLiteral("userid")) ? ctx.param(QStringLiteral("userid")) : authid;
    const std::optional<Identity> target = Identity::fromAuthId(userid);
    if (!target)
        return ApiResponse::parameterErrors(
            {{QStringLiteral("userid"), Tr::tr("value '%1' does not look like a valid user or token ID").arg(userid)}});
    const bool self = userid == authid;
    const bool ownedToken = target->isToken() && target->userid == authid;
    if (!self && !ownedToken && !ctx.identity.isRoot()) {
        if (auto allowed = ctx.access.checkPrivileges(ctx.identity, QStringLiteral("/access"), {QStringLiteral("Sys.Audit")});
            !allowed)
            return ApiResponse::fromError(allowed.error());
    }
    QJsonObject out;
    if (const QString path = ctx.param(QStringLiteral("path")); !path.isEmpty()) {
        out.insert(path, flagsJson(ctx.access.privilegeFlags(*target, path)));
    } else {
        const auto all = ctx.access.effectivePermissions(*target);
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            out.insert(it.key(), flagsJson(it.value()));
    }
    return ApiResponse::ok(out);
}

} // namespace

void registerPermissionRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/permissions"), permissions);
}

} // namespace atalaia::api
