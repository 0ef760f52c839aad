#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

namespace atalaia::ui {

// GET /cluster/status, as the cluster views read it: the cluster entry (none
// on a standalone node) and one entry per node, with its corosync links when
// the server reports them ("links": [{"link": 0, "connected": 1,
// "address": "10.77.0.2"}, ...]; older servers and Proxmox VE do not).
struct ClusterStatus {
    struct Link {
        int link = 0;
        bool connected = false;
        QString address;
    };
    struct Node {
        QString name;
        int nodeid = 0;
        int votes = 1;
        bool online = false;
        bool local = false; // the node that answered
        QString ip;
        QList<Link> links;  // empty: not reported
    };

    bool inCluster = false;
    QString name;           // the cluster's name
    int nodeCount = 0;
    bool quorate = false;
    int version = 0;        // corosync config_version
    QList<Node> nodes;

    // The node that answered ("local": 1), or the only node; null when neither.
    const Node *localNode() const;

    static ClusterStatus fromJson(const QJsonArray &answer);
};

} // namespace atalaia::ui
