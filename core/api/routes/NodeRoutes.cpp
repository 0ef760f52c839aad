#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"
#include "cluster/Membership.h"
#include "metrics/NodeMetrics.h"

namespace atalaia::api {

void registerNodeRoutes(Router &router)
{
    // All nodes of the cluster; usage figures only where the caller may audit the node.
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes"), [](RequestContext &ctx) {
        QJsonArray list;
        for (const cluster::MemberNode &member : ctx.services.membership().view().nodes) {
            QJsonObject entry{{QStringLiteral("node"), member.name},
                              {QStringLiteral("status"), member.online ? QStringLiteral("online") : QStringLiteral("offline")},
                              {QStringLiteral("id"), QStringLiteral("node/") + member.name},
                              {QStringLiteral("type"), QStringLiteral("node")},
                              {QStringLiteral("level"), QString()}};
            if (can(ctx, QStringLiteral("/nodes/") + member.name, {QStringLiteral("Sys.Audit")}))
                if (const auto figures = ctx.services.memberFigures(member))
                    figures->addUsageTo(entry);
            list.append(entry);
        }
        return ApiResponse::ok(list);
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return directoryIndex({"network", "status", "tasks"});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/status"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        QJsonObject status = ctx.services.nodeMetrics().sample().toStatusJson();
        status.insert(QStringLiteral("pveversion"), ctx.services.node().version);
        return ApiResponse::ok(status);
    });
}

} // namespace atalaia::api
