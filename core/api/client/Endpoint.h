#pragma once

#include "base/Error.h"

#include <QHashFunctions>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

namespace atalaia::api::client {

// One address of an agent (or of a Proxmox VE node): a host name or IP
// address and a port. A cluster has several; ApiClient fails over between
// them. A default-constructed Endpoint is invalid ("no address").
class Endpoint
{
public:
    static constexpr quint16 kDefaultPort = 8006; // pveproxy's and atalaiad's

    Endpoint() = default;
    explicit Endpoint(QString host, quint16 port = kDefaultPort);

    // "host", "host:port", "192.0.2.1:8006", "[2001:db8::1]:8006", or a bare
    // IPv6 address ("2001:db8::1", which cannot carry a port). An
    // "https://host:port/..." URL is accepted too, as users paste them from
    // a browser. Code::InvalidArgument with the reason otherwise.
    static Result<Endpoint> parse(QStringView text, quint16 defaultPort = kDefaultPort);
    // A comma-separated list of addresses ("node1,node2:8007"); at least one.
    static Result<QList<Endpoint>> parseList(QStringView text, quint16 defaultPort = kDefaultPort);

    bool isValid() const { return !m_host.isEmpty() && m_port != 0; }
    const QString &host() const { return m_host; }
    quint16 port() const { return m_port; }

    // "host:port", with IPv6 addresses in brackets: parse(toString()) == *this.
    QString toString() const;
    // https://host:port/api2/json + apiPath ("/cluster/resources").
    QUrl apiUrl(const QString &apiPath) const;

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
    friend size_t qHash(const Endpoint &endpoint, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, endpoint.m_host, endpoint.m_port);
    }

private:
    QString m_host;   // lower case; IPv6 without brackets
    quint16 m_port = 0;
};

} // namespace atalaia::api::client
