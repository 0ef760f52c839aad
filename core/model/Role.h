#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::model {

// One entry of GET /access/roles. "privs" is PVE's comma-separated
// pve-priv-list ("VM.Audit,VM.Console"); "special" marks built-in roles.
struct Role {
    QString roleid;
    std::optional<QStringList> privs;
    std::optional<bool> special;
    QJsonObject extra;

    static Result<Role> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Role &, const Role &) = default;
};

} // namespace atalaia::model
