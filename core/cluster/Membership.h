#pragma once

#include "metrics/NodeMetrics.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace atalaia::cluster {

// One corosync (knet) link to a node as this node sees it. For the local
// node: a link configured here, connected when it reaches some other node.
struct LinkStatus {
    int link = 0;           // knet link number: N of ringN_addr
    bool connected = false;
    QString address;        // the node's address on that link

    bool operator==(const LinkStatus &) const = default;
};

// One node as the cluster sees it: the corosync nodelist entry and whether it
// is in the current membership.
struct MemberNode {
    QString name;
    int nodeid = 0;         // corosync nodeid; 0 on a standalone node
    QString address;        // link0 address ("ip" in /cluster/status)
    int votes = 1;
    bool online = false;
    bool local = false;     // the node this agent runs on
    QList<LinkStatus> links; // by link number; empty when unknown (no corosync)
    // Usage figures of a node other than the local one, where known (a fake's
    // fixture now; the replicated store's node status later).
    std::optional<metrics::NodeStatus> figures;
};

// The membership and quorum as this node sees it.
struct ClusterView {
    QString name;           // cluster name; empty on a standalone node
    bool quorate = true;    // a standalone node is always quorate
    int configVersion = 0;  // corosync.conf's config_version
    QList<MemberNode> nodes; // sorted by name

    bool standalone() const { return name.isEmpty(); }
    const MemberNode *node(const QString &nodeName) const;
    int expectedVotes() const;
    int onlineVotes() const;
};

// Where membership and quorum come from: corosync (cpg/quorum/cmap) in a
// cluster, the node itself when standalone, a fixture in tests and demos.
// view() is thread-safe and cheap; changed() fires (on the object's thread)
// whenever the membership, quorum or a node's figures change.
class Membership : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Membership() override = default;

    virtual ClusterView view() const = 0;

signals:
    void changed();
};

} // namespace atalaia::cluster
