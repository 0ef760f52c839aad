#include "RouteSupport.h"
#include "Routes.h"
#include "api/Compression.h"
#include "api/ResourceIndex.h"
#include "api/Router.h"

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

    // A standalone node is a cluster of one, without quorum machinery.
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/status"), [](RequestContext &ctx) {
        const QString node = ctx.services.node().name;
        return ApiResponse::ok(QJsonArray{QJsonObject{
            {QStringLiteral("type"), QStringLiteral("node")},
            {QStringLiteral("id"), QStringLiteral("node/") + node},
            {QStringLiteral("name"), node},
            {QStringLiteral("nodeid"), 0},
            {QStringLiteral("ip"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("local"), 1},
            {QStringLiteral("online"), 1},
            {QStringLiteral("level"), QString()},
        }});
    });
}

} // namespace atalaia::api
