#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"

namespace atalaia::api {

void registerVersionRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/version"), [](RequestContext &ctx) {
        return ApiResponse::ok(QJsonObject{
            {QStringLiteral("version"), ctx.services.node().version},
            {QStringLiteral("release"), ctx.services.node().release},
            {QStringLiteral("repoid"), QStringLiteral(ATALAIA_REPOID)},
            {QStringLiteral("console"), QStringLiteral("html5")},
        });
    });
}

} // namespace atalaia::api
