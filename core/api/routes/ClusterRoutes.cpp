#include "RouteSupport.h"
#include "Routes.h"
#include "api/Compression.h"
#include "api/ResourceIndex.h"
#include "api/Router.h"
#include "cluster/Membership.h"

namespace atalaia::api {

void registerClusterRoutes(Router &router)
{
    // Pre-serialised and filtered by the caller's privileges (see ResourceIndex).
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), [](RequestContext &ctx) {
        const bool gzip = acceptsGzip(ctx.request.header("accept-encoding"));
        auto answer = ctx.services.resources().answer(ctx.access, ctx.identity, ctx.param(QStringLiteral("type")), gzip);
        ApiResponse r;
        r.preEncodedBody = std::move(answer.body);
        r.gzipBody = std::move(answer.gzip);
        r.headers.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept-Encoding")});
        return r;
    });

    // Proxmox's shape: a "cluster" entry (only when in a cluster), then one
    // entry per node. A standalone node is a cluster of one, nodeid 0.
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/status"), [](RequestContext &ctx) {
        const cluster::ClusterView view = ctx.services.membership().view();
        QJsonArray out;
        if (!view.standalone())
            out.append(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("cluster")},
                {QStringLiteral("id"), QStringLiteral("cluster")},
                {QStringLiteral("name"), view.name},
                {QStringLiteral("nodes"), view.nodes.size()},
                {QStringLiteral("quorate"), view.quorate ? 1 : 0},
                {QStringLiteral("version"), view.configVersion},
            });
        for (const cluster::MemberNode &n : view.nodes) {
            QJsonObject node{
                {QStringLiteral("type"), QStringLiteral("node")},
                {QStringLiteral("id"), QStringLiteral("node/") + n.name},
                {QStringLiteral("name"), n.name},
                {QStringLiteral("nodeid"), n.nodeid},
                {QStringLiteral("ip"), n.address},
                {QStringLiteral("local"), n.local ? 1 : 0},
                {QStringLiteral("online"), n.online ? 1 : 0},
                {QStringLiteral("level"), QString()},
            };
            // Atalaia's addition: corosync's links to the node as this node
            // sees them (for itself: its own links, up or not); absent when
            // unknown (standalone, corosync not running).
            if (!n.links.isEmpty()) {
                QJsonArray links;
                for (const cluster::LinkStatus &l : n.links)
                    links.append(QJsonObject{{QStringLiteral("link"), l.link},
                                             {QStringLiteral("connected"), l.connected ? 1 : 0},
                                             {QStringLiteral("address"), l.address}});
                node.insert(QStringLiteral("links"), links);
            }
            out.append(node);
        }
        return ApiResponse::ok(out);
    });
}

} // namespace atalaia::api
