#include "NamedFormats.h"

#include <QHash>
#include <QRegularExpression>

#include <arpa/inet.h>

#include <functional>

namespace atalaia::schema {

namespace {

using Check = std::function<bool(QStringView)>;

Check regex(const char *pattern, bool caseInsensitive = false)
{
    auto re = std::make_shared<QRegularExpression>(
        QRegularExpression::anchoredPattern(QString::fromLatin1(pattern)),
        caseInsensitive ? QRegularExpression::CaseInsensitiveOption : QRegularExpression::NoPatternOption);
    return [re](QStringView v) { return re->matchView(v).hasMatch(); };
}

bool isIpv4(QStringView v)
{
    in_addr a{};
    return inet_pton(AF_INET, v.toLatin1().constData(), &a) == 1;
}

bool isIpv6(QStringView v)
{
    in6_addr a{};
    return inet_pton(AF_INET6, v.toLatin1().constData(), &a) == 1;
}

bool isCidr(QStringView v, bool v4, bool v6)
{
    const qsizetype slash = v.indexOf(u'/');
    if (slash <= 0)
        return false;
    bool ok = false;
    const int prefix = v.sliced(slash + 1).toInt(&ok);
    const QStringView addr = v.first(slash);
    if (!ok)
        return false;
    if (v4 && isIpv4(addr))
        return prefix >= 0 && prefix <= 32;
    if (v6 && isIpv6(addr))
        return prefix >= 0 && prefix <= 128;
    return false;
}

const Check kDnsName = regex(R"(([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?\.)*([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?))");

bool isMac(QStringView v)
{
    static const Check shape = regex("[0-9a-f]{2}(:[0-9a-f]{2}){5}", true);
    if (!shape(v))
        return false;
    // The I/G bit (lowest bit of the first octet) marks a group address.
    return (v.first(2).toInt(nullptr, 16) & 1) == 0;
}

struct Format {
    Check check;
    const char *expected;
};

const QHash<QString, Format> &formats()
{
    static const QHash<QString, Format> table = [] {
        QHash<QString, Format> t;
        auto add = [&t](const char *name, Check c, const char *expected) {
            t.insert(QString::fromLatin1(name), Format{std::move(c), expected});
        };
        add("pve-node", regex("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?"),
            "a node name: letters, digits and '-', not starting or ending with '-'");
        add("pve-vmid", [](QStringView v) {
                bool ok = false;
                const qlonglong id = v.toLongLong(&ok);
                return ok && id >= 100 && id <= 999999999 && !v.startsWith(u'+');
            }, "a guest id between 100 and 999999999");
        add("pve-storage-id", regex("[a-z][a-z0-9\\-_.]*[a-z0-9]", true),
            "a storage id: a letter, then letters, digits, '-', '_' or '.'");
        add("pve-configid", regex("[a-z][a-z0-9_\\-]+", true),
            "an id: a letter, then letters, digits, '-' or '_'");
        add("pve-groupid", regex("[A-Za-z0-9.\\-_]+"), "a group id: letters, digits, '.', '-' or '_'");
        add("pve-roleid", regex("[A-Za-z0-9.\\-_]+"), "a role id: letters, digits, '.', '-' or '_'");
        add("pve-poolid", regex("[A-Za-z0-9\\-_]+(/[A-Za-z0-9\\-_]+){0,2}"), "a pool id: letters, digits, '-' or '_'");
        add("pve-realm", regex("[A-Za-z][A-Za-z0-9.\\-_]+"), "a realm: a letter, then letters, digits, '.', '-' or '_'");
        add("pve-userid", [](QStringView v) {
                static const Check c = regex("[^\\s:/@]+@[A-Za-z][A-Za-z0-9.\\-_]+");
                return v.size() <= 64 && c(v);
            }, "a user id like name@realm (at most 64 characters)");
        // A full token id, as Proxmox's pve-tokenid: user@realm!name.
        add("pve-tokenid", [](QStringView v) {
                static const Check c = regex("[^\\s:/@]+@[A-Za-z][A-Za-z0-9.\\-_]+![A-Za-z][A-Za-z0-9.\\-_]+");
                return v.size() <= 128 && c(v);
            }, "a token id like name@realm!token");
        add("mac-addr", isMac, "a unicast MAC address XX:XX:XX:XX:XX:XX");
        add("mac-prefix", regex("[0-9a-f]{2}(:[0-9a-f]{2}){0,2}", true), "a MAC prefix like BC:24:11");
        add("ipv4", isIpv4, "an IPv4 address");
        add("ipv6", isIpv6, "an IPv6 address");
        add("ip", [](QStringView v) { return isIpv4(v) || isIpv6(v); }, "an IP address");
        add("CIDR", [](QStringView v) { return isCidr(v, true, true); }, "an address with a prefix length, like 10.0.0.0/24");
        add("CIDRv4", [](QStringView v) { return isCidr(v, true, false); }, "an IPv4 address with a prefix length, like 10.0.0.0/24");
        add("CIDRv6", [](QStringView v) { return isCidr(v, false, true); }, "an IPv6 address with a prefix length");
        add("ipv4mask", regex("((255|254|252|248|240|224|192|128|0)\\.){3}(255|254|252|248|240|224|192|128|0)"), "an IPv4 netmask");
        add("dns-name", kDnsName, "a DNS name");
        add("address", [](QStringView v) { return isIpv4(v) || isIpv6(v) || kDnsName(v); }, "an IP address or DNS name");
        add("email-opt", [](QStringView v) {
                static const Check c = regex(R"([\w+\-~]+(\.[\w+\-~]+)*@[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)*)");
                return v.isEmpty() || c(v);
            }, "an e-mail address");
        add("pve-bridge-id", regex("[-_.\\w\\d]+"), "a bridge name like vmbr0");
        add("pve-tag", regex("[a-z0-9_][a-z0-9_\\-+.]*", true), "a tag: letters, digits, '_', '-', '+' or '.'");
        add("disk-size", regex("\\d+(\\.\\d+)?[KMGT]?"), "a size like 32G");
        add("pve-storage-content", regex("images|rootdir|vztmpl|iso|backup|snippets|import|none"),
            "a content type: images, rootdir, vztmpl, iso, backup, snippets or import");
        add("pve-ha-resource-or-vm-id", regex("((vm|ct):)?[1-9][0-9]{2,8}"), "an HA resource id like vm:100 or ct:101");
        add("pve-ha-resource-id", regex("(vm|ct):[1-9][0-9]{2,8}"), "an HA resource id like vm:100 or ct:101");
        add("pve-ha-node", regex("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?(:\\d+)?"), "a node name with an optional priority, like node1:2");
        add("pve-startup-order", regex("((order=)?\\d+)?(,?(up|down)=\\d+)*"), "[[order=]<n>] [,up=<seconds>] [,down=<seconds>]");
        add("pve-volume-id", regex("[a-z][a-z0-9\\-_.]*[a-z0-9]:.+", true), "a volume id like storage:vm-100-disk-0");
        add("pve-volume-id-or-qm-path", regex("none|cdrom|/.+|[a-z][a-z0-9\\-_.]*[a-z0-9]:.+|[a-z][a-z0-9\\-_.]*[a-z0-9]:\\d+(\\.\\d+)?", true),
            "a volume id (storage:name), an absolute path, 'none' or 'cdrom'");
        add("pve-volume-id-or-absolute-path", regex("/.+|[a-z][a-z0-9\\-_.]*[a-z0-9]:.+", true),
            "a volume id (storage:name) or an absolute path");
        return t;
    }();
    return table;
}

// "pve-node-list" checks each item against "pve-node"; lists split at ',', ';' or spaces.
std::optional<QString> checkList(const Format &item, QStringView value, const QString &format)
{
    static const QRegularExpression kSeparators(QStringLiteral("[,; ]+"));
    const QString text = value.toString();
    for (const QString &part : text.split(kSeparators, Qt::SkipEmptyParts)) {
        if (!item.check(part))
            return QStringLiteral("'%1' in the list is not valid for %2: expected %3")
                .arg(shortenForMessage(part), format, QString::fromLatin1(item.expected));
    }
    return std::nullopt;
}

const Format *findFormat(const QString &format, bool *isList)
{
    *isList = false;
    const auto &table = formats();
    if (auto it = table.constFind(format); it != table.cend())
        return &it.value();
    if (format.endsWith(QLatin1String("-list"))) {
        if (auto it = table.constFind(format.chopped(5)); it != table.cend()) {
            *isList = true;
            return &it.value();
        }
    }
    return nullptr;
}

} // namespace

std::optional<QString> checkNamedFormat(const QString &format, QStringView value)
{
    bool isList = false;
    const Format *f = findFormat(format, &isList);
    if (!f)
        return std::nullopt;
    if (isList)
        return checkList(*f, value, format);
    if (f->check(value))
        return std::nullopt;
    return QStringLiteral("'%1' is not a valid %2: expected %3")
        .arg(shortenForMessage(value), format, QString::fromLatin1(f->expected));
}

QString shortenForMessage(QStringView value)
{
    constexpr qsizetype kMax = 80;
    if (value.size() <= kMax)
        return value.toString();
    return value.first(kMax).toString() + QStringLiteral("…");
}

bool isKnownFormat(const QString &format)
{
    bool isList = false;
    return findFormat(format, &isList) != nullptr;
}

} // namespace atalaia::schema
