#pragma once

#include "metrics/NodeMetrics.h"

#include <QMutex>

namespace atalaia::metrics::proc {

// The real node's figures from /proc, statvfs("/") and uname. CPU usage is
// the busy share between two samples (the first sample reports 0).
class ProcNodeMetrics final : public NodeMetrics
{
    Q_OBJECT
public:
    using NodeMetrics::NodeMetrics;
    NodeStatus sample() override;

private:
    QMutex m_mutex;                  // guards the previous /proc/stat sample
    quint64 m_lastTotal = 0;
    quint64 m_lastIdle = 0;
    quint64 m_lastWait = 0;
};

} // namespace atalaia::metrics::proc
