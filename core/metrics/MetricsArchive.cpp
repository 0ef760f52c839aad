#include "MetricsArchive.h"

#include "fake/MemoryMetricsArchive.h"
#ifdef ATALAIA_WITH_RRD
#include "rrd/RrdMetricsArchive.h"
#endif

#include <QJsonObject>

#include <cmath>

namespace atalaia::metrics {

std::optional<double> MetricsData::value(qsizetype row, const QString &name) const
{
    const qsizetype column = names.indexOf(name);
    if (row < 0 || row >= rows.size() || column < 0 || column >= rows.at(row).values.size())
        return std::nullopt;
    const double v = rows.at(row).values.at(column);
    if (std::isnan(v))
        return std::nullopt;
    return v;
}

QJsonArray MetricsData::toJson() const
{
    QJsonArray list;
    for (const Row &row : rows) {
        QJsonObject entry{{QStringLiteral("time"), row.time}};
        for (qsizetype i = 0; i < names.size() && i < row.values.size(); ++i)
            if (std::isfinite(row.values.at(i)))
                entry.insert(names.at(i), row.values.at(i));
        list.append(entry);
    }
    return list;
}

std::unique_ptr<MetricsArchive> openNodeArchive(const QString &directory)
{
#ifdef ATALAIA_WITH_RRD
    return std::make_unique<rrd::RrdMetricsArchive>(directory);
#else
    Q_UNUSED(directory)
    return std::make_unique<fake::MemoryMetricsArchive>();
#endif
}

} // namespace atalaia::metrics
