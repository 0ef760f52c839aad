#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace atalaia::metrics {

// One network interface of a node, as GET /nodes/{node}/network lists it
// (Proxmox's field names; empty strings and -1 are "not set" and left out of
// the JSON). IPv4 first: the corosync links and the wizards use it.
struct NetworkInterface {
    QString iface;                        // "eno1", "vmbr0", "bond0", "vmbr0.20"
    QString type = QStringLiteral("eth"); // Proxmox's: eth, bridge, bond, vlan, alias, ... unknown
    bool active = false;                  // up and carrying (operstate up)
    bool autostart = true;
    bool exists = true;                   // the device is there (not only configured)
    QString method = QStringLiteral("manual"); // static, dhcp, manual
    QString address, netmask, cidr, gateway;   // "10.77.0.1", "255.255.255.0", "10.77.0.1/24"
    QString method6;
    QString address6, cidr6, gateway6;
    int netmask6 = -1;                    // prefix length
    QString bridgePorts;                  // "eno1 eno2" (bridges)
    QString slaves;                       // "eno1 eno2" (bonds)
    QString comments;
    int mtu = 0;                          // 0: not known

    // Proxmox's shape: {"iface": ..., "type": ..., "active": 1, "families": ["inet"], ...}.
    QJsonObject toJson() const;
    // From a fixture entry (or a Proxmox answer): "iface" is required; an
    // address comes as "cidr" ("10.77.0.1/24") or as "address" and "netmask"
    // (the other form is derived). Errors are Code::InvalidArgument.
    static Result<NetworkInterface> fromJson(const QJsonObject &json);
};

// Where a node's network interfaces come from: the kernel on a real node
// (QNetworkInterface and /sys), a fixture's "network" array in tests and demos.
// The list is what a node could use for cluster links and guest bridges; the
// loopback device is never in it (Proxmox leaves "lo" out too).
// Implementations are thread-safe: API handlers call them from worker threads.
class NetworkInterfaces
{
public:
    virtual ~NetworkInterfaces() = default;

    // Every interface, sorted by name. Does not block for long (reads kernel
    // state, no network traffic).
    virtual QList<NetworkInterface> list() const = 0;
};

} // namespace atalaia::metrics
