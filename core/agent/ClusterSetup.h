#pragma once

#include "api/ClusterControl.h"
#include "base/Error.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace atalaia::cluster {
class CorosyncControl;
class GroupChannel;
class Membership;
class ReplicatedStore;
}

namespace atalaia::agent {

// Creating a cluster, joining one and changing its node list, the Proxmox VE
// way (pvecm create / add / delnode), on top of the replicated store and the
// node's corosync:
//
// * create: corosync.conf (pvecm's layout) and a new authkey, the cluster CA
//   and this node's CA-issued certificate go into the store; corosync.conf and
//   the key into /etc/corosync; the store joins its process group; corosync
//   starts; the API serves the new certificate.
// * join: over HTTPS to a cluster node whose certificate must have the given
//   fingerprint, root@pam login with the given password, POST
//   /cluster/config/nodes/{this node}; the answer's corosync.conf and key are
//   installed, the store joins as "joining" (it adopts the cluster's state,
//   never the other way round), corosync starts; once synchronised the node
//   issues itself a certificate from the cluster CA.
// * Every node follows the store's corosync.conf: when it changes (a node
//   added or removed anywhere) the node installs it and tells corosync to
//   reload, as pmxcfs and pve-cluster do.
class ClusterSetup final : public QObject, public api::ClusterControl
{
    Q_OBJECT
public:
    struct Dependencies {
        QString nodeName;
        cluster::ReplicatedStore &store;
        cluster::CorosyncControl &corosync;
        cluster::Membership &membership;
        std::function<std::unique_ptr<cluster::GroupChannel>()> newChannel;
        std::function<Result<void>(const QByteArray &keyPem, const QByteArray &certificatePem)> installCertificate;
        QString joiningMarker;   // see ReplicatedStore::attach
        int syncTimeoutMs = 120'000;
        // Called once the node is in the cluster (create, join), before the
        // task ends: it shares or adopts the cluster's ticket keys.
        std::function<void()> clustered;
    };

    explicit ClusterSetup(Dependencies dependencies, QObject *parent = nullptr);
    ~ClusterSetup() override;

    // At agent start: a node whose store holds corosync.conf is a cluster
    // member: its store joins the group, and the installed corosync.conf is
    // brought up to the store's.
    Result<void> start();

    Result<void> checkCreate(const CreateRequest &request) const override;
    Result<void> create(const CreateRequest &request, tasks::TaskContext &task) override;
    Result<void> checkJoin(const JoinRequest &request) const override;
    Result<void> join(const JoinRequest &request, tasks::TaskContext &task) override;
    Result<AddNodeAnswer> addNode(const AddNodeRequest &request) override;
    Result<void> removeNode(const QString &node) override;
    Result<quint64> setLinkAddresses(int link, const QMap<QString, QString> &addresses) override;
    Result<void> setExpectedVotes(int votes) override;

    // "address=10.0.0.1,priority=5" or "10.0.0.1" -> "10.0.0.1".
    static Result<QString> linkAddress(const QString &spec);
    // pvecm's corosync.conf for a new cluster of one node.
    static QByteArray initialCorosyncConf(const QString &clusterName, const QString &nodeName, quint32 nodeid,
                                          quint32 votes, const QMap<int, QString> &addresses);

private:
    bool inCluster() const;
    Result<void> followCorosyncConf();
    Result<void> waitUntilSynchronised(tasks::TaskContext &task, bool needQuorum);
    Result<void> issueOwnCertificate(tasks::TaskContext &task, const QStringList &addresses);

    Dependencies m_d;
};

} // namespace atalaia::agent
