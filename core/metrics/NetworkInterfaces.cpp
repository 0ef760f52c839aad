#include "NetworkInterfaces.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace atalaia::metrics {

namespace {

// Proxmox's pve-iface: 2 to 20 characters, a letter first.
const QRegularExpression kIface(QStringLiteral("^[a-zA-Z][a-zA-Z0-9_.\\-]{1,19}$"));

QString ipv4Netmask(int prefix)
{
    const quint32 mask = prefix <= 0 ? 0 : ~quint32(0) << (32 - prefix);
    return QHostAddress(mask).toString();
}

void insertIfSet(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

} // namespace

QJsonObject NetworkInterface::toJson() const
{
    QJsonObject o{{QStringLiteral("iface"), iface},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("active"), active ? 1 : 0},
                  {QStringLiteral("autostart"), autostart ? 1 : 0},
                  {QStringLiteral("exists"), exists ? 1 : 0},
                  {QStringLiteral("method"), method}};
    QJsonArray families;
    if (!address.isEmpty() || method != QLatin1String("manual"))
        families.append(QStringLiteral("inet"));
    if (!address6.isEmpty() || !method6.isEmpty())
        families.append(QStringLiteral("inet6"));
    o.insert(QStringLiteral("families"), families);
    insertIfSet(o, "address", address);
    insertIfSet(o, "netmask", netmask);
    insertIfSet(o, "cidr", cidr);
    insertIfSet(o, "gateway", gateway);
    insertIfSet(o, "method6", method6);
    insertIfSet(o, "address6", address6);
    insertIfSet(o, "cidr6", cidr6);
    insertIfSet(o, "gateway6", gateway6);
    if (netmask6 >= 0)
        o.insert(QStringLiteral("netmask6"), netmask6);
    insertIfSet(o, "bridge_ports", bridgePorts);
    insertIfSet(o, "slaves", slaves);
    insertIfSet(o, "comments", comments);
    if (mtu > 0)
        o.insert(QStringLiteral("mtu"), mtu);
    return o;
}

Result<NetworkInterface> NetworkInterface::fromJson(const QJsonObject &json)
{
    NetworkInterface n;
    n.iface = json.value(QLatin1String("iface")).toString();
    if (!kIface.match(n.iface).hasMatch())
        return fail(Code::InvalidArgument,
                    QStringLiteral("network interface '%1': a name of 2 to 20 letters, digits, '.', '-' or '_', "
                                   "starting with a letter").arg(n.iface));
    auto flag = [&json](const char *key, bool fallback) {
        const QJsonValue v = json.value(QLatin1String(key));
        return v.isUndefined() ? fallback : (v.isBool() ? v.toBool() : v.toInt() != 0);
    };
    n.type = json.value(QLatin1String("type")).toString(QStringLiteral("eth"));
    n.active = flag("active", true);
    n.autostart = flag("autostart", true);
    n.exists = flag("exists", true);
    n.gateway = json.value(QLatin1String("gateway")).toString();
    n.gateway6 = json.value(QLatin1String("gateway6")).toString();
    n.bridgePorts = json.value(QLatin1String("bridge_ports")).toString();
    n.slaves = json.value(QLatin1String("slaves")).toString();
    n.comments = json.value(QLatin1String("comments")).toString();
    n.mtu = json.value(QLatin1String("mtu")).toInt(0);

    // IPv4: "cidr", or "address" with "netmask" (a dotted mask or a prefix length).
    const QString cidr = json.value(QLatin1String("cidr")).toString();
    const QString address = json.value(QLatin1String("address")).toString();
    if (!cidr.isEmpty()) {
        const int prefix = QHostAddress::parseSubnet(cidr).second;
        const QHostAddress host(cidr.section(QLatin1Char('/'), 0, 0));
        if (prefix < 0 || host.protocol() != QAbstractSocket::IPv4Protocol)
            return fail(Code::InvalidArgument,
                        QStringLiteral("network interface %1: '%2' is not an IPv4 address with its prefix "
                                       "(10.0.0.1/24)").arg(n.iface, cidr));
        n.address = host.toString();
        n.netmask = ipv4Netmask(prefix);
        n.cidr = QStringLiteral("%1/%2").arg(n.address).arg(prefix);
    } else if (!address.isEmpty()) {
        const QHostAddress host(address);
        const QString mask = json.value(QLatin1String("netmask")).toString(QStringLiteral("24"));
        bool numeric = false;
        int prefix = mask.toInt(&numeric);
        if (!numeric) // a dotted mask, "255.255.255.0"
            prefix = QHostAddress(mask).protocol() == QAbstractSocket::IPv4Protocol
                         ? QHostAddress::parseSubnet(QStringLiteral("0.0.0.0/") + mask).second
                         : -1;
        if (host.protocol() != QAbstractSocket::IPv4Protocol || prefix < 0 || prefix > 32)
            return fail(Code::InvalidArgument,
                        QStringLiteral("network interface %1: '%2' with netmask '%3' is not an IPv4 address and mask")
                            .arg(n.iface, address, mask));
        n.address = host.toString();
        n.netmask = ipv4Netmask(prefix);
        n.cidr = QStringLiteral("%1/%2").arg(n.address).arg(prefix);
    }
    n.method = json.value(QLatin1String("method")).toString(n.address.isEmpty() ? QStringLiteral("manual")
                                                                                : QStringLiteral("static"));

    const QString cidr6 = json.value(QLatin1String("cidr6")).toString();
    if (!cidr6.isEmpty()) {
        const int prefix = QHostAddress::parseSubnet(cidr6).second;
        const QHostAddress host(cidr6.section(QLatin1Char('/'), 0, 0));
        if (prefix < 0 || host.protocol() != QAbstractSocket::IPv6Protocol)
            return fail(Code::InvalidArgument,
                        QStringLiteral("network interface %1: '%2' is not an IPv6 address with its prefix "
                                       "(fd00::1/64)").arg(n.iface, cidr6));
        n.address6 = host.toString();
        n.netmask6 = prefix;
        n.cidr6 = QStringLiteral("%1/%2").arg(n.address6).arg(prefix);
        n.method6 = json.value(QLatin1String("method6")).toString(QStringLiteral("static"));
    } else {
        n.method6 = json.value(QLatin1String("method6")).toString();
    }
    return n;
}

} // namespace atalaia::metrics
