#pragma once

#include <QAbstractProxyModel>
#include <QHash>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace atalaia::ui {

class ResourceTreeModel;
struct ResourceTreeItem;

// The datacenter tree's search box and column sorting, over a
// ResourceTreeModel (other source models are refused).
//
// The filter text is split on white space; a row matches when every term is
// a case-insensitive substring of its name, vmid, node, tags, status or type
// ("running web" finds running guests named web*). The ancestors of a match
// stay visible so it keeps its place in the tree; a node, pool or tag group
// also matches by its own name.
//
// sort(column, order) orders siblings by the column's value (numbers for CPU,
// memory and uptime; guests by vmid in the Name column); rows with equal
// values keep the model's order in both directions. sort(-1) returns to the
// model's order, which is also the initial state.
//
// Why not QSortFilterProxyModel: it turns every row move of its source (a
// migrating guest) into a layout change that drops all of its mappings, and
// rebuilding them re-filters the whole tree: about 1.4 s per refresh of
// 100,000 resources with a filter active (bench/ui). This proxy mirrors only
// the visible rows, keyed by the source's stable item pointers, so a source
// insert, remove, move or dataChanged costs work proportional to the rows it
// names, and it forwards them as inserts, removes, moves and dataChanged of
// its own: views keep selection and expansion through refreshes here too.
// Typing that narrows the filter ("w" → "we") only re-tests visible rows.
class ResourceFilterProxyModel : public QAbstractProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)

public:
    explicit ResourceFilterProxyModel(QObject *parent = nullptr);
    ~ResourceFilterProxyModel() override;

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

    // -1 (the default) is the model's own order.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Takes a ResourceTreeModel; any other model is refused (warning, no rows).
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    ResourceTreeModel *resourceModel() const { return m_tree; }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void filterTextChanged(const QString &text);

private:
    // One visible row. Children are in display order (sorted, or the
    // model's order); `row` is kept exact before every end*Rows().
    struct Node {
        ResourceTreeItem *item = nullptr; // null for the invisible root
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    using NodePtr = std::unique_ptr<Node>;

    bool selfMatches(const ResourceTreeItem *item) const;
    bool subtreeMatches(const ResourceTreeItem *item) const;
    bool visibleSubtreeMatches(const Node *node) const;
    NodePtr buildSubtree(ResourceTreeItem *item) const;
    bool less(const Node *a, const Node *b) const;
    void sortChildren(Node *node) const;
    int insertPosition(const Node *parent, const Node *node) const;

    QModelIndex indexOf(const Node *node, int column = 0) const; // invalid for the root
    void insertInto(const ResourceTreeItem *parentItem, std::vector<NodePtr> nodes);
    Node *nodeAt(const QModelIndex &proxyIndex) const;
    Node *nodeFor(const ResourceTreeItem *item) const; // root for null; null when hidden
    ResourceTreeItem *sourceParentItem(const QModelIndex &sourceParent) const;
    // The source's children of an item; null is the invisible root (datacenters).
    int childCount(const ResourceTreeItem *item) const;
    ResourceTreeItem *childAt(const ResourceTreeItem *item, int row) const;

    void registerSubtree(Node *node);
    void unregisterSubtree(const Node *node);
    void insertNodes(Node *parent, std::vector<NodePtr> nodes);
    void attach(NodePtr node);
    void removeRows(Node *parent, std::vector<int> rows);
    void prune(Node *node);
    void moveNode(Node *node, Node *target);
    void reposition(Node *node);
    bool outOfOrder(const Node *node) const;
    void resort(Node *parent);
    void refilter(const ResourceTreeItem *item, Node *node, bool narrowing);
    void rebuild();

    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsMoved(const QModelIndex &sourceParent, int first, int last, const QModelIndex &destinationParent,
                         int destinationRow);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void sourceAboutToBeReset();
    void sourceReset();
    void sourceDestroyed();

    QPointer<ResourceTreeModel> m_tree;
    QList<QMetaObject::Connection> m_connections;
    QString m_filterText;
    QList<QByteArray> m_terms; // lower-cased UTF-8; empty = everything matches
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    Node m_root;
    QHash<const ResourceTreeItem *, Node *> m_nodes; // visible source item → its row here
};

} // namespace atalaia::ui
