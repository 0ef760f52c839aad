#pragma once

#include "HaNodePriority.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::model {

// One entry of GET /cluster/ha/rules. A node-affinity rule keeps `resources`
// on `nodes` (by priority; `strict` forbids other nodes); a resource-affinity
// rule keeps them together ("positive") or apart ("negative").
struct HaRule {
    QString rule;
    QString type; // node-affinity | resource-affinity
    std::optional<QStringList> resources; // HA resource ids: "vm:100,ct:101"
    std::optional<QList<HaNodePriority>> nodes; // node-affinity
    std::optional<bool> strict; // node-affinity; PVE's default: 0
    std::optional<QString> affinity; // resource-affinity: positive | negative
    std::optional<bool> disable;
    std::optional<QString> comment;
    std::optional<QString> digest;
    QJsonObject extra;

    static Result<HaRule> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const HaRule &, const HaRule &) = default;
};

} // namespace atalaia::model
