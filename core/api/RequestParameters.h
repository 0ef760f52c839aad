#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <expected>
#include <optional>

namespace atalaia::api {

// The raw parameters of one call, as the transport received them: the query
// string's items, then the body's, a form (application/x-www-form-urlencoded,
// or no content type) or a JSON object (application/json). Repeated keys of a
// query or form become a JSON array (Proxmox's array parameters); a JSON
// body's values keep their JSON types. Nothing is checked against a schema
// here: decodeParameters() does that.
//
// On failure, why the parameters cannot be decoded (malformed JSON, JSON
// that is not an object, an unsupported content type, a parameter name that
// is not ASCII): the message of a 400 on "body", never a 500.
// Why NAME cannot be a parameter name, or nothing. Parameter names are
// ASCII in every API schema; others are refused before they become keys of
// a parameter object: Qt 6.8's QJsonObject lookups read past the end of the
// looked-up key when a stored non-ASCII key starts with it (fuzz_http_request
// and fuzz_api_parameters found it as a SEGV at a page end; from a request,
// a read of up to the stored key's length beyond a heap string).
std::optional<QString> parameterNameProblem(const QString &name);

std::expected<QJsonObject, QString> requestParameters(const QUrlQuery &query, QByteArrayView contentType,
                                                      const QByteArray &body);

} // namespace atalaia::api
