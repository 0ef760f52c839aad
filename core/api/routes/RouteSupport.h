#pragma once

#include "api/ApiResponse.h"
#include "api/RequestContext.h"
#include "api/Services.h"
#include "schema/ParameterSet.h"

#include <QJsonArray>
#include <QJsonObject>

namespace atalaia::api {

// The index of a directory-like path: [{"subdir": "..."}, ...], as Proxmox lists them.
inline ApiResponse directoryIndex(std::initializer_list<const char *> names)
{
    QJsonArray list;
    for (const char *name : names)
        list.append(QJsonObject{{QStringLiteral("subdir"), QString::fromLatin1(name)}});
    return ApiResponse::ok(list);
}

// Node-scoped calls answer for this node only (until the cluster forwards them).
inline std::optional<ApiResponse> requireThisNode(const RequestContext &ctx)
{
    if (ctx.param(QStringLiteral("node")) == ctx.services.node().name)
        return std::nullopt;
    return ApiResponse::error(404, QStringLiteral("no such node '%1': this is '%2' (standalone)")
                                       .arg(ctx.param(QStringLiteral("node")), ctx.services.node().name));
}

inline bool can(const RequestContext &ctx, const QString &path, const QStringList &privileges, bool any = false)
{
    return ctx.identity.isRoot() || ctx.access.hasPrivileges(ctx.identity, path, privileges, any);
}

// The parameters of an Atalaia extension route (Router::addExtension), from
// JSON-schema properties as Proxmox's schema writes them.
inline schema::ParameterSet parameters(std::initializer_list<std::pair<const char *, QJsonObject>> properties)
{
    schema::ParameterSet set;
    set.setAdditionalProperties(false);
    for (const auto &[name, json] : properties)
        set.insert(schema::PropertySchema::fromJson(QLatin1String(name), json));
    return set;
}

} // namespace atalaia::api
