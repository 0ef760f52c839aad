#include "ApiResponse.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace atalaia::api {

ApiResponse ApiResponse::ok(QJsonValue data)
{
    ApiResponse r;
    r.data = std::move(data);
    return r;
}

ApiResponse ApiResponse::error(int status, QString message)
{
    ApiResponse r;
    r.status = status;
    r.message = std::move(message);
    return r;
}

ApiResponse ApiResponse::parameterErrors(QJsonObject errors)
{
    ApiResponse r = error(400, QStringLiteral("Parameter verification failed."));
    r.errors = std::move(errors);
    return r;
}

ApiResponse ApiResponse::fromError(const Error &e)
{
    switch (e.code) {
    case Code::InvalidArgument:
    case Code::ApiBadRequest:
    case Code::ConfigSyntax:
    case Code::ModelInvalidId:
    case Code::ModelInvalidJson:
    case Code::ModelInvalidUpid:
        return error(400, e.message);
    case Code::NotFound:
    case Code::NoSuchUser:
    case Code::TaskNotFound:
    case Code::ApiNotFound:
        return error(404, e.message);
    case Code::AlreadyExists:
    case Code::Conflict:
    case Code::StoreConflict:
        // Proxmox reports these ("detected modified configuration - file
        // changed by other user?") as a plain failure: 500 with the message.
        return error(500, e.message);
    case Code::AuthenticationFailed:
    case Code::TicketInvalid:
    case Code::TicketExpired:
    case Code::ApiUnauthorized:
        return error(401, e.message);
    case Code::AccessDenied:
    case Code::ApiForbidden:
        return error(403, e.message);
    case Code::RateLimited:
        return error(429, e.message);
    case Code::ApiMethodNotAllowed:
        return error(501, e.message);
    case Code::ApiTooLarge:
        return error(413, e.message);
    case Code::StoreReadOnly:
    case Code::ClusterUnavailable:
    case Code::ClusterTimeout:
        return error(503, e.message);
    default:
        return error(500, e.message);
    }
}

QByteArray ApiResponse::body() const
{
    if (status == 200 && !preEncodedBody.isEmpty() && warnings.isEmpty())
        return preEncodedBody;
    QJsonObject root;
    root.insert(QStringLiteral("data"), data.isUndefined() ? QJsonValue(QJsonValue::Null) : data);
    if (!warnings.isEmpty())
        root.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    if (!errors.isEmpty())
        root.insert(QStringLiteral("errors"), errors);
    if (status != 200 && !message.isEmpty())
        root.insert(QStringLiteral("message"), message);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray ApiResponse::reasonPhrase() const
{
    if (status == 200)
        return "OK";
    // A reason phrase is one line of visible ASCII: header injection through a
    // message (which may quote user input) is impossible.
    QByteArray reason = message.toUtf8();
    for (char &c : reason)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            c = ' ';
    return reason.trimmed().left(200);
}

} // namespace atalaia::api
