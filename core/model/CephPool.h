#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /nodes/{node}/ceph/pool. The required fields are the ones
// PVE's schema does not mark optional.
struct CephPool {
    qint64 pool = 0; // the pool number
    QString poolName; // "pool_name"
    QString type; // replicated | erasure | unknown
    qint64 size = 0; // replicas
    qint64 minSize = 0; // "min_size"
    qint64 pgNum = 0; // "pg_num"
    qint64 crushRule = 0; // "crush_rule"
    QString crushRuleName; // "crush_rule_name"
    qint64 bytesUsed = 0; // "bytes_used"
    double percentUsed = 0; // "percent_used", a fraction 0..1
    std::optional<qint64> pgNumMin; // "pg_num_min"
    std::optional<qint64> pgNumFinal; // "pg_num_final"
    std::optional<QString> pgAutoscaleMode; // "pg_autoscale_mode": on | off | warn
    std::optional<qint64> targetSize; // "target_size", bytes
    std::optional<double> targetSizeRatio; // "target_size_ratio"
    std::optional<QJsonObject> applicationMetadata; // "application_metadata", Ceph's own shape
    std::optional<QJsonObject> autoscaleStatus; // "autoscale_status", Ceph's own shape
    QJsonObject extra;

    static Result<CephPool> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const CephPool &, const CephPool &) = default;
};

} // namespace atalaia::model
