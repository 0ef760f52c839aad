#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /nodes/{node}/ceph/mon.
//
// Three fields deliberately differ from PVE's published schema, to match what
// PVE really sends (PVE::Ceph::Services::get_services_info): "host" is the
// node name (schema: boolean), "direxists" and "service" are flags set to 1 or
// true (schema: string, integer). As flags they are written as 0/1.
struct CephMonitor {
    QString name;
    std::optional<QString> addr;
    std::optional<QString> host;
    std::optional<bool> quorum;
    std::optional<qint64> rank;
    std::optional<bool> service; // a systemd unit exists on host
    std::optional<bool> direxists; // /var/lib/ceph/mon/<cluster>-<name> exists on host
    std::optional<QString> state; // running | stopped | unknown
    std::optional<QString> cephVersion; // "ceph_version"
    std::optional<QString> cephVersionShort; // "ceph_version_short"
    QJsonObject extra;

    static Result<CephMonitor> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const CephMonitor &, const CephMonitor &) = default;
};

} // namespace atalaia::model
