#pragma once

#include "agent/Backends.h"
#include "agent/NodeCertificate.h"
#include "api/GuardedSslServer.h"
#include "base/Error.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace atalaia::store {
class ConfigStore;
}
namespace atalaia::cluster {
class CorosyncControl;
class ReplicatedStore;
class StatusBroadcast;
}
namespace atalaia::tasks {
class TaskManager;
}
namespace atalaia::access {
class Authenticator;
class LoginThrottle;
class TicketAuthority;
}

namespace atalaia::metrics {
class MetricsArchive;
class MetricsCollector;
}

namespace atalaia::storage {
class StorageManager;
}
namespace atalaia::guests {
class GuestService;
}

namespace atalaia::api {
class Dispatcher;
class EventBus;
class HttpsServer;
class Router;
class Services;
}

namespace atalaia::agent {

// One node agent, assembled: backends, configuration store, tasks, access
// control, the API (router, dispatcher) and its HTTPS server. app/atalaiad is
// a thin main around it; tests run it in-process.
class Agent : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString dataDir;                 // store, tasks, keys, certificates
        QString nodeName;                // default: the host name
        QString backend = QStringLiteral("real"); // "real" or "fake:FIXTURE.json"
        QHostAddress address = QHostAddress::Any;
        quint16 port = 8006;             // 0: any free port (tests)
        api::GuardedSslServer::Limits httpLimits; // request size and timeouts (tests shorten them)
        // Cluster create/join (the real backend): where corosync's files live
        // and the service manager command run as `COMMAND restart corosync`.
        QString corosyncDir = QStringLiteral("/etc/corosync");
        QStringList serviceCommand{QStringLiteral("systemctl")};
        // The read-only copy of the configuration store; empty: DATADIR/export.
        QString exportDir;
        // How often the node and its guests are sampled into the metrics
        // archive; 0: never by itself (tests tick the collector).
        int metricsIntervalMs = 10000;
    };

    static Result<std::unique_ptr<Agent>> create(const Options &options);
    ~Agent() override;

    // Starts serving HTTPS; the port is known afterwards.
    Result<void> listen();
    quint16 port() const;
    qsizetype eventSubscribers() const;

    const QString &nodeName() const { return m_options.nodeName; }
    const NodeCertificate &certificate() const { return m_certificate; }
    // Replaces the node's TLS key and certificate (e.g. with one the cluster
    // CA issued): checked, written to disk atomically (NodeCertificate::
    // install), served to new connections without a restart (open ones keep
    // the old one), and reported as the node's fingerprint. A failure changes
    // nothing. On the agent's thread.
    Result<void> installCertificate(const QByteArray &keyPem, const QByteArray &certPem);
    api::Dispatcher &dispatcher() const { return *m_dispatcher; }
    api::Services &services() const { return *m_services; }
    const api::Router &router() const { return *m_router; }
    Backends &backends() { return m_backends; }
    metrics::MetricsCollector &metricsCollector() const { return *m_metricsCollector; }

private:
    explicit Agent(Options options);
    Result<void> seedStore();
    Result<void> setUpCluster();
    void seedTasks();

    Options m_options;
    Backends m_backends;
    // Outlives the server: handlers on worker threads read it.
    std::unique_ptr<metrics::MetricsArchive> m_metricsArchive;
    NodeCertificate m_certificate;
    std::unique_ptr<cluster::ReplicatedStore> m_store;
    // Guests and storages; before the tasks, which run their actions.
    std::unique_ptr<storage::StorageManager> m_storageManager;
    std::unique_ptr<guests::GuestService> m_guestService;
    // This node's figures to the others, theirs to us (cluster only). Read
    // by the services and guests: outlives them and the server.
    std::unique_ptr<cluster::StatusBroadcast> m_statusBroadcast;
    // Cluster create/join (real backend only); before the tasks that use it.
    std::unique_ptr<cluster::CorosyncControl> m_corosync;
    std::unique_ptr<class ClusterSetup> m_clusterSetup;
    std::unique_ptr<class StoreExporter> m_exporter;
    std::unique_ptr<tasks::TaskManager> m_tasks;
    std::unique_ptr<access::TicketAuthority> m_tickets;
    std::unique_ptr<access::LoginThrottle> m_throttle;
    std::unique_ptr<access::Authenticator> m_authenticator;
    std::unique_ptr<api::EventBus> m_events;
    std::unique_ptr<api::Services> m_services;
    std::unique_ptr<api::Router> m_router;
    std::unique_ptr<api::Dispatcher> m_dispatcher;
    std::unique_ptr<api::HttpsServer> m_server;
    std::unique_ptr<class EventSources> m_eventSources;
    class ClusterKeys *m_clusterKeys = nullptr; // a child of this (cluster only)
    // Goes first: its thread samples the backends into the archive.
    std::unique_ptr<metrics::MetricsCollector> m_metricsCollector;
};

} // namespace atalaia::agent
