#include "Endpoint.h"

#include "Tr.h"

#include <QHostAddress>

namespace atalaia::api::client {

namespace {

bool isHostName(QStringView host)
{
    // RFC 1123 labels (letters, digits, inner hyphens), plus '_' which some
    // sites use in internal names; dots separate labels.
    if (host.isEmpty() || host.size() > 253 || host.startsWith(u'.') || host.endsWith(u'.'))
        return false;
    for (QChar c : host) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
                     || c == u'.' || c == u'_';
        if (!ok)
            return false;
    }
    return !host.contains(QLatin1String(".."));
}

Result<quint16> parsePort(QStringView text, QStringView whole)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return fail(Code::InvalidArgument, Tr::tr("'%1': the port must be a number from 1 to 65535").arg(whole));
    return quint16(port);
}

} // namespace

Endpoint::Endpoint(QString host, quint16 port)
    : m_host(std::move(host).toLower())
    , m_port(port)
{
}

Result<Endpoint> Endpoint::parse(QStringView text, quint16 defaultPort)
{
    QStringView rest = text.trimmed();
    const QStringView whole = rest;
    if (rest.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        rest = rest.sliced(8);
    if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0)
        rest = rest.first(slash);
    if (rest.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("no server address given"));

    QStringView host;
    quint16 port = defaultPort;
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return fail(Code::InvalidArgument, Tr::tr("'%1': missing ']' after the IPv6 address").arg(whole));
        host = rest.sliced(1, close - 1);
        const QStringView after = rest.sliced(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return fail(Code::InvalidArgument, Tr::tr("'%1': expected ':PORT' after ']'").arg(whole));
            auto parsed = parsePort(after.sliced(1), whole);
            if (!parsed)
                return std::unexpected(parsed.error());
            port = *parsed;
        }
        QHostAddress address;
        if (!address.setAddress(host.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return fail(Code::InvalidArgument, Tr::tr("'%1' is not an IPv6 address").arg(host));
    } else if (rest.count(u':') > 1) {
        // A bare IPv6 address: its colons leave no room for a port.
        host = rest;
        QHostAddress address;
        if (!address.setAddress(host.toString()))
            return fail(Code::InvalidArgument,
                        Tr::tr("'%1' is not an IPv6 address (write [ADDRESS]:PORT to give a port)").arg(whole));
    } else {
        const qsizetype colon = rest.indexOf(u':');
        host = colon < 0 ? rest : rest.first(colon);
        if (colon >= 0) {
            auto parsed = parsePort(rest.sliced(colon + 1), whole);
            if (!parsed)
                return std::unexpected(parsed.error());
            port = *parsed;
        }
        if (!isHostName(host))
            return fail(Code::InvalidArgument, Tr::tr("'%1' is not a host name or address").arg(host));
    }
    if (port == 0)
        return fail(Code::InvalidArgument, Tr::tr("'%1': no port given").arg(whole));
    return Endpoint(host.toString(), port);
}

Result<QList<Endpoint>> Endpoint::parseList(QStringView text, quint16 defaultPort)
{
    QList<Endpoint> list;
    for (QStringView part : text.split(u',', Qt::SkipEmptyParts)) {
        auto endpoint = parse(part, defaultPort);
        if (!endpoint)
            return std::unexpected(endpoint.error());
        if (!list.contains(*endpoint))
            list.append(*endpoint);
    }
    if (list.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("no server address given"));
    return list;
}

QString Endpoint::toString() const
{
    if (m_host.contains(u':'))
        return QStringLiteral("[%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

QUrl Endpoint::apiUrl(const QString &apiPath) const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(m_host);
    url.setPort(m_port);
    // The path is given decoded; QUrl encodes what must be (a UPID's ':' and
    // '@' stay, as Proxmox clients send them).
    url.setPath(QStringLiteral("/api2/json") + apiPath, QUrl::DecodedMode);
    return url;
}

} // namespace atalaia::api::client
