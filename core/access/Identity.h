#pragma once

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <optional>

namespace atalaia::access {

// Who is asking: a user ("name@realm") or one of its API tokens
// ("name@realm!token"). Proxmox calls the string form the "authid".
struct Identity {
    QString userid;    // "name@realm"; the owning user for a token
    QString tokenName; // empty unless this is an API token

    static Identity user(QString userid) { return {std::move(userid), {}}; }
    static Identity token(QString userid, QString name) { return {std::move(userid), std::move(name)}; }
    // "name@realm" or "name@realm!token", split at the last '!' (realms and
    // token names never contain one). nullopt when the text has no '@', or an
    // empty user or token part; the full syntax is checked where it matters.
    static std::optional<Identity> fromAuthId(QStringView authid);

    bool isToken() const { return !tokenName.isEmpty(); }
    bool isEmpty() const { return userid.isEmpty(); }
    // "name@realm!token" for a token, empty otherwise.
    QString tokenId() const { return isToken() ? userid + QLatin1Char('!') + tokenName : QString(); }
    // The token id for a token, the user id otherwise: what Proxmox compares
    // and logs as the authenticated user.
    QString authId() const { return isToken() ? tokenId() : userid; }
    QStringView realm() const;

    // root@pam itself, which passes every permission check without looking
    // at ACLs (Proxmox's check_api2_permissions). Its API tokens are not
    // root: without privilege separation they get all of root's privileges
    // through the ACL evaluation, with it only those of their own ACL entries,
    // and neither may call the root-only methods.
    bool isRoot() const { return !isToken() && userid == QLatin1String("root@pam"); }

    friend bool operator==(const Identity &, const Identity &) = default;
    friend size_t qHash(const Identity &id, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, id.userid, id.tokenName);
    }
};

} // namespace atalaia::access
