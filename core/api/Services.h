#pragma once

#include "access/AccessControl.h"
#include "base/Clock.h"
#include "metrics/NodeMetrics.h"

#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace atalaia::store {
class ConfigStore;
}
namespace atalaia::tasks {
class TaskManager;
}
namespace atalaia::virt {
class Hypervisor;
}
namespace atalaia::guests {
class GuestService;
}
namespace atalaia::storage {
class StorageManager;
}
namespace atalaia::metrics {
class MetricsArchive;
class NetworkInterfaces;
}
namespace atalaia::access {
class Authenticator;
class PamBackend;
class TicketAuthority;
}

namespace atalaia::cluster {
class Membership;
class StatusBroadcast;
struct MemberNode;
}

namespace atalaia::api {

class ClusterControl;
class EventBus;
class ResourceIndex;

// The agent's services, as handlers reach them. Owned by the agent (app/atalaiad
// or a test); this only holds references. Thread-safe: handlers run on
// worker threads.
class Services
{
public:
    struct Node {
        QString name;          // this node's name (the {node} it answers for)
        QString version;       // "atalaia/0.1.0"
        QString release;       // "0.1"
        QString fingerprint;   // SHA-256 of this node's TLS certificate ("pve_fp")
        quint16 apiPort = 8006; // where every node of the cluster serves the API
    };

    Services(Node node, const Clock &clock, store::ConfigStore &store, tasks::TaskManager &tasks,
             access::TicketAuthority &tickets, access::Authenticator &authenticator, access::PamBackend &pam,
             metrics::NodeMetrics &nodeMetrics, virt::Hypervisor &hypervisor, cluster::Membership &membership,
             EventBus &events);
    ~Services();

    // A copy: the fingerprint changes when the agent installs a new
    // certificate (setFingerprint), while handlers read it.
    Node node() const
    {
        const QMutexLocker lock(&m_nodeMutex);
        return m_node;
    }
    void setFingerprint(const QString &fingerprint)
    {
        const QMutexLocker lock(&m_nodeMutex);
        m_node.fingerprint = fingerprint;
    }
    const Clock &clock() const { return m_clock; }
    store::ConfigStore &store() const { return m_store; }
    tasks::TaskManager &tasks() const { return m_tasks; }
    access::TicketAuthority &tickets() const { return m_tickets; }
    access::Authenticator &authenticator() const { return m_authenticator; }
    access::PamBackend &pam() const { return m_pam; }
    metrics::NodeMetrics &nodeMetrics() const { return m_nodeMetrics; }
    virt::Hypervisor &hypervisor() const { return m_hypervisor; }
    cluster::Membership &membership() const { return m_membership; }
    // A member's usage figures: sampled now for this node, as the membership
    // knows them for the others (none for an offline node).
    std::optional<metrics::NodeStatus> memberFigures(const cluster::MemberNode &member) const;
    EventBus &events() const { return m_events; }
    // The node's network interfaces (GET /nodes/{node}/network), or null
    // until the agent gives its backend's (the route then answers 501).
    metrics::NetworkInterfaces *networkInterfaces() const { return m_networkInterfaces.load(); }
    void setNetworkInterfaces(metrics::NetworkInterfaces *interfaces) { m_networkInterfaces = interfaces; }
    // The node's and its guests' metrics (GET .../rrddata), or null until
    // the agent gives its archive (the routes then answer 501).
    metrics::MetricsArchive *metricsArchive() const { return m_metricsArchive.load(); }
    void setMetricsArchive(metrics::MetricsArchive *archive) { m_metricsArchive = archive; }
    // This node's guests and storages (/nodes/{node}/qemu, /lxc, /storage),
    // or null until the agent gives them (the routes then answer 501).
    guests::GuestService *guests() const { return m_guests.load(); }
    void setGuests(guests::GuestService *guests) { m_guests = guests; }
    storage::StorageManager *storage() const { return m_storage.load(); }
    void setStorage(storage::StorageManager *storage) { m_storage = storage; }
    // Other nodes' status reports (their figures), or null when standalone.
    void setRemoteStatus(const cluster::StatusBroadcast *status) { m_remoteStatus = status; }
    // Creating and joining clusters (POST /cluster/config...), or null where
    // the agent offers none (the routes then answer 501).
    ClusterControl *clusterControl() const { return m_clusterControl.load(); }
    void setClusterControl(ClusterControl *control) { m_clusterControl = control; }
    ResourceIndex &resources() const { return *m_resources; }

    // The users, groups, roles, ACL and secrets as the store holds them now:
    // rebuilt after user.cfg, priv/token.cfg or priv/shadow.cfg change,
    // shared by every call until then.
    access::AccessControl accessControl() const;

    static constexpr const char *kUserCfg = "user.cfg";
    static constexpr const char *kTokenCfg = "priv/token.cfg";
    static constexpr const char *kShadowCfg = "priv/shadow.cfg";

private:
    mutable QMutex m_nodeMutex;                 // guards m_node
    Node m_node;
    const Clock &m_clock;
    store::ConfigStore &m_store;
    tasks::TaskManager &m_tasks;
    access::TicketAuthority &m_tickets;
    access::Authenticator &m_authenticator;
    access::PamBackend &m_pam;
    metrics::NodeMetrics &m_nodeMetrics;
    virt::Hypervisor &m_hypervisor;
    cluster::Membership &m_membership;
    EventBus &m_events;
    std::atomic<metrics::NetworkInterfaces *> m_networkInterfaces{nullptr};
    std::atomic<ClusterControl *> m_clusterControl{nullptr};
    std::atomic<guests::GuestService *> m_guests{nullptr};
    std::atomic<storage::StorageManager *> m_storage{nullptr};
    std::atomic<const cluster::StatusBroadcast *> m_remoteStatus{nullptr};
    std::atomic<metrics::MetricsArchive *> m_metricsArchive{nullptr};

    mutable QMutex m_accessMutex;               // guards m_access
    mutable access::AccessControl m_access;
    mutable std::atomic<bool> m_accessStale{true};
    std::unique_ptr<ResourceIndex> m_resources;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace atalaia::api
