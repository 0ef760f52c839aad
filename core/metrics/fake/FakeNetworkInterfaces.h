#pragma once

#include "metrics/NetworkInterfaces.h"

#include <QJsonArray>

#include <memory>

namespace atalaia::metrics::fake {

// A fixture's "network" array: one object per interface in Proxmox's shape
// ({"iface": "vmbr0", "type": "bridge", "cidr": "10.77.0.1/24", ...}; see
// NetworkInterface::fromJson). Without the array, one bridge "vmbr0" with
// 192.0.2.10/24 (a documentation address), so a fake node always has
// something to offer for a cluster link. Fixed after construction.
class FakeNetworkInterfaces final : public NetworkInterfaces
{
public:
    static Result<std::unique_ptr<FakeNetworkInterfaces>> fromJson(const QJsonValue &network);
    QList<NetworkInterface> list() const override { return m_interfaces; }

private:
    QList<NetworkInterface> m_interfaces;
};

} // namespace atalaia::metrics::fake
