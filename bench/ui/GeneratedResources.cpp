#include "GeneratedResources.h"

#include <QHash>

#include <array>
#include <random>

namespace atalaia::bench {

using namespace Qt::StringLiterals;
using model::ClusterResource;
using model::NodeId;
using model::ResourceType;
using model::VmId;

namespace {

constexpr std::array kNames{"web", "db", "cache", "app", "api", "mail", "dns", "build",
                            "ci", "log", "mon", "proxy", "vpn", "file", "auth", "queue"};
constexpr std::array kTags{"prod", "staging", "dev", "web", "db", "infra",
                           "backup", "critical", "eu", "us", "legacy", "k8s"};
constexpr std::array kStorages{"local", "local-lvm", "ceph-rbd", "nfs-backup"};
constexpr qint64 kGiB = 1024LL * 1024 * 1024;

NodeId nodeId(int cluster, int node)
{
    return NodeId::parse(u"c%1n%2"_s.arg(cluster).arg(node + 1)).value();
}

ClusterResource guest(std::mt19937 &rng, int cluster, quint32 vmid)
{
    ClusterResource r;
    const bool container = rng() % 10 < 3;
    r.type = container ? ResourceType::Lxc : ResourceType::Qemu;
    r.id = (container ? u"lxc/"_s : u"qemu/"_s) + QString::number(vmid);
    r.vmid = VmId::fromInt(vmid).value();
    r.node = nodeId(cluster, int(rng() % GeneratedResources::kNodesPerCluster));
    r.name = QString::fromLatin1(kNames[rng() % kNames.size()]) + QString::number(vmid % 1000).rightJustified(3, u'0');
    const quint32 state = rng() % 100;
    r.isTemplate = state == 99;
    r.status = state < 80 ? u"running"_s : (state < 82 && !container ? u"paused"_s : u"stopped"_s);
    r.maxcpu = double(1 << (rng() % 4));
    r.maxmem = qint64(1 << (rng() % 5)) * kGiB;
    r.maxdisk = 32 * kGiB;
    r.disk = 0;
    if (*r.status != "stopped"_L1) {
        r.cpu = double(rng() % 1000) / 1000.0;
        r.mem = qint64(rng() % 1000) * *r.maxmem / 1000;
        r.uptime = qint64(rng() % 10'000'000);
        r.netin = qint64(rng());
        r.netout = qint64(rng());
        r.diskread = qint64(rng());
        r.diskwrite = qint64(rng());
    }
    QStringList tags;
    for (quint32 n = rng() % 4; n > 0; --n) {
        const QString tag = QString::fromLatin1(kTags[rng() % kTags.size()]);
        if (!tags.contains(tag))
            tags << tag;
    }
    if (!tags.isEmpty())
        r.tags = tags.join(u';');
    if (rng() % 10 < 4)
        r.pool = u"pool%1"_s.arg(rng() % GeneratedResources::kPoolsPerCluster);
    if (rng() % 10 < 3)
        r.hastate = u"started"_s;
    return r;
}

} // namespace

QList<ClusterResource> GeneratedResources::cluster(int cluster, int count)
{
    std::mt19937 rng(quint32(cluster) * 7919u + 1u);
    QList<ClusterResource> out;
    out.reserve(count);
    for (int n = 0; n < kNodesPerCluster; ++n) {
        ClusterResource r;
        r.type = ResourceType::Node;
        r.node = nodeId(cluster, n);
        r.id = u"node/"_s + r.node->toString();
        r.status = n == kNodesPerCluster - 1 ? u"offline"_s : u"online"_s;
        r.maxcpu = 64;
        r.maxmem = 512 * kGiB;
        r.cpu = double(rng() % 1000) / 1000.0;
        r.mem = qint64(rng() % 512) * kGiB;
        r.uptime = qint64(rng() % 10'000'000);
        r.level = QString();
        out.append(r);
        for (const char *storage : kStorages) {
            ClusterResource s;
            s.type = ResourceType::Storage;
            s.node = r.node;
            s.storage = QString::fromLatin1(storage);
            s.id = u"storage/%1/%2"_s.arg(r.node->toString(), *s.storage);
            s.status = u"available"_s;
            s.plugintype = u"dir"_s;
            s.disk = qint64(rng() % 1000) * kGiB;
            s.maxdisk = 1000 * kGiB;
            s.shared = false;
            out.append(s);
        }
    }
    for (int p = 0; p < kPoolsPerCluster; ++p) {
        ClusterResource pool;
        pool.type = ResourceType::Pool;
        pool.pool = u"pool%1"_s.arg(p);
        pool.id = u"/pool/"_s + *pool.pool;
        out.append(pool);
    }
    for (quint32 vmid = 100; out.size() < count; ++vmid)
        out.append(guest(rng, cluster, vmid));
    return out;
}

QList<ClusterResource> GeneratedResources::refreshed(const QList<ClusterResource> &snapshot, int cluster,
                                                     double fraction, quint32 seed)
{
    std::mt19937 rng(seed);
    QList<ClusterResource> out = snapshot;
    const qsizetype changes = qMax<qsizetype>(1, qsizetype(double(snapshot.size()) * fraction));
    const qsizetype structural = qMax<qsizetype>(1, changes * 3 / 100);
    quint32 nextVmid = 900000 + seed % 1000 * 10;
    const auto pickGuest = [&]() -> qsizetype {
        for (;;) {
            const qsizetype i = qsizetype(rng() % quint32(out.size()));
            if (out[i].vmid)
                return i;
        }
    };
    for (qsizetype i = 0; i < structural; ++i) {
        out.removeAt(pickGuest()); // destroyed
        out.append(guest(rng, cluster, nextVmid++)); // created
        ClusterResource &migrated = out[pickGuest()];
        migrated.node = nodeId(cluster, int(rng() % kNodesPerCluster));
        ClusterResource &retagged = out[pickGuest()];
        retagged.tags = QString::fromLatin1(kTags[rng() % kTags.size()]);
    }
    for (qsizetype i = 4 * structural; i < changes; ++i) {
        ClusterResource &r = out[pickGuest()];
        switch (rng() % 4) {
        case 0: // started or stopped
            if (*r.status == "running"_L1) {
                r.status = u"stopped"_s;
                r.cpu.reset();
                r.mem.reset();
                r.uptime.reset();
            } else {
                r.status = u"running"_s;
                r.cpu = 0.01;
                r.mem = *r.maxmem / 10;
                r.uptime = 1;
            }
            break;
        case 1:
            r.mem = qint64(rng() % 1000) * *r.maxmem / 1000;
            break;
        default:
            r.cpu = double(rng() % 1000) / 1000.0;
            break;
        }
    }
    return out;
}

QList<ClusterResource> GeneratedResources::reparsed(const QList<ClusterResource> &snapshot)
{
    QList<ClusterResource> out;
    out.reserve(snapshot.size());
    for (const ClusterResource &r : snapshot)
        out.append(ClusterResource::fromJson(r.toJson()).value());
    return out;
}

} // namespace atalaia::bench
