#include "NodeMetrics.h"

#include <QJsonArray>

namespace atalaia::metrics {

void NodeStatus::addUsageTo(QJsonObject &entry) const
{
    entry.insert(QStringLiteral("cpu"), cpu);
    entry.insert(QStringLiteral("maxcpu"), cpus);
    entry.insert(QStringLiteral("mem"), memUsed);
    entry.insert(QStringLiteral("maxmem"), memTotal);
    entry.insert(QStringLiteral("disk"), rootfsUsed);
    entry.insert(QStringLiteral("maxdisk"), rootfsTotal);
    entry.insert(QStringLiteral("uptime"), uptime);
}

QJsonObject NodeStatus::toStatusJson() const
{
    auto triple = [](qint64 total, qint64 used, qint64 free) {
        return QJsonObject{{QStringLiteral("total"), total}, {QStringLiteral("used"), used},
                           {QStringLiteral("free"), free}};
    };
    return QJsonObject{
        {QStringLiteral("cpu"), cpu},
        {QStringLiteral("wait"), wait},
        {QStringLiteral("cpuinfo"), QJsonObject{{QStringLiteral("cpus"), cpus},
                                                {QStringLiteral("sockets"), sockets},
                                                {QStringLiteral("cores"), sockets > 0 ? cpus / sockets : cpus},
                                                {QStringLiteral("model"), cpuModel},
                                                {QStringLiteral("mhz"), QString::number(mhz, 'f', 3)}}},
        {QStringLiteral("memory"), triple(memTotal, memUsed, memFree)},
        {QStringLiteral("swap"), triple(swapTotal, swapUsed, swapFree)},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("total"), rootfsTotal},
                                               {QStringLiteral("used"), rootfsUsed},
                                               {QStringLiteral("avail"), rootfsAvail},
                                               {QStringLiteral("free"), rootfsAvail}}},
        {QStringLiteral("uptime"), uptime},
        {QStringLiteral("loadavg"), QJsonArray::fromStringList(loadavg)},
        {QStringLiteral("kversion"), kernel},
    };
}

} // namespace atalaia::metrics
