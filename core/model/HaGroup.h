#pragma once

#include "HaNodePriority.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /cluster/ha/groups (PVE's older way to pin HA resources to
// nodes; newer clusters use node-affinity rules, see HaRule).
// "nodes" is "node1:2,node2" on the wire.
struct HaGroup {
    QString group;
    std::optional<QList<HaNodePriority>> nodes;
    std::optional<bool> restricted; // only run on the listed nodes; PVE's default: 0
    std::optional<bool> nofailback; // PVE's default: 0
    std::optional<QString> type; // always "group"
    std::optional<QString> comment;
    std::optional<QString> digest;
    QJsonObject extra;

    static Result<HaGroup> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const HaGroup &, const HaGroup &) = default;
};

} // namespace atalaia::model
