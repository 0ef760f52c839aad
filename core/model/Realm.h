#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/domains: an authentication realm. The listing
// carries only these fields; realm settings (server, base_dn, ...) come from
// GET /access/domains/{realm} and travel in `extra`.
struct Realm {
    QString realm;
    QString type; // pam | pve | ldap | ad | openid
    std::optional<QString> comment;
    std::optional<QString> tfa; // yubico | oath
    QJsonObject extra;

    static Result<Realm> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Realm &, const Realm &) = default;
};

} // namespace atalaia::model
