#include "FakeNodeMetrics.h"

#include <QJsonArray>

namespace atalaia::metrics::fake {

FakeNodeMetrics::FakeNodeMetrics(const QJsonObject &node)
{
    m_status.cpus = node.value(QLatin1String("cpus")).toInt(4);
    m_status.sockets = node.value(QLatin1String("sockets")).toInt(1);
    m_status.cpuModel = node.value(QLatin1String("cpu_model")).toString(QStringLiteral("Atalaia Virtual CPU"));
    m_status.mhz = node.value(QLatin1String("mhz")).toDouble(2600);
    m_status.cpu = node.value(QLatin1String("cpu")).toDouble(0.05);
    m_status.memTotal = node.value(QLatin1String("memory")).toInteger(16LL << 30);
    m_status.memUsed = node.value(QLatin1String("memory_used")).toInteger(m_status.memTotal / 4);
    m_status.memFree = m_status.memTotal - m_status.memUsed;
    m_status.rootfsTotal = node.value(QLatin1String("rootfs")).toInteger(100LL << 30);
    m_status.rootfsUsed = m_status.rootfsTotal / 5;
    m_status.rootfsAvail = m_status.rootfsTotal - m_status.rootfsUsed;
    m_status.uptime = node.value(QLatin1String("uptime")).toInteger(86400);
    m_status.loadavg = {QStringLiteral("0.15"), QStringLiteral("0.10"), QStringLiteral("0.05")};
    m_status.kernel = QStringLiteral("Linux 6.12.0-atalaia-fake #1 SMP");
    if (node.contains(QLatin1String("netin")))
        m_status.netIn = node.value(QLatin1String("netin")).toInteger();
    if (node.contains(QLatin1String("netout")))
        m_status.netOut = node.value(QLatin1String("netout")).toInteger();
}

NodeStatus FakeNodeMetrics::sample()
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

void FakeNodeMetrics::setStatus(NodeStatus status)
{
    QMutexLocker lock(&m_mutex);
    m_status = std::move(status);
}

} // namespace atalaia::metrics::fake
