#include "Routes.h"

namespace atalaia::api {

void registerAllRoutes(Router &router)
{
    registerVersionRoutes(router);
    registerNodeRoutes(router);
    registerNetworkRoutes(router);
    registerRrdRoutes(router);
    registerTaskRoutes(router);
    registerGuestRoutes(router);
    registerStorageRoutes(router);
    registerStorageConfigRoutes(router);
    registerClusterRoutes(router);
    registerClusterConfigRoutes(router);
    registerTicketRoutes(router);
    registerAccessRoutes(router);
}

} // namespace atalaia::api
