#include "FakeNetworkInterfaces.h"

#include <algorithm>

namespace atalaia::metrics::fake {

Result<std::unique_ptr<FakeNetworkInterfaces>> FakeNetworkInterfaces::fromJson(const QJsonValue &network)
{
    auto fake = std::make_unique<FakeNetworkInterfaces>();
    if (network.isUndefined() || network.isNull()) {
        NetworkInterface bridge;
        bridge.iface = QStringLiteral("vmbr0");
        bridge.type = QStringLiteral("bridge");
        bridge.active = true;
        bridge.method = QStringLiteral("static");
        bridge.address = QStringLiteral("192.0.2.10");
        bridge.netmask = QStringLiteral("255.255.255.0");
        bridge.cidr = QStringLiteral("192.0.2.10/24");
        bridge.bridgePorts = QStringLiteral("eth0");
        fake->m_interfaces.append(bridge);
        return fake;
    }
    if (!network.isArray())
        return fail(Code::InvalidArgument, QStringLiteral("the fixture's \"network\" is not an array of interfaces"));
    for (const QJsonValue &v : network.toArray()) {
        auto entry = NetworkInterface::fromJson(v.toObject());
        if (!entry)
            return std::unexpected(entry.error());
        const bool duplicate = std::any_of(fake->m_interfaces.cbegin(), fake->m_interfaces.cend(),
                                           [&](const NetworkInterface &n) { return n.iface == entry->iface; });
        if (duplicate)
            return fail(Code::InvalidArgument,
                        QStringLiteral("the fixture's \"network\" lists interface %1 twice").arg(entry->iface));
        fake->m_interfaces.append(std::move(*entry));
    }
    std::sort(fake->m_interfaces.begin(), fake->m_interfaces.end(),
              [](const NetworkInterface &a, const NetworkInterface &b) { return a.iface < b.iface; });
    return fake;
}

} // namespace atalaia::metrics::fake
