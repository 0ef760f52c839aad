#pragma once

#include "metrics/MetricsArchive.h"

#include <QList>
#include <QString>

namespace atalaia::model {
struct ClusterResource;
}

namespace atalaia::metrics {
struct NodeStatus;
}

namespace atalaia::metrics::fake {

// A past for a demo node, so that the console's charts are not empty when a
// fake agent starts: one sample a minute for SECONDS before NOW, for the
// node and the first MAXGUESTS guests of this node, around their current
// figures (slow daily and half-hourly waves, a phase per guest, ending at
// the current figures). Deterministic: the values depend only on NOW, the
// time and the vmid, never on chance. The last sample is before NOW, so the
// collector's first tick follows it.
void fillDemoHistory(MetricsArchive &archive, const QString &nodeName, const NodeStatus &node,
                     const QList<model::ClusterResource> &guests, qint64 now, qint64 seconds = 86400,
                     int maxGuests = 50);

} // namespace atalaia::metrics::fake
