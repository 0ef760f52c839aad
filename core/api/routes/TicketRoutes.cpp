#include "AccessSupport.h"
#include "Realms.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "access/Authenticator.h"
#include "access/PamBackend.h"
#include "access/TicketAuthority.h"
#include "api/Router.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLogin, "atalaia.api.login")

namespace atalaia::api {

namespace {

// "name" with realm "pam" -> "name@pam"; "name@pve" stays.
QString fullUserId(const RequestContext &ctx)
{
    QString user = ctx.param(QStringLiteral("username"));
    if (ctx.has(QStringLiteral("realm")) && !user.contains(QLatin1Char('@')))
        user += QLatin1Char('@') + ctx.param(QStringLiteral("realm"));
    return user;
}

// A password that is itself a valid ticket of the same user renews it (Proxmox).
std::optional<access::Identity> renewal(RequestContext &ctx, const QString &userid, const QString &password)
{
    if (!password.startsWith(QLatin1String("PVE:")))
        return std::nullopt;
    auto ticket = ctx.services.tickets().verify(password);
    if (!ticket || ticket->userid != userid || !ctx.access.checkUserEnabled(userid, ctx.services.clock()))
        return std::nullopt;
    return access::Identity::user(userid);
}

} // namespace

void registerTicketRoutes(Router &router)
{
    // The login form's GET: nothing to return (Proxmox answers null too).
    router.add(QStringLiteral("GET"), QStringLiteral("/access/ticket"), [](RequestContext &) {
        return ApiResponse::ok();
    });

    router.add(QStringLiteral("POST"), QStringLiteral("/access/ticket"), [](RequestContext &ctx) {
        const QString userid = fullUserId(ctx);
        const QString password = ctx.param(QStringLiteral("password"));
        std::optional<access::Identity> identity = renewal(ctx, userid, password);
        if (!identity) {
            // A realm of a type this node cannot authenticate through (LDAP,
            // AD, OpenID are stored for compatibility): say so, instead of a
            // bare "authentication failure" nobody can act on.
            if (const auto realm = findRealm(readDomainsCfg(ctx.services.store()), realmOf(userid));
                realm && !isSupportedRealmType(realm->type)) {
                qCWarning(lcLogin).noquote() << "login of" << access::Authenticator::loggable(userid) << "from"
                                             << ctx.request.peer << "refused: realm type" << realm->type << "is not supported";
                return ApiResponse::error(401, Tr::tr("authentication failure: realm type '%1' is not supported by "
                                                      "this node").arg(realm->type));
            }
            QString detail;
            auto login = ctx.services.authenticator().login(ctx.access, userid, password.toUtf8(), ctx.request.peer,
                                                            &detail);
            if (!login) {
                qCWarning(lcLogin).noquote() << "login of" << access::Authenticator::loggable(userid) << "from"
                                             << ctx.request.peer << "failed:" << access::Authenticator::loggable(detail);
                // A PAM user whose Linux account is missing is told so plainly:
                // an admin created the Atalaia user but not the system account.
                if (userid.endsWith(QLatin1String("@pam")) && ctx.access.user(userid)
                    && !ctx.services.pam().accountExists(userid.section(QLatin1Char('@'), 0, 0)))
                    return ApiResponse::error(401, QStringLiteral("authentication failure: the Linux account '%1' does "
                                                                  "not exist on node %2 (create it, e.g. with "
                                                                  "'adduser %1', or through Atalaia)")
                                                       .arg(userid.section(QLatin1Char('@'), 0, 0), ctx.services.node().name));
                return ApiResponse::fromError(login.error().code == Code::RateLimited
                                                  ? login.error()
                                                  : Error{Code::AuthenticationFailed,
                                                          QStringLiteral("authentication failure")});
            }
            identity = *login;
        }
        // "path" + "privs": verify the user's privileges instead of just logging in.
        if (ctx.has(QStringLiteral("path"))) {
            const QStringList privs = ctx.param(QStringLiteral("privs")).split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (!identity->isRoot() && !ctx.access.hasPrivileges(*identity, ctx.param(QStringLiteral("path")), privs))
                return ApiResponse::error(401, QStringLiteral("permission denied"));
        }
        auto ticket = ctx.services.tickets().create(identity->userid);
        auto csrf = ctx.services.tickets().csrfToken(identity->userid);
        if (!ticket || !csrf)
            return ApiResponse::fromError(ticket ? csrf.error() : ticket.error());
        qCInfo(lcLogin).noquote() << "login of" << identity->userid << "from" << ctx.request.peer;
        return ApiResponse::ok(QJsonObject{
            {QStringLiteral("username"), identity->userid},
            {QStringLiteral("ticket"), *ticket},
            {QStringLiteral("CSRFPreventionToken"), *csrf},
            {QStringLiteral("cap"), ctx.access.capabilities(*identity)},
        });
    });
}

} // namespace atalaia::api
