#include "ResourceEntry.h"

#include "ResourceSnapshot.h"
#include "ResourceText.h"

namespace atalaia::ui {

using model::ClusterResource;
using model::ResourceType;

namespace {

quint8 rankOf(ResourceType type)
{
    switch (type) {
    case ResourceType::Qemu:
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        return 0;
    case ResourceType::Node:
        return 1;
    case ResourceType::Storage:
        return 2;
    case ResourceType::Pool:
        return 3;
    case ResourceType::Sdn:
    case ResourceType::Network:
        return 4;
    }
    return 5;
}

} // namespace

ResourceEntry::ResourceEntry(ClusterResource value)
    : ResourceEntry(value, ResourceSnapshot::fingerprintOf(value), ResourceSnapshot::idHashOf(value.id))
{
}

ResourceEntry::ResourceEntry(ClusterResource value, quint64 valueFingerprint, quint64 valueIdHash)
    : fingerprint(valueFingerprint), idHash(valueIdHash), resource(std::move(value))
{
    searchText = ResourceText::searchText(resource).toUtf8();
    sortName = ResourceText::shortName(resource);
    rank = rankOf(resource.type);
    if (isGuest() && resource.vmid)
        vmid = resource.vmid->value();
}

bool ResourceEntry::isGuest() const
{
    return rank == 0;
}

quint32 ResourceEntry::changedFields(const ClusterResource &a, const ClusterResource &b)
{
    // The refresh calls this for every resource of every snapshot, and nearly
    // all are unchanged: one defaulted comparison settles those.
    if (a == b)
        return 0;
    quint32 fields = 0;
    if (a.name != b.name || a.storage != b.storage || a.sdn != b.sdn || a.network != b.network)
        fields |= Name;
    if (a.status != b.status)
        fields |= Status;
    if (a.isTemplate != b.isTemplate)
        fields |= Template;
    if (a.lock != b.lock)
        fields |= Lock;
    if (a.hastate != b.hastate)
        fields |= HaState;
    if (a.node != b.node)
        fields |= Node;
    if (a.cpu != b.cpu || a.maxcpu != b.maxcpu)
        fields |= Cpu;
    if (a.mem != b.mem || a.maxmem != b.maxmem)
        fields |= Memory;
    if (a.uptime != b.uptime)
        fields |= Uptime;
    if (a.tags != b.tags)
        fields |= Tags;
    if (a.pool != b.pool)
        fields |= Pool;
    if (a.disk != b.disk || a.maxdisk != b.maxdisk)
        fields |= Disk;
    if (a.memhost != b.memhost || a.netin != b.netin || a.netout != b.netout || a.diskread != b.diskread
        || a.diskwrite != b.diskwrite || a.plugintype != b.plugintype || a.content != b.content
        || a.shared != b.shared || a.level != b.level || a.cgroupMode != b.cgroupMode || a.zoneType != b.zoneType
        || a.networkType != b.networkType || a.protocol != b.protocol || a.extra != b.extra || a.vmid != b.vmid
        || a.type != b.type || a.id != b.id)
        fields |= Other;
    return fields;
}

void ResourceEntry::update(const ClusterResource &value, quint32 fields, quint64 newFingerprint)
{
    resource = value;
    fingerprint = newFingerprint;
    if (fields & (Name | Status | Template | Node | Tags | Other))
        searchText = ResourceText::searchText(resource).toUtf8();
}

} // namespace atalaia::ui
