#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <QStringView>

class QSslCertificate;

namespace atalaia::api::client {

// The SHA-256 fingerprint of a server's TLS certificate (of the DER
// encoding), which is what a client pins. Written as Proxmox writes it in a
// cluster's join information and `pvenode cert info`: 32 upper-case hex
// pairs separated by ':' ("AA:BB:..."). A default-constructed Fingerprint is
// null ("nothing pinned").
class Fingerprint
{
public:
    static constexpr qsizetype kSize = 32;

    Fingerprint() = default;

    // Accepts upper or lower case, with ':' separators or none, and an
    // optional "sha256:" / "SHA256 Fingerprint=" prefix (openssl x509
    // -fingerprint prints that), so a value pasted from anywhere works.
    // Code::InvalidArgument otherwise.
    static Result<Fingerprint> parse(QStringView text);
    static Fingerprint of(const QSslCertificate &certificate);
    // From the 32 raw digest bytes; null for any other size.
    static Fingerprint fromDigest(const QByteArray &digest);

    bool isNull() const { return m_digest.isEmpty(); }
    const QByteArray &digest() const { return m_digest; }
    // "AA:BB:...:FF"; empty when null.
    QString toString() const;

    friend bool operator==(const Fingerprint &, const Fingerprint &) = default;
    friend size_t qHash(const Fingerprint &fingerprint, size_t seed = 0) noexcept
    {
        return qHash(fingerprint.m_digest, seed);
    }

private:
    QByteArray m_digest;
};

} // namespace atalaia::api::client
