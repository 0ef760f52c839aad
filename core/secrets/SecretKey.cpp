#include "SecretKey.h"

#include "Tr.h"

#include <QList>

namespace atalaia::secrets {

namespace {

constexpr QLatin1StringView kPasswordName{"password"};
constexpr QLatin1StringView kTokenSecretName{"token-secret"};
constexpr QChar kSeparator = u':';

bool needsEscape(char16_t c)
{
    return c == u'%' || c == kSeparator || c < 0x20 || c == 0x7f;
}

// Percent-encodes what would make a name ambiguous or unprintable; anything
// else (also non-ASCII) stays as it is, so names stay readable in a keychain
// browser (Seahorse, KWalletManager).
QString escaped(const QString &part)
{
    QString out;
    out.reserve(part.size());
    for (const QChar c : part) {
        if (needsEscape(c.unicode()))
            out += u'%' + QString::number(c.unicode(), 16).rightJustified(2, u'0').toUpper();
        else
            out += c;
    }
    return out;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

Result<QString> unescaped(QStringView part)
{
    QString out;
    out.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (part[i] != u'%') {
            out += part[i];
            continue;
        }
        const int high = i + 2 < part.size() ? hexValue(part[i + 1]) : -1;
        const int low = i + 2 < part.size() ? hexValue(part[i + 2]) : -1;
        const int code = high * 16 + low;
        // Only what escaped() produces: one spelling per name.
        if (high < 0 || low < 0 || !needsEscape(char16_t(code)) || part[i + 1].isLower() || part[i + 2].isLower())
            return fail(Code::InvalidArgument, Tr::tr("Bad escape in keychain entry name part \"%1\"").arg(part));
        out += QChar(char16_t(code));
        i += 2;
    }
    return out;
}

} // namespace

SecretKey::SecretKey(QString connectionId, QString userId, Kind kind, QString service)
    : m_service(std::move(service))
    , m_connectionId(std::move(connectionId))
    , m_userId(std::move(userId))
    , m_kind(kind)
{
}

bool SecretKey::isValid() const
{
    return !m_service.isEmpty() && !m_connectionId.isEmpty() && !m_userId.isEmpty();
}

QString SecretKey::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Password: return QString(kPasswordName);
    case Kind::TokenSecret: return QString(kTokenSecretName);
    }
    return {};
}

QString SecretKey::entryName() const
{
    return kindName(m_kind) + kSeparator + escaped(m_connectionId) + kSeparator + escaped(m_userId);
}

Result<SecretKey> SecretKey::fromEntryName(QStringView name, const QString &service)
{
    const QList<QStringView> parts = name.split(kSeparator);
    if (parts.size() != 3)
        return fail(Code::InvalidArgument,
                    Tr::tr("\"%1\" is not an Atalaia keychain entry name (KIND:CONNECTION:USER)").arg(name));
    Kind kind;
    if (parts[0] == kPasswordName)
        kind = Kind::Password;
    else if (parts[0] == kTokenSecretName)
        kind = Kind::TokenSecret;
    else
        return fail(Code::InvalidArgument, Tr::tr("Unknown kind of secret \"%1\"").arg(parts[0]));
    auto connection = unescaped(parts[1]);
    if (!connection)
        return std::unexpected(connection.error());
    auto user = unescaped(parts[2]);
    if (!user)
        return std::unexpected(user.error());
    SecretKey key(std::move(*connection), std::move(*user), kind, service);
    if (!key.isValid())
        return fail(Code::InvalidArgument, Tr::tr("\"%1\" names no connection or no user").arg(name));
    return key;
}

} // namespace atalaia::secrets
