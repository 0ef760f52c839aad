#pragma once

#include "ParameterSet.h"

#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <memory>
#include <unordered_map>

namespace atalaia::schema {

// The Proxmox VE API schema subset that Atalaia speaks, loaded once from the
// compiled-in resource. Thread-safe; cheap to query.
//
// A method's parameters are compiled on first use: the whole subset compiled
// costs about 9 MB, and an agent serves a few dozen of its 211 methods.
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
    QJsonObject definition(const QString &key) const;

    // "METHOD path" -> the method's definition as compact JSON text: a parsed
    // QJsonObject of the whole subset would hold 3 MB for the agent's lifetime.
    QHash<QString, QByteArray> m_definitions;
    QStringList m_paths;
    mutable QMutex m_mutex; // guards m_parameters
    // "METHOD path" -> parameters; entries are never removed, so pointers stay valid.
    mutable std::unordered_map<QString, std::unique_ptr<const ParameterSet>> m_parameters;
};

} // namespace atalaia::schema
