#include "MetricsCollector.h"

#include "base/Clock.h"
#include "metrics/NodeMetrics.h"
#include "model/ClusterResource.h"
#include "virt/Hypervisor.h"

#include <QDebug>

#include <cmath>
#include <limits>

namespace atalaia::metrics {

namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

} // namespace

MetricsCollector::MetricsCollector(QString nodeName, NodeMetrics &node, virt::Hypervisor &hypervisor,
                                   MetricsArchive &archive, const Clock &clock)
    : m_nodeName(std::move(nodeName))
    , m_node(node)
    , m_hypervisor(hypervisor)
    , m_archive(archive)
    , m_clock(clock)
{
}

MetricsCollector::~MetricsCollector()
{
    stop();
}

void MetricsCollector::start(std::chrono::milliseconds interval)
{
    if (m_thread.joinable())
        return;
    m_thread = std::jthread([this, interval](std::stop_token stop) { run(interval, std::move(stop)); });
}

void MetricsCollector::stop()
{
    if (!m_thread.joinable())
        return;
    m_thread.request_stop(); // wakes the wait below
    m_thread.join();
}

void MetricsCollector::run(std::chrono::milliseconds interval, std::stop_token stop)
{
    while (!stop.stop_requested()) {
        tick();
        std::unique_lock lock(m_wakeMutex);
        m_wake.wait_for(lock, stop, interval, [] { return false; });
    }
}

SampleValues MetricsCollector::nodeValues(const NodeStatus &s)
{
    // pvestatd's node line: the 1-minute load average, CPU count and busy
    // share, iowait share, memory, swap and root file system in bytes, and
    // the physical NICs' byte counters (unknown where not reported).
    const double load = s.loadavg.isEmpty() ? kUnknown : s.loadavg.first().toDouble();
    return {
        {QStringLiteral("netin"), s.netIn ? double(*s.netIn) : kUnknown},
        {QStringLiteral("netout"), s.netOut ? double(*s.netOut) : kUnknown},
        {QStringLiteral("loadavg"), load},
        {QStringLiteral("maxcpu"), double(s.cpus)},
        {QStringLiteral("cpu"), s.cpu},
        {QStringLiteral("iowait"), s.wait},
        {QStringLiteral("memtotal"), double(s.memTotal)},
        {QStringLiteral("memused"), double(s.memUsed)},
        {QStringLiteral("swaptotal"), double(s.swapTotal)},
        {QStringLiteral("swapused"), double(s.swapUsed)},
        {QStringLiteral("roottotal"), double(s.rootfsTotal)},
        {QStringLiteral("rootused"), double(s.rootfsUsed)},
    };
}

SampleValues MetricsCollector::guestValues(const model::ClusterResource &g)
{
    // A stopped guest uses nothing: Proxmox records zeros for it rather than
    // gaps. Sizes it does not report stay unknown.
    const bool running = g.status.value_or(QString()) == u"running";
    auto usage = [running](const auto &field) {
        return field ? double(*field) : running ? kUnknown : 0.0;
    };
    auto size = [](const auto &field) { return field ? double(*field) : kUnknown; };
    return {
        {QStringLiteral("maxcpu"), size(g.maxcpu)},
        {QStringLiteral("cpu"), usage(g.cpu)},
        {QStringLiteral("maxmem"), size(g.maxmem)},
        {QStringLiteral("mem"), usage(g.mem)},
        {QStringLiteral("maxdisk"), size(g.maxdisk)},
        {QStringLiteral("disk"), usage(g.disk)},
        {QStringLiteral("netin"), usage(g.netin)},
        {QStringLiteral("netout"), usage(g.netout)},
        {QStringLiteral("diskread"), usage(g.diskread)},
        {QStringLiteral("diskwrite"), usage(g.diskwrite)},
    };
}

MetricsCollector::Tick MetricsCollector::tick()
{
    Tick result;
    result.time = m_clock.nowSeconds();
    // The archives take one sample per second at most.
    if (result.time <= m_lastTime) {
        result.skipped = true;
        return result;
    }
    m_lastTime = result.time;

    QString firstError;
    auto store = [&](SeriesKind kind, const QString &key, const SampleValues &values) {
        ++result.series;
        const Result<void> stored = m_archive.update(kind, key, result.time, values);
        // A series already updated at this second (e.g. by a demo history)
        // is not worth a warning.
        if (!stored && stored.error().code != Code::Conflict) {
            ++result.failures;
            if (firstError.isEmpty())
                firstError = stored.error().message;
        }
    };
    store(SeriesKind::Node, m_nodeName, nodeValues(m_node.sample()));
    // This node's guests only, as pvestatd reports them (a fake hypervisor
    // may list a whole demo cluster's).
    for (const model::ClusterResource &guest : m_hypervisor.guests())
        if (guest.vmid && (!guest.node || guest.node->toString() == m_nodeName))
            store(SeriesKind::Guest, QString::number(guest.vmid->value()), guestValues(guest));
    // One line per tick at most, however many guests failed.
    if (result.failures > 0)
        qWarning("metrics: %d of %d series not stored, e.g. %s", result.failures, result.series,
                 qPrintable(firstError));
    return result;
}

} // namespace atalaia::metrics
