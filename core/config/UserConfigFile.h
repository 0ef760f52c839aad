#pragma once

#include "ConfigFileBase.h"
#include "base/Error.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace atalaia::config {

class Reporter;

// Proxmox VE's access-control file, /etc/pve/user.cfg: one colon-separated
// record per line, each closed by a final ':'.
//
//     user:<userid>:<enable>:<expire>:<firstname>:<lastname>:<email>:<comment>:<keys>:
//     token:<userid>!<name>:<expire>:<privsep>:<comment>:
//     group:<groupid>:<userid>,...:<comment>:
//     pool:<poolid>:<comment>:<vmid>,...:<storage>,...:
//     role:<roleid>:<privilege>,...:
//     acl:<propagate>:<path>:<userid|@group|tokenid>,...:<role>,...:
//
// Like Proxmox, fields are trimmed, missing trailing fields read as empty, a
// missing final ':' is accepted, and list items may be separated by ',', ';'
// or whitespace. An ACL entry has one path: Proxmox skips an entry whose path
// field lists several (an error here). Empty flags (enable, propagate, privsep) read as 0, an empty
// expire as 0 (never). Free-text fields (names, comments) are percent-encoded
// in the file; Field::decoded() decodes them and edits encode them.
//
// Blank lines, '#' comments and records of unknown type are kept (the latter
// with a warning). References are checked within the file, independent of
// line order: root@pam always exists, and so do the built-in roles.
//
// Record fields are views into the file's text, valid until the next edit.
class UserConfigFile : public ConfigFileBase
{
public:
    // 16 bytes, not a QByteArrayView and a qsizetype: a 10k-user file holds
    // 100k of them, and their footprint is a good part of the parse time.
    struct Field {
        const char *data = nullptr;
        qint32 size = 0; // files are at most LineBuffer::kMaxFileSize bytes
        qint32 byte = 0; // offset of the text within its line (the line's end when missing)
        QByteArrayView text() const { return QByteArrayView(data, size); } // trimmed; empty when empty or missing
        bool isEmpty() const { return size == 0; }
        QString string() const { return QString::fromUtf8(text()); }
        QString decoded() const { return decodeText(text()); }
        QStringList list() const; // the items of a list field
    };
    struct User {
        qsizetype line = 0;
        Field userid, enable, expire, firstName, lastName, email, comment, keys;
        QString id() const { return userid.string(); }
        bool enabled() const { return enable.text() == "1"; }
        qint64 expiresAt() const { return expire.text().toLongLong(); } // 0: never
    };
    struct Token {
        qsizetype line = 0;
        Field tokenid, expire, privsep, comment;
        QString id() const { return tokenid.string(); }
        QString userid() const; // "user@realm" of "user@realm!name"
        QString name() const;   // "name" of "user@realm!name"
        bool privilegesSeparated() const { return privsep.text() == "1"; }
        qint64 expiresAt() const { return expire.text().toLongLong(); }
    };
    struct Group {
        qsizetype line = 0;
        Field groupid, members, comment;
        QString id() const { return groupid.string(); }
    };
    struct Pool {
        qsizetype line = 0;
        Field poolid, comment, vmids, storages;
        QString id() const { return poolid.string(); }
    };
    struct Role {
        qsizetype line = 0;
        Field roleid, privileges;
        QString id() const { return roleid.string(); }
    };
    struct Acl {
        qsizetype line = 0;
        Field propagate, path, ugids, roles;
        bool propagates() const { return propagate.text() == "1"; }
    };

    enum class UserField { Enable, Expire, FirstName, LastName, Email, Comment, Keys };
    struct UserSpec {
        QString userid;
        bool enable = true;
        qint64 expire = 0;
        QString firstName, lastName, email, comment, keys;
    };

    UserConfigFile() = default;
    static UserConfigFile parse(QByteArray bytes, QString fileName);

    const QList<User> &users() const { return m_users; }
    const QList<Token> &tokens() const { return m_tokens; }
    const QList<Group> &groups() const { return m_groups; }
    const QList<Pool> &pools() const { return m_pools; }
    const QList<Role> &roles() const { return m_roles; }
    const QList<Acl> &acls() const { return m_acls; }
    const User *findUser(QByteArrayView userid) const;
    const Token *findToken(QByteArrayView tokenid) const;
    const Group *findGroup(QByteArrayView groupid) const;
    const Pool *findPool(QByteArrayView poolid) const;
    const Role *findRole(QByteArrayView roleid) const;

    // Typed edits. Each checks its input like the Proxmox API does (syntax, and
    // that referenced users, groups, tokens and roles exist), changes only the
    // lines it must, then re-parses. A new record goes after the last record of
    // its kind, or before the first record of a kind Proxmox writes after it
    // (users and tokens, groups, pools, roles, acls); a new token goes right
    // after its user's line and tokens. A list an edit changes is written back
    // with ',' separators, as Proxmox writes it.
    Result<void> addUser(const UserSpec &spec);
    Result<void> setUserField(const QString &userid, UserField field, const QString &value);
    // Removes the user's line and its tokens' lines, and (as Proxmox's user
    // deletion does) drops the user and its tokens from group member lists and
    // ACL entries; an ACL entry left without members is removed.
    Result<void> removeUser(const QString &userid);
    Result<void> addGroup(const QString &groupid, const QStringList &members = {}, const QString &comment = {});
    Result<void> setGroupMembers(const QString &groupid, const QStringList &members);
    // Removes the group's line and drops '@group' from ACL entries.
    Result<void> removeGroup(const QString &groupid);
    Result<void> addRole(const QString &roleid, const QStringList &privileges);
    Result<void> addAcl(const QString &path, const QStringList &ugids, const QStringList &roles, bool propagate = true);
    // Revokes ROLES (all roles when empty) of UGID (as written in the file:
    // NAME@REALM, @GROUP or NAME@REALM!TOKEN) on PATH. An entry that also
    // covers other members or roles is split so that those keep theirs.
    Result<void> removeAcl(const QString &path, const QString &ugid, const QStringList &roles = {});
    Result<void> addToken(const QString &tokenid, qint64 expire = 0, bool privsep = true, const QString &comment = {});
    // Removes the token's line and drops the token from ACL entries.
    Result<void> removeToken(const QString &tokenid);

    // Proxmox's text codec (see ProxmoxText) as user.cfg uses it: decoding
    // turns %XX into bytes; encoding escapes control characters, ':' and
    // non-ASCII bytes (as PVE::Tools::encode_text), and a '%' only when it
    // would otherwise read as an escape.
    static QString decodeText(QByteArrayView encoded);
    static QByteArray encodeText(QStringView text);

    // Id checks. Each returns an empty string for a valid id, otherwise what is
    // wrong and what would be right; *OFFSET (if given) receives the byte offset
    // of the problem within ID.
    static QString userIdProblem(QByteArrayView id, qsizetype *offset = nullptr);
    static QString tokenIdProblem(QByteArrayView id, qsizetype *offset = nullptr);
    static QString nameProblem(QByteArrayView id, QLatin1StringView what, qsizetype *offset = nullptr);

    static bool isPrivilege(QByteArrayView name);
    static bool isBuiltinRole(QByteArrayView name);
    static QStringList privileges();   // Proxmox VE 8/9 privilege names, sorted
    static QStringList builtinRoles(); // sorted

private:
    using Replacements = QMap<qsizetype, QList<QByteArray>>; // line -> new lines (none: removed)

    UserConfigFile(QByteArray bytes, QString fileName);
    void reparse();
    void reserve();
    void parseLine(Reporter &report, qsizetype index, QByteArrayView line);
    void checkReferences(Reporter &report);
    bool userExists(QByteArrayView userid) const;
    Result<void> requireUser(QByteArrayView userid) const;
    // Syntax and existence of a group member, an ACL member and an ACL role.
    Result<void> checkMember(QByteArrayView userid) const;
    Result<void> checkUgid(QByteArrayView ugid) const;
    Result<void> checkRole(QByteArrayView roleid) const;
    qsizetype insertionLine(int rank) const;
    void insertRecord(qsizetype at, const QByteArray &text);
    void dropAclMembers(const QList<QByteArrayView> &ugids, Replacements &edits) const;
    void apply(const Replacements &edits);

    QList<User> m_users;
    QList<Token> m_tokens;
    QList<Group> m_groups;
    QList<Pool> m_pools;
    QList<Role> m_roles;
    QList<Acl> m_acls;
    // id -> index into the list above (the first record with that id)
    QHash<QByteArrayView, qsizetype> m_userIndex, m_tokenIndex, m_groupIndex, m_poolIndex, m_roleIndex;
};

} // namespace atalaia::config
