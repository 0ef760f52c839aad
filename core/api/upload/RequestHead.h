#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

namespace atalaia::api::upload {

// The head of one HTTP/1.1 request (request line and headers), as the
// upload path reads it off the connection itself.
struct RequestHead {
    QByteArray method;
    QByteArray target;                     // "/api2/json/nodes/n1/storage/local/upload?x=y"
    QHash<QByteArray, QByteArray> headers; // lower-case names; repeated ones joined with ", "

    // BYTES: the head up to, not including, the blank line that ends it.
    static Result<RequestHead> parse(QByteArrayView bytes);

    // Whether a request line ("POST /api2/json/nodes/N/storage/S/upload HTTP/1.1")
    // asks for an upload, which must not go through Qt's HTTP server (it
    // keeps whole bodies in memory).
    static bool isUpload(QByteArrayView requestLine);

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

} // namespace atalaia::api::upload
