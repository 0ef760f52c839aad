#pragma once

#include "ParameterSet.h"

#include <QJsonObject>
#include <QString>

namespace atalaia::schema {

// The Proxmox VE API schema subset that Atalaia speaks, loaded once from the
// compiled-in resource. Thread-safe after construction; cheap to query.
class ApiSchema
{
public:
    static const ApiSchema &instance();

    // Parameters of PATH (as written in the schema, e.g. "/access/users/{userid}")
    // and METHOD ("GET", "POST", ...), or nullptr when the schema has no such route.
    const ParameterSet *parameters(const QString &path, const QString &method) const;
    // The raw method definition (permissions, returns, flags).
    QJsonObject method(const QString &path, const QString &method) const;
    QStringList paths() const;

private:
    ApiSchema();
    QJsonObject m_root;
    QHash<QString, ParameterSet> m_parameters; // "METHOD path" -> parameters
};

} // namespace atalaia::schema
