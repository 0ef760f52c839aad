#include "AccessControl.h"

#include "Privileges.h"
#include "Secrets.h"
#include "Tr.h"
#include "base/Clock.h"
#include "config/ShadowFile.h"
#include "config/UserConfigFile.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace atalaia::access {

using config::ShadowFile;
using config::UserConfigFile;

namespace {

// member -> role -> propagate
using Grants = QHash<QString, QHash<QString, bool>>;

struct AclNode {
    Grants users, groups, tokens;
};

} // namespace

struct AccessControl::Data {
    QMap<QString, User> users;
    QMap<QString, Token> tokens;
    QMap<QString, Group> groups;
    QHash<QString, QSet<QString>> members; // group -> members (also undefined users, as Proxmox)
    QMap<QString, Pool> pools;
    QHash<QString, QString> vmPool;           // vmid -> pool
    QHash<QString, QStringList> storagePools; // storage -> pools
    QMap<QString, QSet<QString>> roles;
    QMap<QString, AclNode> acl; // normalized path -> entries; ancestors present (possibly empty)
    QHash<QString, QByteArray> tokenSecrets;
    QHash<QString, QByteArray> passwordHashes;
    config::Diagnostics diagnostics;
    QStringList warnings;
};

namespace {

using Data = AccessControl::Data;
using User = AccessControl::User;
using Token = AccessControl::Token;
using Group = AccessControl::Group;
using Pool = AccessControl::Pool;

// Perl's truth, which Proxmox applies to the enable, privsep and propagate flags.
bool perlTrue(QByteArrayView text)
{
    return !text.isEmpty() && text != "0";
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isNameChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('-')
        || c == QLatin1Char('_');
}

bool validUserId(QByteArrayView id)
{
    return UserConfigFile::userIdProblem(id).isEmpty();
}

bool validTokenId(QByteArrayView id)
{
    return UserConfigFile::tokenIdProblem(id).isEmpty();
}

bool validName(QByteArrayView id)
{
    return UserConfigFile::nameProblem(id, QLatin1StringView("name")).isEmpty();
}

// Proxmox's storage id check for pool members.
bool validPoolStorage(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9\\-_.]*[a-z0-9]$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(id).hasMatch();
}

QString canonicalVmid(QByteArrayView digits)
{
    qsizetype i = 0;
    while (i + 1 < digits.size() && digits[i] == '0')
        ++i;
    return QString::fromLatin1(digits.sliced(i));
}

QStringList sortedNumerically(QStringList ids)
{
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    return ids;
}

// Proxmox reads user.cfg line by line; the parser hands us one list per record
// kind, so merge them back into file order.
enum class Record { UserLine, TokenLine, GroupLine, PoolLine, RoleLine, AclLine };
struct LineRef {
    qsizetype line;
    Record kind;
    qsizetype index;
};

class Builder
{
public:
    explicit Builder(Data &data) : d(data) {}

    void run(const UserConfigFile &file)
    {
        forceDefaults();
        QList<LineRef> order;
        auto collect = [&order](const auto &list, Record kind) {
            for (qsizetype i = 0; i < list.size(); ++i)
                order.append({list[i].line, kind, i});
        };
        collect(file.users(), Record::UserLine);
        collect(file.tokens(), Record::TokenLine);
        collect(file.groups(), Record::GroupLine);
        collect(file.pools(), Record::PoolLine);
        collect(file.roles(), Record::RoleLine);
        collect(file.acls(), Record::AclLine);
        std::stable_sort(order.begin(), order.end(), [](const LineRef &a, const LineRef &b) { return a.line < b.line; });
        for (const LineRef &ref : order) {
            switch (ref.kind) {
            case Record::UserLine: user(file.users()[ref.index]); break;
            case Record::TokenLine: token(file.tokens()[ref.index]); break;
            case Record::GroupLine: group(file.groups()[ref.index]); break;
            case Record::PoolLine: pool(file.pools()[ref.index]); break;
            case Record::RoleLine: role(file.roles()[ref.index]); break;
            case Record::AclLine: acl(file.acls()[ref.index]); break;
            }
        }
        forceDefaults();
        finish();
    }

private:
    void warn(QString text) { d.warnings.append(std::move(text)); }

    // Proxmox's userconfig_force_defaults: the built-in roles keep their
    // privileges whatever the file says, and root@pam exists.
    void forceDefaults()
    {
        const auto &builtins = Privileges::builtinRoleTable();
        for (auto it = builtins.cbegin(); it != builtins.cend(); ++it)
            d.roles.insert(it.key(), it.value());
        const QString root(kRootUser);
        if (!d.users.contains(root)) {
            User u;
            u.userid = root;
            u.enabled = true;
            d.users.insert(root, u);
        }
    }

    void user(const UserConfigFile::User &r)
    {
        const QByteArrayView id = r.userid.text();
        const QString userid = r.userid.string();
        if (!validUserId(id)) {
            warn(QStringLiteral("ignore user '%1' - invalid user name").arg(userid));
            return;
        }
        const QByteArrayView expire = r.expire.text();
        if (!expire.isEmpty() && !isDigits(expire)) {
            warn(QStringLiteral("ignore user '%1' - illegal characters in expire '%2'")
                     .arg(userid, r.expire.string()));
            return;
        }
        // A second line for the same user replaces the first entirely, its
        // tokens and its side of group memberships included (as in Proxmox).
        if (d.users.contains(userid)) {
            for (auto it = d.tokens.begin(); it != d.tokens.end();)
                it = it->userid == userid ? d.tokens.erase(it) : std::next(it);
        }
        User u;
        u.userid = userid;
        u.enabled = perlTrue(r.enable.text());
        u.expire = isDigits(expire) ? expire.toLongLong() : 0;
        u.firstName = r.firstName.decoded();
        u.lastName = r.lastName.decoded();
        u.email = r.email.string();
        u.comment = r.comment.decoded();
        u.keys = r.keys.string();
        d.users.insert(userid, u);
    }

    void token(const UserConfigFile::Token &r)
    {
        const QString tokenId = r.tokenid.string();
        if (!validTokenId(r.tokenid.text())) {
            warn(QStringLiteral("ignore invalid tokenid '%1'").arg(tokenId));
            return;
        }
        const QByteArrayView expire = r.expire.text();
        if (!expire.isEmpty() && !isDigits(expire)) {
            warn(QStringLiteral("ignore token '%1' - illegal characters in expire '%2'").arg(tokenId, r.expire.string()));
            return;
        }
        const auto id = Identity::fromAuthId(tokenId);
        if (!id || !d.users.contains(id->userid)) {
            warn(QStringLiteral("ignore token '%1' - user does not exist").arg(tokenId));
            return;
        }
        Token t;
        t.tokenId = tokenId;
        t.userid = id->userid;
        t.name = id->tokenName;
        t.expire = isDigits(expire) ? expire.toLongLong() : 0;
        t.privsep = perlTrue(r.privsep.text());
        t.comment = r.comment.decoded();
        d.tokens.insert(tokenId, t);
    }

    void group(const UserConfigFile::Group &r)
    {
        const QString groupid = r.groupid.string();
        if (!validName(r.groupid.text())) {
            warn(QStringLiteral("ignore group '%1' - invalid characters in group name").arg(groupid));
            return;
        }
        Group &g = d.groups[groupid];
        g.groupid = groupid;
        QSet<QString> &members = d.members[groupid];
        if (!r.comment.isEmpty())
            g.comment = r.comment.decoded();
        for (const QString &member : r.members.list()) {
            if (!validUserId(member.toUtf8())) {
                warn(QStringLiteral("ignore invalid group member '%1'").arg(member));
                continue;
            }
            if (!d.users.contains(member))
                warn(QStringLiteral("ignore invalid group member '%1'").arg(member)); // kept all the same
            members.insert(member);
        }
    }

    void pool(const UserConfigFile::Pool &r)
    {
        const QString poolid = r.poolid.string();
        if (!validName(r.poolid.text())) {
            warn(QStringLiteral("ignore pool '%1' - invalid characters in pool name").arg(poolid));
            return;
        }
        Pool &p = d.pools[poolid];
        p.poolid = poolid;
        if (!r.comment.isEmpty())
            p.comment = r.comment.decoded();
        for (const QString &item : r.vmids.list()) {
            const QByteArray digits = item.toLatin1();
            if (!isDigits(digits)) {
                warn(QStringLiteral("ignore invalid vmid '%1' in pool '%2'").arg(item, poolid));
                continue;
            }
            const QString vmid = canonicalVmid(digits);
            if (d.vmPool.contains(vmid)) {
                warn(QStringLiteral("ignore duplicate vmid '%1' in pool '%2'").arg(vmid, poolid));
                continue;
            }
            d.vmPool.insert(vmid, poolid);
            if (!p.vmids.contains(vmid))
                p.vmids.append(vmid);
        }
        for (const QString &storage : r.storages.list()) {
            if (!validPoolStorage(storage)) {
                warn(QStringLiteral("ignore invalid storage '%1' in pool '%2'").arg(storage, poolid));
                continue;
            }
            if (!p.storages.contains(storage))
                p.storages.append(storage);
            QStringList &pools = d.storagePools[storage];
            if (!pools.contains(poolid))
                pools.append(poolid);
        }
    }

    void role(const UserConfigFile::Role &r)
    {
        const QString roleid = r.roleid.string();
        if (!validName(r.roleid.text())) {
            warn(QStringLiteral("ignore role '%1' - invalid characters in role name").arg(roleid));
            return;
        }
        QSet<QString> &privileges = d.roles[roleid];
        for (const QString &privilege : r.privileges.list()) {
            if (Privileges::isPrivilege(privilege))
                privileges.insert(privilege);
            else
                warn(QStringLiteral("ignore invalid privilege '%1'").arg(privilege));
        }
    }

    void acl(const UserConfigFile::Acl &r)
    {
        const bool propagate = perlTrue(r.propagate.text());
        const auto path = AccessControl::normalizePath(r.path.string());
        if (!path) {
            warn(QStringLiteral("ignore invalid path in acl '%1'").arg(r.path.string()));
            return;
        }
        const QStringList members = r.ugids.list();
        for (const QString &roleid : r.roles.list()) {
            if (!validName(roleid.toUtf8())) {
                warn(QStringLiteral("ignore invalid role name '%1' in acl").arg(roleid));
                continue;
            }
            if (!d.roles.contains(roleid)) {
                warn(QStringLiteral("ignore invalid acl role '%1'").arg(roleid));
                continue;
            }
            for (const QString &ug : members) {
                const QByteArray bytes = ug.toUtf8();
                if (bytes.startsWith('@') && bytes.size() > 1 && validName(QByteArrayView(bytes).sliced(1))) {
                    const QString groupid = ug.sliced(1);
                    if (!d.groups.contains(groupid))
                        warn(QStringLiteral("ignore invalid acl group '%1'").arg(groupid)); // kept all the same
                    d.acl[*path].groups[groupid].insert(roleid, propagate);
                } else if (validUserId(bytes)) {
                    if (!d.users.contains(ug))
                        warn(QStringLiteral("ignore invalid acl member '%1'").arg(ug)); // kept all the same
                    d.acl[*path].users[ug].insert(roleid, propagate);
                } else if (validTokenId(bytes)) {
                    if (d.tokens.contains(ug))
                        d.acl[*path].tokens[ug].insert(roleid, propagate);
                    else
                        warn(QStringLiteral("ignore invalid acl token '%1'").arg(ug));
                } else {
                    warn(QStringLiteral("invalid user/group '%1' in acl").arg(ug));
                }
            }
        }
    }

    void finish()
    {
        // Ancestors of every ACL path are nodes of Proxmox's ACL tree, which
        // GET /access/permissions lists.
        const QStringList paths = d.acl.keys();
        d.acl.insert(QStringLiteral("/"), d.acl.value(QStringLiteral("/")));
        for (const QString &path : paths) {
            qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
            while (slash > 0) {
                const QString ancestor = path.first(slash);
                if (!d.acl.contains(ancestor))
                    d.acl.insert(ancestor, AclNode());
                slash = path.indexOf(QLatin1Char('/'), slash + 1);
            }
        }
        // A user's groups: those whose member list names it.
        for (auto it = d.members.cbegin(); it != d.members.cend(); ++it) {
            for (const QString &member : it.value()) {
                if (d.users.contains(member))
                    d.users[member].groups.append(it.key());
            }
        }
        for (User &u : d.users)
            u.groups.sort();
        for (auto it = d.groups.begin(); it != d.groups.end(); ++it) {
            const QSet<QString> &members = d.members[it.key()];
            it->members = QStringList(members.cbegin(), members.cend());
            it->members.sort();
        }
        for (const Token &t : std::as_const(d.tokens))
            d.users[t.userid].tokens.append(t.name);
        for (User &u : d.users)
            u.tokens.sort();
        for (Pool &p : d.pools) {
            p.vmids = sortedNumerically(p.vmids);
            p.storages.sort();
        }
    }

    Data &d;
};

// Proxmox's group-membership test for ACL evaluation.
bool isMember(const Data &d, const QString &groupid, const QString &userid)
{
    const auto it = d.members.constFind(groupid);
    return it != d.members.cend() && it->contains(userid);
}

// Adds the grants of GRANTS that apply at a level: all of them at the checked
// path itself (FINAL), only propagating ones above it. Two groups granting the
// same role at one level: it propagates if either grant does (Proxmox keeps
// whichever its hash order visits last).
bool collect(const QHash<QString, bool> &grants, bool final, AccessControl::RoleFlags &into)
{
    bool any = false;
    for (auto it = grants.cbegin(); it != grants.cend(); ++it) {
        if (final || it.value()) {
            bool &flag = into[it.key()];
            flag = flag || it.value();
            any = true;
        }
    }
    return any;
}

QStringList levelsOf(const QString &path)
{
    QStringList levels{QStringLiteral("/")};
    if (path == QLatin1String("/"))
        return levels;
    qsizetype slash = path.indexOf(QLatin1Char('/'), 1);
    while (slash > 0) {
        levels.append(path.first(slash));
        slash = path.indexOf(QLatin1Char('/'), slash + 1);
    }
    levels.append(path);
    return levels;
}

const AccessControl::Token *findToken(const Data &d, const Identity &who)
{
    const auto it = d.tokens.constFind(who.tokenId());
    return it == d.tokens.cend() ? nullptr : &*it;
}

// PVE::AccessControl::roles: the roles of WHO on PATH from the ACL alone
// (no pools); PATH is normalized.
AccessControl::RoleFlags aclRoles(const Data &d, const Identity &who, const QString &path)
{
    if (who.isRoot())
        return {{QString(kAdministratorRole), true}};
    if (who.isToken()) {
        const AccessControl::Token *token = findToken(d, who);
        if (!token)
            return {};
        if (!token->privsep)
            return aclRoles(d, Identity::user(who.userid), path);
    }
    const QString tokenId = who.tokenId();
    AccessControl::RoleFlags roles;
    const QStringList levels = levelsOf(path);
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const auto node = d.acl.constFind(levels[i]);
        if (node == d.acl.cend())
            continue;
        const bool final = i + 1 == levels.size();
        AccessControl::RoleFlags level;
        if (who.isToken()) {
            // A token's own entries; user and group entries never name a token.
            if (const auto it = node->tokens.constFind(tokenId); it != node->tokens.cend() && collect(*it, final, level))
                roles = level;
            continue;
        }
        // The user's own entries override its groups' at the same level.
        if (const auto it = node->users.constFind(who.userid); it != node->users.cend() && collect(*it, final, level)) {
            roles = level;
            continue;
        }
        bool any = false;
        for (auto g = node->groups.cbegin(); g != node->groups.cend(); ++g) {
            if (isMember(d, g.key(), who.userid))
                any = collect(g.value(), final, level) || any;
        }
        if (any)
            roles = level;
    }
    if (const auto it = roles.constFind(QString(kNoAccessRole)); it != roles.cend())
        return {{it.key(), it.value()}};
    return roles;
}

// RPCEnvironment's compile_acl_path, roles part: the ACL roles plus those
// inherited from the pools holding the guest or storage at PATH.
AccessControl::RoleFlags compiledRoles(const Data &d, const Identity &who, const QString &path)
{
    AccessControl::RoleFlags roles = aclRoles(d, who, path);
    if (who.isRoot())
        return roles;
    QStringList pools;
    if (path.startsWith(QLatin1String("/vms/"))) {
        if (const auto it = d.vmPool.constFind(path.sliced(5)); it != d.vmPool.cend())
            pools.append(*it);
    } else if (path.startsWith(QLatin1String("/storage/"))) {
        pools = d.storagePools.value(path.sliced(9));
    }
    if (pools.isEmpty())
        return roles;
    QSet<QString> poolRoles;
    for (const QString &pool : std::as_const(pools)) {
        const AccessControl::RoleFlags r = aclRoles(d, who, QStringLiteral("/pool/") + pool);
        for (auto it = r.cbegin(); it != r.cend(); ++it)
            poolRoles.insert(it.key());
    }
    if (poolRoles.isEmpty() || roles.contains(QString(kNoAccessRole)))
        return roles; // NoAccess on the path itself is never trumped by a pool
    if (poolRoles.contains(QString(kNoAccessRole)))
        return {{QString(kNoAccessRole), false}};
    for (const QString &role : std::as_const(poolRoles)) {
        if (!roles.contains(role))
            roles.insert(role, false); // pool-derived roles never propagate
    }
    return roles;
}

AccessControl::PrivilegeFlags privilegesOn(const Data &d, const Identity &who, const QString &path)
{
    AccessControl::PrivilegeFlags privs;
    if (who.isRoot()) {
        for (const QString &p : d.roles.value(QString(kAdministratorRole)))
            privs.insert(p, true);
        return privs;
    }
    AccessControl::PrivilegeFlags userPrivs;
    if (who.isToken()) {
        const AccessControl::Token *token = findToken(d, who);
        if (!token)
            return {};
        userPrivs = privilegesOn(d, Identity::user(who.userid), path);
        if (!token->privsep)
            return userPrivs;
    }
    const AccessControl::RoleFlags roles = compiledRoles(d, who, path);
    for (auto r = roles.cbegin(); r != roles.cend(); ++r) {
        const auto set = d.roles.constFind(r.key());
        if (set == d.roles.cend())
            continue;
        for (const QString &p : *set) {
            bool &flag = privs[p]; // a privilege propagates if any role giving it does
            flag = flag || r.value();
        }
    }
    if (who.isToken()) {
        AccessControl::PrivilegeFlags both;
        for (auto it = privs.cbegin(); it != privs.cend(); ++it) {
            if (const auto u = userPrivs.constFind(it.key()); u != userPrivs.cend())
                both.insert(it.key(), it.value() && u.value());
        }
        return both;
    }
    return privs;
}

} // namespace

// ---- construction ----------------------------------------------------------

AccessControl::AccessControl() : AccessControl(fromText({}).d) {}

AccessControl::AccessControl(std::shared_ptr<const Data> data) : d(std::move(data)) {}

AccessControl AccessControl::fromText(const QByteArray &userCfg, const QByteArray &tokenCfg, const QByteArray &shadowCfg)
{
    const UserConfigFile users = UserConfigFile::parse(userCfg, QStringLiteral("user.cfg"));
    const ShadowFile tokens = ShadowFile::parse(tokenCfg, QStringLiteral("priv/token.cfg"), ShadowFile::Format::Tokens);
    const ShadowFile shadow = ShadowFile::parse(shadowCfg, QStringLiteral("priv/shadow.cfg"), ShadowFile::Format::Shadow);
    return fromFiles(users, &tokens, &shadow);
}

AccessControl AccessControl::fromFiles(const UserConfigFile &users, const ShadowFile *tokens, const ShadowFile *shadow)
{
    auto data = std::make_shared<Data>();
    Builder(*data).run(users);
    data->diagnostics = users.diagnostics();
    if (tokens) {
        data->diagnostics += tokens->diagnostics();
        for (const ShadowFile::Entry &e : tokens->entries())
            data->tokenSecrets.insert(e.idString(), e.secret.toByteArray());
    }
    if (shadow) {
        data->diagnostics += shadow->diagnostics();
        for (const ShadowFile::Entry &e : shadow->entries())
            data->passwordHashes.insert(e.idString(), e.secret.toByteArray());
    }
    return AccessControl(std::move(data));
}

const config::Diagnostics &AccessControl::diagnostics() const
{
    return d->diagnostics;
}

const QStringList &AccessControl::warnings() const
{
    return d->warnings;
}

// ---- users, groups, tokens, pools, roles -----------------------------------

QStringList AccessControl::userIds() const
{
    return d->users.keys();
}

const AccessControl::User *AccessControl::user(const QString &userid) const
{
    const auto it = d->users.constFind(userid);
    return it == d->users.cend() ? nullptr : &*it;
}

Result<void> AccessControl::checkUserEnabled(const QString &userid, const Clock &clock) const
{
    const User *u = user(userid);
    if (!u)
        return fail(Code::NoSuchUser, Tr::tr("no such user ('%1')").arg(userid));
    if (!u->enabled)
        return fail(Code::AuthenticationFailed, Tr::tr("user '%1' is disabled").arg(userid));
    if (u->expire != 0 && u->expire < clock.nowSeconds())
        return fail(Code::AuthenticationFailed, Tr::tr("user '%1' access expired").arg(userid));
    return {};
}

QStringList AccessControl::groupsOf(const QString &userid) const
{
    const User *u = user(userid);
    return u ? u->groups : QStringList();
}

QStringList AccessControl::groupIds() const
{
    return d->groups.keys();
}

const AccessControl::Group *AccessControl::group(const QString &groupid) const
{
    const auto it = d->groups.constFind(groupid);
    return it == d->groups.cend() ? nullptr : &*it;
}

bool AccessControl::isGroupMember(const QString &groupid, const QString &userid) const
{
    return isMember(*d, groupid, userid);
}

const AccessControl::Token *AccessControl::token(const QString &tokenId) const
{
    const auto it = d->tokens.constFind(tokenId);
    return it == d->tokens.cend() ? nullptr : &*it;
}

QList<AccessControl::Token> AccessControl::tokensOf(const QString &userid) const
{
    QList<Token> out;
    for (const Token &t : d->tokens) {
        if (t.userid == userid)
            out.append(t);
    }
    return out;
}

Result<Identity> AccessControl::verifyToken(const QString &tokenId, QByteArrayView secret, const Clock &clock) const
{
    const auto id = Identity::fromAuthId(tokenId);
    if (!id || !id->isToken() || !validTokenId(tokenId.toUtf8()))
        return fail(Code::AuthenticationFailed, Tr::tr("'%1' is not a valid token ID").arg(tokenId));
    if (auto enabled = checkUserEnabled(id->userid, clock); !enabled)
        return std::unexpected(enabled.error());
    const Token *t = token(tokenId);
    if (!t)
        return fail(Code::AuthenticationFailed,
                    Tr::tr("no such token '%1' for user '%2'").arg(id->tokenName, id->userid));
    if (t->expire != 0 && t->expire < clock.nowSeconds())
        return fail(Code::AuthenticationFailed, Tr::tr("token '%1' access expired").arg(id->tokenName));
    const auto stored = d->tokenSecrets.constFind(tokenId);
    // Compare even without a stored secret, so the time taken does not tell.
    const bool equal = secretsEqual(stored == d->tokenSecrets.cend() ? QByteArrayView() : QByteArrayView(*stored), secret);
    if (stored == d->tokenSecrets.cend() || stored->isEmpty() || !equal)
        return fail(Code::AuthenticationFailed, Tr::tr("invalid token value!"));
    return *id;
}

std::optional<QByteArray> AccessControl::passwordHash(const QString &userid) const
{
    const auto it = d->passwordHashes.constFind(userid);
    if (it == d->passwordHashes.cend())
        return std::nullopt;
    return *it;
}

QStringList AccessControl::poolIds() const
{
    return d->pools.keys();
}

const AccessControl::Pool *AccessControl::pool(const QString &poolid) const
{
    const auto it = d->pools.constFind(poolid);
    return it == d->pools.cend() ? nullptr : &*it;
}

QString AccessControl::poolOfVm(const QString &vmid) const
{
    return d->vmPool.value(vmid);
}

QStringList AccessControl::roleIds() const
{
    return d->roles.keys();
}

std::optional<QSet<QString>> AccessControl::rolePrivileges(const QString &roleid) const
{
    const auto it = d->roles.constFind(roleid);
    if (it == d->roles.cend())
        return std::nullopt;
    return *it;
}

// ---- ACL evaluation --------------------------------------------------------

QList<AccessControl::AclEntry> AccessControl::aclEntries() const
{
    QList<AclEntry> out;
    for (auto node = d->acl.cbegin(); node != d->acl.cend(); ++node) {
        const std::pair<const Grants *, AclEntry::Kind> kinds[] = {
            {&node->users, AclEntry::Kind::User},
            {&node->groups, AclEntry::Kind::Group},
            {&node->tokens, AclEntry::Kind::Token},
        };
        for (const auto &[grants, kind] : kinds) {
            QStringList members = grants->keys();
            members.sort();
            for (const QString &member : std::as_const(members)) {
                const QHash<QString, bool> &roles = grants->value(member);
                QStringList names = roles.keys();
                names.sort();
                for (const QString &role : std::as_const(names))
                    out.append({node.key(), kind, member, role, roles.value(role)});
            }
        }
    }
    return out;
}

QStringList AccessControl::aclPaths() const
{
    return d->acl.keys();
}

std::optional<QString> AccessControl::normalizePath(QStringView path)
{
    if (path.isEmpty())
        return std::nullopt;
    QString out;
    out.reserve(path.size() + 1);
    if (path.front() != QLatin1Char('/'))
        out.append(QLatin1Char('/'));
    for (QChar c : path) {
        if (c == QLatin1Char('/') && out.endsWith(QLatin1Char('/')))
            continue;
        if (c != QLatin1Char('/') && !isNameChar(c))
            return std::nullopt;
        out.append(c);
    }
    if (out.size() > 1 && out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out;
}

AccessControl::PrivilegeFlags AccessControl::privilegeFlags(const Identity &who, QStringView path) const
{
    const auto normal = normalizePath(path);
    if (!normal || who.isEmpty())
        return {};
    return privilegesOn(*d, who, *normal);
}

QSet<QString> AccessControl::privileges(const Identity &who, QStringView path) const
{
    const PrivilegeFlags flags = privilegeFlags(who, path);
    QSet<QString> out;
    out.reserve(flags.size());
    for (auto it = flags.cbegin(); it != flags.cend(); ++it)
        out.insert(it.key());
    return out;
}

AccessControl::RoleFlags AccessControl::roles(const Identity &who, QStringView path) const
{
    const auto normal = normalizePath(path);
    if (!normal || who.isEmpty())
        return {};
    if (who.isToken()) {
        const Token *t = findToken(*d, who);
        if (!t)
            return {};
        if (!t->privsep)
            return compiledRoles(*d, Identity::user(who.userid), *normal);
    }
    return compiledRoles(*d, who, *normal);
}

bool AccessControl::hasPrivileges(const Identity &who, QStringView path, const QStringList &privileges, bool any) const
{
    return checkPrivileges(who, path, privileges, any).has_value();
}

Result<void> AccessControl::checkPrivileges(const Identity &who, QStringView path, const QStringList &privileges,
                                            bool any) const
{
    const PrivilegeFlags have = privilegeFlags(who, path);
    if (any) {
        for (const QString &p : privileges) {
            if (have.contains(p))
                return {};
        }
        return fail(Code::AccessDenied, Tr::tr("Permission check failed (%1, %2)")
                                            .arg(path.toString(), privileges.join(QLatin1Char('|'))));
    }
    for (const QString &p : privileges) {
        if (!have.contains(p))
            return fail(Code::AccessDenied, Tr::tr("Permission check failed (%1, %2)").arg(path.toString(), p));
    }
    return {};
}

QMap<QString, AccessControl::PrivilegeFlags> AccessControl::effectivePermissions(const Identity &who) const
{
    QSet<QString> paths{QStringLiteral("/"),     QStringLiteral("/access"), QStringLiteral("/access/groups"),
                        QStringLiteral("/nodes"), QStringLiteral("/pool"),   QStringLiteral("/sdn"),
                        QStringLiteral("/storage"), QStringLiteral("/vms")};
    for (auto it = d->acl.cbegin(); it != d->acl.cend(); ++it)
        paths.insert(it.key());
    for (auto it = d->vmPool.cbegin(); it != d->vmPool.cend(); ++it)
        paths.insert(QStringLiteral("/vms/") + it.key());
    for (auto it = d->storagePools.cbegin(); it != d->storagePools.cend(); ++it)
        paths.insert(QStringLiteral("/storage/") + it.key());
    QMap<QString, PrivilegeFlags> out;
    for (const QString &path : std::as_const(paths)) {
        PrivilegeFlags flags = privilegeFlags(who, path);
        if (!flags.isEmpty())
            out.insert(path, std::move(flags));
    }
    return out;
}

QJsonObject AccessControl::capabilities(const Identity &who) const
{
    struct Section {
        QLatin1StringView name;
        QRegularExpression privileges;
    };
    static const Section sections[] = {
        {QLatin1StringView("vms"), QRegularExpression(QStringLiteral("^(VM\\.|Permissions\\.Modify)"))},
        {QLatin1StringView("access"), QRegularExpression(QStringLiteral("^((User|Group)\\.|Permissions\\.Modify)"))},
        {QLatin1StringView("storage"), QRegularExpression(QStringLiteral("^(Datastore\\.|Permissions\\.Modify)"))},
        {QLatin1StringView("nodes"), QRegularExpression(QStringLiteral("^(Sys\\.|Permissions\\.Modify)"))},
        {QLatin1StringView("sdn"), QRegularExpression(QStringLiteral("^(SDN\\.|Permissions\\.Modify)"))},
        {QLatin1StringView("dc"), QRegularExpression(QStringLiteral("^(Sys\\.Audit|Sys\\.Modify|SDN\\.)"))},
        {QLatin1StringView("mapping"), QRegularExpression(QStringLiteral("^(Mapping\\.|Permissions.Modify)"))},
    };
    QHash<QString, QJsonObject> result;
    for (const Section &s : sections)
        result.insert(QString(s.name), QJsonObject());

    QStringList paths{QStringLiteral("/"),        QStringLiteral("/nodes"), QStringLiteral("/access/groups"),
                      QStringLiteral("/vms"),     QStringLiteral("/storage"), QStringLiteral("/sdn"),
                      QStringLiteral("/mapping")};
    for (auto it = d->acl.cbegin(); it != d->acl.cend(); ++it) {
        if (!paths.contains(it.key()))
            paths.append(it.key());
    }
    static const QRegularExpression topLevel(QStringLiteral("^/(\\w+)"));
    for (const QString &path : std::as_const(paths)) {
        const PrivilegeFlags privs = privilegeFlags(who, path);
        const QRegularExpressionMatch m = topLevel.match(path);
        const QString top = m.hasMatch() ? m.captured(1) : QStringLiteral("dc");
        for (auto it = privs.cbegin(); it != privs.cend(); ++it) {
            const QString &p = it.key();
            if (top == QLatin1String("pool")) {
                if (p.startsWith(QLatin1String("VM.")))
                    result[QStringLiteral("vms")].insert(p, 1);
                else if (p.startsWith(QLatin1String("Datastore.")))
                    result[QStringLiteral("storage")].insert(p, 1);
                else if (p == QLatin1String("Permissions.Modify")) {
                    result[QStringLiteral("storage")].insert(p, 1);
                    result[QStringLiteral("vms")].insert(p, 1);
                }
                continue;
            }
            for (const Section &s : sections) {
                if (s.name == top && s.privileges.match(p).hasMatch())
                    result[top].insert(p, 1);
            }
        }
    }
    QJsonObject out;
    for (auto it = result.cbegin(); it != result.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

} // namespace atalaia::access
