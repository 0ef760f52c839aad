#pragma once

#include "schema/ParameterSet.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <expected>

namespace atalaia::api {

// Validates and converts a call's raw parameters against the method's schema,
// table-driven for every route: type, enum, range, length, pattern, format,
// property strings, required and unknown parameters. Values come in as text
// (query, form) or JSON (body) and go out typed as Proxmox's API documents
// them: integers as numbers, booleans as 0/1, strings as strings.
// On failure: parameter -> message, for the {"errors": {...}} body.
std::expected<QJsonObject, QJsonObject> decodeParameters(const schema::ParameterSet *parameters,
                                                         const QJsonObject &raw,
                                                         const QHash<QString, QString> &pathParams);

} // namespace atalaia::api
