#pragma once

#include "GroupChannel.h"
#include "metrics/NodeMetrics.h"
#include "model/ClusterResource.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace atalaia::cluster {

// What one node tells the others every few seconds: its usage figures and
// the figures of the guests running on it (Proxmox's pmxcfs "kvstore"
// broadcast of node and VM status). Not stored: a report lives until a newer
// one comes or its sender leaves the group or falls silent.
struct NodeReport {
    QString node;
    qint64 receivedMs = 0;
    metrics::NodeStatus status;
    QList<model::ClusterResource> guests; // running guests with their figures
    // What a guest moving here needs (migration preflight). Empty lists are
    // "not known" (an older agent): nothing is refused for them.
    QStringList bridges;   // the node's bridges ("vmbr0")
    QStringList cpuModels; // CPU models its hypervisor can run (libvirt's usable custom models)
    bool kvm = false;      // hardware virtualisation usable
};

// Sends this node's report on its own process group (not the store's: no
// ordering or persistence needed) every interval and soon after publishNow(),
// and keeps the latest report of every other node. Thread-safe readers; the
// object itself lives on the thread that calls start().
class StatusBroadcast : public QObject
{
    Q_OBJECT
public:
    using Source = std::function<NodeReport()>;
    StatusBroadcast(QString node, std::unique_ptr<GroupChannel> channel, Source source, int intervalMs = 5000);
    ~StatusBroadcast() override;

    void start();
    // Sends a fresh report within ~200 ms (coalesced): a guest started or stopped.
    void publishNow();

    // The latest report of NODE, if fresh (younger than three intervals).
    std::optional<NodeReport> report(const QString &node) const;
    // Fresh reports of every other node.
    QList<NodeReport> reports() const;

    static QByteArray encode(const NodeReport &report);
    static std::optional<NodeReport> decode(const QByteArray &payload);

signals:
    void updated(const QString &node);

private:
    void send();
    void tryJoin();

    const QString m_node;
    std::unique_ptr<GroupChannel> m_channel;
    const Source m_source;
    const int m_intervalMs;
    QTimer m_timer;
    QTimer m_soon;
    QTimer m_rejoin;
    bool m_joined = false;
    mutable QMutex m_mutex; // guards m_reports, m_senderOf
    QHash<QString, NodeReport> m_reports;
    // Node name -> the member whose report m_reports holds. A member, not a
    // nodeid: a restarted agent is a new member of the same node, and the
    // old one leaving must not take the new one's report with it.
    QHash<QString, GroupMember> m_senderOf;
};

} // namespace atalaia::cluster
