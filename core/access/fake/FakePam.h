#pragma once

#include "access/PamBackend.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <memory>

namespace atalaia::access::fake {

// PamBackend with Linux accounts kept in memory, seeded from a fixture:
//
//   {"users": {"alice": {"password": "secret"},
//              "bob":   {"password": "x", "locked": true},
//              "carol": {}}}                  // an account without a password
//
// A locked account, or one without a password, cannot log in (like a
// "!"/"*" hash in /etc/shadow); createAccount() adds one without a password.
// Thread-safe.
class FakePam final : public PamBackend
{
public:
    FakePam() = default;
    // Code::InvalidArgument for a fixture not shaped as above.
    static Result<std::unique_ptr<FakePam>> fromJson(const QJsonObject &fixture);

    Result<void> authenticate(const QString &user, QByteArrayView password) override;
    bool accountExists(const QString &user) override;
    Result<void> createAccount(const QString &user) override;

    // Test helpers.
    void setPassword(const QString &user, QByteArrayView password);
    void setLocked(const QString &user, bool locked);
    int authenticationCount() const; // how often authenticate() was called

private:
    struct Account {
        QByteArray password; // empty: none set
        bool locked = false;
    };
    mutable QMutex m_mutex;
    QHash<QString, Account> m_accounts;
    int m_authentications = 0;
};

} // namespace atalaia::access::fake
