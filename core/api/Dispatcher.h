#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Router.h"

namespace atalaia::api {

class Services;

// The transport-independent heart of the API server. For every call, in
// Proxmox's order: find the route (404/501), authenticate (ticket cookie or
// API token; 401), require the CSRF token on ticket-authenticated writes (401),
// validate the parameters against the schema (400), evaluate the route's
// declared permission check (403), then run the handler. Thread-safe: the
// transport calls it from worker threads.
class Dispatcher
{
public:
    Dispatcher(const Router &router, Services &services);

    ApiResponse handle(const ApiRequest &request) const;

private:
    const Router &m_router;
    Services &m_services;
};

} // namespace atalaia::api
