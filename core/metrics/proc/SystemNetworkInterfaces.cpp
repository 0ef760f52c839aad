#include "SystemNetworkInterfaces.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QNetworkInterface>

#include <algorithm>

namespace atalaia::metrics::proc {

namespace {

const QString kSysNet = QStringLiteral("/sys/class/net/");

// A bridge's ports (/sys/class/net/BRIDGE/brif/*), space-separated.
QString bridgePorts(const QString &iface)
{
    QStringList names = QDir(kSysNet + iface + QLatin1String("/brif")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    names.sort();
    return names.join(QLatin1Char(' '));
}

// A bond's slaves (/sys/class/net/BOND/bonding/slaves), space-separated.
QString bondSlaves(const QString &iface)
{
    QFile f(kSysNet + iface + QLatin1String("/bonding/slaves"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().simplified()) : QString();
}

QString typeOf(const QNetworkInterface &n)
{
    const QString base = kSysNet + n.name() + QLatin1Char('/');
    if (QFileInfo::exists(base + QLatin1String("bridge")))
        return QStringLiteral("bridge");
    if (QFileInfo::exists(base + QLatin1String("bonding")))
        return QStringLiteral("bond");
    if (QFile::exists(QStringLiteral("/proc/net/vlan/") + n.name()))
        return QStringLiteral("vlan");
    if (n.type() == QNetworkInterface::Ethernet && QFileInfo::exists(base + QLatin1String("device")))
        return QStringLiteral("eth");
    return QStringLiteral("unknown");
}

// Default IPv4 gateways by interface, from /proc/net/route (hex, host byte order of a little-endian kernel).
QHash<QString, QString> defaultGateways()
{
    QHash<QString, QString> out;
    QFile routes(QStringLiteral("/proc/net/route"));
    if (!routes.open(QIODevice::ReadOnly))
        return out;
    routes.readLine(); // header
    while (!routes.atEnd()) {
        const QList<QByteArray> f = routes.readLine().simplified().split(' ');
        if (f.size() < 3 || f[1] != "00000000")
            continue;
        bool ok = false;
        const quint32 raw = f[2].toUInt(&ok, 16);
        if (!ok || raw == 0)
            continue;
        const quint32 host = ((raw & 0xff) << 24) | ((raw & 0xff00) << 8) | ((raw >> 8) & 0xff00) | (raw >> 24);
        out.insert(QString::fromLatin1(f[0]), QHostAddress(host).toString());
    }
    return out;
}

} // namespace

QList<NetworkInterface> SystemNetworkInterfaces::list() const
{
    const QHash<QString, QString> gateways = defaultGateways();
    QList<NetworkInterface> out;
    for (const QNetworkInterface &n : QNetworkInterface::allInterfaces()) {
        if (n.flags().testFlag(QNetworkInterface::IsLoopBack) || n.type() == QNetworkInterface::Loopback)
            continue;
        NetworkInterface entry;
        entry.iface = n.name();
        entry.type = typeOf(n);
        entry.active = n.flags().testFlag(QNetworkInterface::IsUp) && n.flags().testFlag(QNetworkInterface::IsRunning);
        entry.mtu = n.maximumTransmissionUnit();
        for (const QNetworkAddressEntry &a : n.addressEntries()) {
            const QHostAddress ip = a.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && entry.address.isEmpty()) {
                entry.address = ip.toString();
                entry.netmask = a.netmask().toString();
                entry.cidr = QStringLiteral("%1/%2").arg(entry.address).arg(a.prefixLength());
                entry.method = QStringLiteral("static");
            } else if (ip.protocol() == QAbstractSocket::IPv6Protocol && entry.address6.isEmpty() && !ip.isLinkLocal()) {
                entry.address6 = ip.toString();
                entry.netmask6 = a.prefixLength();
                entry.cidr6 = QStringLiteral("%1/%2").arg(entry.address6).arg(a.prefixLength());
                entry.method6 = QStringLiteral("static");
            }
        }
        if (entry.type == QLatin1String("unknown") && entry.address.isEmpty() && entry.address6.isEmpty())
            continue; // a tap or veth of a guest: nothing a cluster link could use
        entry.gateway = gateways.value(entry.iface);
        if (entry.type == QLatin1String("bridge"))
            entry.bridgePorts = bridgePorts(entry.iface);
        else if (entry.type == QLatin1String("bond"))
            entry.slaves = bondSlaves(entry.iface);
        out.append(entry);
    }
    std::sort(out.begin(), out.end(), [](const NetworkInterface &a, const NetworkInterface &b) { return a.iface < b.iface; });
    return out;
}

} // namespace atalaia::metrics::proc
