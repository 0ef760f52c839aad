#pragma once

#include "base/Error.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <compare>

namespace atalaia::model {

// A cluster node name, validated like PVE's pve-node format: ASCII letters and
// digits with inner hyphens. A default-constructed NodeId is empty ("no node").
class NodeId {
public:
    NodeId() = default;

    static Result<NodeId> parse(QStringView text);

    QString toString() const { return m_name; }
    bool isEmpty() const { return m_name.isEmpty(); }

    friend bool operator==(const NodeId &, const NodeId &) = default;
    friend std::strong_ordering operator<=>(const NodeId &a, const NodeId &b)
    {
        return QString::compare(a.m_name, b.m_name) <=> 0;
    }
    friend size_t qHash(const NodeId &id, size_t seed = 0) noexcept { return qHash(id.m_name, seed); }

private:
    explicit NodeId(QString name) : m_name(std::move(name)) {}

    QString m_name;
};

} // namespace atalaia::model
