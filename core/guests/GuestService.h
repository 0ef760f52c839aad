#pragma once

#include "base/Error.h"
#include "model/ClusterResource.h"
#include "model/GuestType.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

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
    GuestService(QString node, store::ConfigStore &store, virt::Hypervisor &hypervisor,
                 storage::StorageManager &storage);
    ~GuestService();

    const QString &node() const { return m_node; }

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

private:
    QMutex &guestLock(int vmid);
    Result<QString> ownConfigPath(model::GuestType type, int vmid) const;
    Result<void> startLocked(model::GuestType type, int vmid, tasks::TaskContext &task);
    Result<void> applyPending(model::GuestType type, int vmid);
    Result<void> waitUntilStopped(model::GuestType type, int vmid, int timeoutSeconds, tasks::TaskContext &task);

    const QString m_node;
    store::ConfigStore &m_store;
    virt::Hypervisor &m_hypervisor;
    storage::StorageManager &m_storage;
    QMutex m_locksMutex; // guards m_locks
    QHash<int, std::shared_ptr<QMutex>> m_locks;
};

} // namespace atalaia::guests
