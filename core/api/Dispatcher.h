#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Router.h"
#include "access/AccessControl.h"
#include "access/Identity.h"

#include <QJsonObject>

#include <expected>
#include <optional>

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

    // A call whose body the transport streams itself (uploads), admitted
    // from its head alone as handle() admits a call before its handler runs:
    // the route, the credentials, the CSRF token, API-token rules and the
    // route's permission check, with the path's parameters as the only
    // parameters there are yet. A call for another member node is refused
    // (a stream is not passed on). The body's parameters are the caller's
    // to check.
    struct Admission {
        access::Identity identity;
        QJsonObject params;             // the path's parameters
        access::AccessControl access;
    };
    std::expected<Admission, ApiResponse> admit(const ApiRequest &head) const;

private:
    // Who calls (nobody for a world route), or why the call is refused.
    std::expected<std::optional<access::Identity>, ApiResponse>
    identify(const ApiRequest &request, const Route &route, const access::AccessControl &acl) const;

    const Router &m_router;
    Services &m_services;
};

} // namespace atalaia::api
