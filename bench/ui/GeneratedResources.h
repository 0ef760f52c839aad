#pragma once

#include "model/ClusterResource.h"

#include <QList>
#include <QString>

namespace atalaia::bench {

// Deterministic /cluster/resources snapshots for the console benchmarks: per
// cluster 16 nodes, 4 storages per node, 20 pools and guests for the rest
// (70 % VMs, 30 % containers; 80 % running, 17 % stopped, 2 % paused, 1 %
// templates; 0-3 tags from 12; 40 % in a pool). Same input, same output on
// every machine (std::mt19937 raw output, no distributions).
class GeneratedResources
{
public:
    static constexpr int kNodesPerCluster = 16;
    static constexpr int kStoragesPerNode = 4;
    static constexpr int kPoolsPerCluster = 20;

    // `count` resources for cluster number `cluster`.
    static QList<model::ClusterResource> cluster(int cluster, int count);

    // A copy of `snapshot` in which about `fraction` of the resources changed
    // the way a refresh sees it: mostly CPU, memory and status changes, plus
    // a few guests created, destroyed, migrated and retagged (each 3 % of
    // the changes).
    static QList<model::ClusterResource> refreshed(const QList<model::ClusterResource> &snapshot, int cluster,
                                                   double fraction, quint32 seed);

    // The same resources as freshly parsed from JSON, sharing no string
    // with `snapshot`: what a real refresh hands the model. (Copies of a
    // QList share their strings, which would make every string comparison
    // a pointer comparison and the figures too good.)
    static QList<model::ClusterResource> reparsed(const QList<model::ClusterResource> &snapshot);
};

} // namespace atalaia::bench
