#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace atalaia::ui {

struct ResourceCluster;
struct ResourceEntry;

// One row of the datacenter tree. The tree has three levels: a datacenter per
// cluster, the groups of the current view under it (nodes, type folders,
// pools, tags), and the resources under a group. A node or a pool can be a
// group row and a resource at once: then `entry` is set on the group.
struct ResourceTreeItem {
    enum class Kind : quint8 { Datacenter, Group, Leaf };

    ResourceTreeItem(Kind k, ResourceCluster *c) : kind(k), cluster(c) {}

    Kind kind;
    // Set while an update removes this row, so that a group whose rows all go
    // is removed as one row instead of row by row.
    bool doomed = false;
    // Set while the update that inserted this row finishes, so that it
    // announces the row once (insert) and not again as changed data.
    bool fresh = false;
    // Index in parent->children (or in the model's clusters for a
    // datacenter). Kept exact before every end*Rows(), because views call
    // parent() from inside those signals.
    int row = -1;
    ResourceTreeItem *parent = nullptr; // null for datacenters and for groups not yet inserted
    ResourceCluster *cluster;
    ResourceEntry *entry = nullptr; // the resource shown, if any
    QString groupKey; // groups only: see ResourceLayout
    // What the filter matches, lower-cased UTF-8: the entry's search text
    // (shared, not copied), or a node, pool or tag group's name, or empty.
    // Kept here and not only in the entry because filtering reads it for
    // every row per keystroke: one pointer less to follow is a cache miss
    // less. UTF-8 because memmem() on it is several times faster than
    // QString::contains() and substring search is exact on UTF-8.
    QByteArray searchText;
    std::vector<std::unique_ptr<ResourceTreeItem>> children; // sorted, see ResourceLayout
};

} // namespace atalaia::ui
