#include "ResourceSnapshot.h"

#include <QJsonDocument>

#include <bit>
#include <cstring>

namespace atalaia::ui {

using model::ClusterResource;

namespace {

constexpr quint64 kSeed = 0x51ed270b27aef0c3ull;

quint64 finalMix(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// A hash of a string's UTF-16 bytes, eight at a time. Not qHash(): for the
// short strings of a resource (ids, names, statuses) its call and dispatch
// cost more than the hashing, and this runs for every string of every
// resource of every refresh. Change detection needs no protection against
// crafted collisions.
quint64 hashText(QStringView text)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.utf16());
    std::size_t length = std::size_t(text.size()) * 2;
    quint64 h = kSeed ^ (quint64(length) * 0x9e3779b97f4a7c15ull);
    while (length >= 8) {
        quint64 chunk;
        std::memcpy(&chunk, bytes, 8);
        h = (h ^ finalMix(chunk)) * 0x9e3779b97f4a7c15ull;
        bytes += 8;
        length -= 8;
    }
    if (length > 0) {
        quint64 chunk = 0;
        std::memcpy(&chunk, bytes, length);
        h = (h ^ finalMix(chunk ^ 0xff)) * 0x9e3779b97f4a7c15ull;
    }
    return finalMix(h);
}

// splitmix64-style mixing of one value into a running hash.
struct Mixer {
    quint64 h = 0x9e3779b97f4a7c15ull;

    void mix(quint64 v)
    {
        h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    void text(const std::optional<QString> &s) { mix(s ? hashText(*s) + 1 : 0); }
    void number(const std::optional<qint64> &n) { mix(n ? quint64(*n) ^ 0xa5a5a5a5a5a5a5a5ull : 1); }
    void number(const std::optional<double> &n) { mix(n ? std::bit_cast<quint64>(*n) ^ 0x5a5a5a5a5a5a5a5aull : 1); }
    void flag(const std::optional<bool> &b) { mix(b ? (*b ? 3 : 2) : 1); }
};

} // namespace

ResourceSnapshot::ResourceSnapshot(QList<ClusterResource> resources) : m_resources(std::move(resources))
{
    m_fingerprints.reserve(m_resources.size());
    m_idHashes.reserve(m_resources.size());
    for (const ClusterResource &r : std::as_const(m_resources)) {
        m_fingerprints.append(fingerprintOf(r));
        m_idHashes.append(idHashOf(r.id));
    }
}

void ResourceSnapshot::reserve(qsizetype size)
{
    m_resources.reserve(size);
    m_fingerprints.reserve(size);
    m_idHashes.reserve(size);
}

void ResourceSnapshot::append(ClusterResource resource)
{
    m_fingerprints.append(fingerprintOf(resource));
    m_idHashes.append(idHashOf(resource.id));
    m_resources.append(std::move(resource));
}

quint64 ResourceSnapshot::idHashOf(const QString &id)
{
    return hashText(id);
}

quint64 ResourceSnapshot::fingerprintOf(const ClusterResource &r)
{
    Mixer m;
    m.mix(idHashOf(r.id));
    m.mix(quint64(r.type));
    m.text(r.status);
    m.mix(r.node ? hashText(r.node->toString()) + 1 : 0);
    m.mix(r.vmid ? r.vmid->value() + 1ull : 0);
    m.text(r.name);
    m.number(r.cpu);
    m.number(r.maxcpu);
    m.number(r.mem);
    m.number(r.maxmem);
    m.number(r.memhost);
    m.number(r.disk);
    m.number(r.maxdisk);
    m.number(r.uptime);
    m.number(r.netin);
    m.number(r.netout);
    m.number(r.diskread);
    m.number(r.diskwrite);
    m.flag(r.isTemplate);
    m.text(r.hastate);
    m.text(r.pool);
    m.text(r.tags);
    m.text(r.lock);
    m.text(r.storage);
    m.text(r.plugintype);
    if (r.content) {
        m.mix(quint64(r.content->size()) + 1);
        for (const QString &item : *r.content)
            m.mix(hashText(item));
    } else {
        m.mix(0);
    }
    m.flag(r.shared);
    m.text(r.level);
    m.number(r.cgroupMode);
    m.text(r.sdn);
    m.text(r.zoneType);
    m.text(r.network);
    m.text(r.networkType);
    m.text(r.protocol);
    // Unknown fields are rare; their slow path does not matter.
    m.mix(r.extra.isEmpty() ? 0 : qHash(QJsonDocument(r.extra).toJson(QJsonDocument::Compact), kSeed));
    return m.h;
}

} // namespace atalaia::ui
