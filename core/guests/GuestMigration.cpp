// Guest migration between nodes (GuestService::migrate and its preflight),
// Proxmox's qm migrate / pct migrate: a running VM goes live, peer to peer
// between the two nodes' hypervisors; a stopped guest moves by its config.
// Disks stay where they are, so every volume must be on a shared storage.

#include "GuestConfigText.h"
#include "GuestKeys.h"
#include "GuestService.h"
#include "cluster/Membership.h"
#include "cluster/StatusBroadcast.h"
#include "config/KeyValueFile.h"
#include "schema/PropertyString.h"
#include "storage/StorageManager.h"
#include "store/ConfigStore.h"
#include "tasks/TaskContext.h"
#include "virt/Hypervisor.h"
#include "virt/QemuDomainXml.h"

#include <QDateTime>
#include <QHostAddress>
#include <QRegularExpression>

namespace atalaia::guests {

namespace {

using model::GuestType;

QString label(GuestType type)
{
    return type == GuestType::Qemu ? QStringLiteral("VM") : QStringLiteral("CT");
}

// Proxmox's render_bytes: "104.5 MiB".
QString bytesText(qint64 bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(bytes) : QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

// Why NODE, as its last status report describes it, cannot take the guest
// (empty: it can): a bridge of the guest's NICs missing there, a CPU it
// cannot give, too little free memory for a guest that is running.
QString targetShortcoming(GuestType type, const QMap<QString, QString> &config, bool running, bool kvmHere,
                          const cluster::NodeReport &target)
{
    static const QRegularExpression kNic(QStringLiteral("^net\\d+$"));
    if (!target.bridges.isEmpty()) {
        for (auto it = config.cbegin(); it != config.cend(); ++it) {
            if (!kNic.match(it.key()).hasMatch())
                continue;
            for (const schema::PropertyStringItem &item : schema::parsePropertyString(it.value()).items)
                if (item.key == u"bridge" && !target.bridges.contains(item.value))
                    return QStringLiteral("%1: bridge '%2' does not exist on node '%3'").arg(it.key(), item.value, target.node);
        }
    }
    if (type == GuestType::Qemu) {
        const virt::QemuCpu cpu = virt::qemuCpu(config, kvmHere);
        if (running && cpu.passthrough && !target.kvm)
            return QStringLiteral("CPU type 'host' runs on this node's own CPU (KVM), and node '%1' has no KVM")
                .arg(target.node);
        if (!cpu.passthrough && !target.cpuModels.isEmpty() && !target.cpuModels.contains(cpu.model))
            return QStringLiteral("CPU model '%1' is not available on node '%2'").arg(cpu.model, target.node);
    }
    if (running && target.status.memTotal > 0) {
        const qint64 needMiB = config.value(QStringLiteral("memory"), QStringLiteral("512")).toLongLong();
        const qint64 freeMiB = (target.status.memTotal - target.status.memUsed) / (1024 * 1024);
        if (needMiB > freeMiB)
            return QStringLiteral("not enough memory on node '%1': the guest needs %2 MiB, %3 MiB are free")
                .arg(target.node)
                .arg(needMiB)
                .arg(freeMiB);
    }
    return {};
}

// datacenter.cfg's migration settings: "migration: [type=]secure|insecure,network=CIDR"
// and "bwlimit: migration=KiB/s" (Proxmox's cluster-wide defaults).
struct DatacenterMigration {
    QString network;
    qint64 bwlimitKiBps = 0;
};

DatacenterMigration datacenterMigration(const store::ConfigStore &store)
{
    DatacenterMigration out;
    Result<store::StoreEntry> entry = store.read(QStringLiteral("datacenter.cfg"));
    if (!entry)
        return out;
    const config::KeyValueFile file = config::KeyValueFile::parse(entry->data, QStringLiteral("datacenter.cfg"));
    auto property = [&file](QByteArrayView key, const QString &name) {
        const config::KeyValueEntry *e = file.find(key);
        if (!e)
            return QString();
        const QString value = e->valueString();
        for (const schema::PropertyStringItem &item : schema::parsePropertyString(value).items)
            if (item.key == name)
                return item.value;
        return QString();
    };
    out.network = property("migration", QStringLiteral("network"));
    out.bwlimitKiBps = property("bwlimit", QStringLiteral("migration")).toLongLong();
    return out;
}

} // namespace

GuestService::MigrationCheck GuestService::checkMigration(GuestType type, int vmid,
                                                          const QMap<QString, QString> &config) const
{
    MigrationCheck check;
    const auto runtime = m_hypervisor.guest(type, vmid);
    check.running = runtime && runtime->status != u"stopped";
    if (const QString lock = config.value(QStringLiteral("lock")); !lock.isEmpty())
        check.reasons.append(QStringLiteral("%1 %2 is locked (%3)").arg(label(type)).arg(vmid).arg(lock));
    if (!m_store.isWritable())
        check.reasons.append(QStringLiteral("the configuration is read-only here: %1").arg(m_store.readOnlyReason()));

    // Volumes: shared storages stay put; anything local would have to be copied.
    for (auto it = config.cbegin(); it != config.cend(); ++it) {
        const bool volumeKey = type == GuestType::Qemu ? isQemuDiskKey(it.key()) : isLxcVolumeKey(it.key());
        if (!volumeKey)
            continue;
        const auto [volume, options] = splitDisk(it.value());
        const bool cdrom = options.contains(QStringLiteral("media=cdrom"));
        if (volume == u"none" || volume == u"cdrom")
            continue;
        Result<std::pair<QString, QString>> parts = storage::StorageManager::splitVolumeId(volume);
        if (!parts) {
            // A path or device: local by nature.
            check.reasons.append(QStringLiteral("%1: '%2' is a local path").arg(it.key(), volume));
            continue;
        }
        Result<storage::StorageDefinition> def = m_storage.definition(parts->first);
        if (!def) {
            check.reasons.append(QStringLiteral("%1: %2").arg(it.key(), def.error().message));
            continue;
        }
        if (def->shared)
            continue;
        check.localDisks.append(QJsonObject{{QStringLiteral("volid"), volume},
                                            {QStringLiteral("cdrom"), cdrom},
                                            {QStringLiteral("is_unused"), it.key().startsWith(u"unused")}});
        check.reasons.append(cdrom ? QStringLiteral("%1: can't migrate local cdrom '%2' (put the ISO on a shared storage, "
                                                    "or eject it)")
                                         .arg(it.key(), volume)
                                   : QStringLiteral("%1: local disk '%2' on storage '%3' (not shared; storage "
                                                    "migration is not supported yet)")
                                         .arg(it.key(), volume, parts->first));
    }

    // Targets: every other online node that can see every shared storage used.
    const cluster::ClusterView view = m_options.membership ? m_options.membership->view() : cluster::ClusterView{};
    if (!view.quorate)
        check.reasons.append(QStringLiteral("the cluster is not quorate"));
    for (const cluster::MemberNode &n : view.nodes) {
        if (n.local || n.name == m_node)
            continue;
        if (!n.online) {
            check.notAllowed.insert(n.name, QStringLiteral("node '%1' is offline").arg(n.name));
            continue;
        }
        QString unavailable;
        for (auto it = config.cbegin(); it != config.cend() && unavailable.isEmpty(); ++it) {
            const bool volumeKey = type == GuestType::Qemu ? isQemuDiskKey(it.key()) : isLxcVolumeKey(it.key());
            if (!volumeKey)
                continue;
            Result<std::pair<QString, QString>> parts = storage::StorageManager::splitVolumeId(splitDisk(it.value()).first);
            if (!parts)
                continue;
            Result<storage::StorageDefinition> def = m_storage.definition(parts->first);
            if (def && !def->availableOn(n.name))
                unavailable = QStringLiteral("storage '%1' is not available on node '%2'").arg(parts->first, n.name);
        }
        if (unavailable.isEmpty()) {
            const cluster::StatusBroadcast *status = m_remoteStatus.load();
            if (const auto report = status ? status->report(n.name) : std::nullopt)
                unavailable = targetShortcoming(type, config, check.running, m_hypervisor.hasKvm(), *report);
        }
        if (!unavailable.isEmpty())
            check.notAllowed.insert(n.name, unavailable);
        else
            check.allowed.append(n.name);
    }
    return check;
}

Result<QJsonObject> GuestService::migrationPreflight(GuestType type, int vmid, const QString &target) const
{
    Result<Config> config = readConfig(type, vmid);
    if (!config)
        return std::unexpected(config.error());
    const MigrationCheck check = checkMigration(type, vmid, config->values);
    QJsonObject notAllowed;
    for (auto it = check.notAllowed.cbegin(); it != check.notAllowed.cend(); ++it)
        notAllowed.insert(it.key(), QJsonObject{{QStringLiteral("reason"), it.value()}});
    QJsonArray allowed;
    for (const QString &n : check.allowed) {
        if (!check.reasons.isEmpty()) {
            notAllowed.insert(n, QJsonObject{{QStringLiteral("reason"), check.reasons.join(QStringLiteral("; "))}});
            continue;
        }
        allowed.append(n);
    }
    QJsonObject out{{QStringLiteral("running"), check.running ? 1 : 0},
                    {QStringLiteral("allowed_nodes"), allowed},
                    {QStringLiteral("not_allowed_nodes"), notAllowed},
                    {QStringLiteral("local_disks"), check.localDisks},
                    {QStringLiteral("local_resources"), QJsonArray()}};
    if (!target.isEmpty() && !check.allowed.contains(target) && !check.notAllowed.contains(target))
        out.insert(QStringLiteral("target_unknown"), QStringLiteral("no node '%1' in the cluster").arg(target));
    return out;
}

QString GuestService::migrationAddress(const QString &target, const QString &network) const
{
    if (!m_options.membership)
        return {};
    const cluster::ClusterView view = m_options.membership->view();
    const cluster::MemberNode *node = view.node(target);
    if (!node)
        return {};
    if (!network.isEmpty()) {
        const auto subnet = QHostAddress::parseSubnet(network);
        for (const cluster::LinkStatus &link : node->links)
            if (QHostAddress(link.address).isInSubnet(subnet))
                return link.address;
    }
    return node->address;
}

Result<void> GuestService::shutdownForRestart(int vmid, int timeoutSeconds, tasks::TaskContext &task)
{
    task.log(QStringLiteral("shutdown CT %1 (waiting up to %2 s)").arg(vmid).arg(timeoutSeconds));
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + qint64(timeoutSeconds) * 1000;
    // A container that has just started may not take a shutdown request yet
    // (libvirt: "Init process ID is not yet known"): asked again until it does.
    Result<void> asked = m_hypervisor.shutdown(GuestType::Lxc, vmid);
    while (!asked && QDateTime::currentMSecsSinceEpoch() < deadline) {
        if (task.waitForCancel(500))
            return tasks::TaskContext::interrupted();
        asked = m_hypervisor.shutdown(GuestType::Lxc, vmid);
    }
    const qint64 leftMs = std::max<qint64>(0, deadline - QDateTime::currentMSecsSinceEpoch());
    Result<void> stopped = asked ? waitUntilStopped(GuestType::Lxc, vmid, int((leftMs + 999) / 1000), task)
                                 : fail(Code::GuestRunning, QStringLiteral("CT %1 did not take the shutdown request (%2)")
                                                                .arg(vmid)
                                                                .arg(asked.error().message));
    if (!stopped && stopped.error().code == Code::GuestRunning) {
        // As Proxmox does after the timeout: the move goes on.
        task.warn(stopped.error().message + QStringLiteral(": stopping it"));
        stopped = m_hypervisor.stop(GuestType::Lxc, vmid);
    }
    if (stopped)
        task.log(QStringLiteral("CT %1 is stopped").arg(vmid));
    return stopped;
}

Result<void> GuestService::migrate(GuestType type, int vmid, const MigrationRequest &request,
                                   const std::function<void(const virt::MigrationProgress &)> &progress,
                                   tasks::TaskContext &task)
{
    QMutexLocker guard(&guestLock(vmid));
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    Result<LoadedConfig> loaded = loadConfig(type, vmid);
    if (!loaded)
        return std::unexpected(loaded.error());
    if (request.target == m_node)
        return fail(Code::MigrationFailed, QStringLiteral("target is local node."));
    const QMap<QString, QString> config = loaded->text.values();
    const MigrationCheck check = checkMigration(type, vmid, config);
    if (!check.reasons.isEmpty())
        return fail(Code::MigrationFailed, QStringLiteral("can't migrate %1 %2: %3")
                                               .arg(label(type))
                                               .arg(vmid)
                                               .arg(check.reasons.join(QStringLiteral("; "))));
    if (const auto it = check.notAllowed.constFind(request.target); it != check.notAllowed.cend())
        return fail(Code::MigrationFailed, QStringLiteral("can't migrate %1 %2 to '%3': %4")
                                               .arg(label(type))
                                               .arg(vmid)
                                               .arg(request.target, *it));
    if (!check.allowed.contains(request.target))
        return fail(Code::MigrationFailed, QStringLiteral("no such cluster node '%1'").arg(request.target));
    // A running container moves in restart mode (Proxmox has no live
    // migration of containers either); a running VM moves live.
    const bool restart = check.running && type == GuestType::Lxc;
    const bool live = check.running && type == GuestType::Qemu;
    if (restart && !request.restart)
        return fail(Code::MigrationFailed,
                    request.online ? QStringLiteral("lxc live migration is currently not implemented: migrate CT %1 "
                                                    "in restart mode (restart=1)")
                                         .arg(vmid)
                                   : QStringLiteral("CT %1 is running - use restart mode (restart=1)").arg(vmid));
    if (restart && !m_options.startOnNode)
        return fail(Code::MigrationFailed, QStringLiteral("CT %1 is running and this node cannot start guests on "
                                                           "other nodes: shut it down first")
                                               .arg(vmid));
    if (live && !request.online)
        return fail(Code::MigrationFailed, QStringLiteral("VM %1 is running - use online migration").arg(vmid));

    const DatacenterMigration defaults = datacenterMigration(m_store);
    const QString network = request.migrationNetwork.isEmpty() ? defaults.network : request.migrationNetwork;
    const QString address = migrationAddress(request.target, network);
    task.log(QStringLiteral("starting migration of %1 %2 to node '%3' (%4)")
                 .arg(label(type))
                 .arg(vmid)
                 .arg(request.target, address));

    // Lock the config while the guest moves (Proxmox's lock: migrate).
    Result<void> locked = loaded->text.set(QStringLiteral("lock"), QStringLiteral("migrate"));
    if (!locked)
        return locked;
    Result<quint64> lockVersion = m_store.write(loaded->path, loaded->text.toBytes(), loaded->entry.version);
    if (!lockVersion)
        return std::unexpected(lockVersion.error());
    auto unlock = [&]() {
        (void)loaded->text.remove(QStringLiteral("lock"));
        if (Result<quint64> w = m_store.write(loaded->path, loaded->text.toBytes(), *lockVersion); !w)
            task.warn(QStringLiteral("could not remove the migrate lock: %1").arg(w.error().message));
    };

    if (live) {
        virt::MigrationRequest r;
        r.targetNode = request.target;
        r.targetUri = m_options.peerUriTemplate.arg(request.target);
        if (!address.isEmpty())
            r.migrateUri = QStringLiteral("tcp://") + (address.contains(u':') ? u'[' + address + u']' : address);
        // bwlimit (KiB/s) or the VM's migrate_speed (MB/s); migrate_downtime in seconds.
        // bwlimit, else the VM's migrate_speed, else datacenter.cfg's bwlimit migration=.
        if (request.bwlimitKiBps > 0)
            r.bandwidthMiBps = std::max<qint64>(1, request.bwlimitKiBps / 1024);
        else if (const qint64 speed = config.value(QStringLiteral("migrate_speed")).toLongLong(); speed > 0)
            r.bandwidthMiBps = speed;
        else if (defaults.bwlimitKiBps > 0)
            r.bandwidthMiBps = std::max<qint64>(1, defaults.bwlimitKiBps / 1024);
        const double downtime = config.value(QStringLiteral("migrate_downtime"), QStringLiteral("0.1")).toDouble();
        r.maxDowntimeMs = qint64(downtime * 1000);
        // checkMigration() refused every volume that is not on a shared storage.
        r.storageDeclaredShared = true;
        task.log(QStringLiteral("starting online/live migration on %1").arg(r.migrateUri.isEmpty() ? r.targetUri : r.migrateUri));
        task.log(QStringLiteral("migration downtime limit: %1 ms").arg(r.maxDowntimeMs));
        if (r.bandwidthMiBps > 0)
            task.log(QStringLiteral("migration speed limit: %1 MiB/s").arg(r.bandwidthMiBps));
        qint64 lastSpeedBytes = 0, lastSpeedMs = 0;
        auto observe = [&](const virt::MigrationProgress &p) {
            if (progress)
                progress(p);
            if (p.phase == virt::MigrationProgress::Phase::Active && p.memoryTotal > 0) {
                if (p.dataTotal > 0)
                    task.setProgress(std::clamp(double(p.dataProcessed) / double(p.dataTotal), 0.0, 0.99));
                task.log(QStringLiteral("migration active, transferred %1 of %2 VM-state, %3/s")
                             .arg(bytesText(p.memoryProcessed), bytesText(p.memoryTotal), bytesText(p.memoryBps)));
                lastSpeedBytes = p.dataProcessed;
                lastSpeedMs = p.elapsedMs;
            } else if (p.phase == virt::MigrationProgress::Phase::Completed) {
                const qint64 bytes = p.dataProcessed > 0 ? p.dataProcessed : lastSpeedBytes;
                const qint64 ms = p.elapsedMs > 0 ? p.elapsedMs : lastSpeedMs;
                const QString speed = ms > 0 ? bytesText(bytes * 1000 / ms) + QStringLiteral("/s") : QStringLiteral("unknown");
                task.log(p.downtimeMs >= 0
                             ? QStringLiteral("average migration speed: %1 - downtime %2 ms").arg(speed).arg(p.downtimeMs)
                             : QStringLiteral("average migration speed: %1").arg(speed));
                task.log(QStringLiteral("migration status: completed"));
            }
        };
        Result<void> moved = m_hypervisor.migrate(vmid, r, observe, [&task] { return task.isCancelled(); });
        if (!moved) {
            unlock();
            if (moved.error().code == Code::MigrationCancelled)
                return tasks::TaskContext::interrupted();
            return moved;
        }
    } else if (restart) {
        if (Result<void> down = shutdownForRestart(vmid, request.shutdownTimeoutSeconds, task); !down) {
            unlock();
            return down;
        }
    } else {
        task.log(QStringLiteral("%1 %2 is stopped: moving its configuration only").arg(label(type)).arg(vmid));
    }

    // The guest now belongs to the target: its config moves there in one batch.
    (void)loaded->text.remove(QStringLiteral("lock"));
    const QString targetPath = configPath(request.target, type, vmid);
    Result<quint64> movedConfig = m_store.apply({store::StoreChange::remove(loaded->path, *lockVersion),
                                                 store::StoreChange::write(targetPath, loaded->text.toBytes(), 0)});
    if (!movedConfig)
        return fail(movedConfig.error().code,
                    QStringLiteral("%1 %2 runs on '%3' now, but its configuration could not be moved there: %4 "
                                   "(move %5 to %6 by hand)")
                        .arg(label(type))
                        .arg(vmid)
                        .arg(request.target, movedConfig.error().message, loaded->path, targetPath));
    if (restart) {
        task.setProgress(0.8);
        task.log(QStringLiteral("start container on target node '%1'").arg(request.target));
        if (Result<void> up = m_options.startOnNode(request.target, type, vmid, task); !up)
            return fail(Code::MigrationFailed,
                        QStringLiteral("CT %1 moved to node '%2', but did not start there: %3 (start it on '%2' when "
                                       "the cause is fixed)")
                            .arg(vmid)
                            .arg(request.target, up.error().message));
    }
    task.setProgress(1.0);
    task.log(QStringLiteral("migration finished successfully (duration %1)")
                 .arg(durationText(QDateTime::currentMSecsSinceEpoch() - started)));
    return {};
}

} // namespace atalaia::guests
