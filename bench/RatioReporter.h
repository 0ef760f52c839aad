#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace atalaia::bench {

// Google Benchmark's console output, followed by a summary table: throughput
// of each benchmark and its ratio to the baseline run in the same invocation.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    explicit RatioReporter(std::string baseline) : m_baseline(std::move(baseline)) {}

    void ReportRuns(const std::vector<Run> &runs) override;
    void Finalize() override;

private:
    std::string m_baseline;
    std::map<std::string, double> m_bytesPerSecond; // insertion order kept in m_order
    std::vector<std::string> m_order;
};

} // namespace atalaia::bench
