#pragma once

#include "base/Error.h"

#include <QHashFunctions>
#include <QLatin1StringView>
#include <QString>
#include <QStringView>

namespace atalaia::secrets {

// Which secret of a saved connection a keychain entry holds: the password of
// a user, or the secret (UUID) of an API token. A cheap, comparable, hashable
// value; a SecretStore turns it into one keychain entry, named by service()
// and entryName().
//
// The entry name is a pure function of (kind, connection id, user id), so the
// same key always finds the same entry, across runs and across machines that
// share a keychain. For a token secret, userId is the full token id
// ("root@pam!ci"), which already names the token's user.
class SecretKey {
public:
    enum class Kind { Password, TokenSecret };

    // The keychain service (Secret Service "server" attribute, KWallet folder)
    // of every Atalaia entry. Tests use a service of their own, so that they
    // never touch a user's real entries.
    static constexpr QLatin1StringView kService{"atalaia"};

    SecretKey() = default;
    SecretKey(QString connectionId, QString userId, Kind kind, QString service = QString(kService));

    const QString &service() const { return m_service; }
    const QString &connectionId() const { return m_connectionId; }
    const QString &userId() const { return m_userId; }
    Kind kind() const { return m_kind; }

    // Service, connection id and user id are all non-empty. Stores refuse
    // invalid keys (Code::InvalidArgument) without asking the keychain.
    bool isValid() const;

    // The entry's name within service(): "KIND:CONNECTION:USER", KIND being
    // kindName(). In CONNECTION and USER, '%', ':' and control characters are
    // percent-encoded ("%3A"), so that distinct keys never share a name and
    // the name splits back unambiguously (fromEntryName).
    QString entryName() const;
    // The key whose entryName() is NAME, in SERVICE.
    static Result<SecretKey> fromEntryName(QStringView name, const QString &service = QString(kService));

    // "password", "token-secret": stable, part of entry names.
    static QString kindName(Kind kind);

    friend bool operator==(const SecretKey &, const SecretKey &) = default;
    friend size_t qHash(const SecretKey &key, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, key.m_service, key.m_connectionId, key.m_userId, static_cast<int>(key.m_kind));
    }

private:
    QString m_service;
    QString m_connectionId;
    QString m_userId;
    Kind m_kind = Kind::Password;
};

} // namespace atalaia::secrets
