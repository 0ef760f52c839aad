#pragma once

#include "NodeId.h"
#include "ResourceType.h"
#include "VmId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::model {

// One entry of GET /cluster/resources: a node, storage, pool, guest or SDN /
// network object, told apart by `type`. Which optional fields are set depends
// on the type (see the PVE schema); the id is "<type>/<...>", e.g. "qemu/100",
// "node/pve1", "storage/pve1/local".
struct ClusterResource {
    QString id;
    ResourceType type = ResourceType::Node;
    std::optional<QString> status; // meaning depends on type
    std::optional<NodeId> node;
    std::optional<VmId> vmid;
    std::optional<QString> name;
    std::optional<double> cpu; // fraction of maxcpu, 0..1
    std::optional<double> maxcpu; // a number here, unlike /nodes
    std::optional<qint64> mem; // bytes
    std::optional<qint64> maxmem;
    std::optional<qint64> memhost;
    std::optional<qint64> disk; // storage: used; guests: root image usage
    std::optional<qint64> maxdisk;
    std::optional<qint64> uptime; // seconds
    // Guest I/O counters, bytes since the guest started.
    std::optional<qint64> netin;
    std::optional<qint64> netout;
    std::optional<qint64> diskread;
    std::optional<qint64> diskwrite;
    std::optional<bool> isTemplate; // "template"
    std::optional<QString> hastate;
    std::optional<QString> pool;
    std::optional<QString> tags; // ';'-separated, as configured
    std::optional<QString> lock;
    std::optional<QString> storage;
    std::optional<QString> plugintype;
    std::optional<QStringList> content; // storage content types
    std::optional<bool> shared;
    std::optional<QString> level;
    std::optional<qint64> cgroupMode; // "cgroup-mode"
    std::optional<QString> sdn;
    std::optional<QString> zoneType; // "zone-type"
    std::optional<QString> network;
    std::optional<QString> networkType; // "network-type": fabric | zone
    std::optional<QString> protocol;
    QJsonObject extra;

    static Result<ClusterResource> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const ClusterResource &, const ClusterResource &) = default;
};

} // namespace atalaia::model
