#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "api/Router.h"
#include "metrics/NetworkInterfaces.h"

#include <variant>

namespace atalaia::api {

namespace {

// Proxmox's ?type= filter: a type, or "any_bridge"/"any_local_bridge" (Linux
// and OVS bridges), or "include_sdn" (everything; SDN vnets would be added,
// and there are none here).
bool matchesType(const QString &type, const QString &filter)
{
    if (filter.isEmpty() || filter == QLatin1String("include_sdn"))
        return true;
    if (filter == QLatin1String("any_bridge") || filter == QLatin1String("any_local_bridge"))
        return type == QLatin1String("bridge") || type == QLatin1String("OVSBridge");
    return type == filter;
}

std::variant<const metrics::NetworkInterfaces *, ApiResponse> source(const RequestContext &ctx)
{
    if (auto other = requireThisNode(ctx))
        return *other;
    if (const metrics::NetworkInterfaces *interfaces = ctx.services.networkInterfaces())
        return interfaces;
    return ApiResponse::error(501, Tr::tr("this agent does not report its network interfaces"));
}

} // namespace

void registerNetworkRoutes(Router &router)
{
    // Open to every user, as in Proxmox: those who may audit the node see all
    // interfaces; the others would see the bridges SDN lets them use, and
    // without SDN that is none.
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/network"), [](RequestContext &ctx) {
        auto interfaces = source(ctx);
        if (auto *refusal = std::get_if<ApiResponse>(&interfaces))
            return *refusal;
        QJsonArray list;
        if (!can(ctx, QStringLiteral("/nodes/") + ctx.param(QStringLiteral("node")), {QStringLiteral("Sys.Audit")}))
            return ApiResponse::ok(list);
        const QString filter = ctx.param(QStringLiteral("type"));
        for (const metrics::NetworkInterface &n : std::get<const metrics::NetworkInterfaces *>(interfaces)->list())
            if (matchesType(n.type, filter))
                list.append(n.toJson());
        return ApiResponse::ok(list);
    });

    // One interface (Sys.Audit on the node, from the schema).
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/network/{iface}"), [](RequestContext &ctx) {
        auto interfaces = source(ctx);
        if (auto *refusal = std::get_if<ApiResponse>(&interfaces))
            return *refusal;
        const QString iface = ctx.param(QStringLiteral("iface"));
        for (const metrics::NetworkInterface &n : std::get<const metrics::NetworkInterfaces *>(interfaces)->list())
            if (n.iface == iface)
                return ApiResponse::ok(n.toJson());
        // Proxmox's words for it, as a parameter error.
        return ApiResponse::parameterErrors({{QStringLiteral("iface"), Tr::tr("interface does not exist")}});
    });
}

} // namespace atalaia::api
