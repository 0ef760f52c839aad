#include "Agent.h"

#include "ClusterKeys.h"
#include "ClusterSetup.h"
#include "EventSources.h"
#include "StoreExporter.h"
#include "cluster/CorosyncControl.h"
#include "cluster/ReplicatedStore.h"
#ifdef ATALAIA_WITH_COROSYNC
#include "cluster/corosync/CpgChannel.h"
#include "cluster/StatusBroadcast.h"
#endif
#include "access/Authenticator.h"
#include "access/LoginThrottle.h"
#include "access/TicketAuthority.h"
#include "api/Dispatcher.h"
#include "api/EventBus.h"
#include "api/HttpsServer.h"
#include "api/Router.h"
#include "api/Services.h"
#include "api/ResourceIndex.h"
#include "api/routes/Routes.h"
#include "api/PeerCalls.h"
#include "guests/GuestService.h"
#include "storage/StorageManager.h"
#include "base/Clock.h"
#include "metrics/MetricsCollector.h"
#include "metrics/NetworkInterfaces.h"
#include "metrics/NodeMetrics.h"
#include "metrics/fake/DemoHistory.h"
#include "metrics/fake/MemoryMetricsArchive.h"
#include "virt/Hypervisor.h"
#include "store/SqliteStore.h"
#include "tasks/TaskContext.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskSpec.h"

#include <QDir>
#include <QTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace atalaia::agent {

namespace {

// Stand-ins for the bundled images in a fake node's local storage (small
// files with the real names; the fake hypervisor never reads them).
void seedFakeLocalStorage(const QString &path)
{
    const QStringList files{QStringLiteral("template/iso/atalaia-tiny-1.0.iso"),
                            QStringLiteral("template/cache/debian-13-standard_13.0-1_amd64.tar.zst")};
    for (const QString &name : files) {
        const QString file = path + u'/' + name;
        if (QFileInfo::exists(file))
            continue;
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile f(file);
        if (f.open(QIODevice::WriteOnly))
            f.write("atalaia fake backend: a stand-in for " + name.toUtf8() + '\n');
    }
}

// What a fresh node starts with, as a fresh Proxmox VE install does.
const char kInitialUserCfg[] = "user:root@pam:1:0:::root@localhost:::\n";
const char kInitialDomainsCfg[] = "pam: pam\n\tcomment Linux PAM standard authentication\n\n"
                                  "pve: pve\n\tcomment Atalaia authentication server\n";

} // namespace

Agent::Agent(Options options)
    : m_options(std::move(options))
{
}

Agent::~Agent() = default;

Result<std::unique_ptr<Agent>> Agent::create(const Options &options)
{
    std::unique_ptr<Agent> agent(new Agent(options));
    Options &o = agent->m_options;
    if (o.nodeName.isEmpty())
        o.nodeName = QHostInfo::localHostName().section(QLatin1Char('.'), 0, 0);
    if (o.dataDir.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("no data directory given (--data-dir)"));
    if (!QDir().mkpath(o.dataDir))
        return fail(Code::Io, QStringLiteral("cannot create the data directory %1").arg(o.dataDir));
    const Clock &clock = SystemClock::instance();

    auto backends = Backends::create(o.backend, o.nodeName);
    if (!backends)
        return std::unexpected(backends.error());
    agent->m_backends = std::move(*backends);

    QStringList addresses;
    if (o.address != QHostAddress::Any && o.address != QHostAddress::AnyIPv6)
        addresses.append(o.address.toString());
    addresses.append(QStringLiteral("127.0.0.1"));
    auto certificate = NodeCertificate::ensure(o.dataDir + QStringLiteral("/pki"), o.nodeName, addresses);
    if (!certificate)
        return std::unexpected(certificate.error());
    agent->m_certificate = *certificate;

    auto store = store::SqliteStore::open(o.dataDir + QStringLiteral("/config.db"), clock);
    if (!store)
        return std::unexpected(store.error());
    // Standalone until the node creates or joins a cluster (ClusterSetup).
    agent->m_store = std::make_unique<cluster::ReplicatedStore>(std::move(*store), clock);
    const bool freshStore = agent->m_store->list().isEmpty();
    if (auto seeded = agent->seedStore(); !seeded)
        return std::unexpected(seeded.error());

    auto node = model::NodeId::parse(o.nodeName);
    if (!node)
        return fail(Code::InvalidArgument, QStringLiteral("'%1' is not a valid node name: %2")
                                               .arg(o.nodeName, node.error().message));
    tasks::TaskManager::Options taskOptions;
    taskOptions.dataDir = o.dataDir;
    taskOptions.node = *node;
    taskOptions.clock = &clock;
    auto taskManager = tasks::TaskManager::open(taskOptions);
    if (!taskManager)
        return std::unexpected(taskManager.error());
    agent->m_tasks = std::move(*taskManager);

    agent->m_tickets = std::make_unique<access::TicketAuthority>(o.dataDir + QStringLiteral("/keys"), clock);
    if (auto keys = agent->m_tickets->ensureKeys(); !keys)
        return std::unexpected(keys.error());
    agent->m_throttle = std::make_unique<access::LoginThrottle>(clock);
    agent->m_authenticator = std::make_unique<access::Authenticator>(*agent->m_backends.pam, *agent->m_throttle, clock);
    agent->m_events = std::make_unique<api::EventBus>();

    api::Services::Node nodeInfo{o.nodeName, QStringLiteral("atalaia/" ATALAIA_VERSION),
                                 QString::fromLatin1(ATALAIA_VERSION).section(QLatin1Char('.'), 0, 1),
                                 agent->m_certificate.fingerprint, o.port != 0 ? o.port : quint16(8006)};
    agent->m_services = std::make_unique<api::Services>(
        nodeInfo, clock, *agent->m_store, *agent->m_tasks, *agent->m_tickets, *agent->m_authenticator,
        *agent->m_backends.pam, *agent->m_backends.nodeMetrics, *agent->m_backends.hypervisor,
        *agent->m_backends.membership, *agent->m_events);
    agent->m_services->setNetworkInterfaces(agent->m_backends.networkInterfaces.get());
    // The default "local" storage is /var/lib/vz. A fake node keeps its
    // storages' directories below a root of its own (a fixture's paths are
    // those of a real node), with stand-ins for the bundled ISO and template
    // in /var/lib/vz so that the wizards have something to offer.
    const bool fake = o.backend != u"real";
    const QString localPath = qEnvironmentVariable("ATALAIA_LOCAL_STORAGE_PATH", QStringLiteral("/var/lib/vz"));
    const QString storageRoot = fake ? o.dataDir + QStringLiteral("/storage-root") : QString();
    if (fake)
        seedFakeLocalStorage(storageRoot + localPath);
    agent->m_storageManager =
        std::make_unique<storage::StorageManager>(*agent->m_store, o.nodeName, localPath, storageRoot);
    agent->m_guestService = std::make_unique<guests::GuestService>(
        o.nodeName, *agent->m_store, *agent->m_backends.hypervisor, *agent->m_storageManager,
        guests::GuestService::Options{.containerRootfs = !fake,
                                      .membership = agent->m_backends.membership.get(),
                                      .peerUriTemplate = qEnvironmentVariable("ATALAIA_LIBVIRT_PEER_URI",
                                                                              QStringLiteral("qemu+tcp://%1/system")),
                                      .startOnNode = [services = agent->m_services.get()](
                                                         const QString &target, model::GuestType type, int vmid,
                                                         tasks::TaskContext &task) {
                                          return api::PeerCalls(*services).runTask(
                                              target,
                                              QStringLiteral("/nodes/%1/%2/%3/status/start")
                                                  .arg(target, QString(model::enumName(type)))
                                                  .arg(vmid),
                                              {}, task);
                                      }});
    agent->m_services->setStorage(agent->m_storageManager.get());
    agent->m_services->setGuests(agent->m_guestService.get());
    // Metrics: RRD files under the data directory on a real node; in memory
    // on a fake one, with a made-up past day so that the demo's charts show
    // something from the start.
    if (o.backend == u"real") {
        agent->m_metricsArchive = metrics::openNodeArchive(o.dataDir + QStringLiteral("/rrd"));
    } else {
        agent->m_metricsArchive = std::make_unique<metrics::fake::MemoryMetricsArchive>();
        metrics::fake::fillDemoHistory(*agent->m_metricsArchive, o.nodeName, agent->m_backends.nodeMetrics->sample(),
                                       agent->m_backends.hypervisor->guests(), clock.nowSeconds());
    }
    agent->m_services->setMetricsArchive(agent->m_metricsArchive.get());
    agent->m_metricsCollector = std::make_unique<metrics::MetricsCollector>(
        o.nodeName, *agent->m_backends.nodeMetrics, *agent->m_backends.hypervisor, *agent->m_metricsArchive, clock);
    if (o.metricsIntervalMs > 0)
        agent->m_metricsCollector->start(std::chrono::milliseconds(o.metricsIntervalMs));
    agent->m_router = std::make_unique<api::Router>();
    api::registerAllRoutes(*agent->m_router);
    agent->m_dispatcher = std::make_unique<api::Dispatcher>(*agent->m_router, *agent->m_services);
    agent->m_eventSources = std::make_unique<EventSources>(o.nodeName, *agent->m_store, *agent->m_tasks,
                                                           *agent->m_backends.hypervisor, *agent->m_events);
    if (freshStore)
        agent->seedTasks();
    agent->m_exporter = std::make_unique<StoreExporter>(
        *agent->m_store, o.exportDir.isEmpty() ? o.dataDir + QStringLiteral("/export") : o.exportDir);
    if (o.backend == u"real") {
        if (auto ok = agent->setUpCluster(); !ok)
            return std::unexpected(ok.error());
    }
    return agent;
}

Result<void> Agent::setUpCluster()
{
#ifdef ATALAIA_WITH_COROSYNC
    m_corosync = std::make_unique<cluster::SystemCorosyncControl>(m_options.corosyncDir, m_options.serviceCommand);
    ClusterSetup::Dependencies d{
        m_options.nodeName,
        *m_store,
        *m_corosync,
        *m_backends.membership,
        [] { return std::make_unique<cluster::corosync::CpgChannel>(); },
        // Tasks run on worker threads; the certificate changes on ours.
        [this](const QByteArray &key, const QByteArray &cert) {
            Result<void> result;
            QMetaObject::invokeMethod(this, [&] { result = installCertificate(key, cert); },
                                      Qt::BlockingQueuedConnection);
            return result;
        },
        m_options.dataDir + QStringLiteral("/joining"),
        120'000,
        // On the agent's thread, where ClusterKeys lives; the task waits.
        [this] {
            if (m_clusterKeys)
                QMetaObject::invokeMethod(m_clusterKeys, &ClusterKeys::sync, Qt::BlockingQueuedConnection);
        },
    };
    m_clusterSetup = std::make_unique<ClusterSetup>(std::move(d));
    m_services->setClusterControl(m_clusterSetup.get());
    // Figures of this node and its running guests to the other nodes, on a
    // process group of its own (joins once corosync runs).
    m_statusBroadcast = std::make_unique<cluster::StatusBroadcast>(
        m_options.nodeName, std::make_unique<cluster::corosync::CpgChannel>(QStringLiteral("atalaia_status")),
        [this] {
            cluster::NodeReport r;
            r.status = m_backends.nodeMetrics->sample();
            for (model::ClusterResource &g : m_backends.hypervisor->guests())
                if (g.status != u"stopped")
                    r.guests.append(std::move(g));
            // What a guest migrating here needs (the other nodes' preflight).
            if (m_backends.networkInterfaces)
                for (const metrics::NetworkInterface &i : m_backends.networkInterfaces->list())
                    if (i.type == u"bridge" || i.type == u"OVSBridge")
                        r.bridges.append(i.iface);
            r.cpuModels = m_backends.hypervisor->cpuModels();
            r.kvm = m_backends.hypervisor->hasKvm();
            return r;
        });
    connect(m_backends.hypervisor.get(), &virt::Hypervisor::guestChanged, m_statusBroadcast.get(),
            &cluster::StatusBroadcast::publishNow);
    connect(m_statusBroadcast.get(), &cluster::StatusBroadcast::updated, this,
            [this] { m_services->resources().invalidate(); });
    m_services->setRemoteStatus(m_statusBroadcast.get());
    m_guestService->setRemoteStatus(m_statusBroadcast.get());
    m_statusBroadcast->start();
    // Cluster-wide ticket keys (a QObject child: lives as long as the agent).
    m_clusterKeys = new ClusterKeys(*m_store, *m_tickets, this);
    QTimer::singleShot(0, m_clusterKeys, &ClusterKeys::sync);
    if (Result<void> ok = m_clusterSetup->start(); !ok)
        qWarning("atalaiad: the cluster store cannot join its group yet: %s", qPrintable(ok.error().message));
#endif
    return {};
}

Result<void> Agent::seedStore()
{
    // A fake backend's fixture may bring a whole configuration; a real node
    // starts like a fresh install. Only an empty store is seeded.
    if (!m_store->list().isEmpty())
        return {};
    QList<store::StoreChange> changes;
    const QJsonObject files = m_backends.fixture.value(QLatin1String("store")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it)
        changes.append(store::StoreChange::write(it.key(), it.value().toString().toUtf8(), 0));
    if (!files.contains(QLatin1String("user.cfg")))
        changes.append(store::StoreChange::write(QStringLiteral("user.cfg"), kInitialUserCfg, 0));
    if (!files.contains(QLatin1String("domains.cfg")))
        changes.append(store::StoreChange::write(QStringLiteral("domains.cfg"), kInitialDomainsCfg, 0));
    auto applied = m_store->apply(changes);
    if (!applied)
        return std::unexpected(applied.error());
    return {};
}

void Agent::seedTasks()
{
    // A fake fixture's "tasks" give a demo node a history: each runs once, on
    // the first start, writing its log lines and ending OK or with its error.
    for (const QJsonValue &v : m_backends.fixture.value(QLatin1String("tasks")).toArray()) {
        const QJsonObject t = v.toObject();
        tasks::TaskSpec spec;
        spec.type = t.value(QLatin1String("type")).toString();
        spec.id = t.value(QLatin1String("id")).toString();
        spec.user = t.value(QLatin1String("user")).toString(QStringLiteral("root@pam"));
        const QJsonArray lines = t.value(QLatin1String("log")).toArray();
        const QString error = t.value(QLatin1String("error")).toString();
        spec.work = [lines, error](tasks::TaskContext &context) -> Result<void> {
            for (const QJsonValue &line : lines)
                context.log(line.toString());
            if (!error.isEmpty())
                return fail(Code::Internal, error);
            return {};
        };
        m_tasks->start(std::move(spec));
    }
}

Result<void> Agent::listen()
{
    m_server = std::make_unique<api::HttpsServer>(*m_dispatcher, *m_events, m_services.get());
    return m_server->listen(m_options.address, m_options.port, m_certificate.certificateFile, m_certificate.keyFile,
                            m_options.httpLimits);
}

Result<void> Agent::installCertificate(const QByteArray &keyPem, const QByteArray &certPem)
{
    // Checked as the server will use it before the files change, so that
    // serving it afterwards cannot fail.
    auto tls = api::HttpsServer::tlsConfiguration(keyPem, certPem);
    if (!tls)
        return std::unexpected(tls.error());
    NodeCertificate installed = m_certificate;
    if (auto written = installed.install(keyPem, certPem); !written)
        return std::unexpected(written.error());
    m_certificate = std::move(installed);
    if (m_server)
        m_server->setTlsConfiguration(*tls);
    m_services->setFingerprint(m_certificate.fingerprint);
    return {};
}

qsizetype Agent::eventSubscribers() const
{
    return m_server ? m_server->eventSubscribers() : 0;
}

quint16 Agent::port() const
{
    return m_server ? m_server->port() : 0;
}

} // namespace atalaia::agent
