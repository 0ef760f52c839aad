#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace atalaia::api::client {

// An API token: "USER@REALM!TOKENID" and its secret (a UUID for tokens the
// server made). Sent on every call as "Authorization: PVEAPIToken=ID=SECRET";
// token calls need no ticket and no CSRF token.
struct ApiToken {
    QString tokenId;     // "root@pam!ci"
    QByteArray secret;

    bool isNull() const { return tokenId.isEmpty(); }

    // "USER@REALM!TOKENID=SECRET", optionally with a "PVEAPIToken=" prefix
    // (the form Proxmox's documentation and the token dialog show).
    // Code::InvalidArgument, naming what is missing, otherwise; the secret
    // never appears in the message.
    static Result<ApiToken> parse(QStringView text);
    QByteArray authorizationHeader() const;

    friend bool operator==(const ApiToken &, const ApiToken &) = default;
};

} // namespace atalaia::api::client
