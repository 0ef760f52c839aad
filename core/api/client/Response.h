#pragma once

#include "Endpoint.h"
#include "Fingerprint.h"
#include "base/Error.h"

#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::api::client {

// The outcome of one API call, with everything a caller may want to show:
// the server's data, or its error message and per-parameter errors, or why no
// server answered. ApiClient::send() returns it; get()/post()/put()/del()
// reduce it to a Result<QJsonValue> with error().
struct Response {
    enum class Failure {
        None,                 // 2xx: data holds the answer's "data"
        Http,                 // the server refused the call: httpStatus, message, parameterErrors
        Unreachable,          // no connection to any address (refused, unknown host, TLS failure)
        Timeout,              // a server took longer than the client's timeout
        ConnectionLost,       // the connection broke before the answer was complete
        UntrustedCertificate, // first contact: presented is pinned nowhere yet; ask the user
        CertificateChanged,   // the address's pinned certificate differs from presented
        Protocol,             // not an answer of the Proxmox VE API
        Cancelled,            // the client was destroyed while the call ran
    };

    Failure failure = Failure::None;
    QString method;                        // "GET", ...
    QString path;                          // "/cluster/resources"
    Endpoint endpoint;                     // the address that answered, or the last one tried
    int httpStatus = 0;                    // 0 when no HTTP answer arrived
    QJsonValue data;                       // the answer's "data" (may be null)
    QString message;                       // the server's message, or what went wrong
    QMap<QString, QString> parameterErrors; // 400: parameter -> message
    QStringList attempts;                  // failover: "ADDRESS: what failed", per address tried
    Fingerprint presented;                 // certificate failures: what the server showed
    Fingerprint pinned;                    // CertificateChanged: what was expected

    bool isOk() const { return failure == Failure::None; }

    // As an atalaia::Error. Codes: the HTTP status's (400 ApiBadRequest, 401
    // ApiUnauthorized, 403 ApiForbidden, 404 ApiNotFound, 413 ApiTooLarge,
    // 429 RateLimited, 501 ApiMethodNotAllowed, other statuses Internal);
    // Io for Unreachable, Timeout and ConnectionLost; Crypto for certificate
    // failures; Internal for Protocol and Cancelled. The message is the
    // server's, followed by one "parameter: message" line per parameter
    // error; transport and certificate failures name the address(es) and,
    // for certificates, both fingerprints.
    Error error() const;
    Result<QJsonValue> toResult() const;
};

} // namespace atalaia::api::client
