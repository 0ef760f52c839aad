#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::metrics {

// A node's status figures, the content of GET /nodes/{node}/status.
struct NodeStatus {
    double cpu = 0;          // busy fraction of all CPUs, 0..1, since the previous sample
    double wait = 0;         // iowait fraction
    int cpus = 0;
    int sockets = 1;
    QString cpuModel;
    double mhz = 0;
    qint64 memTotal = 0, memUsed = 0, memFree = 0;
    qint64 swapTotal = 0, swapUsed = 0, swapFree = 0;
    qint64 rootfsTotal = 0, rootfsUsed = 0, rootfsAvail = 0;
    qint64 uptime = 0;       // seconds
    QStringList loadavg;     // three numbers as text, as Proxmox returns them
    QString kernel;          // "Linux 6.12.0 #1 SMP ..."
    // Bytes received and sent by the physical NICs since boot (Proxmox's
    // node netin/netout), where known.
    std::optional<qint64> netIn, netOut;

    // Proxmox's /nodes/{node}/status shape.
    QJsonObject toStatusJson() const;
    // The usage fields of a node entry in /nodes and /cluster/resources
    // (cpu, maxcpu, mem, maxmem, disk, maxdisk, uptime), added to ENTRY.
    void addUsageTo(QJsonObject &entry) const;
};

// Where a node's figures come from: /proc and statvfs on a real node, a
// fixture in tests and demos. Thread-safe.
class NodeMetrics : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~NodeMetrics() override = default;
    virtual NodeStatus sample() = 0;
};

} // namespace atalaia::metrics
