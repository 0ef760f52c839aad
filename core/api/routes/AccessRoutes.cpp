#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"

namespace atalaia::api {

void registerAccessRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access"), [](RequestContext &) {
        return directoryIndex({"users", "groups", "roles", "acl", "domains", "ticket", "password", "permissions"});
    });
}

} // namespace atalaia::api
