#pragma once

#include "ApiToken.h"
#include "UserId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/users. "groups" is a comma-separated string there
// (GET /access/users/{userid} sends an array; both are read, the string is
// written). "tokens" only appears with full=1.
struct User {
    UserId userid;
    std::optional<QString> comment;
    std::optional<QString> email;
    std::optional<bool> enable; // PVE's default: 1
    std::optional<qint64> expire; // seconds since the epoch, 0 = never
    std::optional<QString> firstname;
    std::optional<QString> lastname;
    std::optional<QStringList> groups;
    std::optional<QString> keys; // yubico key ids
    std::optional<QString> realmType; // "realm-type"
    std::optional<qint64> tfaLockedUntil; // "tfa-locked-until"
    std::optional<bool> totpLocked; // "totp-locked"
    std::optional<QList<ApiToken>> tokens;
    QJsonObject extra;

    static Result<User> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const User &, const User &) = default;
};

} // namespace atalaia::model
