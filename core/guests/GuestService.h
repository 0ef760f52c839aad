#pragma once

#include "GuestConfigText.h"
#include "base/Error.h"
#include "store/StoreEntry.h"
#include "model/ClusterResource.h"
#include "model/GuestType.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <memory>

namespace atalaia::store {
class ConfigStore;
}
namespace atalaia::tasks {
class TaskContext;
}
namespace atalaia::storage {
class StorageManager;
}
namespace atalaia::virt {
class Hypervisor;
struct MigrationProgress;
}
namespace atalaia::cluster {
class Membership;
class StatusBroadcast;
}

namespace atalaia::guests {

// The guests of this node as Proxmox's qemu-server and pve-container manage
// them: configs in the cluster store (nodes/<node>/qemu-server/<vmid>.conf,
// nodes/<node>/lxc/<vmid>.conf), disks on storages, and the running guests
// on the hypervisor, started from a domain made from the config each time.
//
// Thread-safe. Actions that take time (create, start, stop, delete, ...)
// block and take the task they run in for their log; the API runs them as
// tasks. Actions on one guest are serialised on this node.
class GuestService
{
public:
    struct Options {
        // Make container root file systems from templates (tar, mkfs.ext4)
        // and set them up before each start. Off with the fake hypervisor:
        // its containers only need an (empty) image.
        bool containerRootfs = true;
        // Who is in the cluster (migration targets); null: standalone.
        const cluster::Membership *membership = nullptr;
        // How this node's hypervisor reaches another node's for a live
        // migration (peer to peer); %1 is the node's name.
        QString peerUriTemplate = QStringLiteral("qemu+tcp://%1/system");
        // Starts a guest on another node and waits until it runs (its start
        // task there ended OK): a container migrated in restart mode. Empty:
        // running containers are not migrated.
        std::function<Result<void>(const QString &node, model::GuestType type, int vmid, tasks::TaskContext &task)>
            startOnNode;
    };
    GuestService(QString node, store::ConfigStore &store, virt::Hypervisor &hypervisor,
                 storage::StorageManager &storage, Options options);
    ~GuestService();

    const QString &node() const { return m_node; }
    // Where other nodes' guests' figures come from (null: their status is "unknown").
    void setRemoteStatus(const cluster::StatusBroadcast *status) { m_remoteStatus = status; }

    // Store path of a guest's config on NODE.
    static QString configPath(const QString &node, model::GuestType type, int vmid);
    // Where a VMID lives: its node and type; NotFound when no node has it.
    struct Location {
        QString node;
        model::GuestType type = model::GuestType::Qemu;
        QString path;
    };
    Result<Location> locate(int vmid) const;
    // The lowest free VMID from 100 (GET /cluster/nextid), or whether a given one is free.
    Result<int> nextFreeId() const;
    Result<void> checkFree(int vmid) const;

    // GET /nodes/{node}/qemu and /lxc entries of this node (configs joined
    // with the hypervisor's figures), and the /cluster/resources entries of
    // every guest of the cluster (figures for this node's).
    QJsonArray list(model::GuestType type) const;
    QList<model::ClusterResource> resources() const;
    // GET .../status/current.
    Result<QJsonObject> currentStatus(model::GuestType type, int vmid) const;

    // The config's main section as key -> value (pending not applied), its
    // digest, and the pending changes.
    struct Config {
        QMap<QString, QString> values;
        QMap<QString, QString> pending;   // key -> new value
        QStringList pendingDeletes;       // keys to delete
        QString digest;
        QString description;
    };
    Result<Config> readConfig(model::GuestType type, int vmid) const;

    // POST /nodes/{node}/qemu, /lxc: PARAMS as the API validated them.
    Result<void> create(model::GuestType type, int vmid, const QJsonObject &params, tasks::TaskContext &task);
    Result<void> start(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<void> stop(model::GuestType type, int vmid, tasks::TaskContext &task);
    // Asks the guest to power off and waits up to TIMEOUTS; then stops it
    // hard when FORCESTOP, fails otherwise.
    Result<void> shutdown(model::GuestType type, int vmid, int timeoutSeconds, bool forceStop,
                          tasks::TaskContext &task);
    Result<void> reboot(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<void> suspend(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<void> resume(model::GuestType type, int vmid, tasks::TaskContext &task);
    // DELETE: the guest must be stopped; frees its volumes; PURGE also
    // removes it from the ACL and from HA.
    Result<void> destroy(model::GuestType type, int vmid, bool purge, tasks::TaskContext &task);

    // PUT/POST .../config: SET keys, DELETE keys, REVERT pending keys, with
    // the client's DIGEST (empty: none). Running guests get pending changes
    // for what cannot change live; stopped ones get them at once.
    struct ConfigUpdate {
        QMap<QString, QString> set;
        QStringList remove;
        QStringList revert;
        QString digest;
    };
    Result<void> updateConfig(model::GuestType type, int vmid, const ConfigUpdate &update);

    // Which guest config refers to volume VOLID ("VM 100 (scsi0)"), if any:
    // such a volume is not removed from its storage behind the guest's back.
    std::optional<QString> volumeUser(const QString &volid) const;

    // GET .../migrate: whether and where the guest can go, Proxmox's shape
    // ({running, allowed_nodes, not_allowed_nodes: {node: {reason}},
    // local_disks, local_resources}); TARGET narrows it to one node.
    Result<QJsonObject> migrationPreflight(model::GuestType type, int vmid, const QString &target) const;
    struct MigrationRequest {
        QString target;
        bool online = true;
        qint64 bwlimitKiBps = 0;   // 0: the VM's migrate_speed, else unlimited
        QString migrationNetwork;  // CIDR; empty: datacenter.cfg's, else link0
        bool restart = false;      // a running container: shut down, move, start there
        int shutdownTimeoutSeconds = 180; // restart mode: then it is stopped
    };
    // Moves the guest to another node: a running VM live (peer to peer), a
    // running container in restart mode (shut down — stopped after the
    // timeout —, moved, started on the target through Options::startOnNode),
    // a stopped guest by moving its config. Checks first and refuses before
    // touching anything. PROGRESS gets each sample (for the event stream).
    Result<void> migrate(model::GuestType type, int vmid, const MigrationRequest &request,
                         const std::function<void(const virt::MigrationProgress &)> &progress,
                         tasks::TaskContext &task);

private:
    // A guest's config file as read now: where, its store entry (version), parsed.
    struct LoadedConfig {
        QString path;
        store::StoreEntry entry;
        GuestConfigText text;
    };
    Result<LoadedConfig> loadConfig(model::GuestType type, int vmid) const;
    struct MigrationCheck {
        bool running = false;
        QStringList reasons;            // why it cannot go anywhere
        QJsonArray localDisks;
        QHash<QString, QString> notAllowed; // node -> reason
        QStringList allowed;
    };
    MigrationCheck checkMigration(model::GuestType type, int vmid, const QMap<QString, QString> &config) const;
    QString migrationAddress(const QString &target, const QString &network) const;
    QMutex &guestLock(int vmid);
    // destroy(purge): the guest's ACL entries and HA resource go too.
    void purgeReferences(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<QString> ownConfigPath(model::GuestType type, int vmid) const;
    Result<void> startLocked(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<void> applyPending(model::GuestType type, int vmid);
    Result<void> waitUntilStopped(model::GuestType type, int vmid, int timeoutSeconds, tasks::TaskContext &task);
    // Every guest config in the store: its node, type, VMID and values (none
    // when the file does not parse). VISIT returns false to stop.
    struct StoredConfig {
        QString node;
        model::GuestType type = model::GuestType::Qemu;
        int vmid = 0;
        QMap<QString, QString> values;
    };
    void forEachConfig(const std::function<bool(const StoredConfig &)> &visit) const;
    // Restart-mode migration: shut the container down, stopped after TIMEOUT.
    Result<void> shutdownForRestart(int vmid, int timeoutSeconds, tasks::TaskContext &task);

    const QString m_node;
    const Options m_options;
    store::ConfigStore &m_store;
    virt::Hypervisor &m_hypervisor;
    storage::StorageManager &m_storage;
    std::atomic<const cluster::StatusBroadcast *> m_remoteStatus{nullptr};
    QMutex m_locksMutex; // guards m_locks
    QHash<int, std::shared_ptr<QMutex>> m_locks;
};

} // namespace atalaia::guests
