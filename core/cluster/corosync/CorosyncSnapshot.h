#pragma once

#include "cluster/Membership.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace atalaia::config {
class CorosyncConfigFile;
}

namespace atalaia::cluster::corosync {

// The raw values CorosyncMembership reads from corosync (cmap, quorum,
// votequorum, cfg), or from corosync.conf while corosync is not running, and
// the pure rule that turns them into a ClusterView. Nothing here talks to
// corosync, so the rule is tested without it (tst_CorosyncSnapshot).
struct CorosyncSnapshot {
    enum class Source {
        NoConfig,   // no corosync.conf: a standalone node
        ConfigFile, // corosync.conf exists but corosync does not answer: its nodes, all offline
        Corosync,   // read from the running corosync
    };

    // One knet link to a node as cfg's node status reports it.
    struct KnetLink {
        int link = 0;
        bool enabled = false;   // configured and admin enabled
        bool connected = false; // knet's local view: data can flow
        QString address;        // the far end (the near end for the local node), as knet has it

        bool operator==(const KnetLink &) const = default;
    };

    struct Node {
        quint32 nodeid = 0;
        QString name;                 // nodelist.node.X.name; may be empty
        quint32 configuredVotes = 1;  // nodelist.node.X.quorum_votes (corosync's default 1)
        QMap<int, QString> ringAddrs; // link number -> nodelist.node.X.ringN_addr
        // From the running corosync only:
        bool member = false;          // votequorum: in the current membership
        std::optional<quint32> votes; // votequorum's node_votes, when it knows the node
        std::optional<QList<KnetLink>> links; // cfg node status; nullopt when not read

        bool operator==(const Node &) const = default;
    };

    Source source = Source::NoConfig;
    QString clusterName;          // totem.cluster_name
    quint64 configVersion = 0;    // totem.config_version
    quint32 localNodeId = 0;      // cfg's local node id; 0 when unknown
    bool quorate = false;
    quint32 expectedVotes = 0;    // votequorum's expected votes; 0 when unknown
    quint32 totalVotes = 0;       // votequorum's votes of the current members
    QString problem;              // why corosync.conf could not be used (ConfigFile), for logs
    QList<Node> nodes;            // in nodelist order

    bool operator==(const CorosyncSnapshot &) const = default;

    // The nodes of a corosync.conf (Source::ConfigFile). A file with syntax
    // errors gives no nodes and says why in `problem`.
    static CorosyncSnapshot fromConfigFile(const config::CorosyncConfigFile &file);

    // The membership these values describe, as seen by LOCALNODENAME (used
    // to find the local node when corosync's local node id is unknown):
    //  - NoConfig: exactly StandaloneMembership's view (always quorate);
    //  - ConfigFile: every configured node offline, not quorate, no links;
    //  - Corosync: members online, votequorum's quorum and votes, and each
    //    configured link with knet's state (from this node's side; a link of
    //    this node itself is up when it connects it to at least one peer).
    // Nodes are sorted by name; a node without a name is named after its
    // ring0_addr (as pvecm does), else "node<id>".
    ClusterView toView(const QString &localNodeName) const;
};

} // namespace atalaia::cluster::corosync
