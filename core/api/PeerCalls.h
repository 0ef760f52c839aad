#pragma once

#include "ApiResponse.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

namespace atalaia::tasks {
class TaskContext;
}

namespace atalaia::api {

class Services;

// Calls the API of another node of the cluster on this node's own behalf,
// as root@pam, the way Proxmox's nodes run commands on each other over SSH
// as root. The ticket is one this node signs with the cluster's shared
// ticket key (every member holds it, as every Proxmox node can ssh to the
// others), so nothing is granted that the node could not do itself. Only
// for work whose permission was checked here first, on the user's behalf:
// a container migrated in restart mode is started on its new node.
//
// Blocking: for task worker threads. The other node's certificate must be
// the one the cluster holds for it (forwardToNode).
class PeerCalls
{
public:
    explicit PeerCalls(const Services &services);

    ApiResponse call(const QString &node, const QString &method, const QString &path,
                     const QJsonObject &params = {}) const;

    // POSTs PATH on NODE, which answers with the UPID of a task there, then
    // follows that task: its log lines are copied into TASK (indented, after
    // a line naming it) until it stops. Fails unless it ends "OK". When TASK
    // is cancelled, the other task is stopped too.
    Result<void> runTask(const QString &node, const QString &path, const QJsonObject &params,
                         tasks::TaskContext &task) const;

private:
    const Services &m_services;
};

} // namespace atalaia::api
