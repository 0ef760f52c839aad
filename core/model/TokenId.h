#pragma once

#include "UserId.h"
#include "base/Error.h"

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <compare>

namespace atalaia::model {

// An API token's full id, "user@realm!tokenname", like PVE's pve-tokenid. The
// token name follows the realm rule [A-Za-z][A-Za-z0-9.\-_]+, so it never
// holds '!' and the last '!' separates it from the user id.
class TokenId {
public:
    TokenId() = default;

    static Result<TokenId> parse(QStringView text);
    static Result<TokenId> create(const UserId &user, QStringView tokenName);
    // The rule for the bare token name (the "tokenid" field of token listings).
    static bool isValidTokenName(QStringView name);

    QString toString() const;
    const UserId &user() const { return m_user; }
    QString tokenName() const { return m_tokenName; }
    bool isEmpty() const { return m_user.isEmpty(); }

    friend bool operator==(const TokenId &, const TokenId &) = default;
    friend std::strong_ordering operator<=>(const TokenId &a, const TokenId &b)
    {
        if (const auto byUser = a.m_user <=> b.m_user; byUser != 0)
            return byUser;
        return QString::compare(a.m_tokenName, b.m_tokenName) <=> 0;
    }
    friend size_t qHash(const TokenId &id, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, id.m_user, id.m_tokenName);
    }

private:
    TokenId(UserId user, QString tokenName) : m_user(std::move(user)), m_tokenName(std::move(tokenName)) {}

    UserId m_user;
    QString m_tokenName;
};

} // namespace atalaia::model
