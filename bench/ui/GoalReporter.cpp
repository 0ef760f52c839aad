#include "GoalReporter.h"

#include <cstdio>

namespace atalaia::bench {

void GoalReporter::addExtraRow(std::string name, double value, std::string unit, double goal)
{
    m_extras.push_back({std::move(name), value, std::move(unit), goal});
}

void GoalReporter::ReportRuns(const std::vector<Run> &runs)
{
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs) {
        if (run.run_type != Run::RT_Iteration || run.skipped || run.iterations == 0)
            continue;
        const std::string name = run.run_name.function_name; // without "/min_time:..." suffixes
        if (!m_ms.contains(name))
            m_order.push_back(name);
        m_ms[name] = run.real_accumulated_time / double(run.iterations) * 1e3;
    }
}

void GoalReporter::Finalize()
{
    ConsoleReporter::Finalize();
    std::printf("\n%-44s %12s %10s %6s  %s\n", "benchmark", "value", "goal", "", "vs baseline (same run)");
    for (const std::string &name : m_order) {
        const double ms = m_ms[name];
        const auto goal = m_goals.find(name);
        char goalText[32] = "-";
        const char *verdict = "";
        std::string ratio;
        if (goal != m_goals.end()) {
            if (goal->second.maxMs > 0) {
                std::snprintf(goalText, sizeof goalText, "<= %.0f ms", goal->second.maxMs);
                verdict = ms <= goal->second.maxMs ? "ok" : "MISSED";
            }
            const auto base = m_ms.find(goal->second.baseline);
            if (base != m_ms.end() && ms > 0) {
                char text[96];
                std::snprintf(text, sizeof text, "%.1fx faster than %s", base->second / ms, base->first.c_str());
                ratio = text;
            }
        }
        std::printf("%-44s %9.2f ms %10s %6s  %s\n", name.c_str(), ms, goalText, verdict, ratio.c_str());
    }
    for (const Extra &extra : m_extras) {
        char goalText[32] = "-";
        const char *verdict = "";
        if (extra.goal > 0) {
            std::snprintf(goalText, sizeof goalText, "<= %.0f %s", extra.goal, extra.unit.c_str());
            verdict = extra.value <= extra.goal ? "ok" : "MISSED";
        }
        std::printf("%-44s %9.1f %-2s %10s %6s\n", extra.name.c_str(), extra.value, extra.unit.c_str(), goalText,
                    verdict);
    }
}

} // namespace atalaia::bench
