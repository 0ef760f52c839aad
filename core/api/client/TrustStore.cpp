#include "TrustStore.h"

namespace atalaia::api::client {

void TrustStore::pin(const Endpoint &endpoint, const Fingerprint &fingerprint)
{
    if (fingerprint.isNull())
        m_pins.remove(endpoint);
    else
        m_pins.insert(endpoint, fingerprint);
}

void TrustStore::unpin(const Endpoint &endpoint)
{
    m_pins.remove(endpoint);
}

Fingerprint TrustStore::pinned(const Endpoint &endpoint) const
{
    return m_pins.value(endpoint);
}

TrustStore::Verdict TrustStore::check(const Endpoint &endpoint, const Fingerprint &presented,
                                      bool verifiedBySystemCas) const
{
    const Fingerprint pin = pinned(endpoint);
    if (!pin.isNull())
        return !presented.isNull() && presented == pin ? Verdict::Trusted : Verdict::Changed;
    if (m_systemCas && verifiedBySystemCas && !presented.isNull())
        return Verdict::Trusted;
    return Verdict::Unknown;
}

QSslConfiguration TrustStore::sslConfiguration() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_systemCas)
        tls.setCaCertificates({});
    return tls;
}

} // namespace atalaia::api::client
