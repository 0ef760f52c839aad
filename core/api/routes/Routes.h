#pragma once

namespace atalaia::api {

class Router;

// Every API route of the agent, grouped by area. Each file registers its
// handlers; parameters and permission checks come from the API schema.
void registerAllRoutes(Router &router);

void registerVersionRoutes(Router &router);
void registerNodeRoutes(Router &router);
void registerTaskRoutes(Router &router);
void registerClusterRoutes(Router &router);
void registerAccessRoutes(Router &router);
void registerTicketRoutes(Router &router);

} // namespace atalaia::api
