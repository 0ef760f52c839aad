#include "ResourceFilterProxyModel.h"

#include "ResourceCluster.h"
#include "ResourceText.h"
#include "ResourceTreeItem.h"
#include "ResourceTreeModel.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cstring>

namespace atalaia::ui {

Q_LOGGING_CATEGORY(lcFilter, "atalaia.ui.filter")

using Item = ResourceTreeItem;

namespace {

// True when every row matching `next` also matches `previous`: each old term
// is inside some new term ("w" → "we", "web" → "web prod"). Then rows hidden
// now stay hidden, and only visible rows need testing.
bool narrows(const QList<QByteArray> &previous, const QList<QByteArray> &next)
{
    return std::all_of(previous.begin(), previous.end(), [&](const QByteArray &old) {
        return std::any_of(next.begin(), next.end(), [&](const QByteArray &term) { return term.contains(old); });
    });
}

} // namespace

ResourceFilterProxyModel::ResourceFilterProxyModel(QObject *parent) : QAbstractProxyModel(parent) {}

ResourceFilterProxyModel::~ResourceFilterProxyModel() = default;

// ---------------------------------------------------------------- source

void ResourceFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    auto *tree = qobject_cast<ResourceTreeModel *>(sourceModel);
    if (sourceModel && !tree)
        qCWarning(lcFilter) << "ResourceFilterProxyModel only filters a ResourceTreeModel, not" << sourceModel;
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_root.children.clear();
    m_nodes.clear();
    m_tree = tree;
    QAbstractProxyModel::setSourceModel(tree);
    if (tree) {
        using M = ResourceTreeModel;
        using P = ResourceFilterProxyModel;
        m_connections << connect(tree, &M::rowsInserted, this, &P::sourceRowsInserted)
                      << connect(tree, &M::rowsAboutToBeRemoved, this, &P::sourceRowsAboutToBeRemoved)
                      << connect(tree, &M::rowsMoved, this, &P::sourceRowsMoved)
                      << connect(tree, &M::dataChanged, this, &P::sourceDataChanged)
                      << connect(tree, &M::modelAboutToBeReset, this, &P::sourceAboutToBeReset)
                      << connect(tree, &M::modelReset, this, &P::sourceReset)
                      << connect(tree, &QObject::destroyed, this, &P::sourceDestroyed);
        // The tree model never changes its layout; treat one as a reset.
        m_connections << connect(tree, &M::layoutAboutToBeChanged, this, &P::sourceAboutToBeReset)
                      << connect(tree, &M::layoutChanged, this, &P::sourceReset);
        rebuild();
    }
    endResetModel();
}

void ResourceFilterProxyModel::sourceDestroyed()
{
    beginResetModel();
    m_root.children.clear();
    m_nodes.clear();
    endResetModel();
}

int ResourceFilterProxyModel::childCount(const Item *item) const
{
    if (!item)
        return m_tree ? int(m_tree->m_clusters.size()) : 0;
    return int(item->children.size());
}

Item *ResourceFilterProxyModel::childAt(const Item *item, int row) const
{
    if (!item)
        return m_tree->m_clusters[std::size_t(row)]->root.get();
    return item->children[std::size_t(row)].get();
}

Item *ResourceFilterProxyModel::sourceParentItem(const QModelIndex &sourceParent) const
{
    return sourceParent.isValid() ? static_cast<Item *>(sourceParent.internalPointer()) : nullptr;
}

// ---------------------------------------------------------------- matching and order

bool ResourceFilterProxyModel::selfMatches(const Item *item) const
{
    if (m_terms.isEmpty())
        return true;
    // Runs for every row on every keystroke: the source keeps the lower-case
    // text ready, so no QVariant and no allocation here.
    const QByteArrayView text = ResourceTreeModel::searchText(item);
    if (text.isEmpty())
        return false; // memmem() must not see the null data of an empty text
    for (const QByteArray &term : m_terms)
        if (!memmem(text.data(), std::size_t(text.size()), term.constData(), std::size_t(term.size())))
            return false;
    return true;
}

bool ResourceFilterProxyModel::subtreeMatches(const Item *item) const
{
    if (selfMatches(item))
        return true;
    for (const auto &child : item->children)
        if (subtreeMatches(child.get()))
            return true;
    return false;
}

bool ResourceFilterProxyModel::visibleSubtreeMatches(const Node *node) const
{
    if (selfMatches(node->item))
        return true;
    for (const NodePtr &child : node->children)
        if (visibleSubtreeMatches(child.get()))
            return true;
    return false;
}

bool ResourceFilterProxyModel::less(const Node *a, const Node *b) const
{
    if (m_sortColumn >= 0) {
        if (const int c = ResourceTreeModel::compareItems(a->item, b->item, m_sortColumn))
            return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    }
    // The model's order: unsorted, and ties in either direction.
    return a->item->row < b->item->row;
}

// Children built from the source are in the model's order already, so
// only a column sort needs sorting here.
void ResourceFilterProxyModel::sortChildren(Node *node) const
{
    if (m_sortColumn >= 0)
        std::sort(node->children.begin(), node->children.end(),
                  [this](const NodePtr &a, const NodePtr &b) { return less(a.get(), b.get()); });
    for (std::size_t i = 0; i < node->children.size(); ++i)
        node->children[i]->row = int(i);
}

int ResourceFilterProxyModel::insertPosition(const Node *parent, const Node *node) const
{
    const auto pos = std::lower_bound(parent->children.begin(), parent->children.end(), node,
                                      [this](const NodePtr &a, const Node *b) { return less(a.get(), b); });
    return int(pos - parent->children.begin());
}

ResourceFilterProxyModel::NodePtr ResourceFilterProxyModel::buildSubtree(Item *item) const
{
    // Decide before allocating: a widening keystroke tests every hidden row,
    // and most of them stay hidden.
    std::vector<NodePtr> children;
    for (const auto &child : item->children)
        if (NodePtr built = buildSubtree(child.get()))
            children.push_back(std::move(built));
    if (children.empty() && !selfMatches(item))
        return nullptr;
    auto node = std::make_unique<Node>();
    node->item = item;
    node->children = std::move(children);
    for (const NodePtr &child : node->children)
        child->parent = node.get();
    sortChildren(node.get());
    return node;
}

// ---------------------------------------------------------------- structure

QModelIndex ResourceFilterProxyModel::indexOf(const Node *node, int column) const
{
    if (node == &m_root)
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

ResourceFilterProxyModel::Node *ResourceFilterProxyModel::nodeAt(const QModelIndex &proxyIndex) const
{
    return static_cast<Node *>(proxyIndex.internalPointer());
}

ResourceFilterProxyModel::Node *ResourceFilterProxyModel::nodeFor(const Item *item) const
{
    return item ? m_nodes.value(item) : const_cast<Node *>(&m_root);
}

void ResourceFilterProxyModel::registerSubtree(Node *node)
{
    m_nodes.insert(node->item, node);
    for (const NodePtr &child : node->children)
        registerSubtree(child.get());
}

void ResourceFilterProxyModel::unregisterSubtree(const Node *node)
{
    m_nodes.remove(node->item);
    for (const NodePtr &child : node->children)
        unregisterSubtree(child.get());
}

void ResourceFilterProxyModel::insertNodes(Node *parent, std::vector<NodePtr> nodes)
{
    if (nodes.empty())
        return;
    const auto byOrder = [this](const NodePtr &a, const NodePtr &b) { return less(a.get(), b.get()); };
    std::sort(nodes.begin(), nodes.end(), byOrder);
    // New rows landing at the same place form one range; the last range is
    // inserted first so the places of the others do not shift.
    std::vector<std::pair<int, std::size_t>> runs; // (row among current rows, first node)
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int row = insertPosition(parent, nodes[i].get());
        if (runs.empty() || runs.back().first != row)
            runs.emplace_back(row, i);
    }
    const QModelIndex parentIndex = indexOf(parent);
    std::size_t end = nodes.size();
    for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        const auto [row, first] = *run;
        beginInsertRows(parentIndex, row, row + int(end - first) - 1);
        for (std::size_t i = first; i < end; ++i) {
            nodes[i]->parent = parent;
            registerSubtree(nodes[i].get());
        }
        parent->children.insert(parent->children.begin() + row, std::make_move_iterator(nodes.begin() + qsizetype(first)),
                                std::make_move_iterator(nodes.begin() + qsizetype(end)));
        for (std::size_t i = std::size_t(row); i < parent->children.size(); ++i)
            parent->children[i]->row = int(i);
        endInsertRows();
        end = first;
    }
}

void ResourceFilterProxyModel::insertInto(const Item *parentItem, std::vector<NodePtr> nodes)
{
    if (nodes.empty())
        return;
    if (Node *parent = nodeFor(parentItem)) {
        insertNodes(parent, std::move(nodes));
        return;
    }
    // The parent was hidden: it appears, holding the new rows.
    auto parent = std::make_unique<Node>();
    parent->item = const_cast<Item *>(parentItem);
    for (NodePtr &node : nodes) {
        node->parent = parent.get();
        parent->children.push_back(std::move(node));
    }
    sortChildren(parent.get());
    attach(std::move(parent));
}

void ResourceFilterProxyModel::attach(NodePtr node)
{
    const Item *parentItem = node->item->parent; // null for a datacenter: the root
    std::vector<NodePtr> one;
    one.push_back(std::move(node));
    insertInto(parentItem, std::move(one));
}

void ResourceFilterProxyModel::removeRows(Node *parent, std::vector<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    const QModelIndex parentIndex = indexOf(parent);
    std::size_t i = 0;
    while (i < rows.size()) {
        const int last = rows[i];
        int first = last;
        ++i;
        while (i < rows.size() && rows[i] == first - 1)
            first = rows[i++];
        beginRemoveRows(parentIndex, first, last);
        for (int r = first; r <= last; ++r)
            unregisterSubtree(parent->children[std::size_t(r)].get());
        parent->children.erase(parent->children.begin() + first, parent->children.begin() + last + 1);
        for (std::size_t j = std::size_t(first); j < parent->children.size(); ++j)
            parent->children[j]->row = int(j);
        endRemoveRows();
    }
}

void ResourceFilterProxyModel::prune(Node *node)
{
    // A row kept only for its matching rows goes with the last of them.
    while (node != &m_root && node->children.empty() && !selfMatches(node->item)) {
        Node *parent = node->parent;
        removeRows(parent, {node->row});
        node = parent;
    }
}

void ResourceFilterProxyModel::moveNode(Node *node, Node *target)
{
    Node *source = node->parent;
    const int from = node->row;
    const int to = insertPosition(target, node);
    beginMoveRows(indexOf(source), from, from, indexOf(target), to);
    NodePtr owned = std::move(source->children[std::size_t(from)]);
    source->children.erase(source->children.begin() + from);
    for (std::size_t j = std::size_t(from); j < source->children.size(); ++j)
        source->children[j]->row = int(j);
    owned->parent = target;
    target->children.insert(target->children.begin() + to, std::move(owned));
    for (std::size_t j = std::size_t(to); j < target->children.size(); ++j)
        target->children[j]->row = int(j);
    endMoveRows();
}

void ResourceFilterProxyModel::reposition(Node *node)
{
    Node *parent = node->parent;
    auto &children = parent->children;
    const int from = node->row;
    const auto lessThanNode = [this](const NodePtr &a, const Node *b) { return less(a.get(), b); };
    int destination; // in the numbering before the move, as beginMoveRows wants it
    if (from > 0 && less(node, children[std::size_t(from - 1)].get())) {
        destination = int(std::lower_bound(children.begin(), children.begin() + from, node, lessThanNode) - children.begin());
    } else if (from + 1 < int(children.size()) && less(children[std::size_t(from + 1)].get(), node)) {
        destination = int(std::lower_bound(children.begin() + from + 1, children.end(), node, lessThanNode) - children.begin());
    } else {
        return; // still in order
    }
    beginMoveRows(indexOf(parent), from, from, indexOf(parent), destination);
    NodePtr owned = std::move(children[std::size_t(from)]);
    children.erase(children.begin() + from);
    const int to = destination > from ? destination - 1 : destination;
    children.insert(children.begin() + to, std::move(owned));
    for (int j = std::min(from, to); j <= std::max(from, to); ++j)
        children[std::size_t(j)]->row = j;
    endMoveRows();
}

bool ResourceFilterProxyModel::outOfOrder(const Node *node) const
{
    const auto &children = node->parent->children;
    const auto row = std::size_t(node->row);
    return (row > 0 && less(node, children[row - 1].get()))
        || (row + 1 < children.size() && less(children[row + 1].get(), node));
}

void ResourceFilterProxyModel::resort(Node *parent)
{
    const QModelIndex parentIndex = indexOf(parent);
    QList<QPersistentModelIndex> parents;
    if (parentIndex.isValid())
        parents << parentIndex;
    emit layoutAboutToBeChanged(parents, QAbstractItemModel::VerticalSortHint);
    QModelIndexList before;
    for (const QModelIndex &index : persistentIndexList())
        if (nodeAt(index)->parent == parent)
            before << index;
    sortChildren(parent);
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : std::as_const(before))
        after << createIndex(nodeAt(index)->row, index.column(), index.internalPointer());
    changePersistentIndexList(before, after);
    emit layoutChanged(parents, QAbstractItemModel::VerticalSortHint);
}

void ResourceFilterProxyModel::refilter(const Item *item, Node *node, bool narrowing)
{
    // Rows that go: a group whose subtree no longer matches goes whole, with
    // one signal, before anything inside it is looked at.
    std::vector<int> gone;
    for (const NodePtr &child : node->children) {
        const bool keep = child->item->children.empty()
                              ? selfMatches(child->item)
                              : (narrowing ? visibleSubtreeMatches(child.get()) : subtreeMatches(child->item));
        if (!keep)
            gone.push_back(child->row);
    }
    if (!gone.empty())
        removeRows(node, std::move(gone));
    for (const NodePtr &child : node->children)
        if (!child->item->children.empty())
            refilter(child->item, child.get(), narrowing);
    if (narrowing)
        return;
    // Rows that come. Which children are shown is looked up in a small
    // sorted list of this row's visible children rather than in m_nodes: the
    // big hash would cost a cache miss for each of 100,000 rows.
    std::vector<const Item *> shown;
    shown.reserve(node->children.size());
    for (const NodePtr &child : node->children)
        shown.push_back(child->item);
    std::sort(shown.begin(), shown.end());
    std::vector<NodePtr> fresh;
    const int count = childCount(item);
    for (int row = 0; row < count; ++row) {
        Item *child = childAt(item, row);
        if (!std::binary_search(shown.begin(), shown.end(), child))
            if (NodePtr built = buildSubtree(child))
                fresh.push_back(std::move(built));
    }
    insertNodes(node, std::move(fresh));
}

void ResourceFilterProxyModel::rebuild()
{
    m_root.children.clear();
    m_nodes.clear();
    if (!m_tree)
        return;
    for (int row = 0; row < childCount(nullptr); ++row) {
        if (NodePtr built = buildSubtree(childAt(nullptr, row))) {
            built->parent = &m_root;
            m_root.children.push_back(std::move(built));
        }
    }
    sortChildren(&m_root);
    // Sized for every row once, so that clearing the filter (every row back)
    // does not also grow and rehash the table.
    qsizetype rows = 0;
    for (const auto &cluster : m_tree->m_clusters)
        rows += 1 + cluster->groups.size() + cluster->entries.size();
    m_nodes.reserve(rows);
    for (const NodePtr &child : m_root.children)
        registerSubtree(child.get());
}

// ---------------------------------------------------------------- filter and sort

void ResourceFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    QList<QByteArray> terms;
    for (const QString &term : ResourceText::searchTerms(text))
        terms.append(term.toUtf8());
    if (terms != m_terms) {
        const bool narrowing = narrows(m_terms, terms);
        m_terms = std::move(terms);
        if (m_tree)
            refilter(nullptr, &m_root, narrowing);
    }
    emit filterTextChanged(m_filterText);
}

void ResourceFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0)
        order = Qt::AscendingOrder;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    m_sortColumn = column;
    m_sortOrder = order;
    const auto sortAll = [this](auto &self, Node *node) -> void {
        // Always sort here: going back to the model's order (-1) must undo
        // the previous column's order, which sortChildren() would keep.
        std::sort(node->children.begin(), node->children.end(),
                  [this](const NodePtr &a, const NodePtr &b) { return less(a.get(), b.get()); });
        sortChildren(node);
        for (const NodePtr &child : node->children)
            self(self, child.get());
    };
    sortAll(sortAll, &m_root);
    // Persistent indexes point at nodes, which stay; only their rows moved.
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(createIndex(nodeAt(index)->row, index.column(), index.internalPointer()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// ---------------------------------------------------------------- source signals

void ResourceFilterProxyModel::sourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    const Item *parentItem = sourceParentItem(parent);
    std::vector<NodePtr> fresh;
    for (int row = first; row <= last; ++row)
        if (NodePtr built = buildSubtree(childAt(parentItem, row)))
            fresh.push_back(std::move(built));
    insertInto(parentItem, std::move(fresh));
}

void ResourceFilterProxyModel::sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    // While the source rows still exist, so views may read them one last time.
    const Item *parentItem = sourceParentItem(parent);
    Node *node = nodeFor(parentItem);
    if (!node)
        return;
    std::vector<int> rows;
    for (int row = first; row <= last; ++row)
        if (const Node *child = m_nodes.value(childAt(parentItem, row)))
            rows.push_back(child->row);
    if (rows.empty())
        return;
    removeRows(node, std::move(rows));
    prune(node);
}

void ResourceFilterProxyModel::sourceRowsMoved(const QModelIndex &sourceParent, int first, int last,
                                               const QModelIndex &destinationParent, int destinationRow)
{
    const Item *from = sourceParentItem(sourceParent);
    const Item *to = sourceParentItem(destinationParent);
    if (from == to) {
        // Never done by ResourceTreeModel (its rows are always in order);
        // handled the simple way for completeness.
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    for (int k = 0; k <= last - first; ++k) {
        Item *moved = childAt(to, destinationRow + k);
        Node *node = m_nodes.value(moved);
        const bool visible = subtreeMatches(moved); // the model updated the data before moving
        if (node && visible) {
            Node *target = nodeFor(to);
            if (!target) {
                // The new parent was hidden: show it (empty for a moment), then move in.
                auto shown = std::make_unique<Node>();
                shown->item = const_cast<Item *>(to);
                target = shown.get();
                attach(std::move(shown));
            }
            Node *oldParent = node->parent;
            moveNode(node, target);
            prune(oldParent);
        } else if (node) {
            Node *oldParent = node->parent;
            removeRows(oldParent, {node->row});
            prune(oldParent);
        } else if (visible) {
            attach(buildSubtree(moved));
        }
    }
}

void ResourceFilterProxyModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                                 const QList<int> &roles)
{
    if (!topLeft.isValid() || !bottomRight.isValid())
        return;
    const Item *parentItem = sourceParentItem(topLeft.parent());
    std::vector<const Item *> appeared;
    if (!m_terms.isEmpty()) {
        // The change may show or hide rows.
        std::vector<int> gone;
        std::vector<NodePtr> fresh;
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            Item *item = childAt(parentItem, row);
            const Node *node = m_nodes.value(item);
            if (node && !selfMatches(item) && node->children.empty()) {
                gone.push_back(node->row);
            } else if (!node) {
                if (NodePtr built = buildSubtree(item)) {
                    appeared.push_back(item);
                    fresh.push_back(std::move(built));
                }
            }
        }
        if (Node *node = nodeFor(parentItem); node && !gone.empty())
            removeRows(node, std::move(gone));
        insertInto(parentItem, std::move(fresh));
        if (Node *node = nodeFor(parentItem))
            prune(node);
    }
    Node *parent = nodeFor(parentItem);
    if (!parent)
        return;
    std::vector<Node *> changed;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const Item *item = childAt(parentItem, row);
        if (Node *node = m_nodes.value(item); node && std::find(appeared.begin(), appeared.end(), item) == appeared.end())
            changed.push_back(node);
    }
    if (changed.empty())
        return;
    if (m_sortColumn >= topLeft.column() && m_sortColumn <= bottomRight.column()) {
        // One changed row moves to its place among sorted neighbours. With
        // several, the neighbours themselves may be out of place, so the
        // parent is re-sorted (a layout change of that parent only).
        if (changed.size() == 1)
            reposition(changed.front());
        else if (std::any_of(changed.begin(), changed.end(), [this](const Node *node) { return outOfOrder(node); }))
            resort(parent);
    }
    std::vector<int> rows;
    rows.reserve(changed.size());
    for (const Node *node : changed)
        rows.push_back(node->row);
    std::sort(rows.begin(), rows.end());
    const QModelIndex parentIndex = indexOf(parent);
    std::size_t i = 0;
    while (i < rows.size()) {
        const int first = rows[i];
        int last = first;
        while (++i < rows.size() && rows[i] == last + 1)
            last = rows[i];
        emit dataChanged(index(first, topLeft.column(), parentIndex), index(last, bottomRight.column(), parentIndex),
                         roles);
    }
}

void ResourceFilterProxyModel::sourceAboutToBeReset()
{
    beginResetModel();
    m_root.children.clear();
    m_nodes.clear();
}

void ResourceFilterProxyModel::sourceReset()
{
    rebuild();
    endResetModel();
}

// ---------------------------------------------------------------- QAbstractProxyModel

QModelIndex ResourceFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !m_tree)
        return {};
    return m_tree->indexFor(nodeAt(proxyIndex)->item, proxyIndex.column());
}

QModelIndex ResourceFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || !m_tree)
        return {};
    Node *node = m_nodes.value(static_cast<const Item *>(sourceIndex.internalPointer()));
    return node ? createIndex(node->row, sourceIndex.column(), node) : QModelIndex();
}

QModelIndex ResourceFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount() || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *node = parent.isValid() ? nodeAt(parent) : &m_root;
    if (std::size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex ResourceFilterProxyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

QModelIndex ResourceFilterProxyModel::sibling(int row, int column, const QModelIndex &index) const
{
    if (index.isValid() && row == index.row() && column >= 0 && column < columnCount())
        return createIndex(row, column, index.internalPointer());
    return QAbstractProxyModel::sibling(row, column, index);
}

int ResourceFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_root.children.size());
    if (parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int ResourceFilterProxyModel::columnCount(const QModelIndex &) const
{
    return m_tree ? int(ResourceTreeModel::ColumnCount) : 0;
}

bool ResourceFilterProxyModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant ResourceFilterProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Straight through: QAbstractProxyModel maps the section through row 0,
    // which does not exist when the filter hides everything.
    return m_tree ? m_tree->headerData(section, orientation, role) : QVariant();
}

} // namespace atalaia::ui
