#pragma once

#include "Route.h"

#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace atalaia::api {

class Router
{
public:
    struct Match {
        const Route *route = nullptr;
        QHash<QString, QString> pathParams;
    };

    // A Proxmox path: parameters, permissions and flags come from the API
    // schema. Aborts at start-up (a programming error) when the schema lacks it.
    void add(const QString &method, const QString &pathTemplate, Handler handler);
    // An Atalaia extension (under /atalaia/...): declares its own schema.
    void addExtension(const QString &method, const QString &pathTemplate, schema::ParameterSet parameters,
                      QJsonObject permissions, Handler handler);

    // NotFound (no such path) and MethodNotAllowed (path exists, method not) are errors.
    Result<Match> match(const QString &method, const QString &path) const;

    const QList<std::shared_ptr<Route>> &routes() const { return m_routes; }

private:
    void insert(std::shared_ptr<Route> route);

    QList<std::shared_ptr<Route>> m_routes;
    std::vector<std::unique_ptr<schema::ParameterSet>> m_extensionParameters;
};

} // namespace atalaia::api
