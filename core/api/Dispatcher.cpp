#include "Dispatcher.h"

#include "NodeProxy.h"
#include "ParameterDecoder.h"
#include "RequestContext.h"
#include "Services.h"
#include "access/Authenticator.h"
#include "access/PermissionCheck.h"
#include "access/TicketAuthority.h"
#include "cluster/Membership.h"
#include "store/ConfigStore.h"

#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcApi, "atalaia.api")

namespace atalaia::api {

namespace {

struct Credentials {
    std::optional<access::Identity> identity;
    bool byTicket = false;
    std::optional<Error> error;   // credentials were sent but are not valid
};

Credentials authenticate(const ApiRequest &request, const access::AccessControl &acl, Services &services)
{
    Credentials c;
    const QByteArray authorization = request.header("authorization");
    if (authorization.startsWith("PVEAPIToken")) {
        auto identity = services.authenticator().authenticateToken(acl, QString::fromUtf8(authorization),
                                                                     request.peer);
        if (identity)
            c.identity = *identity;
        else
            c.error = identity.error();
        return c;
    }
    QByteArray cookie = request.cookie("PVEAuthCookie");
    if (cookie.isEmpty())
        return c;
    // Browsers and most clients send the ticket URL-encoded.
    const QString ticket = QUrl::fromPercentEncoding(cookie);
    auto verified = services.tickets().verify(ticket);
    if (!verified) {
        c.error = verified.error();
        return c;
    }
    if (auto enabled = acl.checkUserEnabled(verified->userid, services.clock()); !enabled) {
        c.error = enabled.error();
        return c;
    }
    c.identity = access::Identity::user(verified->userid);
    c.byTicket = true;
    return c;
}

bool isWrite(const QString &method)
{
    return method != QLatin1String("GET") && method != QLatin1String("HEAD");
}

} // namespace

Dispatcher::Dispatcher(const Router &router, Services &services)
    : m_router(router)
    , m_services(services)
{
}

std::expected<std::optional<access::Identity>, ApiResponse>
Dispatcher::identify(const ApiRequest &request, const Route &route, const access::AccessControl &acl) const
{
    const Credentials credentials = authenticate(request, acl, m_services);
    if (route.audience == Route::Audience::World)
        return credentials.identity;
    if (credentials.error) {
        qCInfo(lcApi) << request.method << request.path << "from" << request.peer << "refused:"
                      << credentials.error->message;
        // A locked-out token (too many wrong secrets) is told so and for
        // how long, as a login is; otherwise even its right secret would
        // look wrong to its owner.
        if (credentials.error->code == Code::RateLimited)
            return std::unexpected(ApiResponse::fromError(*credentials.error));
        return std::unexpected(ApiResponse::error(401, credentials.error->code == Code::TicketExpired
                                                           ? QStringLiteral("authentication failure: ticket expired")
                                                           : QStringLiteral("authentication failure")));
    }
    if (!credentials.identity)
        return std::unexpected(ApiResponse::error(401, QStringLiteral("No ticket")));
    if (credentials.byTicket && isWrite(request.method)) {
        const QString token = QString::fromUtf8(request.header("csrfpreventiontoken"));
        if (!m_services.tickets().verifyCsrfToken(credentials.identity->userid, token))
            return std::unexpected(ApiResponse::error(401, QStringLiteral("Permission denied - invalid csrf token")));
    }
    if (credentials.identity->isToken() && !route.allowToken)
        return std::unexpected(ApiResponse::error(
            403, QStringLiteral("Permission check failed: API tokens may not call %1 %2").arg(route.method, route.pathTemplate)));
    return credentials.identity;
}

std::expected<Dispatcher::Admission, ApiResponse> Dispatcher::admit(const ApiRequest &head) const
{
    auto match = m_router.match(head.method, head.path);
    if (!match)
        return std::unexpected(ApiResponse::fromError(match.error()));
    const Route &route = *match->route;
    const access::AccessControl acl = m_services.accessControl();
    auto caller = identify(head, route, acl);
    if (!caller)
        return std::unexpected(caller.error());
    if (!*caller)
        return std::unexpected(ApiResponse::error(401, QStringLiteral("No ticket")));

    if (const QString node = match->pathParams.value(QStringLiteral("node")); !node.isEmpty()
        && node != m_services.node().name) {
        const cluster::ClusterView view = m_services.membership().view();
        if (const cluster::MemberNode *member = view.node(node); member && !member->local)
            return std::unexpected(ApiResponse::error(
                400, QStringLiteral("upload to the node itself: uploads are not passed on to other nodes; send "
                                    "this request to %1 (https://%2:%3/api2/json%4)")
                         .arg(node, member->address)
                         .arg(m_services.node().apiPort)
                         .arg(head.path)));
        return std::unexpected(ApiResponse::error(
            404, QStringLiteral("no such node '%1': this is '%2'").arg(node, m_services.node().name)));
    }

    QJsonObject params;
    for (auto it = match->pathParams.cbegin(); it != match->pathParams.cend(); ++it)
        params.insert(it.key(), it.value());
    if (auto allowed = access::PermissionCheck::authorize(route.permissions, acl, &**caller, params); !allowed)
        return std::unexpected(ApiResponse::fromError(allowed.error()));
    return Admission{**caller, params, acl};
}

ApiResponse Dispatcher::handle(const ApiRequest &request) const
{
    auto match = m_router.match(request.method, request.path);
    if (!match)
        return ApiResponse::fromError(match.error());
    const Route &route = *match->route;
    const access::AccessControl acl = m_services.accessControl();

    auto caller = identify(request, route, acl);
    if (!caller)
        return caller.error();
    const std::optional<access::Identity> identity = *caller;
    const bool world = route.audience == Route::Audience::World;

    // A call for another node of the cluster (/nodes/{node}/...) is that
    // node's to answer. Other paths naming a node (/cluster/config/nodes/{node})
    // are about it, answered here.
    if (const auto node = match->pathParams.constFind(QStringLiteral("node"));
        !world && route.pathTemplate.startsWith(QLatin1String("/nodes/{node}")) && node != match->pathParams.cend()
        && *node != m_services.node().name
        && request.header(kProxiedHeader).isEmpty()) {
        const cluster::ClusterView view = m_services.membership().view();
        if (const cluster::MemberNode *member = view.node(*node); member && !member->local) {
            if (!member->online)
                return ApiResponse::error(595, QStringLiteral("node '%1' is offline").arg(*node));
            const auto certificate = m_services.store().read(QStringLiteral("nodes/%1/pve-ssl.pem").arg(*node));
            return forwardToNode(request, ProxyTarget{*node, member->address, m_services.node().apiPort,
                                                      certificate ? certificate->data : QByteArray()});
        }
    }

    auto params = decodeParameters(route.parameters, request.params, match->pathParams);
    if (!params)
        return ApiResponse::parameterErrors(params.error());

    const access::Identity *who = identity ? &*identity : nullptr;
    if (!world) {
        if (auto allowed = access::PermissionCheck::authorize(route.permissions, acl, who, *params); !allowed)
            return ApiResponse::fromError(allowed.error());
    }

    RequestContext context{request, identity.value_or(access::Identity{}), *params, acl, m_services};
    return route.handler(context);
}

} // namespace atalaia::api
