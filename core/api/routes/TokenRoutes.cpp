#include "AccessSupport.h"
#include "ConfigEdit.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "SecretFiles.h"
#include "Tr.h"
#include "UserCfgRecords.h"
#include "api/Router.h"

#include <QUuid>

namespace atalaia::api {

namespace {

using config::UserConfigFile;

const QString kUserCfg = QLatin1String(Services::kUserCfg);
const QString kTokenCfg = QLatin1String(Services::kTokenCfg);

QString noSuchUser(const QString &userid)
{
    return Tr::tr("no such user ('%1')").arg(userid);
}

QString noSuchToken(const QString &userid, const QString &name)
{
    return Tr::tr("no such token '%1' for user '%2'").arg(name, userid);
}

struct TokenParams {
    QString userid;
    QString name;   // "tokenid" in the API: the part after '!'
    QString fullId; // "user@realm!name"
};

std::expected<TokenParams, ApiResponse> tokenParams(const RequestContext &ctx)
{
    TokenParams p{ctx.param(QStringLiteral("userid")), ctx.param(QStringLiteral("tokenid")), {}};
    p.fullId = p.userid + QLatin1Char('!') + p.name;
    if (const QString problem = UserConfigFile::tokenIdProblem(p.fullId.toUtf8()); !problem.isEmpty())
        return std::unexpected(ApiResponse::parameterErrors({{QStringLiteral("tokenid"), problem}}));
    return p;
}

// Proxmox's token-info: privsep always, expire and comment when set.
QJsonObject tokenInfo(bool privsep, std::optional<qint64> expire, const QString &comment)
{
    QJsonObject o{{QStringLiteral("privsep"), privsep ? 1 : 0}};
    if (expire)
        o.insert(QStringLiteral("expire"), *expire);
    if (!comment.isEmpty())
        o.insert(QStringLiteral("comment"), comment);
    return o;
}

ApiResponse listTokens(RequestContext &ctx)
{
    const QString userid = ctx.param(QStringLiteral("userid"));
    if (!ctx.access.user(userid))
        return ApiResponse::error(404, noSuchUser(userid));
    QJsonArray out;
    for (const auto &t : ctx.access.tokensOf(userid)) {
        QJsonObject info = tokenInfo(t.privsep, t.expire, t.comment);
        info.insert(QStringLiteral("tokenid"), t.name);
        out.append(info);
    }
    return ApiResponse::ok(out);
}

ApiResponse readToken(RequestContext &ctx)
{
    auto p = tokenParams(ctx);
    if (!p)
        return p.error();
    if (!ctx.access.user(p->userid))
        return ApiResponse::error(404, noSuchUser(p->userid));
    const auto *t = ctx.access.token(p->fullId);
    if (!t)
        return ApiResponse::error(404, noSuchToken(p->userid, p->name));
    return ApiResponse::ok(tokenInfo(t->privsep, t->expire, t->comment));
}

ApiResponse createToken(RequestContext &ctx)
{
    auto p = tokenParams(ctx);
    if (!p)
        return p.error();
    const bool privsep = !ctx.has(QStringLiteral("privsep")) || ctx.params.value(QStringLiteral("privsep")).toInt() != 0;
    const std::optional<qint64> expire = ctx.has(QStringLiteral("expire"))
        ? std::optional<qint64>(ctx.params.value(QStringLiteral("expire")).toInteger())
        : std::nullopt;
    const QString comment = ctx.param(QStringLiteral("comment"));
    // A random (version 4) UUID from the system's CSPRNG, as Proxmox makes them.
    const QString secret = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("generating token failed"), {kUserCfg, kTokenCfg},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (!userDefined(users, p->userid))
                return edit.fail(Code::NotFound, noSuchUser(p->userid));
            if (users.findToken(p->fullId.toUtf8()))
                return ConfigEdit::parameterError(QStringLiteral("tokenid"), Tr::tr("Token already exists."));
            if (auto added = users.addToken(p->fullId, expire.value_or(0), privsep, comment); !added)
                return edit.fail(added.error());
            if (auto stored = edit.tokenSecrets().setSecret(p->fullId, secret.toLatin1()); !stored)
                return edit.fail(stored.error());
            return {};
        });
    if (!done)
        return done.error();
    return ApiResponse::ok(QJsonObject{
        {QStringLiteral("full-tokenid"), p->fullId},
        {QStringLiteral("info"), tokenInfo(privsep, expire, comment)},
        {QStringLiteral("value"), secret},
    });
}

ApiResponse updateToken(RequestContext &ctx)
{
    auto p = tokenParams(ctx);
    if (!p)
        return p.error();
    bool privsep = true;
    qint64 expire = 0;
    QString comment;
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("updating token info failed"), {kUserCfg},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            const UserConfigFile &users = edit.users();
            if (!userDefined(users, p->userid))
                return edit.fail(Code::NotFound, noSuchUser(p->userid));
            const UserConfigFile::Token *t = users.findToken(p->fullId.toUtf8());
            if (!t)
                return edit.fail(Code::NotFound, noSuchToken(p->userid, p->name));
            privsep = !t->privsep.isEmpty() && t->privsep.text() != "0";
            expire = t->expiresAt();
            comment = t->comment.decoded();
            for (const QString &key : splitList(ctx.param(QStringLiteral("delete")))) {
                if (key == QLatin1String("comment"))
                    comment.clear();
                else if (key == QLatin1String("expire"))
                    expire = 0;
                else if (key == QLatin1String("privsep"))
                    privsep = true;
                else
                    return ConfigEdit::parameterError(QStringLiteral("delete"),
                                                      Tr::tr("unknown setting '%1': tokens have comment, expire and "
                                                             "privsep").arg(key));
            }
            if (ctx.has(QStringLiteral("privsep")))
                privsep = ctx.params.value(QStringLiteral("privsep")).toInt() != 0;
            if (ctx.has(QStringLiteral("expire")))
                expire = ctx.params.value(QStringLiteral("expire")).toInteger();
            if (!ctx.param(QStringLiteral("comment")).isEmpty())
                comment = ctx.param(QStringLiteral("comment"));
            if (auto ok = usercfg::setToken(edit, p->fullId, expire, privsep, comment); !ok)
                return edit.fail(ok.error());
            return {};
        });
    if (!done)
        return done.error();
    return ApiResponse::ok(tokenInfo(privsep, expire, comment));
}

ApiResponse deleteToken(RequestContext &ctx)
{
    auto p = tokenParams(ctx);
    if (!p)
        return p.error();
    const auto done = ConfigEdit::run(
        ctx.services.store(), Tr::tr("deleting token failed"), {kUserCfg, kTokenCfg},
        [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
            UserConfigFile &users = edit.users();
            if (!userDefined(users, p->userid))
                return edit.fail(Code::NotFound, noSuchUser(p->userid));
            if (!users.findToken(p->fullId.toUtf8()))
                return edit.fail(Code::NotFound, noSuchToken(p->userid, p->name));
            // Drops the token from ACL entries too.
            if (auto removed = users.removeToken(p->fullId); !removed)
                return edit.fail(removed.error());
            return removeSecret(edit, edit.tokenSecrets(), p->fullId);
        });
    if (!done)
        return done.error();
    return ApiResponse::ok();
}

} // namespace

void registerTokenRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/access/users/{userid}/token"), listTokens);
    router.add(QStringLiteral("GET"), QStringLiteral("/access/users/{userid}/token/{tokenid}"), readToken);
    router.add(QStringLiteral("POST"), QStringLiteral("/access/users/{userid}/token/{tokenid}"), createToken);
    router.add(QStringLiteral("PUT"), QStringLiteral("/access/users/{userid}/token/{tokenid}"), updateToken);
    router.add(QStringLiteral("DELETE"), QStringLiteral("/access/users/{userid}/token/{tokenid}"), deleteToken);
}

} // namespace atalaia::api
