#include "Realms.h"

#include "AccessSupport.h"
#include "Tr.h"
#include "config/SectionConfigFile.h"
#include "store/ConfigStore.h"
#include "config/UserConfigFile.h"

#include <algorithm>

namespace atalaia::api {

QString Realm::value(const QString &key) const
{
    for (const auto &[k, v] : properties)
        if (k == key)
            return v;
    return {};
}

bool Realm::has(const QString &key) const
{
    return std::any_of(properties.cbegin(), properties.cend(), [&](const auto &p) { return p.first == key; });
}

bool Realm::isDefault() const
{
    const QString v = value(QStringLiteral("default"));
    return !v.isEmpty() && v != QLatin1String("0");
}

QList<Realm> realmsFrom(const QByteArray &domainsCfg)
{
    const config::SectionConfigFile file = config::SectionConfigFile::parse(domainsCfg, QStringLiteral("domains.cfg"));
    QList<Realm> out;
    bool haveDefault = false;
    for (const auto &section : file.sections()) {
        const QString id = section.idString();
        if (std::any_of(out.cbegin(), out.cend(), [&](const Realm &r) { return r.id == id; }))
            continue; // Proxmox keeps one section per id
        Realm r;
        r.id = id;
        r.type = section.typeString().toLower();
        for (const auto &p : section.properties) {
            QString value = p.valueString();
            if (p.key == "comment")
                value = config::UserConfigFile::decodeText(p.value);
            // Only one realm may be the default (the first one wins).
            if (p.key == "default" && !value.isEmpty() && value != QLatin1String("0")) {
                if (haveDefault)
                    continue;
                haveDefault = true;
            }
            r.properties.append({p.keyString(), value});
        }
        out.append(r);
    }
    const std::pair<const char *, const char *> builtins[] = {
        {"pam", "Linux PAM standard authentication"},
        {"pve", "Proxmox VE authentication server"},
    };
    for (const auto &[id, comment] : builtins) {
        auto it = std::find_if(out.begin(), out.end(), [&](const Realm &r) { return r.id == QLatin1String(id); });
        if (it == out.end()) {
            out.append(Realm{QLatin1String(id), QLatin1String(id), {}});
            it = std::prev(out.end());
        }
        it->type = QLatin1String(id); // forced, as Proxmox does
        if (it->value(QStringLiteral("comment")).isEmpty()) {
            it->properties.removeIf([](const auto &p) { return p.first == QLatin1String("comment"); });
            it->properties.append({QStringLiteral("comment"), QLatin1String(comment)});
        }
    }
    std::sort(out.begin(), out.end(), [](const Realm &a, const Realm &b) { return a.id < b.id; });
    return out;
}

std::optional<Realm> findRealm(const QByteArray &domainsCfg, const QString &id)
{
    for (const Realm &r : realmsFrom(domainsCfg))
        if (r.id == id)
            return r;
    return std::nullopt;
}

bool isSupportedRealmType(const QString &type)
{
    return type == QLatin1String("pam") || type == QLatin1String("pve");
}

QByteArray readDomainsCfg(const store::ConfigStore &store)
{
    auto entry = store.read(QStringLiteral("domains.cfg"));
    return entry ? entry->data : QByteArray();
}

std::optional<QString> passwordRealmProblem(const QByteArray &domainsCfg, const QString &userid)
{
    const QString realm = realmOf(userid);
    const std::optional<Realm> r = findRealm(domainsCfg, realm);
    if (!r)
        return Tr::tr("auth domain '%1' does not exist").arg(realm);
    if (r->type == QLatin1String("pve"))
        return std::nullopt;
    if (r->type == QLatin1String("pam"))
        return Tr::tr("the password of '%1' is the Linux password of '%2', which this node does not change through "
                      "the API: set it on the node with 'passwd %2'")
            .arg(userid, userNameOf(userid));
    return Tr::tr("can't set password on auth type '%1'").arg(r->type);
}

} // namespace atalaia::api
