#pragma once

namespace atalaia::api {

class Router;

// Every API route of the agent, grouped by area. Each file registers its
// handlers; parameters and permission checks come from the API schema.
void registerAllRoutes(Router &router);

void registerVersionRoutes(Router &router);
void registerNodeRoutes(Router &router);
void registerNetworkRoutes(Router &router); // /nodes/{node}/network
void registerRrdRoutes(Router &router); // /nodes/{node}/rrddata, /nodes/{node}/qemu|lxc/{vmid}/rrddata
void registerTaskRoutes(Router &router);
void registerGuestRoutes(Router &router); // /nodes/{node}/qemu, /lxc and below, /cluster/nextid
void registerStorageRoutes(Router &router); // /nodes/{node}/storage and below, /nodes/{node}/aplinfo
void registerStorageConfigRoutes(Router &router); // /storage (storage.cfg)
void registerClusterRoutes(Router &router);
void registerClusterConfigRoutes(Router &router);
void registerAccessRoutes(Router &router); // /access and everything below, and its extensions:
void registerUserRoutes(Router &router);
void registerTokenRoutes(Router &router);
void registerGroupRoutes(Router &router);
void registerRoleRoutes(Router &router);
void registerAclRoutes(Router &router);
void registerDomainRoutes(Router &router);
void registerPermissionRoutes(Router &router);
void registerPasswordRoutes(Router &router);
void registerSystemAccountRoutes(Router &router); // /atalaia/nodes/{node}/system-account
void registerTicketRoutes(Router &router);

} // namespace atalaia::api
