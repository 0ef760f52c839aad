#include "GuestService.h"

#include "GuestConfigText.h"
#include "GuestKeys.h"
#include "model/JsonEncoding.h"
#include "config/SectionConfigFile.h"
#include "config/UserConfigFile.h"
#include "cluster/StatusBroadcast.h"
#include "storage/StorageManager.h"
#include "store/ConfigStore.h"
#include "tasks/TaskContext.h"
#include "virt/ContainerRootfs.h"
#include "virt/ContainerSetup.h"
#include "virt/Hypervisor.h"
#include "virt/LxcDomainXml.h"
#include "virt/QemuDomainXml.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QUuid>

#include <cmath>

namespace atalaia::guests {

namespace {

using model::GuestType;

QString typeDir(GuestType type)
{
    return type == GuestType::Qemu ? QStringLiteral("qemu-server") : QStringLiteral("lxc");
}

QString label(GuestType type)
{
    return type == GuestType::Qemu ? QStringLiteral("VM") : QStringLiteral("CT");
}

// Parameters of create that are not config keys.
bool isCreateOnlyParameter(GuestType type, const QString &key)
{
    static const QSet<QString> common{QStringLiteral("vmid"),    QStringLiteral("node"),   QStringLiteral("start"),
                                      QStringLiteral("storage"), QStringLiteral("pool"),   QStringLiteral("force"),
                                      QStringLiteral("unique"),  QStringLiteral("bwlimit"), QStringLiteral("ha-managed")};
    static const QSet<QString> qemu{QStringLiteral("archive"), QStringLiteral("live-restore"),
                                    QStringLiteral("import-working-storage")};
    static const QSet<QString> lxc{QStringLiteral("ostemplate"), QStringLiteral("password"),
                                   QStringLiteral("ssh-public-keys"), QStringLiteral("restore"),
                                   QStringLiteral("ignore-unpack-errors")};
    return common.contains(key) || (type == GuestType::Qemu ? qemu.contains(key) : lxc.contains(key));
}

// A Proxmox MAC for a new NIC: BC:24:11 (Proxmox's prefix) and three random bytes.
QString newMac()
{
    const quint32 r = QRandomGenerator::global()->generate();
    return QStringLiteral("BC:24:11:%1:%2:%3")
        .arg((r >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((r >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(r & 0xff, 2, 16, QLatin1Char('0'))
        .toUpper();
}

// A new NIC as Proxmox stores it, "MODEL=MAC,options", from any form the
// API takes: "virtio,bridge=vmbr0", "model=virtio,macaddr=AA:..,bridge=..",
// "virtio=AA:..,bridge=..". A missing MAC is generated. Without a model the
// value is left as it is (the domain check names the problem).
QString normalizedNic(const QString &value)
{
    static const QSet<QString> kOptions{QStringLiteral("model"),  QStringLiteral("macaddr"), QStringLiteral("bridge"),
                                        QStringLiteral("firewall"), QStringLiteral("link_down"), QStringLiteral("mtu"),
                                        QStringLiteral("queues"), QStringLiteral("rate"),    QStringLiteral("tag"),
                                        QStringLiteral("trunks")};
    QString model, mac;
    QStringList rest;
    const QStringList parts = value.split(u',', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const qsizetype eq = part.indexOf(u'=');
        const QString key = eq < 0 ? part : part.left(eq);
        if (i == 0 && eq < 0) {
            model = part; // the default key: "virtio"
        } else if (key == u"model") {
            model = part.mid(eq + 1);
        } else if (key == u"macaddr") {
            mac = part.mid(eq + 1);
        } else if (i == 0 && !kOptions.contains(key)) {
            model = key; // "virtio=MAC"
            mac = part.mid(eq + 1);
        } else {
            rest.append(part);
        }
    }
    if (model.isEmpty())
        return value;
    if (mac.isEmpty())
        mac = newMac();
    rest.prepend(model + u'=' + mac);
    return rest.join(u',');
}

// The bytes of a new disk of GIB GiB, rounded up to a whole MiB: what
// "size=" says (sizeText) is then the image's exact size, and QEMU gets
// whole sectors ("local:0.3" would otherwise be 322122547 bytes).
qint64 newDiskBytes(double gib)
{
    constexpr qint64 kMiB = qint64(1) << 20;
    const double bytes = gib * double(qint64(1) << 30);
    return (qint64(std::ceil(bytes)) + kMiB - 1) / kMiB * kMiB;
}

// "local:8" (a new disk of 8 GiB on storage local) -> (storage, GiB).
std::optional<std::pair<QString, double>> newDiskRequest(const QString &volume)
{
    static const QRegularExpression kNew(QStringLiteral(R"(^([a-zA-Z][a-zA-Z0-9\-_.]*):(\d+(?:\.\d+)?)$)"));
    const auto m = kNew.match(volume);
    if (!m.hasMatch())
        return std::nullopt;
    return std::pair{m.captured(1), m.captured(2).toDouble()};
}




// Keys Proxmox changes on a running guest at once (no pending change).
bool changesLive(const QString &key)
{
    static const QSet<QString> live{QStringLiteral("name"),  QStringLiteral("description"), QStringLiteral("onboot"),
                                    QStringLiteral("tags"),  QStringLiteral("protection"),  QStringLiteral("startup"),
                                    QStringLiteral("lock"),  QStringLiteral("hostname"),
                                    // read only when a migration starts
                                    QStringLiteral("migrate_speed"), QStringLiteral("migrate_downtime")};
    return live.contains(key);
}

} // namespace

GuestService::GuestService(QString node, store::ConfigStore &store, virt::Hypervisor &hypervisor,
                           storage::StorageManager &storage, Options options)
    : m_node(std::move(node))
    , m_options(options)
    , m_store(store)
    , m_hypervisor(hypervisor)
    , m_storage(storage)
{
}

GuestService::~GuestService() = default;

QString GuestService::configPath(const QString &node, GuestType type, int vmid)
{
    return QStringLiteral("nodes/%1/%2/%3.conf").arg(node, typeDir(type)).arg(vmid);
}

QMutex &GuestService::guestLock(int vmid)
{
    const QMutexLocker lock(&m_locksMutex);
    std::shared_ptr<QMutex> &m = m_locks[vmid];
    if (!m)
        m = std::make_shared<QMutex>();
    return *m;
}

Result<GuestService::Location> GuestService::locate(int vmid) const
{
    const QString suffix = QStringLiteral("/%1.conf").arg(vmid);
    for (const QString &path : m_store.list(QStringLiteral("nodes"))) {
        if (!path.endsWith(suffix))
            continue;
        const QStringList parts = path.split(u'/');
        if (parts.size() != 4)
            continue;
        if (parts.at(2) == u"qemu-server")
            return Location{parts.at(1), GuestType::Qemu, path};
        if (parts.at(2) == u"lxc")
            return Location{parts.at(1), GuestType::Lxc, path};
    }
    return fail(Code::NotFound, QStringLiteral("guest %1 does not exist").arg(vmid));
}

Result<void> GuestService::checkFree(int vmid) const
{
    if (Result<Location> l = locate(vmid))
        return fail(Code::AlreadyExists, QStringLiteral("unable to create %1 %2: config file already exists on node '%3'")
                                             .arg(model::enumName(l->type) == QLatin1String("qemu") ? QStringLiteral("VM")
                                                                                                    : QStringLiteral("CT"))
                                             .arg(vmid)
                                             .arg(l->node));
    return {};
}

Result<int> GuestService::nextFreeId() const
{
    QSet<int> used;
    static const QRegularExpression kConf(QStringLiteral(R"(^nodes/[^/]+/(?:qemu-server|lxc)/(\d+)\.conf$)"));
    for (const QString &path : m_store.list(QStringLiteral("nodes")))
        if (const auto m = kConf.match(path); m.hasMatch())
            used.insert(m.captured(1).toInt());
    for (const model::ClusterResource &g : m_hypervisor.guests())
        if (g.vmid)
            used.insert(int(g.vmid->value()));
    for (int id = 100; id < 1000000; ++id)
        if (!used.contains(id))
            return id;
    return fail(Code::Conflict, QStringLiteral("no free VMID"));
}

Result<QString> GuestService::ownConfigPath(GuestType type, int vmid) const
{
    Result<Location> l = locate(vmid);
    if (!l || l->type != type)
        return fail(Code::NotFound, QStringLiteral("%1 %2 does not exist (no %3)")
                                        .arg(label(type))
                                        .arg(vmid)
                                        .arg(configPath(m_node, type, vmid)));
    if (l->node != m_node)
        return fail(Code::InvalidArgument, QStringLiteral("%1 %2 is on node '%3', not on '%4'")
                                               .arg(label(type))
                                               .arg(vmid)
                                               .arg(l->node, m_node));
    return l->path;
}

Result<GuestService::LoadedConfig> GuestService::loadConfig(GuestType type, int vmid) const
{
    Result<QString> path = ownConfigPath(type, vmid);
    if (!path)
        return std::unexpected(path.error());
    Result<store::StoreEntry> entry = m_store.read(*path);
    if (!entry)
        return std::unexpected(entry.error());
    Result<GuestConfigText> text = GuestConfigText::parse(entry->data, *path, type);
    if (!text)
        return std::unexpected(text.error());
    return LoadedConfig{*path, std::move(*entry), std::move(*text)};
}

Result<GuestService::Config> GuestService::readConfig(GuestType type, int vmid) const
{
    Result<LoadedConfig> loaded = loadConfig(type, vmid);
    if (!loaded)
        return std::unexpected(loaded.error());
    Config c;
    c.values = loaded->text.values();
    c.pending = loaded->text.pendingValues();
    c.pendingDeletes = loaded->text.pendingDeletes();
    c.description = loaded->text.description();
    c.digest = store::ConfigStore::contentDigest(loaded->entry.data);
    return c;
}

namespace {

qint64 memoryBytes(GuestType type, const QMap<QString, QString> &config)
{
    const qint64 mib = config.value(QStringLiteral("memory"), type == GuestType::Qemu ? QStringLiteral("2048")
                                                                                       : QStringLiteral("512"))
                           .section(u',', 0, 0)
                           .remove(QStringLiteral("current="))
                           .toLongLong();
    return mib << 20;
}

int cpuCount(GuestType type, const QMap<QString, QString> &config)
{
    const int cores = config.value(QStringLiteral("cores"), QStringLiteral("1")).toInt();
    if (type == GuestType::Lxc)
        return std::max(1, cores);
    return std::max(1, cores * std::max(1, config.value(QStringLiteral("sockets"), QStringLiteral("1")).toInt()));
}


// The size of the boot disk (VMs) or root disk (CTs): Proxmox's "maxdisk".
qint64 maxDisk(GuestType type, const QMap<QString, QString> &config)
{
    auto sizeOf = [](const QString &value) -> qint64 {
        if (value.contains(QStringLiteral("media=cdrom")))
            return 0;
        for (const QString &part : value.split(u','))
            if (part.startsWith(QStringLiteral("size=")))
                return parseSize(part.mid(5));
        return 0;
    };
    if (type == GuestType::Lxc)
        return sizeOf(config.value(QStringLiteral("rootfs")));
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        if (isQemuDiskKey(it.key()) && !it.key().startsWith(u"unused"))
            if (const qint64 s = sizeOf(it.value()))
                return s;
    return 0;
}

model::ClusterResource resourceFromConfig(const QString &node, GuestType type, int vmid,
                                          const QMap<QString, QString> &config)
{
    model::ClusterResource g;
    g.id = QString(model::enumName(type)) + u'/' + QString::number(vmid);
    g.type = type == GuestType::Qemu ? model::ResourceType::Qemu : model::ResourceType::Lxc;
    g.vmid = model::VmId::fromInt(vmid).value_or(model::VmId());
    g.node = model::NodeId::parse(node).value_or(model::NodeId());
    const QString name = config.value(type == GuestType::Qemu ? QStringLiteral("name") : QStringLiteral("hostname"));
    g.name = name.isEmpty() ? QStringLiteral("%1%2").arg(type == GuestType::Qemu ? u"VM " : u"CT ").arg(vmid) : name;
    g.status = QStringLiteral("stopped");
    g.maxcpu = cpuCount(type, config);
    g.maxmem = memoryBytes(type, config);
    g.maxdisk = maxDisk(type, config);
    g.cpu = 0.0;
    g.mem = 0;
    g.disk = 0;
    g.uptime = 0;
    g.netin = 0;
    g.netout = 0;
    g.diskread = 0;
    g.diskwrite = 0;
    g.isTemplate = config.value(QStringLiteral("template")) == u"1";
    if (config.contains(QStringLiteral("tags")))
        g.tags = config.value(QStringLiteral("tags"));
    if (config.contains(QStringLiteral("lock")))
        g.lock = config.value(QStringLiteral("lock"));
    return g;
}

// Runtime figures from the hypervisor over the config's view.
void overlay(model::ClusterResource &g, const model::ClusterResource &running)
{
    g.status = running.status;
    g.cpu = running.cpu;
    g.mem = running.mem;
    g.uptime = running.uptime;
    g.netin = running.netin;
    g.netout = running.netout;
    g.diskread = running.diskread;
    g.diskwrite = running.diskwrite;
    if (running.maxcpu)
        g.maxcpu = running.maxcpu;
}

} // namespace

void GuestService::forEachConfig(const std::function<bool(const StoredConfig &)> &visit) const
{
    static const QRegularExpression kConf(QStringLiteral(R"(^nodes/([^/]+)/(qemu-server|lxc)/(\d+)\.conf$)"));
    for (const QString &path : m_store.list(QStringLiteral("nodes"))) {
        const auto m = kConf.match(path);
        if (!m.hasMatch())
            continue;
        Result<store::StoreEntry> entry = m_store.read(path);
        if (!entry)
            continue;
        StoredConfig c{m.captured(1), m.captured(2) == u"lxc" ? GuestType::Lxc : GuestType::Qemu,
                       m.captured(3).toInt(), {}};
        if (Result<GuestConfigText> text = GuestConfigText::parse(entry->data, path, c.type))
            c.values = text->values();
        if (!visit(c))
            return;
    }
}

std::optional<QString> GuestService::volumeUser(const QString &volid) const
{
    std::optional<QString> user;
    forEachConfig([&](const StoredConfig &c) {
        for (auto it = c.values.cbegin(); it != c.values.cend() && !user; ++it) {
            const bool volumeKey = c.type == GuestType::Qemu ? isQemuDiskKey(it.key()) : isLxcVolumeKey(it.key());
            if (volumeKey && splitDisk(it.value()).first == volid)
                user = QStringLiteral("%1 %2 (%3)").arg(label(c.type)).arg(c.vmid).arg(it.key());
        }
        return !user;
    });
    return user;
}

QList<model::ClusterResource> GuestService::resources() const
{
    QHash<QString, model::ClusterResource> running;
    for (model::ClusterResource &g : m_hypervisor.guests())
        running.insert(g.id, std::move(g));
    // Other nodes' running guests, as their last status report has them.
    QHash<QString, QHash<QString, model::ClusterResource>> remote;
    QSet<QString> reporting;
    if (const cluster::StatusBroadcast *status = m_remoteStatus.load()) {
        for (cluster::NodeReport &r : status->reports()) {
            reporting.insert(r.node);
            QHash<QString, model::ClusterResource> &guests = remote[r.node];
            for (model::ClusterResource &g : r.guests)
                guests.insert(g.id, std::move(g));
        }
    }
    QList<model::ClusterResource> out;
    forEachConfig([&](const StoredConfig &c) {
        model::ClusterResource g = resourceFromConfig(c.node, c.type, c.vmid, c.values);
        if (c.node == m_node) {
            if (const auto it = running.constFind(g.id); it != running.cend()) {
                overlay(g, *it);
                running.erase(it);
            }
        } else if (reporting.contains(c.node)) {
            // A node that reports is authoritative: not among its running guests = stopped.
            const QHash<QString, model::ClusterResource> &nodeGuests = remote[c.node];
            if (const auto it = nodeGuests.constFind(g.id); it != nodeGuests.cend())
                overlay(g, *it);
        } else {
            // A node that does not report (offline, or no broadcast yet).
            g.status = QStringLiteral("unknown");
        }
        out.append(std::move(g));
        return true;
    });
    // Guests the hypervisor runs without a config here (fixtures of the fake
    // backend, or a guest that lost its config): shown as they are.
    for (auto it = running.cbegin(); it != running.cend(); ++it)
        out.append(*it);
    return out;
}

QJsonArray GuestService::list(GuestType type) const
{
    QJsonArray out;
    const QString typeName = QString(model::enumName(type));
    for (const model::ClusterResource &g : resources()) {
        if (!g.node || g.node->toString() != m_node || QString(model::enumName(g.type)) != typeName)
            continue;
        QJsonObject json = g.toJson();
        // /nodes/{node}/qemu shape: "cpus" for maxcpu, no id/node/type (lxc keeps type).
        json.insert(QStringLiteral("cpus"), json.take(QStringLiteral("maxcpu")));
        json.remove(QStringLiteral("id"));
        json.remove(QStringLiteral("node"));
        if (type == GuestType::Qemu)
            json.remove(QStringLiteral("type"));
        out.append(json);
    }
    return out;
}

Result<QJsonObject> GuestService::currentStatus(GuestType type, int vmid) const
{
    Result<Config> config = readConfig(type, vmid);
    if (!config)
        return std::unexpected(config.error());
    model::ClusterResource g = resourceFromConfig(m_node, type, vmid, config->values);
    if (const auto running = m_hypervisor.guest(type, vmid))
        overlay(g, *running);
    QJsonObject json = g.toJson();
    json.insert(QStringLiteral("cpus"), json.take(QStringLiteral("maxcpu")));
    json.remove(QStringLiteral("id"));
    json.remove(QStringLiteral("node"));
    if (type == GuestType::Qemu) {
        json.remove(QStringLiteral("type"));
        json.insert(QStringLiteral("qmpstatus"), g.status == u"unknown" ? QStringLiteral("stopped") : *g.status);
        json.insert(QStringLiteral("agent"), config->values.value(QStringLiteral("agent")).startsWith(u'1') ? 1 : 0);
    }
    json.insert(QStringLiteral("ha"), QJsonObject{{QStringLiteral("managed"), 0}});
    return json;
}

namespace {

// Volumes allocated during a create, freed again when it fails.
class Allocations
{
public:
    explicit Allocations(storage::StorageManager &storage) : m_storage(storage) {}
    Allocations(const Allocations &) = delete;
    Allocations &operator=(const Allocations &) = delete;
    ~Allocations()
    {
        if (!m_kept)
            for (const QString &volid : std::as_const(m_volumes))
                (void)m_storage.free(volid);
    }
    void add(const QString &volid) { m_volumes.append(volid); }
    void keep() { m_kept = true; }

private:
    storage::StorageManager &m_storage;
    QStringList m_volumes;
    bool m_kept = false;
};


} // namespace

Result<void> GuestService::create(GuestType type, int vmid, const QJsonObject &params, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    if (Result<void> free = checkFree(vmid); !free)
        return free;
    const QString path = configPath(m_node, type, vmid);

    // Reserve the VMID cluster-wide first: a config that must not exist yet.
    GuestConfigText reserved = GuestConfigText::empty(path, type);
    (void)reserved.set(QStringLiteral("lock"), QStringLiteral("create"));
    Result<quint64> reservation = m_store.write(path, reserved.toBytes(), 0);
    if (!reservation) {
        // Another node created it in between: say so as checkFree() does.
        if (Result<void> free = checkFree(vmid); !free)
            return free;
        return std::unexpected(reservation.error());
    }
    auto undoReservation = qScopeGuard([&] { (void)m_store.remove(path); });

    QMap<QString, QString> config;
    for (auto it = params.constBegin(); it != params.constEnd(); ++it)
        if (!isCreateOnlyParameter(type, it.key()))
            config.insert(it.key(), model::json::scalarText(it.value()));

    Allocations allocations(m_storage);
    auto allocate = [&](const QString &key, const QString &storageId, double gib, const QString &format,
                        const QString &content) -> Result<QString> {
        Result<storage::StorageDefinition> def = m_storage.definition(storageId);
        if (!def)
            return std::unexpected(def.error());
        if (!def->holds(content))
            return fail(Code::InvalidArgument,
                        QStringLiteral("%1: storage '%2' does not hold %3 (content: %4)")
                            .arg(key, storageId, content, def->content.join(u',')));
        Result<std::unique_ptr<storage::StorageBackend>> backend = m_storage.backend(storageId);
        if (!backend)
            return std::unexpected(backend.error());
        const qint64 bytes = newDiskBytes(gib);
        task.log(QStringLiteral("%1: allocating a %2 %3 disk on storage '%4'").arg(key, sizeText(bytes), format, storageId));
        Result<QString> volname = (*backend)->allocate(vmid, format, bytes);
        if (!volname)
            return std::unexpected(volname.error());
        const QString volid = storageId + u':' + *volname;
        allocations.add(volid);
        return volid;
    };

    if (type == GuestType::Qemu) {
        for (auto it = config.begin(); it != config.end(); ++it) {
            if (isQemuDiskKey(it.key())) {
                auto [volume, options] = splitDisk(it.value());
                if (const auto request = newDiskRequest(volume)) {
                    QString format = optionValue(options, QStringLiteral("format"));
                    if (format.isEmpty())
                        format = QStringLiteral("raw");
                    options.removeIf([](const QString &o) { return o.startsWith(QStringLiteral("format=")); });
                    Result<QString> volid = allocate(it.key(), request->first, request->second, format, QStringLiteral("images"));
                    if (!volid)
                        return std::unexpected(volid.error());
                    options.append(QStringLiteral("size=") + sizeText(newDiskBytes(request->second)));
                    it.value() = *volid + (options.isEmpty() ? QString() : u',' + options.join(u','));
                } else if (volume != u"none" && volume != u"cdrom") {
                    if (Result<virt::VolumeSource> s = m_storage.resolve(volume); !s)
                        return fail(s.error().code, QStringLiteral("%1: %2").arg(it.key(), s.error().message));
                }
            } else if (it.key().startsWith(u"net")) {
                it.value() = normalizedNic(it.value());
            }
        }
        if (!config.contains(QStringLiteral("smbios1")))
            config.insert(QStringLiteral("smbios1"), QStringLiteral("uuid=") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (Result<virt::QemuDomain> domain = virt::qemuDomainXml(vmid, config, m_storage, {m_hypervisor.hasKvm()}); !domain)
            return std::unexpected(domain.error());
    } else {
        const QString ostemplate = params.value(QLatin1String("ostemplate")).toString();
        Result<QString> templatePath = m_storage.localPath(ostemplate);
        if (!templatePath)
            return fail(templatePath.error().code, QStringLiteral("ostemplate: %1").arg(templatePath.error().message));
        if (!QFileInfo::exists(*templatePath))
            return fail(Code::NotFound, QStringLiteral("ostemplate: '%1' does not exist (%2)").arg(ostemplate, *templatePath));
        if (!config.contains(QStringLiteral("arch")))
            config.insert(QStringLiteral("arch"), QStringLiteral("amd64"));
        if (!config.contains(QStringLiteral("ostype"))) {
            const QString name = QFileInfo(*templatePath).fileName();
            for (const char *os : {"debian", "ubuntu", "alpine", "centos", "fedora", "archlinux", "devuan"})
                if (name.startsWith(QLatin1String(os)))
                    config.insert(QStringLiteral("ostype"), QLatin1String(os));
        }
        for (auto it = config.begin(); it != config.end(); ++it)
            if (it.key().startsWith(u"net") && !it.value().contains(QStringLiteral("hwaddr=")))
                it.value() += QStringLiteral(",hwaddr=") + newMac();
        const QString rootfs = config.value(QStringLiteral("rootfs"), QStringLiteral("local:8"));
        auto [volume, options] = splitDisk(rootfs);
        const auto request = newDiskRequest(volume);
        if (!request)
            return fail(Code::InvalidArgument,
                        QStringLiteral("rootfs: give a new volume as STORAGE:SIZE_IN_GiB (for example local:8), not '%1'").arg(volume));
        // Unprivileged containers get a directory (see DirStorage::allocate).
        const bool unprivileged = config.value(QStringLiteral("unprivileged")) == u"1";
        Result<QString> volid = allocate(QStringLiteral("rootfs"), request->first, request->second,
                                         unprivileged ? QStringLiteral("subvol") : QStringLiteral("raw"),
                                         QStringLiteral("rootdir"));
        if (!volid)
            return std::unexpected(volid.error());
        const qint64 bytes = newDiskBytes(request->second);
        options.append(QStringLiteral("size=") + sizeText(bytes));
        config.insert(QStringLiteral("rootfs"), *volid + u',' + options.join(u','));
        Result<virt::VolumeSource> target = m_storage.resolve(*volid);
        if (!target)
            return std::unexpected(target.error());
        Result<virt::ContainerSetup> setup = virt::ContainerSetup::fromConfig(config);
        if (!setup)
            return std::unexpected(setup.error());
        virt::ContainerRootfsRequest rootfsRequest;
        rootfsRequest.templatePath = *templatePath;
        rootfsRequest.target = *target;
        rootfsRequest.sizeBytes = bytes;
        rootfsRequest.unprivileged = config.value(QStringLiteral("unprivileged")) == u"1";
        rootfsRequest.rootPassword = params.value(QLatin1String("password")).toString().toUtf8();
        rootfsRequest.sshPublicKeys = params.value(QLatin1String("ssh-public-keys")).toString().split(u'\n', Qt::SkipEmptyParts);
        if (!m_options.containerRootfs) {
            task.log(QStringLiteral("(fake backend: the root file system is left empty)"));
        } else {
        // createContainerRootfs makes the image itself: only the name was needed.
        if (target->kind == virt::VolumeSource::Kind::File)
            QFile::remove(target->path);
        task.log(QStringLiteral("extracting archive '%1'").arg(*templatePath));
        virt::TaskHooks hooks;
        hooks.progress = [&task](int percent, const QString &step) {
            task.setProgress(percent / 100.0 * 0.9);
            if (!step.isEmpty())
                task.log(step);
        };
        hooks.cancelled = [&task] { return task.isCancelled(); };
        if (Result<void> made = virt::createContainerRootfs(rootfsRequest, *setup, hooks); !made)
            return made;
        }
        if (Result<virt::LxcDomain> domain = virt::lxcDomainXml(vmid, config, m_storage); !domain)
            return std::unexpected(domain.error());
    }

    GuestConfigText text = GuestConfigText::empty(path, type);
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        if (Result<void> ok = text.set(it.key(), it.value()); !ok)
            return ok;
    Result<quint64> written = m_store.write(path, text.toBytes(), *reservation);
    if (!written)
        return std::unexpected(written.error());
    undoReservation.dismiss();
    allocations.keep();
    task.log(QStringLiteral("%1 %2 created on node '%3'").arg(label(type)).arg(vmid).arg(m_node));
    if (params.value(QLatin1String("start")).toBool() || params.value(QLatin1String("start")).toInt() == 1) {
        task.setProgress(0.95);
        return startLocked(type, vmid, task);
    }
    return {};
}

Result<void> GuestService::applyPending(GuestType type, int vmid)
{
    Result<LoadedConfig> loaded = loadConfig(type, vmid);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (loaded->text.pendingValues().isEmpty() && loaded->text.pendingDeletes().isEmpty())
        return {};
    if (Result<void> ok = loaded->text.applyPending(); !ok)
        return ok;
    return m_store.write(loaded->path, loaded->text.toBytes(), loaded->entry.version).transform([](quint64) {});
}

Result<void> GuestService::start(GuestType type, int vmid, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    return startLocked(type, vmid, task);
}

Result<void> GuestService::startLocked(GuestType type, int vmid, tasks::TaskContext &task)
{
    if (Result<void> ok = m_hypervisor.supports(type); !ok)
        return ok;
    if (const auto running = m_hypervisor.guest(type, vmid); running && running->status != u"stopped")
        return fail(Code::GuestRunning, QStringLiteral("%1 %2 already running").arg(label(type)).arg(vmid));
    // Pending changes take effect at start, as in Proxmox.
    if (Result<void> ok = applyPending(type, vmid); !ok)
        return ok;
    Result<Config> config = readConfig(type, vmid);
    if (!config)
        return std::unexpected(config.error());
    if (const QString lock = config->values.value(QStringLiteral("lock")); !lock.isEmpty())
        return fail(Code::Conflict, QStringLiteral("%1 %2 is locked (%3)").arg(label(type)).arg(vmid).arg(lock));
    QByteArray xml;
    if (type == GuestType::Qemu) {
        Result<virt::QemuDomain> domain = virt::qemuDomainXml(vmid, config->values, m_storage, {m_hypervisor.hasKvm()});
        if (!domain)
            return std::unexpected(domain.error());
        if (!domain->ignoredKeys.isEmpty())
            task.log(QStringLiteral("settings without effect here: %1").arg(domain->ignoredKeys.join(QStringLiteral(", "))));
        xml = domain->xml;
    } else {
        Result<virt::LxcDomain> domain = virt::lxcDomainXml(vmid, config->values, m_storage);
        if (!domain)
            return std::unexpected(domain.error());
        auto [volume, options] = splitDisk(config->values.value(QStringLiteral("rootfs")));
        Result<virt::VolumeSource> rootfs = m_storage.resolve(volume);
        if (!rootfs)
            return fail(rootfs.error().code, QStringLiteral("rootfs: %1").arg(rootfs.error().message));
        Result<virt::ContainerSetup> setup = virt::ContainerSetup::fromConfig(config->values);
        if (!setup)
            return std::unexpected(setup.error());
        virt::TaskHooks hooks;
        hooks.cancelled = [&task] { return task.isCancelled(); };
        if (m_options.containerRootfs) {
            if (Result<void> ok = virt::setupContainerRootfs(
                    *rootfs, config->values.value(QStringLiteral("unprivileged")) == u"1", *setup, hooks);
                !ok)
                return ok;
        }
        if (!domain->ignoredKeys.isEmpty())
            task.log(QStringLiteral("settings without effect here: %1").arg(domain->ignoredKeys.join(QStringLiteral(", "))));
        xml = domain->xml;
    }
    task.log(QStringLiteral("starting %1 %2").arg(label(type)).arg(vmid));
    if (Result<void> ok = m_hypervisor.start(type, vmid, xml); !ok)
        return ok;
    return {};
}

Result<void> GuestService::stop(GuestType type, int vmid, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    if (Result<QString> path = ownConfigPath(type, vmid); !path && !m_hypervisor.guest(type, vmid))
        return std::unexpected(path.error());
    task.log(QStringLiteral("stopping %1 %2").arg(label(type)).arg(vmid));
    return m_hypervisor.stop(type, vmid);
}

Result<void> GuestService::waitUntilStopped(GuestType type, int vmid, int timeoutSeconds, tasks::TaskContext &task)
{
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + qint64(timeoutSeconds) * 1000;
    for (;;) { // looked at once at least, even with no time left
        const auto g = m_hypervisor.guest(type, vmid);
        if (!g || g->status == u"stopped")
            return {};
        if (QDateTime::currentMSecsSinceEpoch() >= deadline)
            break;
        if (task.waitForCancel(250))
            return tasks::TaskContext::interrupted();
    }
    return fail(Code::GuestRunning, QStringLiteral("%1 %2 did not power off within %3 s").arg(label(type)).arg(vmid).arg(timeoutSeconds));
}

Result<void> GuestService::shutdown(GuestType type, int vmid, int timeoutSeconds, bool forceStop, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    if (Result<QString> path = ownConfigPath(type, vmid); !path && !m_hypervisor.guest(type, vmid))
        return std::unexpected(path.error());
    task.log(QStringLiteral("requesting shutdown of %1 %2 (waiting up to %3 s)").arg(label(type)).arg(vmid).arg(timeoutSeconds));
    if (Result<void> ok = m_hypervisor.shutdown(type, vmid); !ok)
        return ok;
    Result<void> stopped = waitUntilStopped(type, vmid, timeoutSeconds, task);
    if (stopped || !forceStop || stopped.error().code != Code::GuestRunning)
        return stopped;
    task.warn(stopped.error().message + QStringLiteral(": stopping it"));
    return m_hypervisor.stop(type, vmid);
}

Result<void> GuestService::reboot(GuestType type, int vmid, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    task.log(QStringLiteral("rebooting %1 %2").arg(label(type)).arg(vmid));
    return m_hypervisor.reboot(type, vmid);
}

Result<void> GuestService::suspend(GuestType type, int vmid, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    task.log(QStringLiteral("suspending %1 %2").arg(label(type)).arg(vmid));
    return m_hypervisor.suspend(type, vmid);
}

Result<void> GuestService::resume(GuestType type, int vmid, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    task.log(QStringLiteral("resuming %1 %2").arg(label(type)).arg(vmid));
    return m_hypervisor.resume(type, vmid);
}

Result<void> GuestService::destroy(GuestType type, int vmid, bool purge, tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    Result<LoadedConfig> loaded = loadConfig(type, vmid);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (const auto running = m_hypervisor.guest(type, vmid); running && running->status != u"stopped")
        return fail(Code::GuestRunning, QStringLiteral("%1 %2 is running - destroy failed").arg(label(type)).arg(vmid));
    if (const QString lock = loaded->text.values().value(QStringLiteral("lock")); !lock.isEmpty() && lock != u"create")
        return fail(Code::Conflict, QStringLiteral("%1 %2 is locked (%3)").arg(label(type)).arg(vmid).arg(lock));
    // The config goes first (then nobody can start it), then its volumes.
    if (Result<void> removed = m_store.remove(loaded->path, loaded->entry.version); !removed)
        return removed;
    QMap<QString, QString> values = loaded->text.valuesWithPending();
    const QMap<QString, QString> current = loaded->text.values();
    for (auto it = current.cbegin(); it != current.cend(); ++it)
        values.insert(it.key(), it.value());
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const bool volumeKey = type == GuestType::Qemu ? isQemuDiskKey(it.key()) : isLxcVolumeKey(it.key());
        if (!volumeKey || it.value().contains(QStringLiteral("media=cdrom")))
            continue;
        const QString volume = splitDisk(it.value()).first;
        Result<std::pair<QString, QString>> parts = storage::StorageManager::splitVolumeId(volume);
        // Only volumes this guest owns (Proxmox's "VMID/..." names).
        if (!parts || !parts->second.startsWith(QString::number(vmid) + u'/'))
            continue;
        task.log(QStringLiteral("removing volume '%1'").arg(volume));
        if (Result<void> freed = m_storage.free(volume); !freed)
            task.warn(QStringLiteral("could not remove volume '%1': %2").arg(volume, freed.error().message));
    }
    if (purge)
        purgeReferences(type, vmid, task);
    task.log(QStringLiteral("%1 %2 destroyed").arg(label(type)).arg(vmid));
    return {};
}

void GuestService::purgeReferences(GuestType type, int vmid, tasks::TaskContext &task)
{
    // Its ACL entries (user.cfg), as Proxmox's purge removes them.
    const QString aclPath = QStringLiteral("/vms/%1").arg(vmid);
    for (int attempt = 0; attempt < 3; ++attempt) {
        Result<store::StoreEntry> users = m_store.read(QStringLiteral("user.cfg"));
        if (!users)
            break;
        config::UserConfigFile file = config::UserConfigFile::parse(users->data, QStringLiteral("user.cfg"));
        QStringList ugids;
        for (const config::UserConfigFile::Acl &acl : file.acls())
            if (acl.path.string() == aclPath)
                for (const QString &ugid : acl.ugids.string().split(u',', Qt::SkipEmptyParts))
                    ugids.append(ugid);
        if (ugids.isEmpty())
            break;
        for (const QString &ugid : std::as_const(ugids))
            (void)file.removeAcl(aclPath, ugid);
        Result<quint64> written = m_store.write(QStringLiteral("user.cfg"), file.toBytes(), users->version);
        if (written) {
            task.log(QStringLiteral("removed the permissions on %1").arg(aclPath));
            break;
        }
        if (written.error().code != Code::StoreConflict) {
            task.warn(QStringLiteral("could not remove the permissions on %1: %2").arg(aclPath, written.error().message));
            break;
        }
    }
    // Its HA resource (ha/resources.cfg: "vm: 100" / "ct: 100").
    const QByteArray haType = type == GuestType::Qemu ? "vm" : "ct";
    Result<store::StoreEntry> ha = m_store.read(QStringLiteral("ha/resources.cfg"));
    if (ha) {
        config::SectionConfigFile file = config::SectionConfigFile::parse(ha->data, QStringLiteral("ha/resources.cfg"));
        if (file.removeSection(haType, QByteArray::number(vmid))) {
            if (Result<quint64> w = m_store.write(QStringLiteral("ha/resources.cfg"), file.toBytes(), ha->version); w)
                task.log(QStringLiteral("removed HA resource %1:%2").arg(QString::fromLatin1(haType)).arg(vmid));
            else
                task.warn(QStringLiteral("could not remove HA resource %1:%2: %3")
                              .arg(QString::fromLatin1(haType))
                              .arg(vmid)
                              .arg(w.error().message));
        }
    }
}

Result<void> GuestService::updateConfig(GuestType type, int vmid, const ConfigUpdate &update)
{
    QMutexLocker guard(&guestLock(vmid));
    Result<LoadedConfig> loaded = loadConfig(type, vmid);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (!update.digest.isEmpty() && update.digest != store::ConfigStore::contentDigest(loaded->entry.data))
        return fail(Code::StoreConflict,
                    QStringLiteral("detected modified configuration - file changed by other user? Try again."));
    if (const QString lock = loaded->text.values().value(QStringLiteral("lock")); !lock.isEmpty())
        return fail(Code::Conflict, QStringLiteral("%1 %2 is locked (%3)").arg(label(type)).arg(vmid).arg(lock));
    const auto running = m_hypervisor.guest(type, vmid);
    const bool live = running && running->status != u"stopped";
    for (const QString &key : update.revert)
        loaded->text.revertPending(key);
    // As qemu-server does: a stopped guest takes what is still pending now,
    // before this change, so a pending value left from when it ran cannot
    // override this change at the next start.
    if (!live)
        if (Result<void> ok = loaded->text.applyPending(); !ok)
            return ok;
    for (const QString &key : update.remove) {
        const bool pending = live && !changesLive(key);
        if (!pending)
            loaded->text.revertPending(key);
        Result<void> ok = pending ? loaded->text.deletePending(key) : loaded->text.remove(key);
        if (!ok)
            return ok;
    }
    for (auto it = update.set.cbegin(); it != update.set.cend(); ++it) {
        if (it.key() == u"lock")
            return fail(Code::InvalidArgument, QStringLiteral("'lock' is set by the actions themselves"));
        const bool pending = live && !changesLive(it.key());
        if (!pending)
            loaded->text.revertPending(it.key()); // applied now: an older pending value must not win at start
        Result<void> ok = pending ? loaded->text.setPending(it.key(), it.value()) : loaded->text.set(it.key(), it.value());
        if (!ok)
            return ok;
    }
    // The result must still make a guest this node can start.
    const QMap<QString, QString> next = loaded->text.valuesWithPending();
    if (type == GuestType::Qemu) {
        if (Result<virt::QemuDomain> d = virt::qemuDomainXml(vmid, next, m_storage, {m_hypervisor.hasKvm()}); !d)
            return std::unexpected(d.error());
    } else if (Result<virt::LxcDomain> d = virt::lxcDomainXml(vmid, next, m_storage); !d) {
        return std::unexpected(d.error());
    }
    return m_store.write(loaded->path, loaded->text.toBytes(), loaded->entry.version).transform([](quint64) {});
}

} // namespace atalaia::guests
