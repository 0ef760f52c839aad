#pragma once

#include "model/ClusterResource.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace atalaia::ui {

// The user-visible wording of the datacenter tree: type names, sizes,
// percentages, durations, and the search text the filter matches. Kept apart
// from the model so the wording is in one place and one translation context.
class ResourceText
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::ResourceText)

public:
    // "Virtual machine", "Container template", "Node", "Storage", ...
    static QString typeName(const model::ClusterResource &resource);
    // "100 (web01)" for guests (as Proxmox VE shows them), else the name.
    static QString displayName(const model::ClusterResource &resource);
    // The bare name: guest name, node, storage, pool, SDN zone or network.
    static QString shortName(const model::ClusterResource &resource);
    // "running", "running (locked: backup)".
    static QString status(const model::ClusterResource &resource);
    // An API status value ("running", "online", ...) in the user's language;
    // values this console does not know are shown as the API gives them.
    static QString statusName(const QString &apiStatus);
    // "12.5 %" of the guest's or node's CPUs.
    static QString cpu(const model::ClusterResource &resource);
    // "1.50 GiB of 4.00 GiB".
    static QString memory(const model::ClusterResource &resource);
    // "3 d 4 h", "2 h 5 min", "45 s"; empty when not running.
    static QString uptime(const model::ClusterResource &resource);
    static QString duration(qint64 seconds);
    // "prod, web".
    static QString tags(const model::ClusterResource &resource);
    // The tags as a list, in configured order, without duplicates or blanks.
    static QStringList tagList(const model::ClusterResource &resource);
    // Multi-line tool tip for the Name column.
    static QString toolTip(const model::ClusterResource &resource);

    // What the filter searches: name, vmid, node, tags, status and type (API
    // spelling and translated), lower-cased, fields separated by '\n' so that a
    // search term cannot match across two fields.
    static QString searchText(const model::ClusterResource &resource);
    // The terms of a filter string: lower-cased, split on white space.
    static QStringList searchTerms(QStringView filterText);

    // Order that puts "pve2" before "pve10" and ignores case; used for every
    // name-sorted row (nodes, storages, pools, tags).
    static int naturalCompare(QStringView a, QStringView b);
};

} // namespace atalaia::ui
