#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace atalaia::api {

// The answer to one API call, in Proxmox's shape: the body is
// {"data": DATA} on success and {"data": null, "errors": {...}, "message": "..."}
// otherwise; the HTTP reason phrase carries MESSAGE too, as Proxmox does.
// Our extension: "warnings": ["..."] next to "data" when the call succeeded
// but the caller should know something (e.g. a PAM user's missing Linux
// account); clients that do not know it ignore it.
struct ApiResponse {
    int status = 200;
    QJsonValue data;                      // undefined/null -> "data": null
    QJsonObject errors;                   // parameter -> message (400)
    QStringList warnings;                 // "warnings" in the body when not empty
    QString message;                      // reason phrase for non-200
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray preEncodedBody;            // when set, the whole body (cached answers)
    // When set, the whole body, already gzip-compressed (cached bodies for
    // clients that accept gzip); body() is then not used.
    QByteArray gzipBody;

    static ApiResponse ok(QJsonValue data = QJsonValue::Null);
    static ApiResponse error(int status, QString message);
    static ApiResponse parameterErrors(QJsonObject errors);
    // Maps an Error's code to the HTTP status Proxmox would use.
    static ApiResponse fromError(const Error &error);

    QByteArray body() const;
    QByteArray reasonPhrase() const;
};

} // namespace atalaia::api
