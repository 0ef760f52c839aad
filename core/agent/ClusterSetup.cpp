#include "ClusterSetup.h"

#include "api/client/ApiClient.h"
#include "api/client/Await.h"
#include "api/client/Endpoint.h"
#include "api/client/Fingerprint.h"
#include "cluster/ClusterCertificates.h"
#include "cluster/CorosyncControl.h"
#include "cluster/GroupChannel.h"
#include "cluster/Membership.h"
#include "cluster/ReplicatedStore.h"
#include "config/CorosyncConfigFile.h"
#include "store/StoreChange.h"
#include "tasks/TaskContext.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>

namespace atalaia::agent {

Q_LOGGING_CATEGORY(lcClusterSetup, "atalaia.agent.cluster")

using store::StoreChange;

namespace {

// Where the store keeps the cluster's files (as /etc/pve does).
const QString kCorosyncConf = QStringLiteral("corosync.conf");
const QString kCaKey = QStringLiteral("priv/pve-root-ca.key");
const QString kCaCert = QStringLiteral("pve-root-ca.pem");
QString nodeCertPath(const QString &node) { return QStringLiteral("nodes/%1/pve-ssl.pem").arg(node); }
QString nodeKeyPath(const QString &node) { return QStringLiteral("nodes/%1/pve-ssl.key").arg(node); }

constexpr qsizetype kAuthkeyBytes = 256; // corosync-keygen's default (2048 bits)

std::unexpected<Error> joinError(const QString &message)
{
    return fail(Code::ClusterJoinFailed, message);
}

QStringList linkList(const QMap<int, QString> &addresses)
{
    QStringList out;
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it)
        out.append(QStringLiteral("link%1: %2").arg(it.key()).arg(it.value()));
    return out;
}

} // namespace

ClusterSetup::ClusterSetup(Dependencies dependencies, QObject *parent) : QObject(parent), m_d(std::move(dependencies))
{
    // Every node follows the cluster's corosync.conf (queued: to this
    // object's thread, never the store's dispatch thread).
    connect(&m_d.store, &store::ConfigStore::changed, this, [this](const QString &path) {
        if (path == kCorosyncConf)
            if (Result<void> ok = followCorosyncConf(); !ok)
                qCWarning(lcClusterSetup) << "cannot apply the cluster's corosync.conf:" << ok.error().message;
    }, Qt::QueuedConnection);
    connect(&m_d.membership, &cluster::Membership::changed, this, [this] {
        m_d.store.setQuorate(m_d.membership.view().quorate);
    });
    m_d.store.setQuorate(m_d.membership.view().quorate);
    // Writes check the membership's view as it is then: a call that saw
    // "quorate" in /cluster/status is not refused for want of the signal.
    m_d.store.setQuorumSource([membership = &m_d.membership] { return membership->view().quorate; });
}

ClusterSetup::~ClusterSetup()
{
    m_d.store.setQuorumSource({});
}

bool ClusterSetup::inCluster() const
{
    return m_d.store.read(kCorosyncConf).has_value() || !m_d.corosync.installedConfig().isEmpty();
}

Result<void> ClusterSetup::start()
{
    if (!m_d.store.read(kCorosyncConf))
        return {};
    if (Result<void> ok = followCorosyncConf(); !ok)
        qCWarning(lcClusterSetup) << "cannot install the cluster's corosync.conf:" << ok.error().message;
    if (m_d.store.isAttached())
        return {};
    return m_d.store.attach(m_d.newChannel(), m_d.joiningMarker, false);
}

// Installs the store's corosync.conf when it is newer than the node's.
Result<void> ClusterSetup::followCorosyncConf()
{
    const auto stored = m_d.store.read(kCorosyncConf);
    if (!stored)
        return {};
    const QByteArray installed = m_d.corosync.installedConfig();
    if (installed == stored->data)
        return {};
    const auto storedVersion =
        config::CorosyncConfigFile::parse(stored->data, kCorosyncConf).configVersion().value_or(0);
    const auto installedVersion =
        config::CorosyncConfigFile::parse(installed, QStringLiteral("/etc/corosync/corosync.conf"))
            .configVersion()
            .value_or(0);
    if (!installed.isEmpty() && storedVersion <= installedVersion) {
        qCWarning(lcClusterSetup) << "the installed corosync.conf (config_version" << installedVersion
                                  << ") is not older than the cluster's (" << storedVersion << "): left alone";
        return {};
    }
    if (Result<void> ok = m_d.corosync.install(stored->data); !ok)
        return ok;
    qCInfo(lcClusterSetup) << "installed the cluster's corosync.conf, config_version" << storedVersion;
    if (!installed.isEmpty())
        if (Result<void> ok = m_d.corosync.reload(); !ok)
            qCWarning(lcClusterSetup) << "corosync did not reload its configuration:" << ok.error().message;
    return {};
}

Result<QString> ClusterSetup::linkAddress(const QString &spec)
{
    QString address;
    for (const QString &part : spec.split(u',', Qt::SkipEmptyParts)) {
        const QString p = part.trimmed();
        if (p.startsWith(u"address="))
            address = p.mid(8);
        else if (!p.contains(u'='))
            address = p;
        else if (!p.startsWith(u"priority="))
            return fail(Code::InvalidArgument, QStringLiteral("unknown link option '%1' (address=, priority=)").arg(p));
    }
    if (QHostAddress(address).isNull())
        return fail(Code::InvalidArgument,
                    QStringLiteral("'%1' is not an IP address: links take the address of this node on that network")
                        .arg(spec));
    return address;
}

QByteArray ClusterSetup::initialCorosyncConf(const QString &clusterName, const QString &nodeName, quint32 nodeid,
                                             quint32 votes, const QMap<int, QString> &addresses)
{
    QByteArray text = "logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n  node {\n";
    text += "    name: " + nodeName.toUtf8() + "\n";
    text += "    nodeid: " + QByteArray::number(nodeid) + "\n";
    text += "    quorum_votes: " + QByteArray::number(votes) + "\n";
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it)
        text += "    ring" + QByteArray::number(it.key()) + "_addr: " + it.value().toUtf8() + "\n";
    text += "  }\n}\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n";
    text += "  cluster_name: " + clusterName.toUtf8() + "\n  config_version: 1\n";
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it)
        text += "  interface {\n    linknumber: " + QByteArray::number(it.key()) + "\n  }\n";
    text += "  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n";
    return text;
}

// --- create ---------------------------------------------------------------------

Result<void> ClusterSetup::checkCreate(const CreateRequest &request) const
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z][A-Za-z0-9-]{0,14}$"));
    if (!name.match(request.clusterName).hasMatch())
        return fail(Code::InvalidArgument,
                    QStringLiteral("cluster name '%1' is not valid: 1 to 15 letters, digits or '-', starting with a "
                                   "letter")
                        .arg(request.clusterName));
    if (inCluster())
        return joinError(QStringLiteral("this node is already in a cluster (corosync.conf exists); remove it from "
                                        "that cluster first"));
    for (auto it = request.links.cbegin(); it != request.links.cend(); ++it)
        if (Result<QString> a = linkAddress(it.value()); !a)
            return fail(Code::InvalidArgument, QStringLiteral("link%1: %2").arg(it.key()).arg(a.error().message));
    if (request.nodeid && (*request.nodeid < 1 || *request.nodeid > 0x7fffffff))
        return fail(Code::InvalidArgument, QStringLiteral("nodeid must be at least 1"));
    return {};
}

Result<void> ClusterSetup::create(const CreateRequest &request, tasks::TaskContext &task)
{
    if (Result<void> ok = checkCreate(request); !ok)
        return ok;
    QMap<int, QString> addresses;
    for (auto it = request.links.cbegin(); it != request.links.cend(); ++it)
        addresses.insert(it.key(), *linkAddress(it.value()));
    if (addresses.isEmpty()) {
        // As pvecm: link0 defaults to the address the node name resolves to.
        const QHostInfo info = QHostInfo::fromName(m_d.nodeName);
        for (const QHostAddress &a : info.addresses())
            if (!a.isLoopback()) {
                addresses.insert(0, a.toString());
                break;
            }
        if (addresses.isEmpty())
            return fail(Code::InvalidArgument,
                        QStringLiteral("no link0 address given, and '%1' does not resolve to an address that is not "
                                       "loopback: give link0")
                            .arg(m_d.nodeName));
    }
    task.log(QStringLiteral("Creating cluster '%1' on node %2 (%3)")
                 .arg(request.clusterName, m_d.nodeName, linkList(addresses).join(QStringLiteral(", "))));
    const QByteArray conf = initialCorosyncConf(request.clusterName, m_d.nodeName, request.nodeid.value_or(1),
                                                request.votes.value_or(1), addresses);
    if (const auto parsed = config::CorosyncConfigFile::parse(conf, kCorosyncConf); hasErrors(parsed.diagnostics()))
        return fail(Code::Internal, QStringLiteral("generated corosync.conf is not valid: %1")
                                        .arg(parsed.diagnostics().first().toString()));
    QByteArray authkey(kAuthkeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(authkey.data()), kAuthkeyBytes / 4);

    task.log(QStringLiteral("Generating the cluster CA and this node's certificate"));
    Result<cluster::KeyAndCertificate> ca = cluster::ClusterCertificates::createCa(request.clusterName);
    if (!ca)
        return std::unexpected(ca.error());
    const QStringList certAddresses = addresses.values();
    Result<cluster::KeyAndCertificate> cert = cluster::ClusterCertificates::issueNodeCertificate(
        ca->keyPem, ca->certificatePem, m_d.nodeName, certAddresses);
    if (!cert)
        return std::unexpected(cert.error());
    task.setProgress(0.2);

    // Everything in one batch while still standalone: all or nothing.
    Result<quint64> written = m_d.store.apply({StoreChange::write(kCorosyncConf, conf, 0),
                                               StoreChange::write(kCaKey, ca->keyPem),
                                               StoreChange::write(kCaCert, ca->certificatePem),
                                               StoreChange::write(nodeKeyPath(m_d.nodeName), cert->keyPem),
                                               StoreChange::write(nodeCertPath(m_d.nodeName), cert->certificatePem)});
    if (!written)
        return std::unexpected(written.error());
    task.log(QStringLiteral("Writing corosync key and config files"));
    if (Result<void> ok = m_d.corosync.install(conf, authkey); !ok) {
        // Undo the store's part: the node stays standalone.
        (void)m_d.store.apply({StoreChange::remove(kCorosyncConf)});
        return ok;
    }
    task.setProgress(0.4);
    task.log(QStringLiteral("Starting corosync"));
    if (Result<void> ok = m_d.store.attach(m_d.newChannel(), m_d.joiningMarker, false); !ok)
        task.warn(QStringLiteral("the store's process group is not reachable yet: %1").arg(ok.error().message));
    if (Result<void> ok = m_d.corosync.restart(); !ok)
        return ok;
    task.setProgress(0.6);
    if (Result<void> ok = waitUntilSynchronised(task, true); !ok)
        return ok;
    task.log(QStringLiteral("Serving the API with the certificate issued by the cluster CA"));
    if (Result<void> ok = m_d.installCertificate(cert->keyPem, cert->certificatePem); !ok)
        task.warn(QStringLiteral("could not switch the API's certificate: %1").arg(ok.error().message));
    if (m_d.clustered)
        m_d.clustered();
    task.setProgress(1.0);
    task.log(QStringLiteral("Cluster '%1' created. Other nodes join it with this node's Join Information.")
                 .arg(request.clusterName));
    return {};
}

Result<void> ClusterSetup::waitUntilSynchronised(tasks::TaskContext &task, bool needQuorum)
{
    const QDeadlineTimer deadline(m_d.syncTimeoutMs);
    bool said = false;
    while (!(m_d.store.isSynchronised() && m_d.store.isAttached()) ||
           (needQuorum && !m_d.membership.view().quorate) || !m_d.store.isWritable()) {
        if (deadline.hasExpired())
            return fail(Code::ClusterTimeout,
                        QStringLiteral("the cluster did not become ready within %1 s: %2")
                            .arg(m_d.syncTimeoutMs / 1000)
                            .arg(m_d.store.readOnlyReason().isEmpty() ? QStringLiteral("no quorum")
                                                                      : m_d.store.readOnlyReason()));
        if (!said) {
            task.log(QStringLiteral("waiting for quorum and the configuration to synchronise..."));
            said = true;
        }
        if (task.waitForCancel(200))
            return tasks::TaskContext::interrupted();
    }
    task.log(QStringLiteral("quorate; configuration synchronised (store version %1)").arg(m_d.store.storeVersion()));
    return {};
}

// --- join (on the joining node) ---------------------------------------------------

Result<void> ClusterSetup::checkJoin(const JoinRequest &request) const
{
    if (inCluster())
        return joinError(QStringLiteral("this node is already in a cluster (corosync.conf exists)"));
    if (Result<api::client::Endpoint> e = api::client::Endpoint::parse(request.hostname); !e)
        return fail(Code::InvalidArgument, QStringLiteral("hostname: %1").arg(e.error().message));
    if (Result<api::client::Fingerprint> fp = api::client::Fingerprint::parse(request.fingerprint); !fp)
        return fail(Code::InvalidArgument, QStringLiteral("fingerprint: %1").arg(fp.error().message));
    if (request.password.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("the root@pam password of the cluster node is required"));
    if (request.links.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("give this node's address for each cluster link (link0...)"));
    for (auto it = request.links.cbegin(); it != request.links.cend(); ++it)
        if (Result<QString> a = linkAddress(it.value()); !a)
            return fail(Code::InvalidArgument, QStringLiteral("link%1: %2").arg(it.key()).arg(a.error().message));
    if (!request.force) {
        for (const char *kind : {"qemu-server", "lxc"})
            if (!m_d.store.list(QStringLiteral("nodes/%1/%2").arg(m_d.nodeName, QLatin1String(kind))).isEmpty())
                return joinError(QStringLiteral("this node has guests (nodes/%1/%2): joining replaces its "
                                                "configuration with the cluster's; move or remove them first, or "
                                                "force")
                                     .arg(m_d.nodeName, QLatin1String(kind)));
    }
    return {};
}

Result<void> ClusterSetup::join(const JoinRequest &request, tasks::TaskContext &task)
{
    if (Result<void> ok = checkJoin(request); !ok)
        return ok;
    const api::client::Endpoint endpoint = *api::client::Endpoint::parse(request.hostname);
    const api::client::Fingerprint fingerprint = *api::client::Fingerprint::parse(request.fingerprint);
    task.log(QStringLiteral("Establishing API connection with host '%1'").arg(endpoint.toString()));
    api::client::ApiClient client({endpoint});
    client.trust(endpoint, fingerprint);
    client.setTimeout(std::chrono::seconds(60));
    const auto cancelled = [] { return fail(Code::Internal, QStringLiteral("the call was cancelled")); };
    Result<api::client::Ticket> ticket =
        api::client::awaitFuture(client.login(QStringLiteral("root@pam"), request.password),
                                 Result<api::client::Ticket>(cancelled()));
    if (!ticket) {
        const Error &e = ticket.error();
        if (e.code == Code::Crypto)
            return joinError(QStringLiteral("the certificate of %1 does not have the fingerprint given (%2): %3")
                                 .arg(endpoint.toString(), request.fingerprint, e.message));
        if (e.code == Code::ApiUnauthorized || e.code == Code::AuthenticationFailed)
            return joinError(QStringLiteral("login as root@pam on %1 failed: wrong password?").arg(endpoint.toString()));
        return joinError(QStringLiteral("cannot log in on %1: %2").arg(endpoint.toString(), e.message));
    }
    task.log(QStringLiteral("Login succeeded."));
    task.setProgress(0.1);

    QJsonObject params{{QStringLiteral("apiversion"), 1}};
    for (auto it = request.links.cbegin(); it != request.links.cend(); ++it)
        params.insert(QStringLiteral("link%1").arg(it.key()), it.value());
    if (request.nodeid)
        params.insert(QStringLiteral("nodeid"), qint64(*request.nodeid));
    if (request.votes)
        params.insert(QStringLiteral("votes"), qint64(*request.votes));
    if (request.force)
        params.insert(QStringLiteral("force"), 1);
    task.log(QStringLiteral("Request addition of this node"));
    Result<QJsonValue> answer = api::client::awaitFuture(
        client.post(QStringLiteral("/cluster/config/nodes/%1").arg(m_d.nodeName), params),
        Result<QJsonValue>(cancelled()));
    if (!answer)
        return joinError(QStringLiteral("the cluster refused to add this node: %1").arg(answer.error().message));
    const QJsonObject a = answer->toObject();
    const QByteArray conf = a.value(QLatin1String("corosync_conf")).toString().toUtf8();
    const QByteArray authkey = QByteArray::fromBase64(a.value(QLatin1String("corosync_authkey")).toString().toLatin1());
    if (conf.isEmpty() || authkey.isEmpty())
        return joinError(QStringLiteral("the cluster's answer lacks corosync.conf or the authkey"));
    for (const QJsonValue &w : a.value(QLatin1String("warnings")).toArray())
        task.warn(w.toString());
    task.log(QStringLiteral("Join request OK, finishing setup locally"));
    task.setProgress(0.3);

    if (Result<void> ok = m_d.corosync.install(conf, authkey); !ok)
        return ok;
    // Joining: this node's copy is replaced by the cluster's, never the other
    // way round, even if the agent dies before the first synchronisation.
    if (Result<void> ok = m_d.store.attach(m_d.newChannel(), m_d.joiningMarker, true); !ok)
        task.warn(QStringLiteral("the store's process group is not reachable yet: %1").arg(ok.error().message));
    task.log(QStringLiteral("Starting corosync"));
    if (Result<void> ok = m_d.corosync.restart(); !ok)
        return ok;
    task.setProgress(0.5);
    if (Result<void> ok = waitUntilSynchronised(task, true); !ok)
        return ok;
    task.setProgress(0.8);
    QStringList addresses;
    for (auto it = request.links.cbegin(); it != request.links.cend(); ++it)
        addresses.append(*linkAddress(it.value()));
    if (Result<void> ok = issueOwnCertificate(task, addresses); !ok)
        task.warn(QStringLiteral("this node keeps its own certificate: %1").arg(ok.error().message));
    if (m_d.clustered) {
        task.log(QStringLiteral("Adopting the cluster's ticket keys (log in to this node again)"));
        m_d.clustered();
    }
    task.setProgress(1.0);
    task.log(QStringLiteral("successfully added node '%1' to cluster.").arg(m_d.nodeName));
    return {};
}

Result<void> ClusterSetup::issueOwnCertificate(tasks::TaskContext &task, const QStringList &addresses)
{
    task.log(QStringLiteral("Generating this node's certificate from the cluster CA"));
    const auto caKey = m_d.store.read(kCaKey);
    const auto caCert = m_d.store.read(kCaCert);
    if (!caKey || !caCert)
        return fail(Code::NotFound, QStringLiteral("the cluster has no CA in its configuration"));
    Result<cluster::KeyAndCertificate> cert =
        cluster::ClusterCertificates::issueNodeCertificate(caKey->data, caCert->data, m_d.nodeName, addresses);
    if (!cert)
        return std::unexpected(cert.error());
    Result<quint64> written = m_d.store.apply({StoreChange::write(nodeKeyPath(m_d.nodeName), cert->keyPem),
                                               StoreChange::write(nodeCertPath(m_d.nodeName), cert->certificatePem)});
    if (!written)
        return std::unexpected(written.error());
    return m_d.installCertificate(cert->keyPem, cert->certificatePem);
}

// --- add / remove (on a cluster member) ---------------------------------------------

Result<ClusterSetup::AddNodeAnswer> ClusterSetup::addNode(const AddNodeRequest &request)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto stored = m_d.store.read(kCorosyncConf);
        if (!stored)
            return joinError(QStringLiteral("this node is not in a cluster: create one first"));
        if (!m_d.store.isWritable())
            return joinError(QStringLiteral("the cluster cannot add nodes now: %1").arg(m_d.store.readOnlyReason()));
        auto conf = config::CorosyncConfigFile::parse(stored->data, kCorosyncConf);
        const QList<int> clusterLinks = conf.interfaceLinks();
        QMap<int, QString> addresses;
        for (auto it = request.links.cbegin(); it != request.links.cend(); ++it) {
            Result<QString> a = linkAddress(it.value());
            if (!a)
                return fail(Code::InvalidArgument, QStringLiteral("link%1: %2").arg(it.key()).arg(a.error().message));
            addresses.insert(it.key(), *a);
        }
        QList<int> given = addresses.keys();
        QList<int> wanted = clusterLinks;
        std::sort(wanted.begin(), wanted.end());
        if (given != wanted) {
            QStringList w, g;
            for (int l : wanted)
                w.append(QStringLiteral("link%1").arg(l));
            for (int l : given)
                g.append(QStringLiteral("link%1").arg(l));
            return joinError(QStringLiteral("link count mismatch: the cluster uses %1, the joining node gives %2")
                                 .arg(w.join(u", "), g.isEmpty() ? QStringLiteral("none") : g.join(u", ")));
        }
        quint32 nodeid = request.nodeid.value_or(0);
        QSet<quint32> used;
        for (const auto &n : conf.nodes()) {
            if (n.name == request.node)
                return joinError(QStringLiteral("a node named '%1' is already in the cluster").arg(request.node));
            used.insert(n.nodeid);
        }
        if (nodeid == 0) {
            nodeid = 1;
            while (used.contains(nodeid))
                ++nodeid;
        } else if (used.contains(nodeid)) {
            return joinError(QStringLiteral("nodeid %1 is already in use").arg(nodeid));
        }
        if (Result<void> ok = conf.addNode(request.node, nodeid, request.votes.value_or(1), addresses); !ok)
            return joinError(ok.error().message); // e.g. an address already used by another node
        if (Result<quint64> v = conf.bumpConfigVersion(); !v)
            return std::unexpected(v.error());
        Result<quint64> written = m_d.store.write(kCorosyncConf, conf.toBytes(), stored->version);
        if (!written && written.error().code == Code::StoreConflict)
            continue; // someone else changed it meanwhile: start over from theirs
        if (!written)
            return std::unexpected(written.error());
        qCInfo(lcClusterSetup) << "added node" << request.node << "with nodeid" << nodeid;
        // Members install it (followCorosyncConf) as the change reaches them.
        return AddNodeAnswer{conf.toBytes(), m_d.corosync.installedAuthkey(), {}};
    }
    return fail(Code::ClusterTimeout, QStringLiteral("corosync.conf kept changing; try again"));
}

Result<void> ClusterSetup::removeNode(const QString &node)
{
    if (node == m_d.nodeName)
        return joinError(QStringLiteral("a node cannot remove itself: run this on another cluster node"));
    const auto stored = m_d.store.read(kCorosyncConf);
    if (!stored)
        return joinError(QStringLiteral("this node is not in a cluster"));
    auto conf = config::CorosyncConfigFile::parse(stored->data, kCorosyncConf);
    if (Result<void> ok = conf.removeNode(node); !ok)
        return std::unexpected(ok.error());
    if (Result<quint64> v = conf.bumpConfigVersion(); !v)
        return std::unexpected(v.error());
    Result<quint64> written = m_d.store.write(kCorosyncConf, conf.toBytes(), stored->version);
    if (!written)
        return std::unexpected(written.error());
    return {};
}

Result<quint64> ClusterSetup::setLinkAddresses(int link, const QMap<QString, QString> &addresses)
{
    if (link < 0 || link > config::CorosyncConfigFile::kMaxLink)
        return fail(Code::InvalidArgument, QStringLiteral("link must be 0 to %1").arg(config::CorosyncConfigFile::kMaxLink));
    if (addresses.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("give at least one node=address"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto stored = m_d.store.read(kCorosyncConf);
        if (!stored)
            return joinError(QStringLiteral("this node is not in a cluster"));
        auto conf = config::CorosyncConfigFile::parse(stored->data, kCorosyncConf);
        const bool newLink = !conf.interfaceLinks().contains(link);
        QSet<QString> names;
        for (const auto &n : conf.nodes())
            names.insert(n.name);
        for (auto it = addresses.cbegin(); it != addresses.cend(); ++it) {
            if (!names.contains(it.key()))
                return fail(Code::NotFound, QStringLiteral("no node '%1' in the cluster").arg(it.key()));
            Result<QString> a = linkAddress(it.value());
            if (!a)
                return fail(Code::InvalidArgument, QStringLiteral("%1: %2").arg(it.key(), a.error().message));
        }
        if (newLink && addresses.size() != names.size())
            return joinError(QStringLiteral("link%1 is new: give an address for every node (%2)")
                                 .arg(link)
                                 .arg(QStringList(names.values()).join(u", ")));
        if (newLink)
            if (Result<void> ok = conf.addInterface(link); !ok)
                return std::unexpected(ok.error());
        for (auto it = addresses.cbegin(); it != addresses.cend(); ++it)
            if (Result<void> ok = conf.setRingAddress(it.key(), link, *linkAddress(it.value())); !ok)
                return joinError(ok.error().message); // e.g. an address another node uses
        Result<quint64> version = conf.bumpConfigVersion();
        if (!version)
            return std::unexpected(version.error());
        Result<quint64> written = m_d.store.write(kCorosyncConf, conf.toBytes(), stored->version);
        if (!written && written.error().code == Code::StoreConflict)
            continue;
        if (!written)
            return std::unexpected(written.error());
        return *version;
    }
    return fail(Code::ClusterTimeout, QStringLiteral("corosync.conf kept changing; try again"));
}

Result<void> ClusterSetup::setExpectedVotes(int votes)
{
    if (!inCluster())
        return joinError(QStringLiteral("this node is not in a cluster"));
    if (votes < 1)
        return fail(Code::InvalidArgument, QStringLiteral("expected votes must be at least 1"));
    return m_d.corosync.setExpectedVotes(votes);
}

} // namespace atalaia::agent
