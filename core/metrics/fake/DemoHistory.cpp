#include "DemoHistory.h"

#include "metrics/MetricsCollector.h"
#include "metrics/NodeMetrics.h"
#include "metrics/RrdLayout.h"
#include "model/ClusterResource.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace atalaia::metrics::fake {

namespace {

// A load factor AGO seconds before the last sample: a daily wave plus a
// half-hourly one, 0.5 at the last sample (so the history joins the live
// figures, which it scales by 2 x this), kept within 0.02 .. 1.
double wave(qint64 ago, double phase)
{
    constexpr double twoPi = 2 * std::numbers::pi;
    const double w = 0.5 - 0.3 * std::sin(twoPi * double(ago) / 86400.0)
        + 0.15 * (std::sin(phase - twoPi * double(ago) / 1800.0) - std::sin(phase));
    return std::clamp(w, 0.02, 1.0);
}

void replace(SampleValues &values, const QString &name, double value)
{
    for (auto &[n, v] : values)
        if (n == name)
            v = value;
}

} // namespace

void fillDemoHistory(MetricsArchive &archive, const QString &nodeName, const NodeStatus &node,
                     const QList<model::ClusterResource> &guests, qint64 now, qint64 seconds, int maxGuests)
{
    constexpr qint64 step = RrdLayout::kStep;
    const qint64 last = (now - 1) - (now - 1) % step;
    const qint64 first = last - seconds + step;

    for (qint64 t = first; t <= last; t += step) {
        const double w = wave(last - t, 0);
        NodeStatus s = node;
        s.cpu = std::clamp(std::max(node.cpu, 0.05) * 2 * w, 0.0, 1.0);
        s.wait = s.cpu * 0.05;
        s.memUsed = std::min(node.memTotal, qint64(double(node.memUsed) * (0.8 + 0.4 * w)));
        s.loadavg = {QString::number(s.cpu * s.cpus, 'f', 2)};
        (void)archive.update(SeriesKind::Node, nodeName, t, MetricsCollector::nodeValues(s));
    }

    int filled = 0;
    for (const model::ClusterResource &guest : guests) {
        if (!guest.vmid || (guest.node && guest.node->toString() != nodeName))
            continue;
        if (filled++ == maxGuests)
            break;
        const quint32 vmid = guest.vmid->value();
        const QString key = QString::number(vmid);
        const double phase = double(vmid % 97) / 97.0 * 2 * std::numbers::pi;
        const bool running = guest.status.value_or(QString()) == u"running";
        // Counters grow with the load; bytes per second at full load.
        const double netRate = 50000.0 + 1000.0 * double(vmid % 50);
        double netin = 0, netout = 0, diskread = 0, diskwrite = 0;
        for (qint64 t = first; t <= last; t += step) {
            SampleValues values = MetricsCollector::guestValues(guest);
            if (running) {
                const double w = wave(last - t, phase);
                netin += netRate * w * double(step);
                netout += 0.6 * netRate * w * double(step);
                diskread += 0.3 * netRate * w * double(step);
                diskwrite += 0.2 * netRate * w * double(step);
                replace(values, QStringLiteral("cpu"), std::clamp(std::max(guest.cpu.value_or(0), 0.02) * 2 * w, 0.0, 1.0));
                const double mem = double(guest.mem.value_or(0)) * (0.8 + 0.4 * w);
                replace(values, QStringLiteral("mem"), guest.maxmem ? std::min(double(*guest.maxmem), mem) : mem);
                replace(values, QStringLiteral("netin"), netin);
                replace(values, QStringLiteral("netout"), netout);
                replace(values, QStringLiteral("diskread"), diskread);
                replace(values, QStringLiteral("diskwrite"), diskwrite);
            }
            (void)archive.update(SeriesKind::Guest, key, t, values);
        }
    }
}

} // namespace atalaia::metrics::fake
