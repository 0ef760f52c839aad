#pragma once

#include "NodeId.h"
#include "base/Error.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace atalaia::model {

// One element of PVE's pve-ha-node-list ("node1:2,node2"): a node and an
// optional priority, higher preferred. Used by HA groups and node-affinity rules.
struct HaNodePriority {
    NodeId node;
    std::optional<quint32> priority;

    // "node" or "node:priority", like PVE's pve-ha-node format.
    static Result<HaNodePriority> parse(QStringView text);
    QString toString() const;

    friend bool operator==(const HaNodePriority &, const HaNodePriority &) = default;
};

} // namespace atalaia::model
