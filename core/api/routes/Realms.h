#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace atalaia::store {
class ConfigStore;
}

namespace atalaia::api {

// The authentication realms of domains.cfg, read as Proxmox's
// PVE::Auth::Plugin::parse_config reads them: sections in file order, the
// comment decoded, and the built-in realms 'pam' and 'pve' always present
// (with their type forced and a default comment when they have none).
struct Realm {
    QString id;                                   // "pam", "pve", "corp-ldap"
    QString type;                                 // "pam", "pve", "ldap", "ad", "openid"
    QList<QPair<QString, QString>> properties;    // key -> value as stored (comment decoded)

    QString value(const QString &key) const;
    bool has(const QString &key) const;
    bool isDefault() const;                       // "default 1"
    bool isBuiltin() const { return id == QLatin1String("pam") || id == QLatin1String("pve"); }
};

QList<Realm> realmsFrom(const QByteArray &domainsCfg); // sorted by id
std::optional<Realm> findRealm(const QByteArray &domainsCfg, const QString &id);

// The realm types this node can log users in through: 'pam' (PamBackend)
// and 'pve' (priv/shadow.cfg). Others are stored but not used.
bool isSupportedRealmType(const QString &type);

// domains.cfg as the store holds it now (empty when missing).
QByteArray readDomainsCfg(const store::ConfigStore &store);

// Whether this node can set the password of USERID ("name@realm"): only for
// realms of type 'pve' (priv/shadow.cfg). Otherwise why not, as a sentence:
// 'pam' passwords are Linux passwords, other types keep theirs elsewhere
// ("can't set password on auth type 'ldap'"), or the realm does not exist.
std::optional<QString> passwordRealmProblem(const QByteArray &domainsCfg, const QString &userid);

} // namespace atalaia::api
