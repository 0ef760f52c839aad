#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /cluster/ha/resources (and /cluster/ha/resources/{sid}).
struct HaResource {
    QString sid; // "vm:100", "ct:101"
    std::optional<QString> type; // vm | ct
    std::optional<QString> state; // started | stopped | enabled | disabled | ignored
    std::optional<QString> group;
    std::optional<qint64> maxRestart; // "max_restart"; PVE's default: 1
    std::optional<qint64> maxRelocate; // "max_relocate"; PVE's default: 1
    std::optional<bool> failback; // PVE's default: 1
    std::optional<QString> comment;
    std::optional<QString> digest;
    QJsonObject extra;

    static Result<HaResource> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const HaResource &, const HaResource &) = default;
};

} // namespace atalaia::model
