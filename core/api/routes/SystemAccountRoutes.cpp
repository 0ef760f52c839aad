#include "AccessSupport.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "access/PamBackend.h"
#include "api/Router.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSystemAccount, "atalaia.api.system-account")

namespace atalaia::api {

// Our extension for the 'pam' realm: an Atalaia user "name@pam" logs in
// with the Linux account "name" of the node, which Proxmox expects an admin
// to have made with adduser. These calls let the console check for it and
// create it, so a missing account never surprises anyone at login.
//
//   GET  /atalaia/nodes/{node}/system-account/{username} -> {"exists": 0|1}   (Sys.Audit on /nodes/{node})
//   POST /atalaia/nodes/{node}/system-account {userid}   -> {"username", "exists": 1} (Sys.Modify on /nodes/{node})
//
// The account is made without a password (PamBackend::createAccount): its
// owner sets one on the node (passwd), or an admin does.

namespace {

QJsonObject nodeParameter()
{
    return {{QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("format"), QStringLiteral("pve-node")},
            {QStringLiteral("description"), QStringLiteral("The cluster node name.")}};
}

QJsonObject check(const char *privilege)
{
    return {{QStringLiteral("check"), QJsonArray{QStringLiteral("perm"), QStringLiteral("/nodes/{node}"),
                                                 QJsonArray{QLatin1String(privilege)}}}};
}

ApiResponse accountStatus(RequestContext &ctx)
{
    if (auto other = requireThisNode(ctx))
        return *other;
    const QString username = ctx.param(QStringLiteral("username"));
    if (!access::PamBackend::isPlausibleUserName(username))
        return ApiResponse::parameterErrors(
            {{QStringLiteral("username"), Tr::tr("'%1' cannot be a Linux user name").arg(username)}});
    return ApiResponse::ok(QJsonObject{{QStringLiteral("exists"), ctx.services.pam().accountExists(username) ? 1 : 0}});
}

ApiResponse createAccount(RequestContext &ctx)
{
    if (auto other = requireThisNode(ctx))
        return *other;
    const QString userid = ctx.param(QStringLiteral("userid"));
    if (realmOf(userid) != QLatin1String("pam"))
        return ApiResponse::parameterErrors(
            {{QStringLiteral("userid"), Tr::tr("'%1' is not in the 'pam' realm: only 'pam' users log in with a Linux "
                                               "account").arg(userid)}});
    // Only for users Atalaia knows: this is not a general way to add Linux users.
    if (!ctx.access.user(userid))
        return ApiResponse::error(404, Tr::tr("no such user ('%1')").arg(userid));
    const QString username = userNameOf(userid);
    if (const QString problem = access::PamBackend::newUserNameProblem(username); !problem.isEmpty())
        return ApiResponse::parameterErrors({{QStringLiteral("userid"), problem}});
    access::PamBackend &pam = ctx.services.pam();
    if (pam.accountExists(username))
        return ApiResponse::error(400, Tr::tr("the Linux account '%1' already exists on node %2")
                                           .arg(username, ctx.services.node().name));
    if (auto created = pam.createAccount(username); !created) {
        if (created.error().code == Code::AlreadyExists || created.error().code == Code::InvalidArgument)
            return ApiResponse::error(400, created.error().message);
        return ApiResponse::error(500, Tr::tr("creating the Linux account '%1' failed: %2")
                                           .arg(username, created.error().message));
    }
    qCInfo(lcSystemAccount).noquote() << "created Linux account" << username << "for" << userid << "(by"
                                      << ctx.identity.authId() << ")";
    return ApiResponse::ok(QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("exists"), 1}});
}

} // namespace

void registerSystemAccountRoutes(Router &router)
{
    router.addExtension(
        QStringLiteral("GET"), QStringLiteral("/atalaia/nodes/{node}/system-account/{username}"),
        parameters({{"node", nodeParameter()},
                    {"username",
                     {{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("maxLength"), 256},
                      {QStringLiteral("description"), QStringLiteral("The Linux user name ('name' of 'name@pam').")}}}}),
        check("Sys.Audit"), accountStatus);
    router.addExtension(
        QStringLiteral("POST"), QStringLiteral("/atalaia/nodes/{node}/system-account"),
        parameters({{"node", nodeParameter()},
                    {"userid",
                     {{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("format"), QStringLiteral("pve-userid")},
                      {QStringLiteral("maxLength"), 64},
                      {QStringLiteral("description"), QStringLiteral("The 'pam' user whose Linux account to create "
                                                                     "(name@pam).")}}}}),
        check("Sys.Modify"), createAccount);
}

} // namespace atalaia::api
