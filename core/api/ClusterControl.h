#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace atalaia::tasks {
class TaskContext;
}

namespace atalaia::api {

// Creating, joining and changing the cluster, as the /cluster/config routes
// ask for it. The agent implements it (agent::ClusterSetup); the routes only
// decode parameters and start tasks. Each check*() runs before a task is
// started, so a request that cannot work is refused at once with a 400-style
// error instead of a failed task.
class ClusterControl
{
public:
    // link number -> address ("link0" = "10.0.0.1" or "address=10.0.0.1,priority=10")
    using Links = QMap<int, QString>;

    struct CreateRequest {
        QString clusterName;
        Links links;
        std::optional<quint32> nodeid;
        std::optional<quint32> votes;
    };
    struct JoinRequest {
        QString hostname;     // a cluster node's address, optionally ":port"
        QString fingerprint;  // its certificate's SHA-256 fingerprint
        QString password;     // root@pam on that node
        Links links;
        std::optional<quint32> nodeid;
        std::optional<quint32> votes;
        bool force = false;
    };
    struct AddNodeRequest {
        QString node;
        Links links;
        std::optional<quint32> nodeid;
        std::optional<quint32> votes;
        bool force = false;
    };
    struct AddNodeAnswer {
        QByteArray corosyncConf;
        QByteArray corosyncAuthkey; // the raw key; the route base64-encodes it
        QStringList warnings;
    };

    virtual ~ClusterControl() = default;

    virtual Result<void> checkCreate(const CreateRequest &request) const = 0;
    virtual Result<void> create(const CreateRequest &request, tasks::TaskContext &task) = 0;
    virtual Result<void> checkJoin(const JoinRequest &request) const = 0;
    virtual Result<void> join(const JoinRequest &request, tasks::TaskContext &task) = 0;
    // On a cluster member, for the joining node (POST /cluster/config/nodes/{node}).
    virtual Result<AddNodeAnswer> addNode(const AddNodeRequest &request) = 0;
    // pvecm delnode.
    virtual Result<void> removeNode(const QString &node) = 0;
    // Sets link LINK's address of the nodes given (node name -> address); a
    // link the cluster does not have yet is added and then needs an address
    // for every node. Returns the new config_version; members reload.
    virtual Result<quint64> setLinkAddresses(int link, const QMap<QString, QString> &addresses) = 0;
    // pvecm expected: this node's corosync expects VOTES votes from now on
    // (to regain quorum by hand after losing nodes for good).
    virtual Result<void> setExpectedVotes(int votes) = 0;
};

} // namespace atalaia::api
