#pragma once

#include "model/ClusterResource.h"

#include <QAbstractItemModel>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <vector>

namespace atalaia::ui {

class ResourceSnapshot;
struct ResourceCluster;
struct ResourceEntry;
struct ResourceTreeItem;

// The console's datacenter tree: one datacenter row per connected cluster,
// side by side, and under each the cluster's resources grouped by the current
// view (by node, by type, by pool or by tag).
//
// Refreshes are diffs. applyResources() compares a whole /cluster/resources
// snapshot with what the model holds and announces only what changed: row
// inserts and removes (contiguous rows coalesced into one range), a row move
// when a guest migrates to another node (or changes pool or tag, in those
// views), and dataChanged() for changed rows, limited to the columns and
// roles that changed. It never resets the model, so selection, expansion and
// every QPersistentModelIndex survive a refresh. Only setView() and
// resetResources() reset.
//
// Rows are in a stable order: datacenters in the order they were added,
// groups by natural name ("pve2" before "pve10"), and under a group guests by
// vmid, then nodes, storages, pools and SDN objects by natural name.
//
// Cost: a refresh looks at each resource of the snapshot once: its entry is
// found where the last snapshot had it (hash lookup as fallback), and an
// unchanged resource is recognised by a 64-bit fingerprint. Everything else
// is proportional to what changed; no step is quadratic. Hand over a
// ResourceSnapshot built where the answer is parsed and the GUI thread's
// share of refreshing 100,000 resources is ~8 ms (bench/ui).
//
// A cluster id that was not added is a caller bug: the update is dropped
// with a warning (category atalaia.ui.tree).
class ResourceTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class View {
        ByNode, // datacenter → nodes → guests and storages (and SDN)
        ByType, // datacenter → "Virtual machines", "Containers", "Nodes", "Storage", "Pools", "SDN"
        ByPool, // datacenter → pools → members; guests without a pool under "(no pool)"
        ByTag, // datacenter → tags → guests (one row per tag); untagged under "(no tag)"
    };
    Q_ENUM(View)

    // What the console knows about its connection to a cluster; shown on
    // the datacenter row (Status column and icon).
    enum class ClusterState { Connecting, Connected, Disconnected, Failed };
    Q_ENUM(ClusterState)

    // What a row is (RowKindRole).
    enum class RowKind { Datacenter, Folder, Node, Guest, Storage, Pool, Tag, Other };
    Q_ENUM(RowKind)

    // Plain enums, not enum class: columns and roles are ints everywhere in
    // Qt's item view API (index(row, column), data(index, role),
    // QSortFilterProxyModel::setSortRole), and a scoped enum would need a
    // cast at every call.
    enum Column : int {
        NameColumn, // "100 (web01)", node, storage, pool, tag or folder name; icon
        TypeColumn, // "Virtual machine", "Container template", "Node", ...
        StatusColumn, // API status ("running", "online", "available"); datacenter: connection
        NodeColumn,
        CpuColumn, // "12.5 %"
        MemoryColumn, // "1.50 GiB of 4.00 GiB"
        UptimeColumn, // "3 d 4 h"
        TagsColumn, // "prod, web"
        ColumnCount
    };
    Q_ENUM(Column)

    // Item roles (everything but SortRole and the Qt roles) describe the row
    // and are answered on every column. A dataChanged() naming one of them on
    // any column of a row means the row's value changed.
    enum Role : int {
        ResourceIdRole = Qt::UserRole + 1, // QString "qemu/100"; empty for datacenter and group-only rows
        TypeRole, // QString API type ("qemu", "lxc", "node", "storage", "pool", "sdn", ...)
        ClusterIdRole, // QString, on every row including the datacenter
        NodeRole, // QString node name (resources with a node, node groups)
        VmidRole, // uint vmid (guests)
        StatusRole, // QString API status; datacenter: "connecting", "connected", ...
        SortRole, // per column: numbers for numeric columns (cpu fraction, bytes, seconds), else text
        ResourceRole, // model::ClusterResource, the whole API value
        RowKindRole, // RowKind
    };
    Q_ENUM(Role)

    explicit ResourceTreeModel(QObject *parent = nullptr);
    ~ResourceTreeModel() override;

    View view() const { return m_view; }
    // Regroups every cluster. Resets the model (rows have different parents
    // in each view, so no diff would keep indexes meaningful).
    void setView(View view);

    // Adds a datacenter row after the existing ones. Adding a known cluster
    // only renames it.
    void addCluster(const QString &clusterId, const QString &displayName);
    void removeCluster(const QString &clusterId);
    bool hasCluster(const QString &clusterId) const;
    QStringList clusterIds() const;
    void setClusterState(const QString &clusterId, ClusterState state, const QString &detail = QString());
    ClusterState clusterState(const QString &clusterId) const;

    // Makes the cluster's resources equal to `snapshot` (a whole GET
    // /cluster/resources answer) by a diff; see the class comment. Resources
    // not in the snapshot are removed. The cluster must have been added.
    void applyResources(const QString &clusterId, const QList<model::ClusterResource> &snapshot);
    // The same with the fingerprints computed beforehand (see
    // ResourceSnapshot): what is left for this thread is about one 64-bit
    // comparison per unchanged resource. The way to refresh from a parser
    // running on a worker thread.
    void applyResources(const QString &clusterId, const ResourceSnapshot &snapshot);
    // The same for an event-stream delta: `upserted` are added or replace the
    // resource with the same id, `removedIds` are removed (after the upserts,
    // so an id in both is removed). Unlisted resources stay.
    void applyChanges(const QString &clusterId, const QList<model::ClusterResource> &upserted,
                      const QStringList &removedIds);
    // Replaces the cluster's resources with a model reset, dropping every
    // view's selection and expansion. The naive refresh, kept as the baseline
    // the benchmark compares applyResources() with; a console has no reason
    // to call it.
    void resetResources(const QString &clusterId, const QList<model::ClusterResource> &snapshot);

    qsizetype resourceCount(const QString &clusterId) const;
    // The whole API value, if the cluster has that resource.
    std::optional<model::ClusterResource> resource(const QString &clusterId, const QString &resourceId) const;
    // The datacenter row.
    QModelIndex clusterIndex(const QString &clusterId, int column = NameColumn) const;
    // The rows showing a resource: none if the view does not show its type,
    // several in the tag view for a guest with several tags.
    QModelIndexList indexesOf(const QString &clusterId, const QString &resourceId, int column = NameColumn) const;
    // The first of indexesOf(), or an invalid index.
    QModelIndex indexOf(const QString &clusterId, const QString &resourceId, int column = NameColumn) const;

    // For filter proxies: the lower-cased text a row is searched by (see
    // ResourceText::searchText), in UTF-8, without building a QVariant.
    QByteArrayView searchText(const QModelIndex &index) const;
    // For sort proxies: the order of two sibling rows by `column`, the same as
    // comparing SortRole, without building QVariants. <0, 0 or >0; 0 for rows
    // equal in that column, so the proxy decides how ties go. Rows that are no
    // resource (datacenters, plain groups) come first and tie among
    // themselves. In the Name column only the same row is equal.
    int compareRows(const QModelIndex &left, const QModelIndex &right, int column) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    // The filter proxy walks the item tree directly (stable item pointers
    // are what let it follow moves without remapping).
    friend class ResourceFilterProxyModel;

    struct Update; // the work list of one applyResources()/applyChanges()

    static int compareItems(const ResourceTreeItem *a, const ResourceTreeItem *b, int column);
    static QByteArrayView searchText(const ResourceTreeItem *item);

    ResourceCluster *cluster(const QString &clusterId) const;
    ResourceTreeItem *itemAt(const QModelIndex &index) const;
    QModelIndex indexFor(const ResourceTreeItem *item, int column = NameColumn) const;

    void applyUpdate(ResourceCluster &cluster, Update &update);
    void moveItems(ResourceCluster &cluster, Update &update);
    void removeItems(ResourceCluster &cluster, Update &update);
    void insertItems(ResourceCluster &cluster, Update &update);
    void emitDataChanged(Update &update);
    ResourceTreeItem *ensureGroupInserted(ResourceCluster &cluster, const QString &key);
    std::unique_ptr<ResourceTreeItem> newGroup(ResourceCluster &cluster, const QString &key);
    void insertSorted(ResourceTreeItem *parent, std::vector<std::unique_ptr<ResourceTreeItem>> items);
    void removeRanges(ResourceTreeItem *parent, std::vector<int> rows);
    void rebuild(ResourceCluster &cluster);
    void detachFromEntry(ResourceTreeItem *item);

    QVariant datacenterData(const ResourceCluster &cluster, int column, int role) const;
    QVariant groupData(const ResourceTreeItem &item, int column, int role) const;
    QVariant resourceData(const ResourceEntry &entry, int column, int role) const;

    View m_view = View::ByNode;
    std::vector<std::unique_ptr<ResourceCluster>> m_clusters; // row order of the datacenters
};

} // namespace atalaia::ui
