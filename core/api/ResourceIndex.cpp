#include "ResourceIndex.h"

#include "Services.h"
#include "config/SectionConfigFile.h"
#include "metrics/NodeMetrics.h"
#include "model/ClusterResource.h"
#include "store/ConfigStore.h"
#include "virt/Hypervisor.h"

#include <QJsonDocument>

namespace atalaia::api {

namespace {

// Node usage figures are sampled this often; between samples the index is reused.
constexpr qint64 kRefreshMs = 10'000;

QByteArray encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ResourceIndex::ResourceIndex(Services &services)
    : m_services(services)
{
}

std::shared_ptr<const ResourceIndex::Snapshot> ResourceIndex::snapshot()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_services.clock().nowMs();
    if (m_stale.exchange(false) || !m_snapshot || now - m_snapshot->builtMs >= kRefreshMs)
        m_snapshot = build();
    return m_snapshot;
}

std::shared_ptr<const ResourceIndex::Snapshot> ResourceIndex::build() const
{
    auto snap = std::make_shared<Snapshot>();
    snap->builtMs = m_services.clock().nowMs();
    const QString node = m_services.node().name;

    const metrics::NodeStatus status = m_services.nodeMetrics().sample();
    QJsonObject nodeEntry{
        {QStringLiteral("id"), QStringLiteral("node/") + node},
        {QStringLiteral("type"), QStringLiteral("node")},
        {QStringLiteral("node"), node},
        {QStringLiteral("status"), QStringLiteral("online")},
        {QStringLiteral("cpu"), status.cpu},
        {QStringLiteral("maxcpu"), status.cpus},
        {QStringLiteral("mem"), status.memUsed},
        {QStringLiteral("maxmem"), status.memTotal},
        {QStringLiteral("disk"), status.rootfsUsed},
        {QStringLiteral("maxdisk"), status.rootfsTotal},
        {QStringLiteral("uptime"), status.uptime},
        {QStringLiteral("level"), QString()},
    };
    snap->entries.append({QStringLiteral("node"), QStringLiteral("/nodes/") + node, {QStringLiteral("Sys.Audit")},
                          encode(nodeEntry)});

    if (auto storage = m_services.store().read(QStringLiteral("storage.cfg"))) {
        const auto file = config::SectionConfigFile::parse(storage->data, QStringLiteral("storage.cfg"));
        for (const auto &section : file.sections()) {
            const QString id = section.idString();
            QJsonObject entry{
                {QStringLiteral("id"), QStringLiteral("storage/%1/%2").arg(node, id)},
                {QStringLiteral("type"), QStringLiteral("storage")},
                {QStringLiteral("storage"), id},
                {QStringLiteral("node"), node},
                {QStringLiteral("plugintype"), section.typeString()},
                {QStringLiteral("status"), QStringLiteral("available")},
            };
            if (const auto *content = section.find("content"))
                entry.insert(QStringLiteral("content"), content->valueString());
            if (const auto *shared = section.find("shared"))
                entry.insert(QStringLiteral("shared"), shared->valueString() == QLatin1String("1") ? 1 : 0);
            snap->entries.append({QStringLiteral("storage"), QStringLiteral("/storage/") + id,
                                  {QStringLiteral("Datastore.Audit"), QStringLiteral("Datastore.AllocateSpace")},
                                  encode(entry)});
        }
    }

    for (const model::ClusterResource &guest : m_services.hypervisor().guests()) {
        const QString vmid = guest.vmid ? guest.vmid->toString() : QString();
        snap->entries.append({QStringLiteral("vm"), QStringLiteral("/vms/") + vmid, {QStringLiteral("VM.Audit")},
                              encode(guest.toJson())});
    }
    return snap;
}

QByteArray ResourceIndex::json(const access::AccessControl &acl, const access::Identity &who, const QString &type)
{
    const auto snap = snapshot();
    QByteArray out;
    out.reserve(snap->entries.size() * 256);
    out.append('[');
    bool first = true;
    const bool root = who.isRoot();
    for (const Entry &e : snap->entries) {
        if (!type.isEmpty() && e.kind != type)
            continue;
        if (!root && !acl.hasPrivileges(who, e.aclPath, e.privileges, /*any=*/true))
            continue;
        if (!first)
            out.append(',');
        out.append(e.json);
        first = false;
    }
    out.append(']');
    return out;
}

} // namespace atalaia::api
