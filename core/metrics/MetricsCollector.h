#pragma once

#include "metrics/MetricsArchive.h"

#include <QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace atalaia {
class Clock;
}
namespace atalaia::model {
struct ClusterResource;
}
namespace atalaia::virt {
class Hypervisor;
}

namespace atalaia::metrics {

class NodeMetrics;
struct NodeStatus;

// Samples the node (NodeMetrics) and its guests (Hypervisor::guests()) and
// stores the figures in the archive, as pvestatd + pmxcfs do on Proxmox:
// the node under its name, each guest under its vmid (guests that go away
// keep their series). start() runs a tick every interval on the collector's
// own thread; tests and benchmarks call tick() themselves.
class MetricsCollector
{
public:
    struct Tick {
        qint64 time = 0;      // the clock's seconds the samples carry
        int series = 0;       // series updated
        int failures = 0;     // updates the archive refused (logged)
        bool skipped = false; // the clock had not moved on since the last tick
    };

    MetricsCollector(QString nodeName, NodeMetrics &node, virt::Hypervisor &hypervisor, MetricsArchive &archive,
                     const Clock &clock);
    ~MetricsCollector(); // stops the thread
    MetricsCollector(const MetricsCollector &) = delete;
    MetricsCollector &operator=(const MetricsCollector &) = delete;

    // Ticks now, then every INTERVAL, until stop() or destruction.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(10));
    void stop();

    // One sample of everything, stored at the clock's current second. Not
    // reentrant: one caller at a time (the collector's thread once started).
    Tick tick();

    // Proxmox's data sources from the figures (a sample of the node, of a guest).
    static SampleValues nodeValues(const NodeStatus &status);
    static SampleValues guestValues(const model::ClusterResource &guest);

private:
    void run(std::chrono::milliseconds interval, std::stop_token stop);

    QString m_nodeName;
    NodeMetrics &m_node;
    virt::Hypervisor &m_hypervisor;
    MetricsArchive &m_archive;
    const Clock &m_clock;
    qint64 m_lastTime = 0;         // only touched by the ticking thread

    std::mutex m_wakeMutex;        // for m_wake only: ticks run outside it
    std::condition_variable_any m_wake;
    std::jthread m_thread;         // last: joined before the members above go
};

} // namespace atalaia::metrics
