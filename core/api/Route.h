#pragma once

#include "ApiResponse.h"
#include "schema/ParameterSet.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace atalaia::api {

struct RequestContext;
using Handler = std::function<ApiResponse(RequestContext &)>;

// One API method: a path template ("/access/users/{userid}"), its HTTP
// method, the parameters it accepts and the permission check it declares —
// both taken from the Proxmox API schema for Proxmox paths, so a route cannot
// forget its check — and the handler.
struct Route {
    enum class Audience { World, AnyUser, Checked };

    QString method;
    QString pathTemplate;
    QStringList segments;                        // "access", "users", "{userid}"
    const schema::ParameterSet *parameters = nullptr;
    QJsonObject permissions;                     // the schema's "permissions" object
    Audience audience = Audience::Checked;
    bool allowToken = true;
    bool isProtected = false;                    // root-level effects on the node
    Handler handler;
};

} // namespace atalaia::api
