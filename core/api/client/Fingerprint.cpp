#include "Fingerprint.h"

#include "Tr.h"

#include <QSslCertificate>

namespace atalaia::api::client {

Result<Fingerprint> Fingerprint::parse(QStringView text)
{
    QStringView rest = text.trimmed();
    for (QLatin1StringView prefix : {QLatin1StringView("SHA256 Fingerprint="), QLatin1StringView("sha256:")}) {
        if (rest.startsWith(prefix, Qt::CaseInsensitive)) {
            rest = rest.sliced(prefix.size()).trimmed();
            break;
        }
    }
    QByteArray hex;
    hex.reserve(2 * kSize);
    for (QChar c : rest) {
        if (c == u':')
            continue;
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return fail(Code::InvalidArgument,
                        Tr::tr("'%1' is not a SHA-256 fingerprint: expected 32 hex pairs like AA:BB:...").arg(text));
        hex.append(char(c.unicode()));
    }
    if (hex.size() != 2 * kSize)
        return fail(Code::InvalidArgument, Tr::tr("'%1' is not a SHA-256 fingerprint: it has %2 hex digits, not 64")
                                               .arg(text).arg(hex.size()));
    return fromDigest(QByteArray::fromHex(hex));
}

Fingerprint Fingerprint::of(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return fromDigest(certificate.digest(QCryptographicHash::Sha256));
}

Fingerprint Fingerprint::fromDigest(const QByteArray &digest)
{
    Fingerprint f;
    if (digest.size() == kSize)
        f.m_digest = digest;
    return f;
}

QString Fingerprint::toString() const
{
    return QString::fromLatin1(m_digest.toHex(':').toUpper());
}

} // namespace atalaia::api::client
