#include "ResourceIndex.h"

#include "Services.h"
#include "guests/GuestService.h"
#include "cluster/Membership.h"
#include "Compression.h"
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

bool ResourceIndex::fresh(qint64 now) const
{
    return m_snapshot && m_snapshot->generation == m_generation.load() && now - m_snapshot->builtMs < kRefreshMs;
}

// Rebuilding 10,000 entries takes tens of milliseconds. When only the usage
// figures are due (the inventory is unchanged), one caller rebuilds while the
// others keep answering from the current snapshot, so no request queues
// behind the rebuild. When the inventory changed, callers wait for it.
std::shared_ptr<const ResourceIndex::Snapshot> ResourceIndex::snapshot()
{
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = m_services.clock().nowMs();
        if (fresh(now))
            return m_snapshot;
        const bool onlyFiguresDue = m_snapshot && m_snapshot->generation == m_generation.load();
        if (onlyFiguresDue && m_refreshing)
            return m_snapshot;
        m_refreshing = true;
    }
    QMutexLocker building(&m_buildMutex);
    {
        QMutexLocker lock(&m_mutex);
        if (fresh(m_services.clock().nowMs())) { // built while this caller waited
            m_refreshing = false;
            return m_snapshot;
        }
    }
    auto snap = build(m_generation.load());
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snap);
    m_refreshing = false;
    return m_snapshot;
}

std::shared_ptr<const ResourceIndex::Snapshot> ResourceIndex::build(quint64 generation) const
{
    auto snap = std::make_shared<Snapshot>();
    snap->builtMs = m_services.clock().nowMs();
    snap->generation = generation;

    // Every member of the cluster (just this node when standalone): this
    // node's figures sampled now, the others' as the membership knows them.
    const cluster::ClusterView members = m_services.membership().view();
    for (const cluster::MemberNode &member : members.nodes) {
        QJsonObject nodeEntry{
            {QStringLiteral("id"), QStringLiteral("node/") + member.name},
            {QStringLiteral("type"), QStringLiteral("node")},
            {QStringLiteral("node"), member.name},
            {QStringLiteral("status"), member.online ? QStringLiteral("online") : QStringLiteral("offline")},
            {QStringLiteral("level"), QString()},
        };
        if (const auto figures = m_services.memberFigures(member))
            figures->addUsageTo(nodeEntry);
        snap->entries.append({QStringLiteral("node"), QStringLiteral("/nodes/") + member.name,
                              {QStringLiteral("Sys.Audit")}, encode(nodeEntry)});
    }

    // Storages are listed once per node, as Proxmox does (shared ones too).
    const auto storage = m_services.store().read(QStringLiteral("storage.cfg"));
    const auto file = storage ? config::SectionConfigFile::parse(storage->data, QStringLiteral("storage.cfg"))
                              : config::SectionConfigFile();
    for (const cluster::MemberNode &member : members.nodes) {
        for (const auto &section : file.sections()) {
            const QString &node = member.name;
            const QString id = section.idString();
            QJsonObject entry{
                {QStringLiteral("id"), QStringLiteral("storage/%1/%2").arg(node, id)},
                {QStringLiteral("type"), QStringLiteral("storage")},
                {QStringLiteral("storage"), id},
                {QStringLiteral("node"), node},
                {QStringLiteral("plugintype"), section.typeString()},
                {QStringLiteral("status"), member.online ? QStringLiteral("available") : QStringLiteral("unknown")},
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

    // Every guest of the cluster from the configs, with this node's figures;
    // without a guest service (tests), what the hypervisor knows.
    const QList<model::ClusterResource> guests =
        m_services.guests() ? m_services.guests()->resources() : m_services.hypervisor().guests();
    for (const model::ClusterResource &guest : guests) {
        const QString vmid = guest.vmid ? guest.vmid->toString() : QString();
        snap->entries.append({QStringLiteral("vm"), QStringLiteral("/vms/") + vmid, {QStringLiteral("VM.Audit")},
                              encode(guest.toJson())});
    }
    return snap;
}

QByteArray ResourceIndex::filtered(const Snapshot &snap, const access::AccessControl &acl,
                                  const access::Identity &who, const QString &type) const
{
    QByteArray out;
    out.reserve(snap.entries.size() * 280 + 16);
    out.append("{\"data\":[");
    bool first = true;
    const bool root = who.isRoot();
    for (const Entry &e : snap.entries) {
        if (!type.isEmpty() && e.kind != type)
            continue;
        if (!root && !acl.hasPrivileges(who, e.aclPath, e.privileges, /*any=*/true))
            continue;
        if (!first)
            out.append(',');
        out.append(e.json);
        first = false;
    }
    out.append("]}");
    return out;
}

ResourceIndex::Answer ResourceIndex::answer(const access::AccessControl &acl, const access::Identity &who,
                                            const QString &type, bool gzip)
{
    const auto snap = snapshot();
    const QString key = who.authId() + QLatin1Char(' ') + type;
    {
        QMutexLocker lock(&m_mutex);
        if (m_cache.inventory != snap || !m_cache.acl || !m_cache.acl->sameSnapshot(acl))
            m_cache = AnswerCache{snap, acl, {}, 0};
        if (const auto it = m_cache.answers.constFind(key); it != m_cache.answers.cend()) {
            if (!gzip)
                return {it->body, {}};
            if (!it->gzip.isEmpty())
                return *it;
        }
    }
    // Built outside the lock: other callers are not held up by this one's filter pass.
    Answer made{filtered(*snap, acl, who, type), {}};
    if (gzip)
        made.gzip = api::gzip(made.body, 1);
    QMutexLocker lock(&m_mutex);
    if (m_cache.inventory == snap && m_cache.acl && m_cache.acl->sameSnapshot(acl)) {
        Answer &cached = m_cache.answers[key];
        m_cache.bytes += made.body.size() + made.gzip.size() - cached.body.size() - cached.gzip.size();
        if (m_cache.bytes <= kCacheBytes)
            cached = made;
        else
            m_cache.answers.remove(key); // over budget: serve it once, uncached
    }
    return made;
}

} // namespace atalaia::api
