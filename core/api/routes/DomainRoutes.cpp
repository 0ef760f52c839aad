#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "Realms.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "api/Router.h"
#include "schema/ApiSchema.h"
#include "store/ConfigStore.h"

#include <QSet>

namespace atalaia::api {

// domains.cfg, as Proxmox's PVE::API2::Domains manages it. Every realm type
// of Proxmox can be stored (so a configuration moves between Proxmox and
// Atalaia unchanged), but this node authenticates through 'pam' and 'pve'
// only; logins through other types fail with a message saying so.

namespace {

const QString kDomainsCfg = QStringLiteral("domains.cfg");

QString passwordFile(const QString &realm)
{
    return QStringLiteral("priv/realm/%1.pw").arg(realm);
}

// The options of each realm type (Proxmox's PVE::Auth::* plugins' options()).
struct TypeOptions {
    QStringList required;
    QStringList optional;
    QStringList fixed; // set at creation only
    bool allows(const QString &key) const { return required.contains(key) || optional.contains(key); }
};

const QHash<QString, TypeOptions> &realmTypes()
{
    static const QHash<QString, TypeOptions> types = [] {
        const QStringList directory{
            QStringLiteral("server2"), QStringLiteral("port"), QStringLiteral("secure"), QStringLiteral("sslversion"),
            QStringLiteral("default"), QStringLiteral("comment"), QStringLiteral("tfa"), QStringLiteral("verify"),
            QStringLiteral("capath"), QStringLiteral("cert"), QStringLiteral("certkey"), QStringLiteral("bind_dn"),
            QStringLiteral("password"), QStringLiteral("filter"), QStringLiteral("sync_attributes"),
            QStringLiteral("user_classes"), QStringLiteral("group_dn"), QStringLiteral("group_name_attr"),
            QStringLiteral("group_filter"), QStringLiteral("group_classes"), QStringLiteral("sync-defaults-options"),
            QStringLiteral("mode"), QStringLiteral("case-sensitive"), QStringLiteral("check-connection")};
        const QStringList basic{QStringLiteral("default"), QStringLiteral("comment"), QStringLiteral("tfa")};
        QHash<QString, TypeOptions> t;
        t.insert(QStringLiteral("pam"), {{}, basic, {}});
        t.insert(QStringLiteral("pve"), {{}, basic, {}});
        t.insert(QStringLiteral("ad"), {{QStringLiteral("server1"), QStringLiteral("domain")},
                                        directory + QStringList{QStringLiteral("base_dn"), QStringLiteral("user_attr")},
                                        {}});
        t.insert(QStringLiteral("ldap"), {{QStringLiteral("server1"), QStringLiteral("base_dn"), QStringLiteral("user_attr")},
                                          directory,
                                          {}});
        t.insert(QStringLiteral("openid"),
                 {{QStringLiteral("issuer-url"), QStringLiteral("client-id")},
                  {QStringLiteral("client-key"), QStringLiteral("autocreate"), QStringLiteral("username-claim"),
                   QStringLiteral("scopes"), QStringLiteral("prompt"), QStringLiteral("acr-values"),
                   QStringLiteral("default"), QStringLiteral("comment"), QStringLiteral("groups-claim"),
                   QStringLiteral("groups-autocreate"), QStringLiteral("groups-overwrite"),
                   QStringLiteral("query-userinfo")},
                  {QStringLiteral("username-claim")}});
        return t;
    }();
    return types;
}

// Parameters that are not realm properties stored in domains.cfg.
bool isControlParameter(const QString &key)
{
    static const QSet<QString> keys{QStringLiteral("realm"), QStringLiteral("type"), QStringLiteral("password"),
                                    QStringLiteral("check-connection"), QStringLiteral("digest"),
                                    QStringLiteral("delete")};
    return keys.contains(key);
}

// A decoded parameter as domains.cfg writes it.
QByteArray fileValue(const QString &key, const QJsonValue &value)
{
    if (value.isDouble())
        return QByteArray::number(value.toInteger());
    if (key == QLatin1String("comment"))
        return config::UserConfigFile::encodeText(value.toString());
    return value.toString().toUtf8();
}

// A stored value typed as the API schema declares it (integers and booleans as numbers).
QJsonValue apiValue(const QString &key, const QString &text)
{
    const schema::ParameterSet *set =
        schema::ApiSchema::instance().parameters(QStringLiteral("/access/domains"), QStringLiteral("POST"));
    const schema::PropertySchema *p = set ? set->find(key) : nullptr;
    if (p && (p->type == schema::PropertySchema::Type::Integer || p->type == schema::PropertySchema::Type::Boolean)) {
        bool ok = false;
        const qlonglong n = text.toLongLong(&ok);
        if (ok)
            return n;
    }
    return text;
}

QString checkConnectionProblem(const RequestContext &ctx, const QString &type)
{
    if (ctx.params.value(QStringLiteral("check-connection")).toInt() == 0)
        return {};
    if (type != QLatin1String("ldap") && type != QLatin1String("ad"))
        return Tr::tr("'check-connection' parameter can only be set for realms of type 'ldap' or 'ad'");
    return Tr::tr("realm type '%1' is not supported by this node: it cannot connect to the server").arg(type);
}

// The section of REALM as the file has it (its type as written), if any.
const config::SectionConfigFile::Section *sectionOf(const config::SectionConfigFile &file, const QString &realm)
{
    for (const auto &s : file.sections())
        if (s.idString() == realm)
            return &s;
    return nullptr;
}

// Only one realm is the default.
void clearDefaults(config::SectionConfigFile &file, const QString &except)
{
    QList<QPair<QByteArray, QByteArray>> others;
    for (const auto &s : file.sections())
        if (s.idString() != except && s.find("default"))
            others.append({s.type.toByteArray(), s.id.toByteArray()});
    for (const auto &[type, id] : std::as_const(others))
        file.removeProperty(type, id, "default");
}

// The password of a directory realm is kept apart, as Proxmox keeps it in
// priv/realm/<realm>.pw; other types have none.
void storePassword(ConfigEdit &edit, const QString &realm, const QString &type, const RequestContext &ctx,
                   QStringList &warnings)
{
    if (!ctx.has(QStringLiteral("password")))
        return;
    if (!realmTypes().value(type).allows(QStringLiteral("password"))) {
        warnings.append(Tr::tr("ignoring password parameter"));
        return;
    }
    edit.setText(passwordFile(realm), ctx.param(QStringLiteral("password")).toUtf8());
}

ApiResponse listRealms(RequestContext &ctx)
{
    QJsonArray out;
    for (const Realm &r : realmsFrom(readDomainsCfg(ctx.services.store()))) {
        QJsonObject entry{{QStringLiteral("realm"), r.id}, {QStringLiteral("type"), r.type}};
        if (const QString comment = r.value(QStringLiteral("comment")); !comment.isEmpty())
            entry.insert(QStringLiteral("comment"), comment);
        if (r.isDefault())
            entry.insert(QStringLiteral("default"), 1);
        // tfa is "type=oath,step=30,...": the list shows the type.
        for (const QString &item : r.value(QStringLiteral("tfa")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (item.startsWith(QLatin1String("type=")))
                entry.insert(QStringLiteral("tfa"), item.sliced(5));
        out.append(entry);
    }
    return ApiResponse::ok(out);
}

ApiResponse readRealm(RequestContext &ctx)
{
    const QString realm = ctx.param(QStringLiteral("realm"));
    const QByteArray text = readDomainsCfg(ctx.services.store());
    const std::optional<Realm> r = findRealm(text, realm);
    if (!r)
        return ApiResponse::error(404, Tr::tr("domain '%1' does not exist").arg(realm));
    QJsonObject data;
    for (const auto &[key, value] : r->properties)
        data.insert(key, apiValue(key, value));
    data.insert(QStringLiteral("type"), r->type);
    data.insert(QStringLiteral("digest"), store::ConfigStore::contentDigest(text));
    return ApiResponse::ok(data);
}

ApiResponse createRealm(RequestContext &ctx)
{
    const QString realm = ctx.param(QStringLiteral("realm"));
    const QString type = ctx.param(QStringLiteral("type"));
    if (realm == QLatin1String("pam") || realm == QLatin1String("pve"))
        return ApiResponse::parameterErrors({{QStringLiteral("realm"), Tr::tr("unable to use reserved name '%1'").arg(realm)}});
    if (type == QLatin1String("pam") || type == QLatin1String("pve"))
        return ApiResponse::parameterErrors({{QStringLiteral("type"), Tr::tr("unable to create builtin type '%1'").arg(type)}});
    const TypeOptions options = realmTypes().value(type);
    QJsonObject errors;
    for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it)
        if (!isControlParameter(it.key()) && !options.allows(it.key()))
            errors.insert(it.key(), Tr::tr("unexpected property '%1' for realms of type '%2'").arg(it.key(), type));
    for (const QString &key : options.required)
        if (!ctx.has(key))
            errors.insert(key, Tr::tr("missing value for required option '%1'").arg(key));
    if (const QString problem = checkConnectionProblem(ctx, type); !problem.isEmpty())
        errors.insert(QStringLiteral("check-connection"), problem);
    if (!errors.isEmpty())
        return ApiResponse::parameterErrors(errors);

    QStringList warnings;
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("add auth server failed"), {kDomainsCfg, passwordFile(realm)},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            warnings.clear();
            config::SectionConfigFile &file = edit.domains();
            if (sectionOf(file, realm))
                return edit.fail(Code::AlreadyExists, Tr::tr("domain '%1' already exists").arg(realm));
            QStringList keys;
            for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it)
                if (!isControlParameter(it.key()))
                    keys.append(it.key());
            keys.sort();
            QList<QPair<QByteArray, QByteArray>> properties;
            for (const QString &key : std::as_const(keys))
                properties.append({key.toUtf8(), fileValue(key, ctx.params.value(key))});
            if (ctx.params.value(QStringLiteral("default")).toInt() != 0)
                clearDefaults(file, realm);
            file.addSection(type.toUtf8(), realm.toUtf8(), properties);
            storePassword(edit, realm, type, ctx, warnings);
            return {};
        });
    if (!done)
        return done.error();
    ApiResponse r = ApiResponse::ok();
    r.warnings = warnings;
    return r;
}

ApiResponse updateRealm(RequestContext &ctx)
{
    const QString realm = ctx.param(QStringLiteral("realm"));
    const QStringList deleted = splitList(ctx.param(QStringLiteral("delete")));
    QStringList settings;
    for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it)
        if (!isControlParameter(it.key()))
            settings.append(it.key());
    settings.sort();
    if (deleted.isEmpty() && settings.isEmpty() && !ctx.has(QStringLiteral("password")))
        return ApiResponse::error(400, Tr::tr("update auth server failed: no options specified"));
    std::optional<ConfigEdit::Pin> pin;
    if (ctx.has(QStringLiteral("digest")))
        pin = ConfigEdit::Pin{kDomainsCfg, ctx.param(QStringLiteral("digest"))};

    QStringList warnings;
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("update auth server failed"), {kDomainsCfg, passwordFile(realm)},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            warnings.clear();
            const std::optional<Realm> current = findRealm(edit.text(kDomainsCfg), realm);
            if (!current)
                return edit.fail(Code::NotFound, Tr::tr("domain '%1' does not exist").arg(realm));
            const QString type = current->type;
            const TypeOptions options = realmTypes().value(type);
            if (const QString problem = checkConnectionProblem(ctx, type); !problem.isEmpty())
                return ConfigEdit::parameterError(QStringLiteral("check-connection"), problem);
            for (const QString &key : std::as_const(settings)) {
                if (!options.allows(key))
                    return ConfigEdit::parameterError(
                        key, Tr::tr("unexpected property '%1' for realms of type '%2'").arg(key, type));
                if (options.fixed.contains(key))
                    return ConfigEdit::parameterError(key, Tr::tr("can't change value of fixed parameter '%1'").arg(key));
            }
            for (const QString &key : deleted) {
                if (options.required.contains(key) || key == QLatin1String("type") || key == QLatin1String("realm"))
                    return ConfigEdit::parameterError(QStringLiteral("delete"),
                                                      Tr::tr("cannot delete required option '%1'").arg(key));
            }
            config::SectionConfigFile &file = edit.domains();
            if (!sectionOf(file, realm)) // a built-in realm the file leaves out
                file.addSection(type.toUtf8(), realm.toUtf8(), {});
            const QByteArray fileType = sectionOf(file, realm)->type.toByteArray();
            for (const QString &key : deleted) {
                if (key == QLatin1String("password")) {
                    if (edit.exists(passwordFile(realm)))
                        edit.remove(passwordFile(realm));
                    continue;
                }
                file.removeProperty(fileType, realm.toUtf8(), key.toUtf8());
            }
            for (const QString &key : std::as_const(settings))
                file.setProperty(fileType, realm.toUtf8(), key.toUtf8(), fileValue(key, ctx.params.value(key)));
            if (ctx.params.value(QStringLiteral("default")).toInt() != 0)
                clearDefaults(file, realm);
            storePassword(edit, realm, type, ctx, warnings);
            return {};
        },
        pin);
    if (!done)
        return done.error();
    ApiResponse r = ApiResponse::ok();
    r.warnings = warnings;
    return r;
}

ApiResponse deleteRealm(RequestContext &ctx)
{
    const QString realm = ctx.param(QStringLiteral("realm"));
    if (realm == QLatin1String("pam") || realm == QLatin1String("pve"))
        return ApiResponse::error(400, Tr::tr("delete auth server failed: the built-in realm '%1' cannot be deleted")
                                           .arg(realm));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("delete auth server failed"), {kDomainsCfg, passwordFile(realm)},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            config::SectionConfigFile &file = edit.domains();
            const auto *section = sectionOf(file, realm);
            if (!section)
                return edit.fail(Code::NotFound, Tr::tr("authentication domain '%1' does not exist").arg(realm));
            file.removeSection(section->type.toByteArray(), realm.toUtf8());
            if (edit.exists(passwordFile(realm)))
                edit.remove(passwordFile(realm));
            return {};
        });
    return done ? ApiResponse::ok() : done.error();
}

} // namespace

void registerDomainRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/domains"), listRealms);
    router.add(QStringLiteral("POST"), QStringLiteral("/access/domains"), createRealm);
    router.add(QStringLiteral("GET"), QStringLiteral("/access/domains/{realm}"), readRealm);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/domains/{realm}"), updateRealm);
    router.add(QStringLiteral("DELETE"), QStringLiteral("/access/domains/{realm}"), deleteRealm);
}

} // namespace atalaia::api
