#pragma once

#include "AclType.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/acl: `roleid` granted on `path` to `ugid`, which
// is a user id, a group name or a full token id according to `type`.
// fromJson() checks that ugid is spelled the way its type requires.
struct AclEntry {
    QString path; // "/", "/vms/100", "/storage/local", ...
    AclType type = AclType::User;
    QString ugid;
    QString roleid;
    std::optional<bool> propagate; // PVE's default: 1
    QJsonObject extra;

    static Result<AclEntry> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const AclEntry &, const AclEntry &) = default;
};

} // namespace atalaia::model
