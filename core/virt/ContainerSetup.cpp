#include "ContainerSetup.h"

#include "LxcConfigValue.h"

#include <QRegularExpression>
#include <QSet>

#include <arpa/inet.h>
#include <crypt.h>
#include <string.h>

#include <memory>

namespace atalaia::virt {

namespace {

QStringList splitList(const QString &value)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return value.split(separators, Qt::SkipEmptyParts);
}

bool isStatic(const QString &ip)
{
    return ip.contains(u'/');
}

// Whether GW lies in CIDR's subnet: if not, ifupdown cannot add the default
// route without a host route to the gateway first (Proxmox adds both).
bool gatewayReachable(const QString &gw, const QString &cidr)
{
    const bool v6 = cidr.contains(u':');
    const int family = v6 ? AF_INET6 : AF_INET;
    const int bits = cidr.section(u'/', 1).toInt();
    unsigned char a[16] = {}, b[16] = {};
    if (inet_pton(family, gw.toLatin1().constData(), a) != 1
        || inet_pton(family, cidr.section(u'/', 0, 0).toLatin1().constData(), b) != 1)
        return true; // the schema checked both; do not invent routes
    for (int i = 0; i < bits; ++i) {
        const int mask = 0x80 >> (i % 8);
        if ((a[i / 8] & mask) != (b[i / 8] & mask))
            return false;
    }
    return true;
}

bool isAddress(int family, const QString &text)
{
    unsigned char buffer[16];
    return inet_pton(family, text.toLatin1().constData(), buffer) == 1;
}

// ip/ip6: a method word or ADDRESS/PREFIX. The schema's named formats are not
// all checked there, and a bad value would end up in the guest's files.
bool validIp(int family, const QString &value, const QStringList &methods)
{
    if (value.isEmpty() || methods.contains(value))
        return true;
    bool ok = false;
    const int prefix = value.section(u'/', 1).toInt(&ok);
    return value.count(u'/') == 1 && ok && prefix >= 0 && prefix <= (family == AF_INET ? 32 : 128)
           && isAddress(family, value.section(u'/', 0, 0));
}

QStringList lines(const QByteArray &text)
{
    QStringList l = QString::fromUtf8(text).split(u'\n');
    if (!l.isEmpty() && l.last().isEmpty())
        l.removeLast();
    return l;
}

QByteArray joined(const QStringList &l)
{
    return l.isEmpty() ? QByteArray() : (l.join(u'\n') + u'\n').toUtf8();
}

void appendFamily(QStringList &out, const QString &nic, const char *family, const QString &ip, const QString &gw,
                  int mtu, bool loopbackGateway)
{
    const QString fam = QLatin1String(family);
    if (!isStatic(ip)) {
        out << QStringLiteral("iface %1 %2 %3").arg(nic, fam, ip);
        if (mtu > 0)
            out << QStringLiteral("\tpre-up ip link set dev %1 mtu %2").arg(nic).arg(mtu);
        out << QString();
        return;
    }
    out << QStringLiteral("iface %1 %2 static").arg(nic, fam) << QStringLiteral("\taddress %1").arg(ip);
    if (!gw.isEmpty()) {
        if (gatewayReachable(gw, ip) || loopbackGateway) {
            out << QStringLiteral("\tgateway %1").arg(gw);
        } else {
            out << QStringLiteral("\tpost-up ip route add %1 dev %2").arg(gw, nic)
                << QStringLiteral("\tpost-up ip route add default via %1 dev %2").arg(gw, nic)
                << QStringLiteral("\tpre-down ip route del default via %1 dev %2").arg(gw, nic)
                << QStringLiteral("\tpre-down ip route del %1 dev %2").arg(gw, nic);
        }
    }
    if (mtu > 0)
        out << QStringLiteral("\tmtu %1").arg(mtu);
    out << QString();
}

} // namespace

Result<ContainerSetup> ContainerSetup::fromConfig(const QMap<QString, QString> &config)
{
    ContainerSetup s;
    for (const char *key : {"hostname", "nameserver", "searchdomain", "ostype"})
        if (config.contains(QLatin1String(key)))
            if (Result<void> ok = lxcCheckValue(QLatin1String(key), config.value(QLatin1String(key))); !ok)
                return std::unexpected(ok.error());
    if (!config.value(QStringLiteral("hostname")).isEmpty())
        s.hostname = config.value(QStringLiteral("hostname"));
    s.nameservers = splitList(config.value(QStringLiteral("nameserver")));
    s.searchDomains = splitList(config.value(QStringLiteral("searchdomain")));
    s.ostype = config.value(QStringLiteral("ostype"));
    for (int i = 0; i <= 31; ++i) {
        const QString key = QStringLiteral("net%1").arg(i);
        if (!config.contains(key))
            continue;
        Result<LxcProps> p = lxcProps(key, config.value(key));
        if (!p)
            return std::unexpected(p.error());
        const auto &v = p->values;
        GuestNic n{v.value(QStringLiteral("name")), v.value(QStringLiteral("ip")), v.value(QStringLiteral("gw")),
                   v.value(QStringLiteral("ip6")), v.value(QStringLiteral("gw6")),
                   v.value(QStringLiteral("mtu")).toInt()};
        if (n.name.isEmpty())
            return lxcBad(key, QStringLiteral("no name: a container NIC needs name=IFNAME (eth0)"));
        if (!validIp(AF_INET, n.ip, {QStringLiteral("dhcp"), QStringLiteral("manual")}))
            return lxcBad(key, QStringLiteral("ip: '%1' is not dhcp, manual or IPv4/PREFIX").arg(n.ip));
        if (!validIp(AF_INET6, n.ip6, {QStringLiteral("auto"), QStringLiteral("dhcp"), QStringLiteral("manual")}))
            return lxcBad(key, QStringLiteral("ip6: '%1' is not auto, dhcp, manual or IPv6/PREFIX").arg(n.ip6));
        if ((!n.gw.isEmpty() && !isAddress(AF_INET, n.gw)) || (!n.gw6.isEmpty() && !isAddress(AF_INET6, n.gw6)))
            return lxcBad(key, QStringLiteral("a gateway is not an IP address"));
        if (!n.gw.isEmpty() && !isStatic(n.ip))
            return lxcBad(key, QStringLiteral("gw needs a static ip=ADDRESS/PREFIX"));
        if (!n.gw6.isEmpty() && !isStatic(n.ip6))
            return lxcBad(key, QStringLiteral("gw6 needs a static ip6=ADDRESS/PREFIX"));
        s.nics.append(n);
    }
    return s;
}

QString ContainerSetup::primaryAddress() const
{
    if (nics.isEmpty())
        return {};
    const GuestNic &n = nics.first();
    if (isStatic(n.ip))
        return n.ip.section(u'/', 0, 0);
    if (isStatic(n.ip6))
        return n.ip6.section(u'/', 0, 0);
    return {};
}

QByteArray hostnameFile(const ContainerSetup &setup)
{
    return (setup.shortHostname() + u'\n').toUtf8();
}

QByteArray hostsFile(const QByteArray &old, const QString &oldName, const ContainerSetup &setup)
{
    const QString address = setup.primaryAddress();
    const QString shortName = setup.shortHostname();
    // As Proxmox: a FQDN gives "fqdn short"; a short name is qualified with
    // each search domain.
    QStringList names;
    if (setup.hostname.contains(u'.')) {
        names << setup.hostname << shortName;
    } else {
        for (const QString &domain : setup.searchDomains)
            names << setup.hostname + u'.' + domain;
        names << setup.hostname;
    }
    const QString ours = address.isEmpty() ? QStringLiteral("127.0.1.1\t%1").arg(shortName)
                                           : QStringLiteral("%1\t%2").arg(address, names.join(u' '));
    QStringList out;
    bool placed = false, localhost = false;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (const QString &line : lines(old)) {
        const QString t = line.trimmed();
        if (t.isEmpty() || t.startsWith(u'#')) {
            out << line;
            continue;
        }
        QStringList fields = t.split(space);
        const QString ip = fields.takeFirst();
        if (ip == u"127.0.0.1" || ip == u"::1") {
            localhost = localhost || ip == u"127.0.0.1";
            out << line;
            continue;
        }
        const bool ourLine = fields.contains(oldName) || fields.contains(setup.hostname)
                             || fields.contains(shortName) || (!address.isEmpty() && ip == address)
                             || ip == u"127.0.1.1";
        if (!ourLine) {
            out << line;
        } else if (!placed) {
            out << ours;
            placed = true;
        }
    }
    if (!placed)
        out << ours;
    if (!localhost)
        out.prepend(QStringLiteral("127.0.0.1\tlocalhost"));
    return joined(out);
}

QByteArray resolvConf(const ContainerSetup &setup)
{
    if (setup.nameservers.isEmpty() && setup.searchDomains.isEmpty())
        return {};
    QStringList out;
    if (!setup.searchDomains.isEmpty())
        out << QStringLiteral("search ") + setup.searchDomains.join(u' ');
    for (const QString &ns : setup.nameservers)
        out << QStringLiteral("nameserver ") + ns;
    return joined(out);
}

QByteArray interfacesFile(const QByteArray &old, const ContainerSetup &setup)
{
    QSet<QString> managed;
    for (const GuestNic &n : setup.nics)
        if (!n.ip.isEmpty() || !n.ip6.isEmpty())
            managed.insert(n.name);

    // Drop the stanzas of managed interfaces (an "iface" line and its option
    // lines, up to the next top-level line or blank line) and their "auto" /
    // "allow-hotplug" mentions; keep the rest as it is.
    static const QRegularExpression topLevel(
        QStringLiteral("^(iface|auto|allow-\\S+|mapping|source|source-directory|rename)\\b"));
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList out;
    bool skipping = false;
    bool loopback = false;
    for (const QString &line : lines(old)) {
        const QString t = line.trimmed();
        if (t.isEmpty()) {
            skipping = false;
            out << line;
            continue;
        }
        if (!topLevel.match(t).hasMatch()) {
            if (!skipping)
                out << line;
            continue;
        }
        skipping = false;
        QStringList fields = t.split(space);
        const QString keyword = fields.takeFirst();
        if (keyword == u"iface") {
            if (fields.value(0) == u"lo")
                loopback = true;
            if (managed.contains(fields.value(0))) {
                skipping = true;
                continue;
            }
            out << line;
        } else if (keyword == u"auto" || keyword.startsWith(u"allow-")) {
            QStringList kept;
            for (const QString &name : std::as_const(fields))
                if (!managed.contains(name))
                    kept << name;
            if (!kept.isEmpty())
                out << keyword + u' ' + kept.join(u' ');
        } else {
            out << line;
        }
    }
    // Collapse the blank lines that removed stanzas leave behind.
    QStringList tidy;
    for (const QString &line : std::as_const(out))
        if (!(line.trimmed().isEmpty() && (tidy.isEmpty() || tidy.last().trimmed().isEmpty())))
            tidy << line;
    if (!loopback)
        tidy = QStringList{QStringLiteral("auto lo"), QStringLiteral("iface lo inet loopback"), QString()} + tidy;
    if (!tidy.isEmpty() && !tidy.last().trimmed().isEmpty())
        tidy << QString();

    for (const GuestNic &n : setup.nics) {
        if (!managed.contains(n.name))
            continue;
        tidy << QStringLiteral("auto ") + n.name;
        if (!n.ip.isEmpty())
            appendFamily(tidy, n.name, "inet", n.ip, n.gw, n.mtu, false);
        if (!n.ip6.isEmpty())
            appendFamily(tidy, n.name, "inet6", n.ip6, n.gw6, n.ip.isEmpty() ? n.mtu : 0,
                         n.gw6.startsWith(QStringLiteral("fe80:"), Qt::CaseInsensitive));
    }
    while (!tidy.isEmpty() && tidy.last().isEmpty())
        tidy.removeLast();
    return joined(tidy);
}

Result<QByteArray> shadowWithRootHash(const QByteArray &old, const QByteArray &hash, qint64 days)
{
    if (hash.contains(':') || hash.contains('\n'))
        return fail(Code::InvalidArgument, QStringLiteral("/etc/shadow: a password hash cannot hold ':' or a line break"));
    QList<QByteArray> rows = old.split('\n');
    bool found = false;
    for (QByteArray &row : rows) {
        if (!row.startsWith("root:"))
            continue;
        QList<QByteArray> fields = row.split(':');
        while (fields.size() < 9)
            fields.append(QByteArray());
        fields[1] = hash;
        fields[2] = QByteArray::number(days);
        row = fields.join(':');
        found = true;
    }
    if (!found)
        return fail(Code::NotFound, QStringLiteral("/etc/shadow: no line for root"));
    return rows.join('\n');
}

Result<QByteArray> rootPasswordHash(const QByteArray &password)
{
    if (password.startsWith('$'))
        return password;
    if (password.isEmpty() || password.contains('\0'))
        return fail(Code::InvalidArgument, QStringLiteral("password: must not be empty or hold a NUL character"));
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$6$", 0, nullptr, 0, setting, sizeof setting) || setting[0] == '*')
        return fail(Code::Internal, QStringLiteral("password: libcrypt cannot make a SHA-512 salt"));
    // crypt_r's state is about 32 KiB: not for the stack.
    auto state = std::make_unique<crypt_data>();
    const QByteArray phrase = password; // NUL-terminated
    const char *hashed = crypt_r(phrase.constData(), setting, state.get());
    const QByteArray result = hashed && hashed[0] != '*' ? QByteArray(hashed) : QByteArray();
    explicit_bzero(state.get(), sizeof(crypt_data)); // it held password-derived data
    if (result.isEmpty())
        return fail(Code::Internal, QStringLiteral("password: libcrypt failed to hash it"));
    return result;
}

} // namespace atalaia::virt
