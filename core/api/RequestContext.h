#pragma once

#include "ApiRequest.h"
#include "access/AccessControl.h"
#include "access/Identity.h"

#include <QJsonObject>

namespace atalaia::api {

class Services;

// What a handler gets: the request, who is calling (empty for anonymous
// "world" routes), the validated and typed parameters (path parameters
// included), the access-control snapshot the call was authorised against,
// and the agent's services.
struct RequestContext {
    const ApiRequest &request;
    access::Identity identity;
    QJsonObject params;
    access::AccessControl access;          // cheap to copy: shared immutable data
    Services &services;

    QString param(const QString &name) const { return params.value(name).toString(); }
    bool has(const QString &name) const { return params.contains(name); }
};

} // namespace atalaia::api
