#include "ConfigEdit.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "UserCfgRecords.h"
#include "api/Router.h"

namespace atalaia::api {

namespace {

using config::UserConfigFile;

const QString kUserCfg = QLatin1String(Services::kUserCfg);

QString noSuchGroup(const QString &groupid)
{
    return Tr::tr("group '%1' does not exist").arg(groupid);
}

// Groups where the caller has User.Modify, Sys.Audit or Group.Allocate on /access/groups/<group>.
ApiResponse listGroups(RequestContext &ctx)
{
    const QStringList privs{QStringLiteral("User.Modify"), QStringLiteral("Sys.Audit"), QStringLiteral("Group.Allocate")};
    QJsonArray out;
    for (const QString &groupid : ctx.access.groupIds()) {
        if (!can(ctx, QStringLiteral("/access/groups/") + groupid, privs, true))
            continue;
        const auto *g = ctx.access.group(groupid);
        QJsonObject entry{{QStringLiteral("groupid"), groupid},
                          {QStringLiteral("users"), g->members.join(QLatin1Char(','))}};
        if (!g->comment.isEmpty())
            entry.insert(QStringLiteral("comment"), g->comment);
        out.append(entry);
    }
    return ApiResponse::ok(out);
}

ApiResponse createGroup(RequestContext &ctx)
{
    const QString groupid = ctx.param(QStringLiteral("groupid"));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("create group failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (users.findGroup(groupid.toUtf8()))
                return edit.fail(Code::AlreadyExists, Tr::tr("group '%1' already exists").arg(groupid));
            if (auto added = users.addGroup(groupid, {}, ctx.param(QStringLiteral("comment"))); !added)
                return edit.fail(added.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

ApiResponse readGroup(RequestContext &ctx)
{
    const QString groupid = ctx.param(QStringLiteral("groupid"));
    const auto *g = ctx.access.group(groupid);
    if (!g)
        return ApiResponse::error(404, noSuchGroup(groupid));
    QJsonObject data{{QStringLiteral("members"), QJsonArray::fromStringList(g->members)}};
    if (!g->comment.isEmpty())
        data.insert(QStringLiteral("comment"), g->comment);
    return ApiResponse::ok(data);
}

ApiResponse updateGroup(RequestContext &ctx)
{
    const QString groupid = ctx.param(QStringLiteral("groupid"));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("update group failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            if (!edit.users().findGroup(groupid.toUtf8()))
                return edit.fail(Code::NotFound, noSuchGroup(groupid));
            if (ctx.has(QStringLiteral("comment")))
                if (auto ok = usercfg::setGroupComment(edit, groupid, ctx.param(QStringLiteral("comment"))); !ok)
                    return edit.fail(ok.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

ApiResponse deleteGroup(RequestContext &ctx)
{
    const QString groupid = ctx.param(QStringLiteral("groupid"));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("delete group failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (!users.findGroup(groupid.toUtf8()))
                return edit.fail(Code::NotFound, noSuchGroup(groupid));
            // Drops '@group' from ACL entries too (Proxmox's delete_group_acl).
            if (auto removed = users.removeGroup(groupid); !removed)
                return edit.fail(removed.error());
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

} // namespace

void registerGroupRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/groups"), listGroups);
    router.add(QStringLiteral("POST"), QStringLiteral("/access/groups"), createGroup);
    router.add(QStringLiteral("GET"), QStringLiteral("/access/groups/{groupid}"), readGroup);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/groups/{groupid}"), updateGroup);
    router.add(QStringLiteral("DELETE"), QStringLiteral("/access/groups/{groupid}"), deleteGroup);
}

} // namespace atalaia::api
