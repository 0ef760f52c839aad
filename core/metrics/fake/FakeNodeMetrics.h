#pragma once

#include "metrics/NodeMetrics.h"

#include <QJsonObject>
#include <QMutex>

namespace atalaia::metrics::fake {

// Fixed figures from a fixture's "node" object (cpus, memory, uptime, ...).
class FakeNodeMetrics final : public NodeMetrics
{
    Q_OBJECT
public:
    explicit FakeNodeMetrics(const QJsonObject &node);
    NodeStatus sample() override;
    void setStatus(NodeStatus status);

private:
    QMutex m_mutex;
    NodeStatus m_status;
};

} // namespace atalaia::metrics::fake
