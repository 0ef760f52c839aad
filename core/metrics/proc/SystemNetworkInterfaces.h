#pragma once

#include "metrics/NetworkInterfaces.h"

namespace atalaia::metrics::proc {

// The real node's interfaces, from QNetworkInterface (addresses, flags, MTU)
// and /sys/class/net (whether a device is a bridge, a bond, a VLAN or a
// physical NIC; bridge ports and bond slaves), with default gateways from
// /proc/net/route. Physical NICs, bridges, bonds and VLANs are listed always;
// other virtual devices (tap, veth, tunnels) only when they carry an address.
// Not listed: the loopback device. Addresses come from the kernel, not from
// /etc/network/interfaces: "method" is "static" when an IPv4 address is set.
class SystemNetworkInterfaces final : public NetworkInterfaces
{
public:
    QList<NetworkInterface> list() const override;
};

} // namespace atalaia::metrics::proc
