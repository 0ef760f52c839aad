#include "Migration.h"

namespace atalaia::virt {

QString MigrationProgress::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Setup: return QStringLiteral("setup");
    case Phase::Active: return QStringLiteral("active");
    case Phase::Completed: return QStringLiteral("completed");
    case Phase::Cancelled: return QStringLiteral("cancelled");
    case Phase::Failed: return QStringLiteral("failed");
    }
    return {};
}

QJsonObject MigrationProgress::toJson() const
{
    return {
        {QStringLiteral("phase"), phaseName(phase)},
        {QStringLiteral("elapsed_ms"), elapsedMs},
        {QStringLiteral("data_total"), dataTotal},
        {QStringLiteral("data_processed"), dataProcessed},
        {QStringLiteral("data_remaining"), dataRemaining},
        {QStringLiteral("memory_total"), memoryTotal},
        {QStringLiteral("memory_processed"), memoryProcessed},
        {QStringLiteral("memory_remaining"), memoryRemaining},
        {QStringLiteral("memory_bps"), memoryBps},
        {QStringLiteral("dirty_rate"), dirtyRate},
        {QStringLiteral("page_size"), pageSize},
        {QStringLiteral("iteration"), iteration},
        {QStringLiteral("expected_downtime_ms"), expectedDowntimeMs},
        {QStringLiteral("downtime_ms"), downtimeMs},
    };
}

MigrationProgress MigrationProgress::fromJson(const QJsonObject &json)
{
    MigrationProgress p;
    const QString phase = json.value(QLatin1String("phase")).toString();
    for (Phase candidate : {Phase::Setup, Phase::Active, Phase::Completed, Phase::Cancelled, Phase::Failed})
        if (phaseName(candidate) == phase)
            p.phase = candidate;
    auto number = [&](const char *key, qint64 fallback = 0) {
        return json.value(QLatin1String(key)).toInteger(fallback);
    };
    p.elapsedMs = number("elapsed_ms");
    p.dataTotal = number("data_total");
    p.dataProcessed = number("data_processed");
    p.dataRemaining = number("data_remaining");
    p.memoryTotal = number("memory_total");
    p.memoryProcessed = number("memory_processed");
    p.memoryRemaining = number("memory_remaining");
    p.memoryBps = number("memory_bps");
    p.dirtyRate = number("dirty_rate");
    p.pageSize = number("page_size", 4096);
    p.iteration = number("iteration");
    p.expectedDowntimeMs = number("expected_downtime_ms");
    p.downtimeMs = number("downtime_ms", -1);
    return p;
}

} // namespace atalaia::virt
