#include "PermissionCheck.h"

#include "AccessControl.h"
#include "Privileges.h"
#include "Tr.h"
#include "config/UserConfigFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace atalaia::access {

namespace {

QString paramText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("1") : QString();
    case QJsonValue::Double: {
        const double v = value.toDouble();
        const auto whole = static_cast<qint64>(v);
        return static_cast<double>(whole) == v ? QString::number(whole) : QString::number(v);
    }
    default: return {};
    }
}

bool isDefined(const QJsonObject &params, const QString &name)
{
    const QJsonValue v = params.value(name);
    return !v.isUndefined() && !v.isNull();
}

// Proxmox's split_list: items separated by ',', ';' or whitespace; a JSON
// array is taken item by item.
QStringList splitList(const QJsonValue &value)
{
    QStringList out;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            out += splitList(item);
        return out;
    }
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return paramText(value).split(separators, Qt::SkipEmptyParts);
}

Error denied(const QString &what = {})
{
    return Error{Code::AccessDenied,
                 what.isEmpty() ? Tr::tr("Permission check failed") : Tr::tr("Permission check failed (%1)").arg(what)};
}

Error malformed(const QJsonValue &check, const QString &why)
{
    const QByteArray shown = QJsonDocument(QJsonArray{check}).toJson(QJsonDocument::Compact);
    return Error{Code::Internal, Tr::tr("malformed permission check %1: %2")
                                     .arg(QString::fromUtf8(shown.sliced(1, shown.size() - 2)), why)};
}

// Mirrors exec_api2_perm_check: the result is true (passed), false (failed,
// only when NOERR) or an error (Proxmox's raised exception, which also ends
// an enclosing "or").
class Evaluator
{
public:
    Evaluator(const AccessControl &acl, const Identity &who, const QJsonObject &params)
        : m_acl(acl), m_who(who), m_params(params)
    {
    }

    Result<bool> run(const QJsonValue &check, bool noerr)
    {
        const QJsonArray a = check.toArray();
        const QString test = a.isEmpty() ? QString() : a.first().toString();
        if (test.isEmpty())
            return std::unexpected(malformed(check, Tr::tr("no test given")));
        if (test == QLatin1String("and"))
            return all(a);
        if (test == QLatin1String("or"))
            return any(a, noerr);
        if (test == QLatin1String("perm"))
            return perm(a, noerr);
        if (test == QLatin1String("userid-group"))
            return useridGroup(a, noerr);
        if (test == QLatin1String("userid-param"))
            return useridParam(a, noerr);
        if (test == QLatin1String("perm-modify"))
            return permModify(a, noerr);
        return std::unexpected(malformed(check, Tr::tr("unknown test '%1'").arg(test)));
    }

private:
    // Each part is checked as if alone: its failure is the result, even
    // inside an "or" (Proxmox runs them without noerr).
    Result<bool> all(const QJsonArray &a)
    {
        for (qsizetype i = 1; i < a.size(); ++i) {
            const Result<bool> r = run(a[i], false);
            if (!r)
                return r;
            if (!*r) // Proxmox ignores such a quiet failure (perm-modify on a bad path): refuse instead
                return std::unexpected(denied());
        }
        return true;
    }

    Result<bool> any(const QJsonArray &a, bool noerr)
    {
        for (qsizetype i = 1; i < a.size(); ++i) {
            const Result<bool> r = run(a[i], true);
            if (!r || *r)
                return r;
        }
        if (noerr)
            return false;
        return std::unexpected(denied());
    }

    Result<QStringList> privileges(const QJsonValue &check, const QJsonValue &list)
    {
        if (!list.isArray() || list.toArray().isEmpty())
            return std::unexpected(malformed(check, Tr::tr("expected a list of privileges")));
        QStringList out;
        for (const QJsonValue &v : list.toArray()) {
            const QString name = v.toString();
            if (!Privileges::isPrivilege(name))
                return std::unexpected(malformed(check, Tr::tr("invalid privilege '%1'").arg(name)));
            out.append(name);
        }
        return out;
    }

    // "key", value pairs after the fixed arguments.
    static QJsonObject options(const QJsonArray &a, qsizetype from)
    {
        QJsonObject out;
        for (qsizetype i = from; i + 1 < a.size(); i += 2)
            out.insert(a[i].toString().replace(QLatin1Char('-'), QLatin1Char('_')), a[i + 1]);
        return out;
    }

    static bool truthy(const QJsonValue &v)
    {
        const QString text = paramText(v);
        return !text.isEmpty() && text != QLatin1String("0");
    }

    // Proxmox's check_full with noerr handling.
    Result<bool> require(const QString &path, const QStringList &privs, bool anyOf, bool noerr)
    {
        if (auto r = m_acl.checkPrivileges(m_who, path, privs, anyOf); !r)
            return noerr ? Result<bool>(false) : Result<bool>(std::unexpected(r.error()));
        return true;
    }

    Result<bool> quietly(bool noerr, const QString &what = {})
    {
        if (noerr)
            return false;
        return std::unexpected(denied(what));
    }

    Result<bool> perm(const QJsonArray &a, bool noerr)
    {
        if (a.size() < 3 || !a[1].isString())
            return std::unexpected(malformed(a, Tr::tr("'perm' needs a path and privileges")));
        const auto privs = privileges(a, a[2]);
        if (!privs)
            return std::unexpected(privs.error());
        const QJsonObject opts = options(a, 3);
        const QString required = opts.value(QStringLiteral("require_param")).toString();
        if (!required.isEmpty() && !isDefined(m_params, required))
            return quietly(noerr);
        const QString path = PermissionCheck::substitute(a[1].toString(), m_params);
        const auto normal = AccessControl::normalizePath(path);
        const bool anyOf = truthy(opts.value(QStringLiteral("any")));
        if (!normal)
            return quietly(noerr, QStringLiteral("%1, %2").arg(path, anyOf ? privs->join(QLatin1Char('|')) : privs->first()));
        return require(*normal, *privs, anyOf, noerr);
    }

    // Proxmox's check_user_exist: the userid parameter valid and defined.
    Result<bool> userExists(const QString &userid, bool noerr)
    {
        if (const QString problem = config::UserConfigFile::userIdProblem(userid.toUtf8()); !problem.isEmpty()) {
            if (noerr)
                return false;
            return std::unexpected(Error{Code::AccessDenied,
                                         Tr::tr("value '%1' does not look like a valid user name").arg(userid)});
        }
        if (m_acl.userExists(userid))
            return true;
        if (noerr)
            return false;
        return std::unexpected(Error{Code::AccessDenied, Tr::tr("no such user ('%1')").arg(userid)});
    }

    Result<bool> useridGroup(const QJsonArray &a, bool noerr)
    {
        if (a.size() < 2)
            return std::unexpected(malformed(a, Tr::tr("'userid-group' needs privileges")));
        const auto privs = privileges(a, a[1]);
        if (!privs)
            return std::unexpected(privs.error());
        const QString groupsParam = options(a, 2).value(QStringLiteral("groups_param")).toString();
        const bool existingUser = groupsParam != QLatin1String("create");
        const QString userid = paramText(m_params.value(QStringLiteral("userid")));
        if (existingUser) {
            const Result<bool> exists = userExists(userid, noerr);
            if (!exists || !*exists)
                return exists;
        }
        if (m_acl.hasPrivileges(m_who, QStringLiteral("/access/groups"), *privs, true))
            return true; // on all groups, hence all users
        const QString wanted = privs->join(QLatin1Char('|'));
        QSet<QString> allowed;
        for (const QString &g : m_acl.groupIds()) {
            if (m_acl.hasPrivileges(m_who, QStringLiteral("/access/groups/") + g, *privs, true))
                allowed.insert(g);
        }
        if (!groupsParam.isEmpty()) {
            // Raised whatever noerr says, as Proxmox does.
            const QStringList groups = splitList(m_params.value(QStringLiteral("groups")));
            if (groups.isEmpty())
                return std::unexpected(denied(QStringLiteral("/access/groups, ") + wanted));
            for (const QString &g : groups) {
                if (!allowed.contains(g))
                    return std::unexpected(denied(QStringLiteral("/access/groups/%1, %2").arg(g, wanted)));
            }
        }
        if (existingUser) {
            bool member = false;
            for (const QString &g : std::as_const(allowed))
                member = member || m_acl.isGroupMember(g, userid);
            if (!member)
                return quietly(noerr);
        }
        return true;
    }

    Result<bool> useridParam(const QJsonArray &a, bool noerr)
    {
        const QString subtest = a.size() > 1 ? a[1].toString() : QString();
        if (subtest.isEmpty())
            return std::unexpected(malformed(a, Tr::tr("'userid-param' needs a test")));
        const QString userid = paramText(m_params.value(QStringLiteral("userid")));
        // An invalid userid is an error even inside an "or" (Proxmox calls
        // verify_username without noerr).
        if (const QString problem = config::UserConfigFile::userIdProblem(userid.toUtf8()); !problem.isEmpty())
            return std::unexpected(Error{Code::AccessDenied,
                                         Tr::tr("value '%1' does not look like a valid user name").arg(userid)});
        if (subtest == QLatin1String("self")) {
            const Result<bool> exists = userExists(userid, noerr);
            if (!exists || !*exists)
                return exists;
            if (m_who.authId() == userid)
                return true;
            return quietly(noerr);
        }
        if (subtest == QLatin1String("Realm.AllocateUser")) {
            const QString realm = userid.sliced(userid.lastIndexOf(QLatin1Char('@')) + 1);
            return require(QStringLiteral("/access/realm/") + realm, {QStringLiteral("Realm.AllocateUser")}, false,
                           noerr);
        }
        return std::unexpected(malformed(a, Tr::tr("unknown userid-param test '%1'").arg(subtest)));
    }

    Result<bool> permModify(const QJsonArray &a, bool noerr)
    {
        if (a.size() < 2 || !a[1].isString())
            return std::unexpected(malformed(a, Tr::tr("'perm-modify' needs a path")));
        const QString path = PermissionCheck::substitute(a[1].toString(), m_params);
        const auto normal = AccessControl::normalizePath(path);
        if (!normal)
            return quietly(noerr, QStringLiteral("%1, Permissions.Modify").arg(path));
        // Proxmox's check_perm_modify.
        QStringList privs{QStringLiteral("Permissions.Modify")};
        static const QRegularExpression storage(QStringLiteral("^/storage/.+$"));
        static const QRegularExpression vms(QStringLiteral("^/vms/.+$"));
        static const QRegularExpression pool(QStringLiteral("^/pool/.+$"));
        if (storage.match(*normal).hasMatch())
            privs.append(QStringLiteral("Datastore.Allocate"));
        else if (vms.match(*normal).hasMatch())
            privs.append(QStringLiteral("VM.Allocate"));
        else if (pool.match(*normal).hasMatch())
            privs.append(QStringLiteral("Pool.Allocate"));
        return require(*normal, privs, true, noerr);
    }

    const AccessControl &m_acl;
    const Identity &m_who;
    const QJsonObject &m_params;
};

} // namespace

PermissionCheck::Kind PermissionCheck::kind(const QJsonObject &permissions)
{
    const QString user = permissions.value(QStringLiteral("user")).toString();
    if (user == QLatin1String("world"))
        return Kind::World;
    if (user == QLatin1String("all"))
        return Kind::AnyUser;
    if (permissions.value(QStringLiteral("check")).isArray())
        return Kind::Check;
    return Kind::RootOnly;
}

Result<void> PermissionCheck::evaluate(const QJsonValue &check, const AccessControl &acl, const Identity &who,
                                       const QJsonObject &params)
{
    if (who.isEmpty())
        return std::unexpected(denied(QStringLiteral("user != null")));
    const Result<bool> r = Evaluator(acl, who, params).run(check, false);
    if (!r)
        return std::unexpected(r.error());
    if (!*r)
        return std::unexpected(denied());
    return {};
}

Result<void> PermissionCheck::authorize(const QJsonObject &permissions, const AccessControl &acl, const Identity *who,
                                        const QJsonObject &params)
{
    const Kind k = kind(permissions);
    if (k == Kind::World)
        return {};
    if (!who || who->isEmpty())
        return std::unexpected(denied(QStringLiteral("user != null")));
    if (who->isRoot())
        return {};
    switch (k) {
    case Kind::RootOnly: return std::unexpected(denied(QStringLiteral("user != root@pam")));
    case Kind::AnyUser: return {};
    case Kind::Check: return evaluate(permissions.value(QStringLiteral("check")), acl, *who, params);
    case Kind::World: break;
    }
    return {};
}

QString PermissionCheck::substitute(QStringView pathTemplate, const QJsonObject &params)
{
    QString out;
    qsizetype i = 0;
    while (i < pathTemplate.size()) {
        const qsizetype open = pathTemplate.indexOf(QLatin1Char('{'), i);
        const qsizetype close = open < 0 ? -1 : pathTemplate.indexOf(QLatin1Char('}'), open + 1);
        if (open < 0 || close < 0 || close == open + 1) {
            out.append(pathTemplate.sliced(i));
            break;
        }
        out.append(pathTemplate.sliced(i, open - i));
        const QString value = paramText(params.value(pathTemplate.sliced(open + 1, close - open - 1).toString()));
        out.append(value.isEmpty() || value == QLatin1String("0") ? QStringLiteral("-") : value);
        i = close + 1;
    }
    return out;
}

} // namespace atalaia::access
