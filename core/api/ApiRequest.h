#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace atalaia::api {

// One API call as the dispatcher sees it, independent of the HTTP library:
// PATH is relative to /api2/json ("/access/users"), PARAMS holds the raw
// parameters from the query string and the body (form or JSON), HEADERS has
// lower-case names.
struct ApiRequest {
    QString method;                       // "GET", "POST", "PUT", "DELETE"
    QString path;
    QJsonObject params;
    QHash<QByteArray, QByteArray> headers;
    QString peer;                         // remote address, for logs and login throttling

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
    // The value of cookie NAME from the Cookie header, or empty.
    QByteArray cookie(const QByteArray &name) const;
};

} // namespace atalaia::api
