#pragma once

#include "UserId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/groups. "users" is PVE's comma-separated
// pve-userid-list ("a@pve,b@pam"); an empty group sends "".
struct Group {
    QString groupid;
    std::optional<QString> comment;
    std::optional<QList<UserId>> users;
    QJsonObject extra;

    static Result<Group> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Group &, const Group &) = default;
};

} // namespace atalaia::model
