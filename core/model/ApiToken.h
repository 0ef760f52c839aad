#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/users/{userid}/token, and of a user's "tokens" in
// GET /access/users?full=1. `tokenid` is the bare token name ("automation");
// TokenId::create(user, tokenid) gives the full "user@realm!automation".
struct ApiToken {
    QString tokenid;
    std::optional<QString> comment;
    std::optional<qint64> expire; // seconds since the epoch, 0 = never; unset = the user's
    std::optional<bool> privsep; // PVE's default: 1 (own ACLs, not the user's)
    QJsonObject extra;

    static Result<ApiToken> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const ApiToken &, const ApiToken &) = default;
};

} // namespace atalaia::model
