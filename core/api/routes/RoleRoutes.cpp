#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "UserCfgRecords.h"
#include "access/Privileges.h"
#include "api/Router.h"

namespace atalaia::api {

namespace {

using access::Privileges;
using config::UserConfigFile;

const QString kUserCfg = QLatin1String(Services::kUserCfg);

QString noSuchRole(const QString &roleid)
{
    return Tr::tr("role '%1' does not exist").arg(roleid);
}

// The privs parameter: Proxmox's pve-priv-list, every name a privilege of
// this version (VM.Monitor, gone in Proxmox VE 9, is refused).
std::expected<QStringList, ApiResponse> privsParam(const RequestContext &ctx)
{
    QStringList privs = splitList(ctx.param(QStringLiteral("privs")));
    for (const QString &p : std::as_const(privs))
        if (!Privileges::isPrivilege(p))
            return std::unexpected(
                ApiResponse::parameterErrors({{QStringLiteral("privs"), Tr::tr("invalid privilege '%1'").arg(p)}}));
    privs.removeDuplicates();
    return privs;
}

ApiResponse listRoles(RequestContext &ctx)
{
    QJsonArray out;
    for (const QString &roleid : ctx.access.roleIds()) {
        QStringList privs = ctx.access.rolePrivileges(roleid).value_or(QSet<QString>()).values();
        privs.sort();
        out.append(QJsonObject{{QStringLiteral("roleid"), roleid},
                               {QStringLiteral("privs"), privs.join(QLatin1Char(','))},
                               {QStringLiteral("special"), Privileges::isBuiltinRole(roleid) ? 1 : 0}});
    }
    return ApiResponse::ok(out);
}

ApiResponse readRole(RequestContext &ctx)
{
    const QString roleid = ctx.param(QStringLiteral("roleid"));
    const auto privs = ctx.access.rolePrivileges(roleid);
    if (!privs)
        return ApiResponse::error(404, noSuchRole(roleid));
    QJsonObject data;
    for (const QString &p : *privs)
        data.insert(p, 1);
    return ApiResponse::ok(data);
}

ApiResponse createRole(RequestContext &ctx)
{
    const QString roleid = ctx.param(QStringLiteral("roleid"));
    if (roleid.startsWith(QLatin1String("PVE"), Qt::CaseInsensitive))
        return ApiResponse::parameterErrors(
            {{QStringLiteral("roleid"), Tr::tr("cannot use role ID starting with the (case-insensitive) 'PVE' namespace")}});
    auto privs = privsParam(ctx);
    if (!privs)
        return privs.error();
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("create role failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (Privileges::isBuiltinRole(roleid) || users.findRole(roleid.toUtf8()))
                return edit.fail(Code::AlreadyExists, Tr::tr("role '%1' already exists").arg(roleid));
            if (auto added = users.addRole(roleid, *privs); !added)
                return edit.fail(added.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

ApiResponse updateRole(RequestContext &ctx)
{
    const QString roleid = ctx.param(QStringLiteral("roleid"));
    if (Privileges::isBuiltinRole(roleid))
        return ApiResponse::error(400, Tr::tr("auto-generated role '%1' cannot be modified").arg(roleid));
    if (ctx.has(QStringLiteral("append")) && !ctx.has(QStringLiteral("privs")))
        return ApiResponse::parameterErrors(
            {{QStringLiteral("privs"), Tr::tr("missing property - 'privs' is required by 'append'")}});
    auto privs = privsParam(ctx);
    if (!privs)
        return privs.error();
    const bool append = ctx.params.value(QStringLiteral("append")).toInt() != 0;
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("update role failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            const UserConfigFile::Role *role = edit.users().findRole(roleid.toUtf8());
            if (!role)
                return edit.fail(Code::NotFound, noSuchRole(roleid));
            // Without append the role gets exactly PRIVS (none when not given), as in Proxmox.
            QStringList wanted = *privs;
            if (append)
                wanted = role->privileges.list() + wanted;
            if (auto ok = usercfg::setRolePrivileges(edit, roleid, wanted); !ok)
                return edit.fail(ok.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

ApiResponse deleteRole(RequestContext &ctx)
{
    const QString roleid = ctx.param(QStringLiteral("roleid"));
    if (Privileges::isBuiltinRole(roleid))
        return ApiResponse::error(400, Tr::tr("auto-generated role '%1' cannot be deleted").arg(roleid));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("delete role failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            if (!edit.users().findRole(roleid.toUtf8()))
                return edit.fail(Code::NotFound, noSuchRole(roleid));
            if (auto ok = usercfg::removeRole(edit, roleid); !ok)
                return edit.fail(ok.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

} // namespace

void registerRoleRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/roles"), listRoles);
    router.add(QStringLiteral("POST"), QStringLiteral("/access/roles"), createRole);
    router.add(QStringLiteral("GET"), QStringLiteral("/access/roles/{roleid}"), readRole);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/roles/{roleid}"), updateRole);
    router.add(QStringLiteral("DELETE"), QStringLiteral("/access/roles/{roleid}"), deleteRole);
}

} // namespace atalaia::api
