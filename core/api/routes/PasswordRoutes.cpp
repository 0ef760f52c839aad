#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "Realms.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "access/Authenticator.h"
#include "access/PasswordHasher.h"
#include "api/Router.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPassword, "atalaia.api.password")

namespace atalaia::api {

namespace {

const QString kShadowCfg = QLatin1String(Services::kShadowCfg);

ApiResponse permissionDenied()
{
    return ApiResponse::error(403, Tr::tr("Permission check failed"));
}

// Proxmox's change_password with reauth_user_for_user_modification: anyone
// but root@pam confirms the change with its own current password; only root
// changes root's password; nobody but the user itself (and root) changes a
// 'pam' user's password. Atalaia stores 'pve' passwords only: a 'pam'
// password is the Linux password, which it does not change.
ApiResponse changePassword(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    const QString caller = ctx.identity.userid; // never a token: the route refuses them
    if (!ctx.access.user(userid))
        return ApiResponse::error(404, Tr::tr("no such user ('%1')").arg(userid));
    if (userid == QLatin1String("root@pam") && !ctx.identity.isRoot())
        return permissionDenied();
    if (!ctx.identity.isRoot()) {
        if (!ctx.has(QStringLiteral("confirmation-password")))
            return ApiResponse::parameterErrors(
                {{QStringLiteral("confirmation-password"), Tr::tr("password is required to modify user")}});
        QString detail;
        auto confirmed = ctx.services.authenticator().login(
            ctx.access, caller, ctx.param(QStringLiteral("confirmation-password")).toUtf8(), ctx.request.peer, &detail);
        if (!confirmed) {
            qCWarning(lcPassword).noquote() << "password change for" << userid << "by" << caller
                                            << "refused: confirmation failed:" << detail;
            if (confirmed.error().code == Code::RateLimited)
                return ApiResponse::fromError(confirmed.error());
            return ApiResponse::parameterErrors(
                {{QStringLiteral("confirmation-password"), Tr::tr("authentication failure")}});
        }
        if (caller == userid) {
            if (auto enabled = ctx.access.checkUserEnabled(userid, ctx.services.clock()); !enabled)
                return ApiResponse::error(403, enabled.error().message);
        } else if (realmOf(userid) == QLatin1String("pam")) {
            return permissionDenied(); // system users change their own passwords only
        }
    }
    if (auto problem = passwordRealmProblem(readDomainsCfg(ctx.services.store()), userid))
        return ApiResponse::error(400, *problem);
    auto hash = access::PasswordHasher::hash(ctx.param(QStringLiteral("password")).toUtf8());
    if (!hash)
        return ApiResponse::parameterErrors({{QStringLiteral("password"), hash.error().message}});
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("changing password failed"), {kShadowCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            if (auto stored = edit.shadow().setSecret(userid, *hash); !stored)
                return edit.fail(stored.error());
            return {};
        });
    if (!done)
        return done.error();
    qCInfo(lcPassword).noquote() << "changed password for user" << userid << "(by" << caller << ")";
    return ApiResponse::ok();
}

} // namespace

void registerPasswordRoutes(Router &router)
{
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/password"), changePassword);
}

} // namespace atalaia::api
