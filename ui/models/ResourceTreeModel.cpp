#include "ResourceTreeModel.h"

#include "ResourceCluster.h"
#include "ResourceEntry.h"
#include "ResourceIcons.h"
#include "ResourceLayout.h"
#include "ResourceSnapshot.h"
#include "ResourceText.h"
#include "ResourceTreeItem.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <unordered_map>

namespace atalaia::ui {

Q_LOGGING_CATEGORY(lcTree, "atalaia.ui.tree")

using namespace Qt::StringLiterals;
using model::ClusterResource;
using model::ResourceType;
using Item = ResourceTreeItem;
using ItemPtr = std::unique_ptr<ResourceTreeItem>;

namespace {

// Roles a refresh can change, as bits, so that the roles of coalesced rows
// can be merged cheaply before they become a QList<int>.
enum RoleBit : quint32 {
    DisplayBit = 1u << 0,
    DecorationBit = 1u << 1,
    ToolTipBit = 1u << 2,
    SortBit = 1u << 3,
    StatusBit = 1u << 4,
    NodeBit = 1u << 5,
    ResourceBit = 1u << 6,
};

QList<int> rolesOf(quint32 bits)
{
    QList<int> roles;
    if (bits & DisplayBit)
        roles.append(Qt::DisplayRole);
    if (bits & DecorationBit)
        roles.append(Qt::DecorationRole);
    if (bits & ToolTipBit)
        roles.append(Qt::ToolTipRole);
    if (bits & SortBit)
        roles.append(ResourceTreeModel::SortRole);
    if (bits & StatusBit)
        roles.append(ResourceTreeModel::StatusRole);
    if (bits & NodeBit)
        roles.append(ResourceTreeModel::NodeRole);
    if (bits & ResourceBit)
        roles.append(ResourceTreeModel::ResourceRole);
    return roles;
}

// The columns (bit per column) and roles that a change of `fields` touches.
// When only fields without a column changed (I/O counters, ...), the change
// is announced on the Name column with ResourceRole alone.
std::pair<quint32, quint32> columnsAndRoles(const ResourceEntry &entry, quint32 fields)
{
    using F = ResourceEntry::Field;
    quint32 columns = 0;
    quint32 roles = ResourceBit;
    const bool storage = entry.resource.type == ResourceType::Storage;
    if (fields & (F::Name | F::Status | F::Template | F::Lock | F::HaState | F::Pool)
        || (storage && (fields & F::Disk)))
        columns |= 1u << ResourceTreeModel::NameColumn;
    if (fields & F::Template)
        columns |= 1u << ResourceTreeModel::TypeColumn;
    if (fields & (F::Status | F::Lock | F::HaState))
        columns |= 1u << ResourceTreeModel::StatusColumn;
    if (fields & F::Node)
        columns |= 1u << ResourceTreeModel::NodeColumn;
    if (fields & F::Cpu)
        columns |= 1u << ResourceTreeModel::CpuColumn;
    if (fields & F::Memory)
        columns |= 1u << ResourceTreeModel::MemoryColumn;
    if (fields & F::Uptime)
        columns |= 1u << ResourceTreeModel::UptimeColumn;
    if (fields & F::Tags)
        columns |= 1u << ResourceTreeModel::TagsColumn;
    if (columns != 0)
        roles |= DisplayBit | ToolTipBit | SortBit;
    if (fields & (F::Status | F::Template))
        roles |= DecorationBit;
    if (fields & F::Status)
        roles |= StatusBit;
    if (fields & F::Node)
        roles |= NodeBit;
    if (columns == 0)
        columns = 1u << ResourceTreeModel::NameColumn;
    return {columns, roles};
}

void renumber(Item *parent, std::size_t from)
{
    for (std::size_t i = from; i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
}

ResourceIcons::Icon iconFor(const ResourceEntry &entry)
{
    using Icon = ResourceIcons::Icon;
    const ClusterResource &r = entry.resource;
    const QString status = r.status.value_or(QString());
    switch (r.type) {
    case ResourceType::Qemu:
        if (r.isTemplate.value_or(false))
            return Icon::Template;
        if (status == "running"_L1)
            return Icon::VmRunning;
        if (status == "paused"_L1 || status == "suspended"_L1 || status == "prelaunch"_L1)
            return Icon::VmPaused;
        return Icon::VmStopped;
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        if (r.isTemplate.value_or(false))
            return Icon::Template;
        return status == "running"_L1 ? Icon::ContainerRunning : Icon::ContainerStopped;
    case ResourceType::Node:
        return status == "online"_L1 ? Icon::NodeOnline : Icon::NodeOffline;
    case ResourceType::Storage:
        return status == "available"_L1 || status.isEmpty() ? Icon::Storage : Icon::StorageUnavailable;
    case ResourceType::Pool:
        return Icon::Pool;
    case ResourceType::Sdn:
    case ResourceType::Network:
        return Icon::Network;
    }
    return Icon::Folder;
}

ResourceTreeModel::RowKind rowKindOf(const ResourceEntry &entry)
{
    using RowKind = ResourceTreeModel::RowKind;
    switch (entry.resource.type) {
    case ResourceType::Qemu:
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        return RowKind::Guest;
    case ResourceType::Node:
        return RowKind::Node;
    case ResourceType::Storage:
        return RowKind::Storage;
    case ResourceType::Pool:
        return RowKind::Pool;
    case ResourceType::Sdn:
    case ResourceType::Network:
        return RowKind::Other;
    }
    return RowKind::Other;
}

QString stateName(ResourceTreeModel::ClusterState state)
{
    switch (state) {
    case ResourceTreeModel::ClusterState::Connecting:
        return u"connecting"_s;
    case ResourceTreeModel::ClusterState::Connected:
        return u"connected"_s;
    case ResourceTreeModel::ClusterState::Disconnected:
        return u"disconnected"_s;
    case ResourceTreeModel::ClusterState::Failed:
        return u"failed"_s;
    }
    return {};
}

template <class T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Node, pool and tag groups match by their name; folders, "(no pool)" and
// "(no tag)" only through their rows.
QByteArray groupSearchText(const QString &key)
{
    switch (ResourceLayout::groupKind(key)) {
    case ResourceTreeModel::RowKind::Node:
    case ResourceTreeModel::RowKind::Pool:
    case ResourceTreeModel::RowKind::Tag:
        return key.mid(1).toLower().toUtf8();
    default:
        return {};
    }
}

} // namespace

// The work list of one update, filled by the caller (fresh, changed,
// removed), then planned and carried out by applyUpdate() in this order:
// moves, removals, inserts, dataChanged. Moves come first so that a group a
// guest leaves is judged empty or not with the move already done.
struct ResourceTreeModel::Update {
    struct Insert {
        ResourceEntry *entry;
        QString groupKey;
        bool isGroupEntry;
    };

    std::vector<ResourceEntry *> fresh; // new entries, not in the tree yet
    std::vector<ResourceEntry *> changed; // existing entries with pendingFields set
    std::vector<ResourceEntry *> removed; // taken out of cluster.entries; deleted at the end
    qsizetype matched = 0; // existing entries listed by the snapshot

    std::vector<std::pair<Item *, QString>> moves; // leaf → new group key
    std::vector<Item *> leafRemovals;
    std::vector<Item *> touchedGroups; // groups that may have become empty
    std::vector<Insert> inserts;
    std::vector<Item *> groupRowsChanged; // a group row gained or lost its entry
    std::vector<Item *> newLeaves; // rows inserted by this update (fresh set)
};

ResourceTreeModel::ResourceTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

ResourceTreeModel::~ResourceTreeModel() = default;

// ---------------------------------------------------------------- clusters

ResourceCluster *ResourceTreeModel::cluster(const QString &clusterId) const
{
    // A handful of clusters: a linear scan beats a hash here.
    for (const auto &c : m_clusters)
        if (c->id == clusterId)
            return c.get();
    return nullptr;
}

void ResourceTreeModel::addCluster(const QString &clusterId, const QString &displayName)
{
    if (ResourceCluster *c = cluster(clusterId)) {
        if (c->displayName != displayName) {
            c->displayName = displayName;
            const QModelIndex name = indexFor(c->root.get());
            emit dataChanged(name, name, {Qt::DisplayRole, Qt::ToolTipRole, SortRole});
        }
        return;
    }
    const int row = int(m_clusters.size());
    beginInsertRows(QModelIndex(), row, row);
    auto c = std::make_unique<ResourceCluster>(clusterId, displayName);
    c->root->row = row;
    m_clusters.push_back(std::move(c));
    endInsertRows();
}

void ResourceTreeModel::removeCluster(const QString &clusterId)
{
    const auto it = std::find_if(m_clusters.begin(), m_clusters.end(),
                                 [&](const auto &c) { return c->id == clusterId; });
    if (it == m_clusters.end())
        return;
    const int row = int(it - m_clusters.begin());
    beginRemoveRows(QModelIndex(), row, row);
    m_clusters.erase(it);
    for (std::size_t i = std::size_t(row); i < m_clusters.size(); ++i)
        m_clusters[i]->root->row = int(i);
    endRemoveRows();
}

bool ResourceTreeModel::hasCluster(const QString &clusterId) const
{
    return cluster(clusterId) != nullptr;
}

QStringList ResourceTreeModel::clusterIds() const
{
    QStringList ids;
    for (const auto &c : m_clusters)
        ids.append(c->id);
    return ids;
}

void ResourceTreeModel::setClusterState(const QString &clusterId, ClusterState state, const QString &detail)
{
    ResourceCluster *c = cluster(clusterId);
    if (!c || (c->state == state && c->stateDetail == detail))
        return;
    c->state = state;
    c->stateDetail = detail;
    emit dataChanged(indexFor(c->root.get(), NameColumn), indexFor(c->root.get(), StatusColumn),
                     {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole, SortRole, StatusRole});
}

ResourceTreeModel::ClusterState ResourceTreeModel::clusterState(const QString &clusterId) const
{
    const ResourceCluster *c = cluster(clusterId);
    return c ? c->state : ClusterState::Disconnected;
}

qsizetype ResourceTreeModel::resourceCount(const QString &clusterId) const
{
    const ResourceCluster *c = cluster(clusterId);
    return c ? c->entries.size() : 0;
}

std::optional<ClusterResource> ResourceTreeModel::resource(const QString &clusterId, const QString &resourceId) const
{
    if (const ResourceCluster *c = cluster(clusterId))
        if (const ResourceEntry *e = c->entries.value(resourceId))
            return e->resource;
    return std::nullopt;
}

// ---------------------------------------------------------------- updates

void ResourceTreeModel::applyResources(const QString &clusterId, const QList<ClusterResource> &snapshot)
{
    applyResources(clusterId, ResourceSnapshot(snapshot));
}

void ResourceTreeModel::applyResources(const QString &clusterId, const ResourceSnapshot &snapshot)
{
    ResourceCluster *c = cluster(clusterId);
    if (!c) {
        qCWarning(lcTree) << "applyResources for unknown cluster" << clusterId;
        return;
    }
    const quint32 generation = ++c->generation;
    Update update;
    // Snapshots list resources in much the same order every time, so the
    // entry for snapshot[i] is usually where the last snapshot had it (give
    // or take the inserts and removes seen so far, `shift`): comparing two
    // id hashes instead of looking the id up. The hash table is the fallback.
    std::vector<ResourceEntry *> order;
    order.reserve(std::size_t(snapshot.size()));
    // Which entries of the last order this snapshot lists, by old position:
    // finding the removed ones then reads this array, not every entry.
    std::vector<char> listed(c->order.size(), 0);
    qsizetype shift = 0;
    for (qsizetype i = 0; i < snapshot.size(); ++i) {
        const quint64 idHash = snapshot.idHash(i);
        const quint64 fingerprint = snapshot.fingerprint(i);
        ResourceEntry *e = nullptr;
        if (const qsizetype guess = i + shift; guess >= 0 && guess < qsizetype(c->order.size())) {
            ResourceEntry *candidate = c->order[std::size_t(guess)];
            // Equal fingerprints cover the id too; otherwise compare the ids.
            if (candidate && candidate->idHash == idHash
                && (candidate->fingerprint == fingerprint || candidate->resource.id == snapshot.at(i).id))
                e = candidate;
        }
        if (!e) {
            e = c->entries.value(snapshot.at(i).id);
            if (e && e->position >= 0)
                shift = e->position - i;
        }
        if (!e) {
            e = new ResourceEntry(snapshot.at(i), fingerprint, idHash);
            e->fresh = true;
            e->seen = generation;
            e->position = qsizetype(order.size());
            order.push_back(e);
            c->entries.insert(e->resource.id, e);
            update.fresh.push_back(e);
            continue;
        }
        if (const qsizetype old = e->position;
            old >= 0 && old < qsizetype(c->order.size()) && c->order[std::size_t(old)] == e)
            listed[std::size_t(old)] = 1;
        e->position = qsizetype(order.size());
        order.push_back(e);
        if (e->seen != generation) {
            e->seen = generation;
            if (!e->fresh)
                ++update.matched;
        }
        // Nearly every resource is unchanged: settled by its fingerprint.
        if (fingerprint == e->fingerprint)
            continue;
        const ClusterResource &r = snapshot.at(i);
        const quint32 fields = ResourceEntry::changedFields(e->resource, r);
        if (fields == 0)
            continue;
        e->update(r, fields, fingerprint);
        if (e->fresh)
            continue; // listed twice in one snapshot: the last one wins
        if (e->pendingFields == 0)
            update.changed.push_back(e);
        e->pendingFields |= fields;
    }
    // Everything the snapshot did not list goes. Counting the matches saves
    // walking all entries when nothing went, the common case.
    if (update.matched + qsizetype(update.fresh.size()) == c->entries.size()) {
        // Nothing went.
    } else if (c->unordered == 0) {
        // Every entry was in the last order: the unlisted ones went.
        for (std::size_t p = 0; p < listed.size(); ++p) {
            ResourceEntry *e = c->order[p];
            if (listed[p] || !e || e->seen == generation)
                continue;
            e->removed = true;
            update.removed.push_back(e);
            c->entries.remove(e->resource.id);
        }
    } else {
        // Some came by applyChanges() since: look at them all.
        for (auto it = c->entries.begin(); it != c->entries.end();) {
            if ((*it)->seen != generation) {
                (*it)->removed = true;
                update.removed.push_back(*it);
                it = c->entries.erase(it);
            } else {
                ++it;
            }
        }
    }
    c->order = std::move(order);
    c->unordered = 0;
    applyUpdate(*c, update);
}

void ResourceTreeModel::applyChanges(const QString &clusterId, const QList<ClusterResource> &upserted,
                                     const QStringList &removedIds)
{
    ResourceCluster *c = cluster(clusterId);
    if (!c) {
        qCWarning(lcTree) << "applyChanges for unknown cluster" << clusterId;
        return;
    }
    Update update;
    for (const ClusterResource &r : upserted) {
        ResourceEntry *e = c->entries.value(r.id);
        if (!e) {
            e = new ResourceEntry(r);
            e->fresh = true;
            c->entries.insert(r.id, e);
            ++c->unordered;
            update.fresh.push_back(e);
            continue;
        }
        const quint64 fingerprint = ResourceSnapshot::fingerprintOf(r);
        if (fingerprint == e->fingerprint)
            continue;
        const quint32 fields = ResourceEntry::changedFields(e->resource, r);
        if (fields == 0)
            continue;
        e->update(r, fields, fingerprint);
        if (e->fresh)
            continue;
        if (e->pendingFields == 0)
            update.changed.push_back(e);
        e->pendingFields |= fields;
    }
    for (const QString &id : removedIds) {
        ResourceEntry *e = c->entries.take(id);
        if (!e)
            continue;
        if (e->position >= 0 && std::size_t(e->position) < c->order.size() && c->order[std::size_t(e->position)] == e)
            c->order[std::size_t(e->position)] = nullptr;
        e->removed = true;
        update.removed.push_back(e);
    }
    if (!update.removed.empty()) {
        // A resource added and removed in one delta never reaches the tree.
        std::erase_if(update.fresh, [](ResourceEntry *e) { return e->removed; });
        std::erase_if(update.changed, [](ResourceEntry *e) { return e->removed; });
        std::erase_if(update.removed, [](ResourceEntry *e) {
            if (!e->fresh)
                return false;
            delete e;
            return true;
        });
    }
    applyUpdate(*c, update);
}

void ResourceTreeModel::applyUpdate(ResourceCluster &c, Update &u)
{
    // Rows carry their entry's search text; a filter proxy reads it while
    // following the moves below, so refresh it first.
    for (ResourceEntry *e : u.changed)
        for (Item *item : e->items)
            item->searchText = e->searchText;
    // Plan: which rows go, move or come.
    for (ResourceEntry *e : u.removed) {
        for (Item *item : e->items) {
            if (item->kind == Item::Kind::Group) {
                item->entry = nullptr; // the group may stay for its children
                item->searchText = groupSearchText(item->groupKey);
                u.touchedGroups.push_back(item);
                u.groupRowsChanged.push_back(item);
            } else {
                u.leafRemovals.push_back(item);
            }
        }
        e->items.clear();
    }
    if (const quint32 placementMask = ResourceLayout::placementFields(m_view)) {
        for (ResourceEntry *e : u.changed) {
            if (!(e->pendingFields & placementMask))
                continue;
            const ResourceLayout::Placements wanted = ResourceLayout::placements(m_view, *e);
            std::vector<Item *> stale;
            for (Item *item : e->items) {
                if (item->kind != Item::Kind::Leaf)
                    continue; // a group's own entry is placed by its own name, which cannot change
                const bool kept = std::any_of(wanted.begin(), wanted.end(), [&](const auto &p) {
                    return !p.isGroupEntry && p.groupKey == item->parent->groupKey;
                });
                if (!kept)
                    stale.push_back(item);
            }
            std::vector<QString> added;
            for (const auto &p : wanted) {
                if (p.isGroupEntry)
                    continue;
                const bool present = std::any_of(e->items.begin(), e->items.end(), [&](const Item *item) {
                    return item->kind == Item::Kind::Leaf && item->parent->groupKey == p.groupKey;
                });
                if (!present)
                    added.push_back(p.groupKey);
            }
            // Pair old and new places as moves, so that a migrated guest's
            // row (and its selection) follows it; the rest are plain removes
            // and inserts.
            std::size_t i = 0;
            for (; i < stale.size() && i < added.size(); ++i)
                u.moves.emplace_back(stale[i], added[i]);
            for (std::size_t j = i; j < stale.size(); ++j)
                u.leafRemovals.push_back(stale[j]);
            for (std::size_t j = i; j < added.size(); ++j)
                u.inserts.push_back({e, added[j], false});
        }
    }
    for (ResourceEntry *e : u.fresh)
        for (const auto &p : ResourceLayout::placements(m_view, *e))
            u.inserts.push_back({e, p.groupKey, p.isGroupEntry});

    moveItems(c, u);
    removeItems(c, u);
    insertItems(c, u);
    emitDataChanged(u);

    for (ResourceEntry *e : u.fresh)
        e->fresh = false;
    for (Item *item : u.newLeaves)
        item->fresh = false;
    for (ResourceEntry *e : u.changed)
        e->pendingFields = 0;
    for (ResourceEntry *e : u.removed)
        delete e;
}

ItemPtr ResourceTreeModel::newGroup(ResourceCluster &c, const QString &key)
{
    auto group = std::make_unique<Item>(Item::Kind::Group, &c);
    group->groupKey = key;
    group->searchText = groupSearchText(key);
    c.groups.insert(key, group.get());
    return group;
}

Item *ResourceTreeModel::ensureGroupInserted(ResourceCluster &c, const QString &key)
{
    if (Item *group = c.groups.value(key))
        return group;
    ItemPtr group = newGroup(c, key);
    Item *raw = group.get();
    std::vector<ItemPtr> one;
    one.push_back(std::move(group));
    insertSorted(c.root.get(), std::move(one));
    return raw;
}

void ResourceTreeModel::moveItems(ResourceCluster &c, Update &u)
{
    for (auto &[item, key] : u.moves) {
        Item *target = ensureGroupInserted(c, key);
        Item *source = item->parent;
        const int sourceRow = item->row;
        const auto pos = std::lower_bound(target->children.begin(), target->children.end(), item,
                                          [](const ItemPtr &a, const Item *b) { return ResourceLayout::itemLess(a.get(), b); });
        const int targetRow = int(pos - target->children.begin());
        beginMoveRows(indexFor(source), sourceRow, sourceRow, indexFor(target), targetRow);
        ItemPtr owned = std::move(source->children[std::size_t(sourceRow)]);
        source->children.erase(source->children.begin() + sourceRow);
        renumber(source, std::size_t(sourceRow));
        target->children.insert(target->children.begin() + targetRow, std::move(owned));
        item->parent = target;
        renumber(target, std::size_t(targetRow));
        endMoveRows();
        u.touchedGroups.push_back(source);
    }
}

void ResourceTreeModel::detachFromEntry(Item *item)
{
    if (item->entry) {
        item->entry->items.removeOne(item);
        item->entry = nullptr;
    }
}

void ResourceTreeModel::removeRanges(Item *parent, std::vector<int> rows)
{
    // Highest range first, so the rows of the ranges still to go stay put.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    std::size_t i = 0;
    const QModelIndex parentIndex = indexFor(parent);
    while (i < rows.size()) {
        const int last = rows[i];
        int first = last;
        ++i;
        while (i < rows.size() && rows[i] == first - 1) {
            first = rows[i];
            ++i;
        }
        beginRemoveRows(parentIndex, first, last);
        for (int r = first; r <= last; ++r) {
            Item *gone = parent->children[std::size_t(r)].get();
            for (const ItemPtr &child : gone->children)
                detachFromEntry(child.get());
            detachFromEntry(gone);
            if (gone->kind == Item::Kind::Group)
                gone->cluster->groups.remove(gone->groupKey);
        }
        parent->children.erase(parent->children.begin() + first, parent->children.begin() + last + 1);
        renumber(parent, std::size_t(first));
        endRemoveRows();
    }
}

void ResourceTreeModel::removeItems(ResourceCluster &c, Update &u)
{
    if (u.leafRemovals.empty() && u.touchedGroups.empty())
        return;
    for (Item *item : u.leafRemovals) {
        item->doomed = true;
        u.touchedGroups.push_back(item->parent);
    }
    std::sort(u.touchedGroups.begin(), u.touchedGroups.end());
    u.touchedGroups.erase(std::unique(u.touchedGroups.begin(), u.touchedGroups.end()), u.touchedGroups.end());
    // A group whose rows all go, and that is no resource itself, goes as one
    // row: a vanished node is one remove under the datacenter, not one per
    // guest and then one for the node.
    std::vector<Item *> partlyEmptied;
    std::vector<int> doomedGroupRows;
    for (Item *group : u.touchedGroups) {
        const bool allGo = std::all_of(group->children.begin(), group->children.end(),
                                       [](const ItemPtr &child) { return child->doomed; });
        if (allGo && !group->entry) {
            group->doomed = true;
            doomedGroupRows.push_back(group->row);
        } else if (!group->children.empty()) {
            partlyEmptied.push_back(group);
        }
    }
    // Rows within a group first (their parent index is still valid), then
    // the groups. Sorted by row so the signal order does not depend on
    // pointer values.
    std::sort(partlyEmptied.begin(), partlyEmptied.end(), [](const Item *a, const Item *b) { return a->row < b->row; });
    for (Item *group : partlyEmptied) {
        std::vector<int> rows;
        for (const ItemPtr &child : group->children)
            if (child->doomed)
                rows.push_back(child->row);
        if (!rows.empty())
            removeRanges(group, std::move(rows));
    }
    std::erase_if(u.groupRowsChanged, [](const Item *group) { return group->doomed; });
    if (!doomedGroupRows.empty())
        removeRanges(c.root.get(), std::move(doomedGroupRows));
}

void ResourceTreeModel::insertSorted(Item *parent, std::vector<ItemPtr> items)
{
    if (items.empty())
        return;
    const auto less = [](const ItemPtr &a, const ItemPtr &b) { return ResourceLayout::itemLess(a.get(), b.get()); };
    std::sort(items.begin(), items.end(), less);
    // Where each new row goes among the current rows; new rows that land at
    // the same place form one range.
    std::vector<std::pair<int, std::size_t>> runs; // (row among current rows, first item)
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto pos = std::lower_bound(parent->children.begin(), parent->children.end(), items[i], less);
        const int row = int(pos - parent->children.begin());
        if (runs.empty() || runs.back().first != row)
            runs.emplace_back(row, i);
    }
    const QModelIndex parentIndex = indexFor(parent);
    std::size_t end = items.size();
    // Last range first, so the rows where earlier ranges go do not shift.
    for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        const auto [row, first] = *run;
        const int count = int(end - first);
        beginInsertRows(parentIndex, row, row + count - 1);
        for (std::size_t i = first; i < end; ++i)
            items[i]->parent = parent;
        parent->children.insert(parent->children.begin() + row, std::make_move_iterator(items.begin() + qsizetype(first)),
                                std::make_move_iterator(items.begin() + qsizetype(end)));
        renumber(parent, std::size_t(row));
        endInsertRows();
        end = first;
    }
}

void ResourceTreeModel::insertItems(ResourceCluster &c, Update &u)
{
    if (u.inserts.empty())
        return;
    std::vector<ItemPtr> newGroups; // built whole, then inserted as one row each
    std::unordered_map<Item *, std::vector<ItemPtr>> pending; // rows for groups already in the tree
    for (const Update::Insert &insert : u.inserts) {
        Item *group = c.groups.value(insert.groupKey);
        if (!group) {
            newGroups.push_back(newGroup(c, insert.groupKey));
            group = newGroups.back().get();
        }
        if (insert.isGroupEntry) {
            group->entry = insert.entry;
            group->searchText = insert.entry->searchText;
            insert.entry->items.append(group);
            if (group->parent)
                u.groupRowsChanged.push_back(group);
            continue;
        }
        auto leaf = std::make_unique<Item>(Item::Kind::Leaf, &c);
        leaf->entry = insert.entry;
        leaf->searchText = insert.entry->searchText;
        leaf->fresh = true;
        u.newLeaves.push_back(leaf.get());
        insert.entry->items.append(leaf.get());
        if (group->parent) {
            pending[group].push_back(std::move(leaf));
        } else {
            leaf->parent = group;
            group->children.push_back(std::move(leaf));
        }
    }
    for (const ItemPtr &group : newGroups) {
        std::sort(group->children.begin(), group->children.end(),
                  [](const ItemPtr &a, const ItemPtr &b) { return ResourceLayout::entryLess(a->entry, b->entry); });
        renumber(group.get(), 0);
    }
    insertSorted(c.root.get(), std::move(newGroups));
    std::vector<std::pair<Item *, std::vector<ItemPtr>>> byGroup;
    byGroup.reserve(pending.size());
    for (auto &[group, leaves] : pending)
        byGroup.emplace_back(group, std::move(leaves));
    std::sort(byGroup.begin(), byGroup.end(), [](const auto &a, const auto &b) { return a.first->row < b.first->row; });
    for (auto &[group, leaves] : byGroup)
        insertSorted(group, std::move(leaves));
}

void ResourceTreeModel::emitDataChanged(Update &u)
{
    struct Cell {
        Item *item;
        quint32 columns; // bit per column
        quint32 roles; // RoleBit; ~0u = all roles
    };
    std::vector<Cell> cells;
    for (ResourceEntry *e : u.changed) {
        const auto [columns, roles] = columnsAndRoles(*e, e->pendingFields);
        for (Item *item : e->items)
            if (!item->fresh) // inserted by this update: nothing to announce twice
                cells.push_back({item, columns, roles});
    }
    constexpr quint32 kAllColumns = (1u << ColumnCount) - 1;
    for (Item *group : u.groupRowsChanged)
        cells.push_back({group, kAllColumns, ~0u});
    if (cells.empty())
        return;
    // Group by parent, then row, so neighbouring rows coalesce into one range.
    const auto parentOrder = [](const Item *item) { return item->parent->parent ? item->parent->row : -1; };
    std::sort(cells.begin(), cells.end(), [&](const Cell &a, const Cell &b) {
        const int pa = parentOrder(a.item);
        const int pb = parentOrder(b.item);
        return pa != pb ? pa < pb : a.item->row < b.item->row;
    });
    std::size_t i = 0;
    while (i < cells.size()) {
        Item *parent = cells[i].item->parent;
        const int first = cells[i].item->row;
        int last = first;
        quint32 columns = cells[i].columns;
        quint32 roles = cells[i].roles;
        ++i;
        while (i < cells.size() && cells[i].item->parent == parent && cells[i].item->row <= last + 1) {
            last = cells[i].item->row;
            columns |= cells[i].columns;
            roles |= cells[i].roles;
            ++i;
        }
        const int firstColumn = std::countr_zero(columns);
        const int lastColumn = 31 - std::countl_zero(columns);
        const QModelIndex parentIndex = indexFor(parent);
        emit dataChanged(index(first, firstColumn, parentIndex), index(last, lastColumn, parentIndex),
                         roles == ~0u ? QList<int>() : rolesOf(roles));
    }
}

// ---------------------------------------------------------------- resets

void ResourceTreeModel::rebuild(ResourceCluster &c)
{
    c.root->children.clear();
    c.groups.clear();
    std::vector<ItemPtr> groups;
    for (ResourceEntry *e : std::as_const(c.entries)) {
        e->items.clear();
        for (const auto &p : ResourceLayout::placements(m_view, *e)) {
            Item *group = c.groups.value(p.groupKey);
            if (!group) {
                groups.push_back(newGroup(c, p.groupKey));
                group = groups.back().get();
                group->parent = c.root.get();
            }
            if (p.isGroupEntry) {
                group->entry = e;
                group->searchText = e->searchText;
                e->items.append(group);
                continue;
            }
            auto leaf = std::make_unique<Item>(Item::Kind::Leaf, &c);
            leaf->entry = e;
            leaf->searchText = e->searchText;
            leaf->parent = group;
            e->items.append(leaf.get());
            group->children.push_back(std::move(leaf));
        }
    }
    for (const ItemPtr &group : groups) {
        std::sort(group->children.begin(), group->children.end(),
                  [](const ItemPtr &a, const ItemPtr &b) { return ResourceLayout::entryLess(a->entry, b->entry); });
        renumber(group.get(), 0);
    }
    std::sort(groups.begin(), groups.end(),
              [](const ItemPtr &a, const ItemPtr &b) { return ResourceLayout::groupLess(a.get(), b.get()); });
    c.root->children = std::move(groups);
    renumber(c.root.get(), 0);
}

void ResourceTreeModel::setView(View view)
{
    if (view == m_view)
        return;
    beginResetModel();
    m_view = view;
    for (const auto &c : m_clusters)
        rebuild(*c);
    endResetModel();
}

void ResourceTreeModel::resetResources(const QString &clusterId, const QList<ClusterResource> &snapshot)
{
    ResourceCluster *c = cluster(clusterId);
    if (!c) {
        qCWarning(lcTree) << "resetResources for unknown cluster" << clusterId;
        return;
    }
    beginResetModel();
    c->root->children.clear();
    c->groups.clear();
    qDeleteAll(c->entries);
    c->entries.clear();
    c->order.clear();
    c->entries.reserve(snapshot.size());
    for (const ClusterResource &r : snapshot) {
        ResourceEntry *&slot = c->entries[r.id];
        delete slot; // listed twice: the last one wins
        slot = new ResourceEntry(r);
    }
    c->unordered = c->entries.size(); // the next applyResources() finds them by hash
    rebuild(*c);
    endResetModel();
}

// ---------------------------------------------------------------- indexes

Item *ResourceTreeModel::itemAt(const QModelIndex &index) const
{
    return static_cast<Item *>(index.internalPointer());
}

QModelIndex ResourceTreeModel::indexFor(const Item *item, int column) const
{
    return createIndex(item->row, column, const_cast<Item *>(item));
}

QModelIndex ResourceTreeModel::clusterIndex(const QString &clusterId, int column) const
{
    const ResourceCluster *c = cluster(clusterId);
    return c ? indexFor(c->root.get(), column) : QModelIndex();
}

QModelIndexList ResourceTreeModel::indexesOf(const QString &clusterId, const QString &resourceId, int column) const
{
    QModelIndexList indexes;
    if (const ResourceCluster *c = cluster(clusterId))
        if (const ResourceEntry *e = c->entries.value(resourceId))
            for (const Item *item : e->items)
                indexes.append(indexFor(item, column));
    return indexes;
}

QModelIndex ResourceTreeModel::indexOf(const QString &clusterId, const QString &resourceId, int column) const
{
    const QModelIndexList indexes = indexesOf(clusterId, resourceId, column);
    return indexes.isEmpty() ? QModelIndex() : indexes.first();
}

QModelIndex ResourceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (std::size_t(row) >= m_clusters.size())
            return {};
        return createIndex(row, column, m_clusters[std::size_t(row)]->root.get());
    }
    if (parent.column() != 0)
        return {};
    const Item *p = itemAt(parent);
    if (std::size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex ResourceTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Item *item = itemAt(child);
    return item->parent ? indexFor(item->parent) : QModelIndex();
}

QModelIndex ResourceTreeModel::sibling(int row, int column, const QModelIndex &index) const
{
    if (index.isValid() && row == index.row() && column >= 0 && column < ColumnCount)
        return createIndex(row, column, index.internalPointer());
    return QAbstractItemModel::sibling(row, column, index);
}

int ResourceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_clusters.size());
    if (parent.column() != 0)
        return 0;
    return int(itemAt(parent)->children.size());
}

int ResourceTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ResourceTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags ResourceTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // Lets QTreeView skip asking leaves for children: 100,000 fewer calls.
    if (itemAt(index)->kind == Item::Kind::Leaf)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QHash<int, QByteArray> ResourceTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ResourceIdRole, "resourceId");
    names.insert(TypeRole, "type");
    names.insert(ClusterIdRole, "clusterId");
    names.insert(NodeRole, "node");
    names.insert(VmidRole, "vmid");
    names.insert(StatusRole, "status");
    names.insert(SortRole, "sortValue");
    names.insert(ResourceRole, "resource");
    names.insert(RowKindRole, "rowKind");
    return names;
}

// ---------------------------------------------------------------- data

QVariant ResourceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    case NodeColumn:
        return tr("Node");
    case CpuColumn:
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
    case UptimeColumn:
        return tr("Uptime");
    case TagsColumn:
        return tr("Tags");
    default:
        return {};
    }
}

QVariant ResourceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Item *item = itemAt(index);
    if (role == ClusterIdRole)
        return item->cluster->id;
    switch (item->kind) {
    case Item::Kind::Datacenter:
        return datacenterData(*item->cluster, index.column(), role);
    case Item::Kind::Group:
        if (item->entry)
            return resourceData(*item->entry, index.column(), role);
        return groupData(*item, index.column(), role);
    case Item::Kind::Leaf:
        // Outside its node's group "local" is ambiguous: say "local (pve1)",
        // as Proxmox VE does in its folder view.
        if (role == Qt::DisplayRole && index.column() == NameColumn
            && item->entry->resource.type == ResourceType::Storage && item->entry->resource.node
            && ResourceLayout::groupKind(item->parent->groupKey) != RowKind::Node)
            return tr("%1 (%2)").arg(item->entry->sortName, item->entry->resource.node->toString());
        return resourceData(*item->entry, index.column(), role);
    }
    return {};
}

QVariant ResourceTreeModel::datacenterData(const ResourceCluster &c, int column, int role) const
{
    const auto stateText = [&] {
        QString text;
        switch (c.state) {
        case ClusterState::Connecting:
            text = tr("Connecting…");
            break;
        case ClusterState::Connected:
            text = tr("Connected");
            break;
        case ClusterState::Disconnected:
            text = tr("Disconnected");
            break;
        case ClusterState::Failed:
            text = tr("Failed");
            break;
        }
        return c.stateDetail.isEmpty() ? text : tr("%1: %2").arg(text, c.stateDetail);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return c.displayName;
        case TypeColumn:
            return tr("Datacenter");
        case StatusColumn:
            return stateText();
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return ResourceIcons::icon(c.state == ClusterState::Connected || c.state == ClusterState::Connecting
                                       ? ResourceIcons::Icon::Datacenter
                                       : ResourceIcons::Icon::DatacenterOffline);
    case Qt::ToolTipRole:
        return tr("Datacenter %1 (%2)\n%3").arg(c.displayName, c.id, stateText());
    case SortRole:
        switch (column) {
        case CpuColumn:
            return -1.0;
        case MemoryColumn:
        case UptimeColumn:
            return qint64(-1);
        case StatusColumn:
            return stateName(c.state);
        case NameColumn:
            return c.displayName;
        default:
            return QString();
        }
    case StatusRole:
        return stateName(c.state);
    case RowKindRole:
        return QVariant::fromValue(RowKind::Datacenter);
    default:
        return {};
    }
}

QVariant ResourceTreeModel::groupData(const Item &item, int column, int role) const
{
    const RowKind kind = ResourceLayout::groupKind(item.groupKey);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return ResourceLayout::groupTitle(item.groupKey);
        case TypeColumn:
            switch (kind) {
            case RowKind::Node:
                return tr("Node");
            case RowKind::Pool:
                return tr("Pool");
            case RowKind::Tag:
                return tr("Tag");
            default:
                return {};
            }
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        switch (kind) {
        case RowKind::Node:
            return ResourceIcons::icon(ResourceIcons::Icon::NodeOffline); // known only from its guests
        case RowKind::Pool:
            return ResourceIcons::icon(ResourceIcons::Icon::Pool);
        case RowKind::Tag:
            return ResourceIcons::icon(ResourceIcons::Icon::Tag);
        default:
            return ResourceIcons::icon(ResourceIcons::Icon::Folder);
        }
    case Qt::ToolTipRole:
        return ResourceLayout::groupTitle(item.groupKey);
    case SortRole:
        switch (column) {
        case CpuColumn:
            return -1.0;
        case MemoryColumn:
        case UptimeColumn:
            return qint64(-1);
        case NameColumn:
            return ResourceLayout::groupTitle(item.groupKey);
        default:
            return QString();
        }
    case NodeRole:
        if (kind == RowKind::Node)
            return item.groupKey.mid(1);
        return {};
    case TypeRole:
        if (kind == RowKind::Node)
            return u"node"_s;
        if (kind == RowKind::Pool)
            return u"pool"_s;
        return {};
    case RowKindRole:
        return QVariant::fromValue(kind);
    default:
        return {};
    }
}

QVariant ResourceTreeModel::resourceData(const ResourceEntry &e, int column, int role) const
{
    const ClusterResource &r = e.resource;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return ResourceText::displayName(r);
        case TypeColumn:
            return ResourceText::typeName(r);
        case StatusColumn:
            return ResourceText::status(r);
        case NodeColumn:
            return r.node ? r.node->toString() : QString();
        case CpuColumn:
            return ResourceText::cpu(r);
        case MemoryColumn:
            return ResourceText::memory(r);
        case UptimeColumn:
            return ResourceText::uptime(r);
        case TagsColumn:
            return ResourceText::tags(r);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return ResourceIcons::icon(iconFor(e));
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return ResourceText::toolTip(r);
        case StatusColumn:
            if (r.hastate)
                return tr("%1\nHA: %2").arg(ResourceText::status(r), *r.hastate);
            return ResourceText::status(r);
        case CpuColumn:
            if (r.cpu && r.maxcpu)
                return tr("%1 of %2 CPU(s)").arg(ResourceText::cpu(r), QLocale().toString(*r.maxcpu));
            return ResourceText::cpu(r);
        case MemoryColumn:
            if (r.mem && r.maxmem && *r.maxmem > 0)
                return tr("%1 (%2 %)").arg(ResourceText::memory(r), QLocale().toString(100.0 * double(*r.mem) / double(*r.maxmem), 'f', 1));
            return ResourceText::memory(r);
        default:
            return resourceData(e, column, Qt::DisplayRole);
        }
    case SortRole:
        switch (column) {
        case NameColumn:
            // Text that orders like compareRows(): guests by vmid, then the rest by name.
            if (e.isGuest())
                return u"0:"_s + QString::number(e.vmid).rightJustified(10, u'0');
            return QString::number(e.rank) + u':' + e.sortName.toLower();
        case TypeColumn:
            return ResourceText::typeName(r);
        case StatusColumn:
            return r.status.value_or(QString());
        case NodeColumn:
            return r.node ? r.node->toString() : QString();
        case CpuColumn:
            return r.cpu.value_or(-1.0);
        case MemoryColumn:
            return r.mem.value_or(-1);
        case UptimeColumn:
            return r.uptime.value_or(-1);
        case TagsColumn:
            return ResourceText::tags(r);
        default:
            return {};
        }
    case ResourceIdRole:
        return r.id;
    case TypeRole:
        return QString(model::enumName(r.type));
    case NodeRole:
        if (r.node)
            return r.node->toString();
        return {};
    case VmidRole:
        if (r.vmid)
            return uint(r.vmid->value());
        return {};
    case StatusRole:
        if (r.status)
            return *r.status;
        return {};
    case ResourceRole:
        return QVariant::fromValue(r);
    case RowKindRole:
        return QVariant::fromValue(rowKindOf(e));
    default:
        return {};
    }
}

QByteArrayView ResourceTreeModel::searchText(const QModelIndex &index) const
{
    return index.isValid() ? searchText(itemAt(index)) : QByteArrayView();
}

QByteArrayView ResourceTreeModel::searchText(const Item *item)
{
    return item->searchText;
}

int ResourceTreeModel::compareRows(const QModelIndex &left, const QModelIndex &right, int column) const
{
    return compareItems(itemAt(left), itemAt(right), column);
}

int ResourceTreeModel::compareItems(const Item *a, const Item *b, int column)
{
    if (!a || !b)
        return 0;
    if (!a->entry || !b->entry) {
        // Datacenters and plain groups have no values: they sort before
        // resources and tie among themselves, which keeps the order a strict
        // weak one (std::sort needs that) when both kinds are siblings.
        return (a->entry ? 1 : 0) - (b->entry ? 1 : 0);
    }
    const ClusterResource &ra = a->entry->resource;
    const ClusterResource &rb = b->entry->resource;
    int c = 0;
    switch (column) {
    case NameColumn:
        break;
    case TypeColumn:
        c = threeWay(a->entry->rank, b->entry->rank);
        if (c == 0)
            c = threeWay(int(ra.type), int(rb.type));
        if (c == 0)
            c = threeWay(ra.isTemplate.value_or(false), rb.isTemplate.value_or(false));
        break;
    case StatusColumn:
        c = QString::compare(ra.status.value_or(QString()), rb.status.value_or(QString()));
        break;
    case NodeColumn:
        c = ResourceText::naturalCompare(ra.node ? ra.node->toString() : QString(),
                                         rb.node ? rb.node->toString() : QString());
        break;
    case CpuColumn:
        c = threeWay(ra.cpu.value_or(-1.0), rb.cpu.value_or(-1.0));
        break;
    case MemoryColumn:
        c = threeWay(ra.mem.value_or(-1), rb.mem.value_or(-1));
        break;
    case UptimeColumn:
        c = threeWay(ra.uptime.value_or(-1), rb.uptime.value_or(-1));
        break;
    case TagsColumn:
        c = ResourceText::naturalCompare(ra.tags.value_or(QString()), rb.tags.value_or(QString()));
        break;
    default:
        break;
    }
    if (column != NameColumn)
        return c;
    // The Name column is the model's own order.
    if (ResourceLayout::entryLess(a->entry, b->entry))
        return -1;
    if (ResourceLayout::entryLess(b->entry, a->entry))
        return 1;
    return 0;
}

} // namespace atalaia::ui
