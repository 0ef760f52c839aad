#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"

namespace atalaia::api {

void registerAccessRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access"), [](RequestContext &) {
        return directoryIndex({"users", "groups", "roles", "acl", "domains", "ticket", "password", "permissions"});
    });
    registerUserRoutes(router);
    registerTokenRoutes(router);
    registerGroupRoutes(router);
    registerRoleRoutes(router);
    registerAclRoutes(router);
    registerDomainRoutes(router);
    registerPermissionRoutes(router);
    registerPasswordRoutes(router);
    registerSystemAccountRoutes(router);
}

} // namespace atalaia::api
