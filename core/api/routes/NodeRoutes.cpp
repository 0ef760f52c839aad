#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"
#include "metrics/NodeMetrics.h"

namespace atalaia::api {

void registerNodeRoutes(Router &router)
{
    // All nodes; usage figures only where the caller may audit the node.
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes"), [](RequestContext &ctx) {
        const QString node = ctx.services.node().name;
        QJsonObject entry{{QStringLiteral("node"), node},
                          {QStringLiteral("status"), QStringLiteral("online")},
                          {QStringLiteral("id"), QStringLiteral("node/") + node},
                          {QStringLiteral("type"), QStringLiteral("node")},
                          {QStringLiteral("level"), QString()}};
        if (can(ctx, QStringLiteral("/nodes/") + node, {QStringLiteral("Sys.Audit")})) {
            const metrics::NodeStatus s = ctx.services.nodeMetrics().sample();
            entry.insert(QStringLiteral("cpu"), s.cpu);
            entry.insert(QStringLiteral("maxcpu"), s.cpus);
            entry.insert(QStringLiteral("mem"), s.memUsed);
            entry.insert(QStringLiteral("maxmem"), s.memTotal);
            entry.insert(QStringLiteral("disk"), s.rootfsUsed);
            entry.insert(QStringLiteral("maxdisk"), s.rootfsTotal);
            entry.insert(QStringLiteral("uptime"), s.uptime);
        }
        return ApiResponse::ok(QJsonArray{entry});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return directoryIndex({"status", "tasks"});
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
