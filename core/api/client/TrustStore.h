#pragma once

#include "Endpoint.h"
#include "Fingerprint.h"

#include <QHash>
#include <QSslConfiguration>

namespace atalaia::api::client {

// Which server certificates a client accepts: the SHA-256 fingerprint pinned
// for each address, as Proxmox VE's cluster join and its GUI do it. A node's
// certificate is normally self-signed (or signed by the cluster's own CA), so
// the system's CA store says nothing about it; by default it is not even
// consulted, and a certificate is trusted only when its fingerprint is the
// one pinned for the address it came from.
//
//   no pin          Verdict::Unknown (first contact): the caller shows the
//                   presented fingerprint and pins it if the user agrees
//   pin matches     Verdict::Trusted
//   pin differs     Verdict::Changed: refused, whatever the CAs say; only an
//                   explicit new pin (the user re-trusting) lets it through
//
// With setSystemCasAccepted(true), a certificate that verifies against the
// system CAs (chain and host name) is trusted at an address without a pin,
// for servers with certificates from a public CA (ACME). A pin still wins.
//
// A value type: ApiClient holds one, and the event stream client (a
// QWebSocket) will check its certificates with the same rules.
class TrustStore
{
public:
    enum class Verdict { Trusted, Unknown, Changed };

    void pin(const Endpoint &endpoint, const Fingerprint &fingerprint);
    void unpin(const Endpoint &endpoint);
    Fingerprint pinned(const Endpoint &endpoint) const;
    const QHash<Endpoint, Fingerprint> &pins() const { return m_pins; }

    void setSystemCasAccepted(bool accepted) { m_systemCas = accepted; }
    bool systemCasAccepted() const { return m_systemCas; }

    // The verdict on the certificate ENDPOINT presented; verifiedBySystemCas
    // tells whether it passed verification against the system CAs.
    Verdict check(const Endpoint &endpoint, const Fingerprint &presented, bool verifiedBySystemCas) const;

    // The TLS settings that make every certificate reach check(): peer
    // verification on (so failures are reported, not hidden), and with an
    // empty CA list unless system CAs are accepted, so no certificate passes
    // silently.
    QSslConfiguration sslConfiguration() const;

private:
    QHash<Endpoint, Fingerprint> m_pins;
    bool m_systemCas = false;
};

} // namespace atalaia::api::client
