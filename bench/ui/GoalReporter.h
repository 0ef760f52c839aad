#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace atalaia::bench {

// Google Benchmark's console output, then a table of milliseconds per
// iteration, each against its goal (if it has one) and, for benchmarks that
// name a baseline, as a ratio to that baseline measured in the same run.
// Figures that are not timings (memory) are added as extra rows.
class GoalReporter : public benchmark::ConsoleReporter
{
public:
    struct Goal {
        double maxMs = 0; // 0: no goal
        std::string baseline; // benchmark to compare with, or empty
    };

    void setGoal(const std::string &benchmark, Goal goal) { m_goals[benchmark] = std::move(goal); }
    void addExtraRow(std::string name, double value, std::string unit, double goal);

    void ReportRuns(const std::vector<Run> &runs) override;
    void Finalize() override;

private:
    struct Extra {
        std::string name;
        double value;
        std::string unit;
        double goal;
    };

    std::map<std::string, Goal> m_goals;
    std::map<std::string, double> m_ms;
    std::vector<std::string> m_order;
    std::vector<Extra> m_extras;
};

} // namespace atalaia::bench
