#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace atalaia::model {

// A node of the CRUSH tree GET /nodes/{node}/ceph/osd returns (its "root"):
// an OSD (type "osd", id >= 0) or a bucket (root, host, ...; id < 0) with
// `children`. PVE leaves "children" out for leaves, and so does toJson().
struct CephOsd {
    qint64 id = 0;
    QString name; // "osd.3", "pve1", "default"
    QString type; // osd | host | root | ...
    std::optional<QString> status; // up | down
    std::optional<bool> in;
    std::optional<double> crushWeight; // "crush_weight"
    std::optional<double> reweight;
    std::optional<QString> deviceClass; // "device_class": hdd | ssd | nvme
    std::optional<qint64> pgs;
    std::optional<qint64> totalSpace; // "total_space", bytes
    std::optional<qint64> bytesUsed; // "bytes_used"
    std::optional<double> percentUsed; // "percent_used"
    std::optional<qint64> commitLatencyMs; // "commit_latency_ms"
    std::optional<qint64> applyLatencyMs; // "apply_latency_ms"
    std::optional<QString> osdtype; // bluestore | filestore
    std::optional<QString> blfsdev;
    std::optional<QString> dbdev;
    std::optional<QString> waldev;
    std::optional<QString> cephVersion; // "ceph_version"
    std::optional<QString> cephVersionShort; // "ceph_version_short"
    std::optional<QString> host; // osd: the host bucket it sits in
    std::optional<bool> leaf;
    QList<CephOsd> children;
    QJsonObject extra;

    static Result<CephOsd> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const CephOsd &, const CephOsd &) = default;
};

} // namespace atalaia::model
