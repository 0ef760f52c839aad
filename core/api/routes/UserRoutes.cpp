#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "Realms.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "SecretFiles.h"
#include "Tr.h"
#include "access/PamBackend.h"
#include "access/PasswordHasher.h"
#include "api/Router.h"

#include <QSet>

namespace atalaia::api {

namespace {

using config::UserConfigFile;

const QString kUserCfg = QLatin1String(Services::kUserCfg);
const QString kShadowCfg = QLatin1String(Services::kShadowCfg);
const QString kTokenCfg = QLatin1String(Services::kTokenCfg);

// Proxmox's $extract_user_data: what a user's record says (empty fields left
// out), plus with FULL its groups and tokens (shaped by the caller).
QJsonObject userData(const access::AccessControl::User &u)
{
    QJsonObject o{{QStringLiteral("enable"), u.enabled ? 1 : 0}, {QStringLiteral("expire"), u.expire}};
    const std::pair<const char *, const QString *> texts[] = {
        {"firstname", &u.firstName}, {"lastname", &u.lastName}, {"email", &u.email},
        {"comment", &u.comment},     {"keys", &u.keys},
    };
    for (const auto &[key, value] : texts)
        if (!value->isEmpty())
            o.insert(QLatin1String(key), *value);
    return o;
}

QJsonObject tokenInfo(const access::AccessControl::Token &t)
{
    QJsonObject o{{QStringLiteral("privsep"), t.privsep ? 1 : 0}, {QStringLiteral("expire"), t.expire}};
    if (!t.comment.isEmpty())
        o.insert(QStringLiteral("comment"), t.comment);
    return o;
}

// Adds USERID to GROUP or takes it out. Members user.cfg does not define are
// dropped when the list is rewritten (UserConfigFile refuses to write them;
// Proxmox ignores them when it reads the file).
Result<void> setMembership(UserConfigFile &users, const QString &group, const QString &userid, bool member)
{
    const UserConfigFile::Group *g = users.findGroup(group.toUtf8());
    if (!g)
        return fail(Code::NotFound, Tr::tr("no such group '%1'").arg(group));
    const QStringList before = g->members.list();
    QStringList after = before;
    if (member && !after.contains(userid))
        after.append(userid);
    if (!member)
        after.removeAll(userid);
    if (after == before)
        return {};
    after.removeIf([&](const QString &m) { return !userDefined(users, m); });
    return users.setGroupMembers(group, after);
}

// The groups parameter, each of which must exist.
std::expected<QStringList, ApiResponse> groupsParam(const RequestContext &ctx, const UserConfigFile &users)
{
    const QStringList groups = splitList(ctx.param(QStringLiteral("groups")));
    for (const QString &g : groups)
        if (!users.findGroup(g.toUtf8()))
            return ConfigEdit::parameterError(QStringLiteral("groups"), Tr::tr("no such group '%1'").arg(g));
    return groups;
}

// The optional text fields of a user, by parameter name.
const std::pair<const char *, UserConfigFile::UserField> kTextFields[] = {
    {"firstname", UserConfigFile::UserField::FirstName}, {"lastname", UserConfigFile::UserField::LastName},
    {"email", UserConfigFile::UserField::Email},         {"comment", UserConfigFile::UserField::Comment},
    {"keys", UserConfigFile::UserField::Keys},
};

// The warning for a 'pam' user whose Linux account this node lacks: it
// cannot log in until the account exists (Proxmox would fail only at login,
// with "passwd: user does not exist" when a password is set).
QStringList missingAccountWarnings(const RequestContext &ctx, const QString &userid)
{
    if (realmOf(userid) != QLatin1String("pam"))
        return {};
    const QString name = userNameOf(userid);
    access::PamBackend &pam = ctx.services.pam();
    if (access::PamBackend::isPlausibleUserName(name) && pam.accountExists(name))
        return {};
    const QString node = ctx.services.node().name;
    return {Tr::tr("the Linux account '%1' does not exist on node %2: '%3' cannot log in until it does. Create it "
                   "on the node with 'adduser %1', or through the API with POST "
                   "/api2/json/atalaia/nodes/%2/system-account (userid=%3)")
                .arg(name, node, userid)};
}

ApiResponse listUsers(RequestContext &ctx)
{
    const access::AccessControl &acl = ctx.access;
    const QStringList privs{QStringLiteral("User.Modify"), QStringLiteral("Sys.Audit")};
    const bool canUserMod = can(ctx, QStringLiteral("/access/groups"), privs, true);
    QSet<QString> allowed;
    if (!canUserMod) {
        for (const QString &g : acl.groupIds()) {
            if (!can(ctx, QStringLiteral("/access/groups/") + g, privs, true))
                continue;
            if (const auto *group = acl.group(g))
                for (const QString &m : group->members)
                    allowed.insert(m);
        }
    }
    const bool full = ctx.params.value(QStringLiteral("full")).toInt() != 0;
    const bool filterEnabled = ctx.has(QStringLiteral("enabled"));
    const bool wantEnabled = ctx.params.value(QStringLiteral("enabled")).toInt() != 0;
    const QList<Realm> realms = realmsFrom(readDomainsCfg(ctx.services.store()));
    const QString self = ctx.identity.authId();
    QJsonArray out;
    for (const QString &userid : acl.userIds()) {
        if (!canUserMod && userid != self && !allowed.contains(userid))
            continue;
        const auto *u = acl.user(userid);
        if (filterEnabled && u->enabled != wantEnabled)
            continue;
        QJsonObject entry = userData(*u);
        entry.insert(QStringLiteral("userid"), userid);
        if (full) {
            entry.insert(QStringLiteral("groups"), u->groups.join(QLatin1Char(',')));
            QJsonArray tokens;
            for (const auto &t : acl.tokensOf(userid)) {
                QJsonObject info = tokenInfo(t);
                info.insert(QStringLiteral("tokenid"), t.name);
                tokens.append(info);
            }
            if (!tokens.isEmpty())
                entry.insert(QStringLiteral("tokens"), tokens);
        }
        const QString realm = realmOf(userid);
        for (const Realm &r : realms)
            if (r.id == realm)
                entry.insert(QStringLiteral("realm-type"), r.type);
        out.append(entry);
    }
    return ApiResponse::ok(out);
}

ApiResponse createUser(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    if (const QString problem = UserConfigFile::userIdProblem(userid.toUtf8()); !problem.isEmpty())
        return ApiResponse::parameterErrors({{QStringLiteral("userid"), problem}});
    std::optional<QByteArray> hash;
    if (ctx.has(QStringLiteral("password"))) {
        if (auto problem = passwordRealmProblem(readDomainsCfg(ctx.services.store()), userid))
            return ApiResponse::parameterErrors({{QStringLiteral("password"), *problem}});
        auto hashed = access::PasswordHasher::hash(ctx.param(QStringLiteral("password")).toUtf8());
        if (!hashed)
            return ApiResponse::parameterErrors({{QStringLiteral("password"), hashed.error().message}});
        hash = *hashed;
    }
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("create user failed"), {kUserCfg, kShadowCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (userDefined(users, userid))
                return edit.fail(Code::AlreadyExists, Tr::tr("user '%1' already exists").arg(userid));
            auto groups = groupsParam(ctx, users);
            if (!groups)
                return std::unexpected(groups.error());
            UserConfigFile::UserSpec spec;
            spec.userid = userid;
            spec.enable = !ctx.has(QStringLiteral("enable")) || ctx.params.value(QStringLiteral("enable")).toInt() != 0;
            spec.expire = ctx.params.value(QStringLiteral("expire")).toInteger(0);
            spec.firstName = ctx.param(QStringLiteral("firstname"));
            spec.lastName = ctx.param(QStringLiteral("lastname"));
            spec.email = ctx.param(QStringLiteral("email"));
            spec.comment = ctx.param(QStringLiteral("comment"));
            spec.keys = ctx.param(QStringLiteral("keys"));
            if (auto added = users.addUser(spec); !added)
                return edit.fail(added.error());
            for (const QString &g : *groups)
                if (auto joined = setMembership(users, g, userid, true); !joined)
                    return edit.fail(joined.error());
            if (hash)
                if (auto stored = edit.shadow().setSecret(userid, *hash); !stored)
                    return edit.fail(stored.error());
            return {};
        });
    if (!done)
        return done.error();
    ApiResponse r = ApiResponse::ok();
    r.warnings = missingAccountWarnings(ctx, userid);
    return r;
}

ApiResponse readUser(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    const auto *u = ctx.access.user(userid);
    if (!u)
        return ApiResponse::error(404, Tr::tr("no such user ('%1')").arg(userid));
    QJsonObject data = userData(*u);
    data.insert(QStringLiteral("groups"), QJsonArray::fromStringList(u->groups));
    QJsonObject tokens;
    for (const auto &t : ctx.access.tokensOf(userid))
        tokens.insert(t.name, tokenInfo(t));
    if (!tokens.isEmpty())
        data.insert(QStringLiteral("tokens"), tokens);
    return ApiResponse::ok(data);
}

ApiResponse updateUser(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    const bool append = ctx.params.value(QStringLiteral("append")).toInt() != 0;
    if (ctx.has(QStringLiteral("append")) && !ctx.has(QStringLiteral("groups")))
        return ApiResponse::parameterErrors(
            {{QStringLiteral("groups"), Tr::tr("missing property - 'groups' is required by 'append'")}});
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("update user failed"), {kUserCfg}, [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (!users.findUser(userid.toUtf8())) {
                if (userid != QLatin1String("root@pam"))
                    return edit.fail(Code::NotFound, Tr::tr("no such user ('%1')").arg(userid));
                // root@pam exists without a line too: give it the line a fresh install has.
                UserConfigFile::UserSpec root;
                root.userid = userid;
                if (auto added = users.addUser(root); !added)
                    return edit.fail(added.error());
            }
            auto set = [&](UserConfigFile::UserField field, const QString &value) -> ConfigEdit::Outcome {
                if (auto ok = users.setUserField(userid, field, value); !ok)
                    return edit.fail(ok.error());
                return {};
            };
            if (ctx.has(QStringLiteral("enable")))
                if (auto ok = set(UserConfigFile::UserField::Enable,
                                  QString::number(ctx.params.value(QStringLiteral("enable")).toInt() ? 1 : 0));
                    !ok)
                    return ok;
            if (ctx.has(QStringLiteral("expire")))
                if (auto ok = set(UserConfigFile::UserField::Expire,
                                  QString::number(ctx.params.value(QStringLiteral("expire")).toInteger()));
                    !ok)
                    return ok;
            for (const auto &[name, field] : kTextFields)
                if (ctx.has(QLatin1String(name)))
                    if (auto ok = set(field, ctx.param(QLatin1String(name))); !ok)
                        return ok;
            if (ctx.has(QStringLiteral("groups"))) {
                auto groups = groupsParam(ctx, users);
                if (!groups)
                    return std::unexpected(groups.error());
                if (!append) {
                    QStringList current;
                    for (const auto &g : users.groups())
                        if (g.members.list().contains(userid) && !groups->contains(g.id()))
                            current.append(g.id());
                    for (const QString &g : std::as_const(current))
                        if (auto left = setMembership(users, g, userid, false); !left)
                            return edit.fail(left.error());
                }
                for (const QString &g : *groups)
                    if (auto joined = setMembership(users, g, userid, true); !joined)
                        return edit.fail(joined.error());
            }
            return {};
        });
    if (!done)
        return done.error();
    return ApiResponse::ok();
}

ApiResponse deleteUser(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    if (userid == QLatin1String("root@pam"))
        return ApiResponse::error(400, Tr::tr("delete user failed: the user 'root@pam' cannot be deleted"));
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("delete user failed"), {kUserCfg, kShadowCfg, kTokenCfg},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (!users.findUser(userid.toUtf8()))
                return edit.fail(Code::NotFound, Tr::tr("no such user ('%1')").arg(userid));
            QStringList tokens;
            for (const auto &t : users.tokens())
                if (t.userid() == userid)
                    tokens.append(t.id());
            // Drops the user's tokens, group memberships and ACL entries too.
            if (auto removed = users.removeUser(userid); !removed)
                return edit.fail(removed.error());
            if (auto removed = removeSecret(edit, edit.shadow(), userid); !removed)
                return removed;
            for (const QString &t : std::as_const(tokens))
                if (auto removed = removeSecret(edit, edit.tokenSecrets(), t); !removed)
                    return removed;
            return {};
        });
    if (!done)
        return done.error();
    return ApiResponse::ok();
}

} // namespace

void registerUserRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/users"), listUsers);
    router.add(QStringLiteral("POST"), QStringLiteral("/access/users"), createUser);
    router.add(QStringLiteral("GET"), QStringLiteral("/access/users/{userid}"), readUser);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/users/{userid}"), updateUser);
    router.add(QStringLiteral("DELETE"), QStringLiteral("/access/users/{userid}"), deleteUser);
}

} // namespace atalaia::api
