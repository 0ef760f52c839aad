#pragma once

#include <QObject>
#include <QTimer>

namespace atalaia::store {
class ConfigStore;
}
namespace atalaia::access {
class TicketAuthority;
}

namespace atalaia::agent {

// One set of ticket keys for the whole cluster, as Proxmox keeps
// priv/authkey.key and priv/pve-www.key in /etc/pve: a ticket made by any
// node is valid on every node (so a node can pass a client's call on to
// another). Once the node is in a cluster (corosync.conf in the store), the
// first node to find the store without keys puts its own there (written
// only if still absent: one wins); every node adopts the store's keys when
// they differ from its own. A standalone node keeps its own.
class ClusterKeys : public QObject
{
    Q_OBJECT
public:
    ClusterKeys(store::ConfigStore &store, access::TicketAuthority &tickets, QObject *parent = nullptr);

    static constexpr const char *kPrivateKey = "priv/authkey.key";
    static constexpr const char *kPublicKey = "authkey.pub";
    static constexpr const char *kCsrfKey = "priv/pve-www.key";

    // Checks now (also done soon after every relevant store change).
    void sync();

private:
    store::ConfigStore &m_store;
    access::TicketAuthority &m_tickets;
    QTimer m_soon;
};

} // namespace atalaia::agent
