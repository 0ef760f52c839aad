#include "ResourceLayout.h"

#include "ResourceEntry.h"
#include "ResourceText.h"
#include "ResourceTreeItem.h"

namespace atalaia::ui {

using namespace Qt::StringLiterals;
using model::ResourceType;
using View = ResourceTreeModel::View;
using RowKind = ResourceTreeModel::RowKind;

namespace {

// Type folders in the order they are listed.
enum class Folder { Vms, Containers, Nodes, Storage, Pools, Sdn };

QString folderKey(Folder folder)
{
    return u"f"_s + QChar(u'0' + int(folder));
}

Folder folderOf(ResourceType type)
{
    switch (type) {
    case ResourceType::Qemu:
        return Folder::Vms;
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        return Folder::Containers;
    case ResourceType::Node:
        return Folder::Nodes;
    case ResourceType::Storage:
        return Folder::Storage;
    case ResourceType::Pool:
        return Folder::Pools;
    case ResourceType::Sdn:
    case ResourceType::Network:
        return Folder::Sdn;
    }
    return Folder::Sdn;
}

QString nodeKey(const model::ClusterResource &r)
{
    return u"n"_s + (r.node ? r.node->toString() : QString());
}

// Group order within a datacenter: named groups first, then the catch-alls.
int groupRank(QStringView key)
{
    switch (key.isEmpty() ? u'\0' : key.front().unicode()) {
    case u'f':
        return key.size() > 1 ? key[1].digitValue() : 0;
    case u'P':
    case u'T':
        return 1;
    default:
        return 0;
    }
}

} // namespace

ResourceLayout::Placements ResourceLayout::placements(View view, const ResourceEntry &entry)
{
    const model::ClusterResource &r = entry.resource;
    Placements result;
    switch (view) {
    case View::ByNode:
        switch (r.type) {
        case ResourceType::Node:
            result.append({nodeKey(r), true});
            break;
        case ResourceType::Pool:
            break; // pools are not on a node
        default:
            if (r.node)
                result.append({nodeKey(r), false});
            break;
        }
        break;
    case View::ByType:
        result.append({folderKey(folderOf(r.type)), false});
        break;
    case View::ByPool:
        if (r.type == ResourceType::Pool)
            result.append({u"p"_s + entry.sortName, true});
        else if (r.pool && !r.pool->isEmpty())
            result.append({u"p"_s + *r.pool, false});
        else if (entry.isGuest())
            result.append({u"P"_s, false});
        break;
    case View::ByTag:
        if (entry.isGuest()) {
            const QStringList tags = ResourceText::tagList(r);
            for (const QString &tag : tags)
                result.append({u"t"_s + tag, false});
            if (tags.isEmpty())
                result.append({u"T"_s, false});
        }
        break;
    }
    return result;
}

quint32 ResourceLayout::placementFields(View view)
{
    switch (view) {
    case View::ByNode:
        return ResourceEntry::Node;
    case View::ByType:
        return 0;
    case View::ByPool:
        return ResourceEntry::Pool;
    case View::ByTag:
        return ResourceEntry::Tags;
    }
    return 0;
}

RowKind ResourceLayout::groupKind(QStringView key)
{
    switch (key.isEmpty() ? u'\0' : key.front().unicode()) {
    case u'n':
        return RowKind::Node;
    case u'p':
        return RowKind::Pool;
    case u't':
        return RowKind::Tag;
    default:
        return RowKind::Folder;
    }
}

QString ResourceLayout::groupTitle(QStringView key)
{
    const QStringView name = key.mid(1);
    switch (key.isEmpty() ? u'\0' : key.front().unicode()) {
    case u'n':
        return name.isEmpty() ? ResourceTreeModel::tr("(no node)") : name.toString();
    case u'p':
    case u't':
        return name.toString();
    case u'P':
        return ResourceTreeModel::tr("(no pool)");
    case u'T':
        return ResourceTreeModel::tr("(no tag)");
    case u'f':
        switch (Folder(name.isEmpty() ? 0 : name.front().digitValue())) {
        case Folder::Vms:
            return ResourceTreeModel::tr("Virtual machines");
        case Folder::Containers:
            return ResourceTreeModel::tr("Containers");
        case Folder::Nodes:
            return ResourceTreeModel::tr("Nodes");
        case Folder::Storage:
            return ResourceTreeModel::tr("Storage");
        case Folder::Pools:
            return ResourceTreeModel::tr("Pools");
        case Folder::Sdn:
            return ResourceTreeModel::tr("SDN");
        }
        break;
    default:
        break;
    }
    return key.toString();
}

bool ResourceLayout::groupLess(const ResourceTreeItem *a, const ResourceTreeItem *b)
{
    const int ra = groupRank(a->groupKey);
    const int rb = groupRank(b->groupKey);
    if (ra != rb)
        return ra < rb;
    if (const int c = ResourceText::naturalCompare(QStringView(a->groupKey).mid(1), QStringView(b->groupKey).mid(1)))
        return c < 0;
    return a->groupKey < b->groupKey;
}

bool ResourceLayout::entryLess(const ResourceEntry *a, const ResourceEntry *b)
{
    if (a->rank != b->rank)
        return a->rank < b->rank;
    if (a->vmid != b->vmid)
        return a->vmid < b->vmid;
    if (const int c = ResourceText::naturalCompare(a->sortName, b->sortName))
        return c < 0;
    // Same name on several nodes ("local"): by node, naturally, via the id.
    if (const int c = ResourceText::naturalCompare(a->resource.id, b->resource.id))
        return c < 0;
    return a->resource.id < b->resource.id;
}

bool ResourceLayout::itemLess(const ResourceTreeItem *a, const ResourceTreeItem *b)
{
    if (a->kind == ResourceTreeItem::Kind::Group)
        return groupLess(a, b);
    return entryLess(a->entry, b->entry);
}

} // namespace atalaia::ui
