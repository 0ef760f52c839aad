#pragma once

#include "ResourceEntry.h"
#include "ResourceTreeItem.h"
#include "ResourceTreeModel.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace atalaia::ui {

// Everything the tree model knows about one connected cluster.
struct ResourceCluster {
    ResourceCluster(QString clusterId, QString name)
        : id(std::move(clusterId)), displayName(std::move(name)),
          root(std::make_unique<ResourceTreeItem>(ResourceTreeItem::Kind::Datacenter, this))
    {
    }
    ~ResourceCluster() { qDeleteAll(entries); }
    ResourceCluster(const ResourceCluster &) = delete;
    ResourceCluster &operator=(const ResourceCluster &) = delete;

    QString id;
    QString displayName;
    ResourceTreeModel::ClusterState state = ResourceTreeModel::ClusterState::Connecting;
    QString stateDetail;
    std::unique_ptr<ResourceTreeItem> root; // the datacenter row
    QHash<QString, ResourceEntry *> entries; // by resource id; owned
    QHash<QString, ResourceTreeItem *> groups; // by group key; rows under root (or about to be)
    // The entries in the order of the last applyResources() snapshot (null
    // where applyChanges() removed one since): where to look first.
    std::vector<ResourceEntry *> order;
    qsizetype unordered = 0; // entries applyChanges() added since, not in `order`
    quint32 generation = 0; // bumped by each applyResources()
};

} // namespace atalaia::ui
