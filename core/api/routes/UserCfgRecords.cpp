#include "UserCfgRecords.h"

#include "ConfigEdit.h"
#include "Tr.h"
#include "access/AccessControl.h"

#include <QByteArrayList>
#include <QSet>

namespace atalaia::api::usercfg {

namespace {

using config::UserConfigFile;

// user.cfg's text with line FIRST replaced by REPLACEMENT and the lines in
// DROP removed; line indices are those of config::LineBuffer (split at '\n').
QByteArray rewriteLines(const QByteArray &text, qsizetype first, const QByteArray &replacement,
                        const QList<qsizetype> &drop)
{
    QByteArrayList lines = text.split('\n');
    if (first >= 0 && first < lines.size()) {
        const bool crlf = lines[first].endsWith('\r');
        lines[first] = replacement + (crlf ? "\r" : "");
    }
    QList<qsizetype> sorted = drop;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    for (qsizetype line : std::as_const(sorted))
        if (line != first && line >= 0 && line < lines.size())
            lines.removeAt(line);
    return lines.join('\n');
}

template <typename Record>
QList<qsizetype> linesOf(const QList<Record> &records, const QString &id)
{
    QList<qsizetype> out;
    for (const Record &r : records)
        if (r.id() == id)
            out.append(r.line);
    std::sort(out.begin(), out.end());
    return out;
}

std::unexpected<Error> missing(const QString &what)
{
    return fail(Code::NotFound, what);
}

} // namespace

Result<void> setGroupComment(ConfigEdit &edit, const QString &groupid, const QString &comment)
{
    const UserConfigFile &file = edit.users();
    const QList<qsizetype> lines = linesOf(file.groups(), groupid);
    if (lines.isEmpty())
        return missing(Tr::tr("group '%1' does not exist").arg(groupid));
    // Members of every record of the group, in their order, without repeats.
    QByteArrayList members;
    for (const UserConfigFile::Group &g : file.groups()) {
        if (g.id() != groupid)
            continue;
        for (const QString &m : g.members.list())
            if (!members.contains(m.toUtf8()))
                members.append(m.toUtf8());
    }
    const QByteArray line = "group:" + groupid.toUtf8() + ':' + members.join(',') + ':'
        + UserConfigFile::encodeText(comment) + ':';
    edit.resetUsers(rewriteLines(file.toBytes(), lines.first(), line, lines));
    return {};
}

Result<void> setRolePrivileges(ConfigEdit &edit, const QString &roleid, const QStringList &privileges)
{
    const UserConfigFile &file = edit.users();
    const QList<qsizetype> lines = linesOf(file.roles(), roleid);
    if (lines.isEmpty())
        return missing(Tr::tr("role '%1' does not exist").arg(roleid));
    QStringList sorted = privileges;
    sorted.sort();
    sorted.removeDuplicates();
    const QByteArray line = "role:" + roleid.toUtf8() + ':' + sorted.join(QLatin1Char(',')).toUtf8() + ':';
    edit.resetUsers(rewriteLines(file.toBytes(), lines.first(), line, lines));
    return {};
}

Result<void> removeRole(ConfigEdit &edit, const QString &roleid)
{
    {
        const UserConfigFile &file = edit.users();
        const QList<qsizetype> lines = linesOf(file.roles(), roleid);
        if (lines.isEmpty())
            return missing(Tr::tr("role '%1' does not exist").arg(roleid));
        edit.resetUsers(rewriteLines(file.toBytes(), -1, {}, lines));
    }
    // Who holds the role where; then revoke it pair by pair (removeAcl splits
    // entries so that other members and roles keep theirs).
    QList<QPair<QString, QString>> grants;
    for (const UserConfigFile::Acl &a : edit.users().acls()) {
        if (!a.roles.list().contains(roleid))
            continue;
        const QString path = access::AccessControl::normalizePath(a.path.string()).value_or(a.path.string());
        for (const QString &ugid : a.ugids.list())
            if (!grants.contains(qMakePair(path, ugid)))
                grants.append({path, ugid});
    }
    for (const auto &[path, ugid] : std::as_const(grants)) {
        if (auto removed = edit.users().removeAcl(path, ugid, {roleid}); !removed && removed.error().code != Code::NotFound)
            return removed;
    }
    return {};
}

Result<void> setToken(ConfigEdit &edit, const QString &tokenid, qint64 expire, bool privsep, const QString &comment)
{
    const UserConfigFile &file = edit.users();
    const QList<qsizetype> lines = linesOf(file.tokens(), tokenid);
    if (lines.isEmpty())
        return missing(Tr::tr("no such token '%1'").arg(tokenid));
    const QByteArray line = "token:" + tokenid.toUtf8() + ':' + QByteArray::number(expire) + ':'
        + (privsep ? "1" : "0") + ':' + UserConfigFile::encodeText(comment) + ':';
    edit.resetUsers(rewriteLines(file.toBytes(), lines.first(), line, lines));
    return {};
}

} // namespace atalaia::api::usercfg
