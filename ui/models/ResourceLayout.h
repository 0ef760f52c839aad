#pragma once

#include "ResourceTreeModel.h"

#include <QString>
#include <QStringView>
#include <QVarLengthArray>

namespace atalaia::ui {

struct ResourceEntry;
struct ResourceTreeItem;

// Where each view puts a resource, and the order of rows. A group (level 1,
// under the datacenter) is named by a key: its kind as one letter, then a name:
//   n<node>      node                       (by node)
//   f<digit>     type folder, digit = order (by type)
//   p<pool>, P   pool, "(no pool)"          (by pool)
//   t<tag>, T    tag, "(no tag)"            (by tag)
// Keys are plain strings so that one hash finds a group in every view.
class ResourceLayout
{
public:
    struct Placement {
        QString groupKey;
        bool isGroupEntry = false; // the resource is the group row itself
    };
    using Placements = QVarLengthArray<Placement, 1>;

    // Every row the resource gets in the view: none (the view does not show
    // its type), one, or one per tag.
    static Placements placements(ResourceTreeModel::View view, const ResourceEntry &entry);
    // The ResourceEntry::Field bits that can change placements in the view;
    // other changes never move a row.
    static quint32 placementFields(ResourceTreeModel::View view);

    static ResourceTreeModel::RowKind groupKind(QStringView key);
    // The name shown on a group row without an entry ("Virtual machines", a
    // tag, "(no pool)", a node we only know from its guests).
    static QString groupTitle(QStringView key);

    // Sibling order: groups by kind then natural name order; resources by
    // rank (guests, nodes, storages, pools, SDN), vmid, natural name, id.
    static bool groupLess(const ResourceTreeItem *a, const ResourceTreeItem *b);
    static bool entryLess(const ResourceEntry *a, const ResourceEntry *b);
    static bool itemLess(const ResourceTreeItem *a, const ResourceTreeItem *b);
};

} // namespace atalaia::ui
