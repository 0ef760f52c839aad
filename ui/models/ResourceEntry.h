#pragma once

#include "model/ClusterResource.h"

#include <QString>
#include <QVarLengthArray>

namespace atalaia::ui {

struct ResourceTreeItem;

// One resource of a cluster as the tree model keeps it: the API value plus
// what the tree derives from it once (search text, sort keys) so that data(),
// sorting and filtering never re-derive them per call. Owned by its
// ResourceCluster; shown by zero or more ResourceTreeItem rows.
struct ResourceEntry {
    // The fields the tree tells apart when a refresh changes a resource, as
    // bits, so the model can say which columns and roles changed.
    enum Field : quint32 {
        Name = 1u << 0,
        Status = 1u << 1,
        Template = 1u << 2,
        Lock = 1u << 3,
        HaState = 1u << 4,
        Node = 1u << 5,
        Cpu = 1u << 6, // cpu or maxcpu
        Memory = 1u << 7, // mem or maxmem
        Uptime = 1u << 8,
        Tags = 1u << 9,
        Pool = 1u << 10,
        Disk = 1u << 11, // disk or maxdisk
        Other = 1u << 12, // anything else (I/O counters, storage content, ...)
    };

    explicit ResourceEntry(model::ClusterResource value);
    // With the value's fingerprint and id hash already known (ResourceSnapshot).
    ResourceEntry(model::ClusterResource value, quint64 fingerprint, quint64 idHash);

    // Which Field bits differ between a and b; 0 when equal.
    static quint32 changedFields(const model::ClusterResource &a, const model::ClusterResource &b);


    // Takes the new value (with its ResourceSnapshot::fingerprintOf()) and
    // re-derives what depends on the changed fields.
    void update(const model::ClusterResource &value, quint32 fields, quint64 newFingerprint);

    bool isGuest() const;

    // What a refresh reads for every resource comes first, in one cache line;
    // the value itself (784 bytes) is only read when the fingerprint moved.
    quint64 fingerprint = 0; // ResourceSnapshot::fingerprintOf(resource)
    quint64 idHash = 0; // ResourceSnapshot::idHashOf(resource.id)
    qsizetype position = -1; // index in ResourceCluster::order, -1 if not there
    quint32 seen = 0; // generation of the last snapshot that listed it
    quint32 pendingFields = 0; // Field bits changed by the update being applied

    model::ClusterResource resource;
    QByteArray searchText; // ResourceText::searchText() in UTF-8, kept current
    // ResourceText::shortName() when the entry was made. Never updated: a row's
    // place among its siblings must not move under a dataChanged(), and every
    // sort key (vmid, node, storage or pool name) is part of the id anyway.
    QString sortName;
    // The rows showing this resource: one, except in the tag view where a
    // guest with several tags has one row under each, and none in views that
    // do not show its type.
    QVarLengthArray<ResourceTreeItem *, 1> items;
    quint32 vmid = 0; // 0 for non-guests
    quint8 rank = 0; // order among siblings: guests, nodes, storages, pools, SDN
    bool fresh = false; // added by the update being applied, not in the tree yet
    bool removed = false; // removed by the update being applied
};

} // namespace atalaia::ui
