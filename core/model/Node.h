#pragma once

#include "NodeId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /nodes. Like every model type here: public members named
// after the PVE fields (camelCase; the JSON key is given where it differs),
// std::optional for optional fields (left out of the JSON when unset), and
// `extra` for fields this version does not model, written back unchanged.
struct Node {
    NodeId node;
    QString status; // online | offline | unknown
    std::optional<double> cpu; // fraction of maxcpu, 0..1
    std::optional<QString> level; // support level
    std::optional<qint64> maxcpu;
    std::optional<qint64> maxmem; // bytes
    std::optional<qint64> mem; // bytes
    std::optional<QString> sslFingerprint; // "ssl_fingerprint"
    std::optional<qint64> uptime; // seconds
    QJsonObject extra;

    static Result<Node> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Node &, const Node &) = default;
};

} // namespace atalaia::model
