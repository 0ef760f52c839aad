#include "RatioReporter.h"

#include <cstdio>

namespace atalaia::bench {

void RatioReporter::ReportRuns(const std::vector<Run> &runs)
{
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs) {
        if (run.run_type != Run::RT_Iteration || run.skipped)
            continue;
        const auto it = run.counters.find("bytes_per_second");
        if (it == run.counters.end())
            continue;
        const std::string name = run.run_name.function_name;
        if (!m_bytesPerSecond.contains(name))
            m_order.push_back(name);
        m_bytesPerSecond[name] = it->second.value;
    }
}

void RatioReporter::Finalize()
{
    ConsoleReporter::Finalize();
    const auto base = m_bytesPerSecond.find(m_baseline);
    std::printf("\n%-36s %12s %10s\n", "benchmark", "MB/s", "ratio");
    for (const std::string &name : m_order) {
        const double mbps = m_bytesPerSecond[name] / 1e6;
        if (base != m_bytesPerSecond.end() && base->second > 0)
            std::printf("%-36s %12.1f %9.2fx\n", name.c_str(), mbps, m_bytesPerSecond[name] / base->second);
        else
            std::printf("%-36s %12.1f %10s\n", name.c_str(), mbps, "-");
    }
    std::printf("(ratio: throughput relative to %s in this run)\n", m_baseline.c_str());
}

} // namespace atalaia::bench
