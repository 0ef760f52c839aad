#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::cluster {

// What a node needs to join a cluster, as Proxmox VE hands it to the admin:
// the "Join Information" blob of Datacenter → Cluster, base64 of
//   {"ipAddress": ..., "fingerprint": ..., "peerLinks": {"0": addr, "1": addr},
//    "ring_addr": [...], "totem": {...}}
// made from GET /cluster/config/join for the preferred node. The same blob
// works between Atalaia and Proxmox VE in both directions.
struct JoinInformation {
    QString ipAddress;            // the API address of the node to join through
    QString fingerprint;          // its certificate's SHA-256, "AA:BB:..." (32 bytes)
    QMap<int, QString> peerLinks; // corosync link number -> that node's address
    QStringList ringAddresses;    // "ring_addr", in link order
    QJsonObject totem;            // the cluster's totem settings (cluster_name, interfaces...)

    QString clusterName() const { return totem.value(QLatin1String("cluster_name")).toString(); }
    int linkCount() const { return int(peerLinks.size()); }

    // From GET /cluster/config/join's answer: the preferred node's entry.
    static Result<JoinInformation> fromJoinAnswer(const QJsonObject &answer);

    QJsonObject toJson() const;
    static Result<JoinInformation> fromJson(const QJsonObject &json);
    // The base64 text users copy and paste.
    QString toBlob() const;
    // Whitespace and line breaks inside the pasted text are ignored; errors
    // say what is wrong with it (Code::InvalidArgument).
    static Result<JoinInformation> fromBlob(QStringView text);
};

} // namespace atalaia::cluster
