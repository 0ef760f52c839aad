#include "UserConfigFile.h"

#include "ProxmoxText.h"
#include "Reporter.h"
#include "TextScan.h"

#include <QSet>
#include <QStringDecoder>
#include <QVarLengthArray>

#include <algorithm>

namespace atalaia::config {

using namespace scan;

namespace {

using Field = UserConfigFile::Field;
using Fields = QVarLengthArray<Field, 12>;
using Views = QList<QByteArrayView>;

enum class Kind { User, Token, Group, Pool, Role, Acl };

// Per record type: the fields after the type word, the rank in the order
// Proxmox writes the file (new records are placed by it), and the line's shape.
struct KindInfo {
    Kind kind;
    QByteArrayView word;
    int fieldCount;
    int rank;
    const char *shape;
};

const KindInfo kKinds[] = {
    {Kind::User, "user", 8, 0, "user:NAME@REALM:ENABLE:EXPIRE:FIRSTNAME:LASTNAME:EMAIL:COMMENT:KEYS:"},
    {Kind::Token, "token", 4, 0, "token:NAME@REALM!TOKEN:EXPIRE:PRIVSEP:COMMENT:"},
    {Kind::Group, "group", 3, 1, "group:GROUP:NAME@REALM,...:COMMENT:"},
    {Kind::Pool, "pool", 4, 2, "pool:POOL:COMMENT:VMID,...:STORAGE,...:"},
    {Kind::Role, "role", 2, 3, "role:ROLE:PRIVILEGE,...:"},
    {Kind::Acl, "acl", 4, 4, "acl:PROPAGATE:PATH:NAME@REALM|@GROUP|NAME@REALM!TOKEN,...:ROLE,...:"},
};

// Proxmox VE 9's privileges, plus VM.Monitor (Proxmox VE 8 only; see kRemovedPrivilege).
const char *const kPrivileges[] = {
    "Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
    "Group.Allocate",
    "Mapping.Audit", "Mapping.Modify", "Mapping.Use",
    "Permissions.Modify",
    "Pool.Allocate", "Pool.Audit",
    "Realm.Allocate", "Realm.AllocateUser",
    "SDN.Allocate", "SDN.Audit", "SDN.Use",
    "Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify", "Sys.PowerMgmt", "Sys.Syslog",
    "User.Modify",
    "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone", "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit",
    "VM.Config.Disk", "VM.Config.HWType", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options",
    "VM.Console", "VM.GuestAgent.Audit", "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt",
    "VM.GuestAgent.FileWrite", "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.Monitor", "VM.PowerMgmt",
    "VM.Replicate", "VM.Snapshot", "VM.Snapshot.Rollback",
};
constexpr QByteArrayView kRemovedPrivilege = "VM.Monitor";

const char *const kBuiltinRoles[] = {
    "Administrator", "NoAccess", "PVEAdmin", "PVEAuditor", "PVEDatastoreAdmin", "PVEDatastoreUser",
    "PVEMappingAdmin", "PVEMappingUser", "PVEPoolAdmin", "PVEPoolUser", "PVESDNAdmin", "PVESDNUser",
    "PVESysAdmin", "PVETemplateUser", "PVEUserAdmin", "PVEVMAdmin", "PVEVMUser",
};

// Top-level components of Proxmox's permission paths (PVE::AccessControl::check_path).
const char *const kAclRoots[] = {"access", "mapping", "nodes", "pool", "sdn", "storage", "vms"};

constexpr QByteArrayView kRootUser = "root@pam";
constexpr qsizetype kMaxUserIdLength = 64;
constexpr qsizetype kMaxRealmLength = 32;

template <qsizetype N>
QSet<QByteArrayView> setOf(const char *const (&names)[N])
{
    QSet<QByteArrayView> set;
    for (const char *name : names)
        set.insert(QByteArrayView(name));
    return set;
}

template <qsizetype N>
QStringList listOf(const char *const (&names)[N])
{
    QStringList out;
    for (const char *name : names)
        out.append(QLatin1String(name));
    return out;
}

QString str(QByteArrayView bytes) { return QString::fromUtf8(bytes); }
QString lat(const char *text) { return QLatin1String(text); }

// The whole (UTF-8) character starting at byte I of S, for messages.
QString characterAt(QByteArrayView s, qsizetype i)
{
    return str(s.sliced(i, characterEnd(s, i) - i));
}

bool isNameChar(char c) { return isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'; }
bool isListSeparator(char c) { return c == ',' || c == ';' || isSpace(c); }

qsizetype characterCount(QByteArrayView s)
{
    return std::count_if(s.begin(), s.end(), [](char c) { return !isUtf8Continuation(c); });
}

// Calls FN(item, offset) for each item of a Proxmox list (PVE::Tools::split_list).
template <typename Fn>
void forEachItem(QByteArrayView s, Fn fn)
{
    qsizetype i = 0;
    while (i < s.size()) {
        while (i < s.size() && isListSeparator(s[i]))
            ++i;
        const qsizetype begin = i;
        while (i < s.size() && !isListSeparator(s[i]))
            ++i;
        if (i > begin)
            fn(s.sliced(begin, i - begin), begin);
    }
}

Views items(QByteArrayView s)
{
    Views out;
    forEachItem(s, [&](QByteArrayView item, qsizetype) { out.append(item); });
    return out;
}

QByteArray joinItems(const Views &views)
{
    QByteArray out;
    for (QByteArrayView v : views) {
        if (!out.isEmpty())
            out.append(',');
        out.append(v);
    }
    return out;
}

QByteArray joinItems(const QStringList &list)
{
    return list.join(QLatin1Char(',')).toUtf8();
}

// Records have at most 9 fields; on a longer line, the last field keeps the rest
// (so that a line of a million ':' does not become a million fields).
constexpr qsizetype kMaxFields = 32;

// Splits a record at ':' into trimmed fields (field 0 is the type word). The
// final ':' closes the record; it does not start another field.
Fields splitRecord(QByteArrayView line)
{
    Fields out;
    const char *s = line.data();
    const qsizetype end = trimmedEnd(line);
    qsizetype i = 0;
    while (i < end) {
        while (i < end && isSpace(s[i]))
            ++i;
        const qsizetype textBegin = i;
        qsizetype textEnd = i;
        const bool last = out.size() == kMaxFields - 1;
        for (; i < end && (last || s[i] != ':'); ++i)
            if (!isSpace(s[i]))
                textEnd = i + 1;
        out.append(Field{s + textBegin, qint32(textEnd - textBegin), qint32(textBegin)});
        if (i == end)
            break; // no closing ':'
        ++i;
    }
    return out;
}

Field fieldAt(const Fields &fields, qsizetype index, qsizetype lineEnd)
{
    return index < fields.size() ? fields[index] : Field{nullptr, 0, qint32(lineEnd)};
}

// LINE with field INDEX (0: the type word) set to VALUE, adding empty fields
// when the record is shorter; everything else stays as written.
QByteArray replaceField(QByteArrayView line, qsizetype index, QByteArrayView value)
{
    const Fields fields = splitRecord(line);
    if (index < fields.size()) {
        const Field &f = fields[index];
        return line.first(f.byte).toByteArray().append(value).append(line.sliced(f.byte + f.text().size()));
    }
    const qsizetype end = trimmedEnd(line);
    QByteArray out = line.first(end).toByteArray();
    if (!out.endsWith(':'))
        out.append(':');
    for (qsizetype i = fields.size(); i < index; ++i)
        out.append(':');
    return out.append(value).append(':').append(line.sliced(end));
}

QByteArrayView tokenUser(QByteArrayView tokenid)
{
    const qsizetype bang = tokenid.lastIndexOf('!');
    return bang < 0 ? QByteArrayView() : tokenid.first(bang);
}

QByteArray normalizePath(QByteArrayView path)
{
    QByteArray out;
    for (char c : path)
        if (c != '/' || !out.endsWith('/'))
            out.append(c);
    if (out.size() > 1 && out.endsWith('/'))
        out.chop(1);
    return out;
}

QString pathProblem(QByteArrayView path)
{
    if (path.contains(','))
        return QStringLiteral("an ACL entry has one path, not a list ('%1'): Proxmox skips the whole entry; write one "
                              "'acl:' line per path").arg(str(path));
    if (path.isEmpty() || path[0] != '/')
        return QStringLiteral("ACL path '%1' must start with '/': write '/%1'").arg(str(path));
    for (qsizetype i = 0; i < path.size(); ++i)
        if (path[i] != '/' && !isNameChar(path[i]))
            return QStringLiteral("ACL path '%1' contains '%2': paths use only letters, digits, '.', '-', '_' and '/'")
                .arg(str(path), characterAt(path, i));
    return {};
}

bool isKnownAclRoot(QByteArrayView path)
{
    qsizetype begin = 0;
    while (begin < path.size() && path[begin] == '/')
        ++begin;
    qsizetype end = begin;
    while (end < path.size() && path[end] != '/')
        ++end;
    static const QSet<QByteArrayView> roots = setOf(kAclRoots);
    return begin == path.size() || roots.contains(path.sliced(begin, end - begin));
}

int editDistance(QByteArrayView a, QByteArrayView b)
{
    QVarLengthArray<int, 64> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The closest name in NAMES (same letters ignoring case, or at most two edits away).
template <qsizetype N>
QString suggestion(QByteArrayView name, const char *const (&names)[N])
{
    if (name.size() > 64)
        return {};
    for (const char *candidate : names)
        if (QByteArrayView(candidate).compare(name, Qt::CaseInsensitive) == 0)
            return lat(candidate);
    for (const char *candidate : names)
        if (editDistance(name, QByteArrayView(candidate)) <= 2)
            return lat(candidate);
    return {};
}

QString privilegeProblem(QByteArrayView name)
{
    const QString head = QStringLiteral("unknown privilege '%1'").arg(str(name));
    if (const QString close = suggestion(name, kPrivileges); !close.isEmpty())
        return QStringLiteral("%1: did you mean '%2'?").arg(head, close);
    const qsizetype dot = name.indexOf('.');
    QStringList sameCategory;
    for (const char *candidate : kPrivileges) {
        const QByteArrayView c(candidate);
        const bool sameCategoryName = dot > 0 && c.size() > dot && c[dot] == '.'
            && c.first(dot).compare(name.first(dot), Qt::CaseInsensitive) == 0;
        if (sameCategoryName && c != kRemovedPrivilege)
            sameCategory.append(lat(candidate));
    }
    if (!sameCategory.isEmpty())
        return QStringLiteral("%1: the %2 privileges are %3")
            .arg(head, sameCategory.first().section(QLatin1Char('.'), 0, 0), sameCategory.join(QStringLiteral(", ")));
    return QStringLiteral("%1: privileges are named Datastore.*, Group.Allocate, Mapping.*, Permissions.Modify, "
                          "Pool.*, Realm.*, SDN.*, Sys.*, User.Modify or VM.* (see 'pveum role list')").arg(head);
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

bool hasLineBreakOrColon(const QString &value)
{
    return std::any_of(value.begin(), value.end(), [](QChar c) { return c == u':' || c.unicode() < 0x20; });
}

std::unexpected<Error> notFound(const char *what, const QString &id, const QString &fileName)
{
    return fail(Code::NotFound, QStringLiteral("no %1 '%2' in %3").arg(lat(what), id, fileName));
}

std::unexpected<Error> alreadyExists(const char *what, const QString &id, qsizetype line)
{
    return fail(Code::AlreadyExists, QStringLiteral("%1 '%2' already exists (line %3)")
                                         .arg(lat(what), id, QString::number(line + 1)));
}

Result<void> checkRaw(const QString &value, const char *what)
{
    if (hasLineBreakOrColon(value))
        return fail(Code::InvalidArgument, QStringLiteral("the %1 must not contain ':' or control characters such as "
                                                          "line breaks (user.cfg is colon-separated)").arg(lat(what)));
    return {};
}

} // namespace

// ---- values ------------------------------------------------------------------

QStringList UserConfigFile::Field::list() const
{
    QStringList out;
    forEachItem(text(), [&](QByteArrayView item, qsizetype) { out.append(str(item)); });
    return out;
}

QString UserConfigFile::Token::userid() const
{
    return str(tokenUser(tokenid.text()));
}

QString UserConfigFile::Token::name() const
{
    const qsizetype bang = tokenid.text().lastIndexOf('!');
    return bang < 0 ? QString() : str(tokenid.text().sliced(bang + 1));
}

QString UserConfigFile::decodeText(QByteArrayView encoded)
{
    if (!encoded.contains('%'))
        return str(encoded);
    return str(ProxmoxText::decode(encoded));
}

QByteArray UserConfigFile::encodeText(QStringView text)
{
    // A lone '%' ("100% done") stays as written, as Proxmox writes it; only
    // one that would read as an escape is escaped itself.
    return ProxmoxText::encode(text, ProxmoxText::Percent::BeforeHexPair);
}

// ---- ids -------------------------------------------------------------------

namespace {

// Proxmox's realm syntax, also used for token names: a letter, then at least
// one letter, digit, '.', '-' or '_'. Returns the offset of the first bad byte, or -1.
qsizetype badRealmByte(QByteArrayView s)
{
    if (s.isEmpty() || !isLetter(s[0]))
        return 0;
    for (qsizetype i = 1; i < s.size(); ++i)
        if (!isNameChar(s[i]))
            return i;
    return s.size() < 2 ? s.size() : -1;
}

QString setOffset(qsizetype *offset, qsizetype value, QString message)
{
    if (offset)
        *offset = value;
    return message;
}

} // namespace

QString UserConfigFile::userIdProblem(QByteArrayView id, qsizetype *offset)
{
    const auto shown = [id] { return str(id); }; // only on the error paths: this runs for every reference
    const qsizetype at = id.lastIndexOf('@');
    if (at < 0)
        return setOffset(offset, 0, QStringLiteral("user id '%1' lacks a realm: write 'NAME@REALM', e.g. '%1@pve' or "
                                                   "'%1@pam'").arg(shown()));
    const QByteArrayView name = id.first(at);
    const QByteArrayView realm = id.sliced(at + 1);
    if (name.isEmpty())
        return setOffset(offset, 0, QStringLiteral("user id '%1' has no name before the '@': write 'NAME@REALM'")
                                        .arg(shown()));
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == ':' || name[i] == '/' || isSpace(name[i]) || name[i] == '\n')
            return setOffset(offset, i, QStringLiteral("user id '%1' contains '%2': user names cannot contain ':', "
                                                       "'/' or whitespace").arg(shown(), str(name.sliced(i, 1))));
        // A NUL would make user.cfg a file its parser refuses (and with it
        // every login); other control characters end up in logs and terminals.
        if (static_cast<unsigned char>(name[i]) < 0x20 || name[i] == '\x7f')
            return setOffset(offset, i, QStringLiteral("user id '%1' contains the control character 0x%2: user names "
                                                       "cannot contain control characters")
                                            .arg(shown(), QString::number(static_cast<unsigned char>(name[i]), 16)
                                                              .rightJustified(2, u'0')));
    }
    if (const qsizetype bad = badRealmByte(realm); bad >= 0)
        return setOffset(offset, at + 1 + bad,
                         QStringLiteral("user id '%1' has an invalid realm '%2': a realm is a letter followed by at "
                                        "least one letter, digit, '.', '-' or '_' (e.g. 'pve', 'pam')")
                             .arg(shown(), str(realm)));
    if (realm.size() > kMaxRealmLength)
        return setOffset(offset, at + 1, QStringLiteral("the realm of user id '%1' is %2 characters long: at most %3 "
                                                        "are allowed")
                                             .arg(shown(), QString::number(realm.size()),
                                                  QString::number(kMaxRealmLength)));
    const qsizetype length = id.size() > kMaxUserIdLength ? characterCount(id) : id.size();
    if (length > kMaxUserIdLength)
        return setOffset(offset, 0, QStringLiteral("user id '%1' is %2 characters long: at most %3 are allowed")
                                        .arg(shown(), QString::number(length), QString::number(kMaxUserIdLength)));
    return {};
}

QString UserConfigFile::tokenIdProblem(QByteArrayView id, qsizetype *offset)
{
    const qsizetype bang = id.lastIndexOf('!');
    if (bang < 0)
        return setOffset(offset, id.size(), QStringLiteral("API token id '%1' lacks a token name: write "
                                                           "'NAME@REALM!TOKEN'").arg(str(id)));
    if (QString problem = userIdProblem(id.first(bang), offset); !problem.isEmpty())
        return QStringLiteral("in API token id '%1': %2").arg(str(id), problem);
    const QByteArrayView name = id.sliced(bang + 1);
    if (name.isEmpty())
        return setOffset(offset, bang + 1, QStringLiteral("API token id '%1' has no token name after the '!': write "
                                                          "'NAME@REALM!TOKEN'").arg(str(id)));
    if (const qsizetype bad = badRealmByte(name); bad >= 0)
        return setOffset(offset, bang + 1 + bad,
                         QStringLiteral("API token id '%1' has an invalid token name '%2': it must be a letter "
                                        "followed by at least one letter, digit, '.', '-' or '_'").arg(str(id), str(name)));
    return {};
}

QString UserConfigFile::nameProblem(QByteArrayView id, QLatin1StringView what, qsizetype *offset)
{
    if (id.isEmpty())
        return setOffset(offset, 0, QStringLiteral("the %1 is empty").arg(what));
    for (qsizetype i = 0; i < id.size(); ++i)
        if (!isNameChar(id[i]))
            return setOffset(offset, i, QStringLiteral("%1 '%2' contains '%3': use only letters, digits, '.', '-' and '_'")
                                            .arg(what, str(id), characterAt(id, i)));
    return {};
}

bool UserConfigFile::isPrivilege(QByteArrayView name)
{
    static const QSet<QByteArrayView> set = setOf(kPrivileges);
    return set.contains(name);
}

bool UserConfigFile::isBuiltinRole(QByteArrayView name)
{
    static const QSet<QByteArrayView> set = setOf(kBuiltinRoles);
    return set.contains(name);
}

QStringList UserConfigFile::privileges()
{
    return listOf(kPrivileges);
}

QStringList UserConfigFile::builtinRoles()
{
    return listOf(kBuiltinRoles);
}

// ---- parsing -----------------------------------------------------------------

UserConfigFile::UserConfigFile(QByteArray bytes, QString fileName)
    : ConfigFileBase(std::move(bytes), std::move(fileName))
{
    reparse();
}

UserConfigFile UserConfigFile::parse(QByteArray bytes, QString fileName)
{
    return UserConfigFile(std::move(bytes), std::move(fileName));
}

void UserConfigFile::reparse()
{
    m_users.clear();
    m_tokens.clear();
    m_groups.clear();
    m_pools.clear();
    m_roles.clear();
    m_acls.clear();
    for (auto *index : {&m_userIndex, &m_tokenIndex, &m_groupIndex, &m_poolIndex, &m_roleIndex})
        index->clear();
    if (!startParse())
        return;
    reserve();
    Reporter report = reporter();
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        if (!isBlank(line) && !isComment(line))
            parseLine(report, i, line);
    }
    checkReferences(report);
    sortDiagnostics();
}

// Sizes the lists and indexes from a count of the records' first letters:
// re-growing them would otherwise dominate the parse of a large file.
void UserConfigFile::reserve()
{
    qsizetype users = 0, tokens = 0, groups = 0, pools = 0, roles = 0, acls = 0;
    for (qsizetype i = 0; i < m_lines.lineCount(); ++i) {
        const QByteArrayView line = m_lines.line(i);
        switch (const qsizetype at = skipSpace(line, 0); at < line.size() ? line[at] : '\0') {
        case 'u': ++users; break;
        case 't': ++tokens; break;
        case 'g': ++groups; break;
        case 'p': ++pools; break;
        case 'r': ++roles; break;
        case 'a': ++acls; break;
        default: break;
        }
    }
    m_users.reserve(users);
    m_userIndex.reserve(users);
    m_tokens.reserve(tokens);
    m_tokenIndex.reserve(tokens);
    m_groups.reserve(groups);
    m_groupIndex.reserve(groups);
    m_pools.reserve(pools);
    m_poolIndex.reserve(pools);
    m_roles.reserve(roles);
    m_roleIndex.reserve(roles);
    m_acls.reserve(acls);
}

namespace {

constexpr int kMaxProblemsPerLine = 20;

// Reports the problems of one line, with the field checks several record types
// share. It stops after kMaxProblemsPerLine: each report scans the line up to
// its column, so a huge line full of bad items would otherwise take quadratic time.
class LineReport
{
public:
    LineReport(Reporter &report, qsizetype line) : m_report(report), m_line(line) {}

    void error(qsizetype byte, const QString &message) { add(Diagnostic::Severity::Error, byte, message); }
    void warning(qsizetype byte, const QString &message) { add(Diagnostic::Severity::Warning, byte, message); }
    bool full() const { return m_count > kMaxProblemsPerLine; } // further problems would not be shown

    // VALIDATE is one of UserConfigFile's id checks: (id, &offset) -> problem.
    template <typename Validate>
    void id(const Field &f, Validate validate)
    {
        qsizetype offset = 0;
        if (const QString problem = validate(f.text(), &offset); !problem.isEmpty())
            error(f.byte + offset, problem);
    }
    void flag(const Field &f, const char *name, const char *meaning)
    {
        if (f.text().isEmpty() || f.text() == "0" || f.text() == "1")
            return;
        error(f.byte, QStringLiteral("%1 must be 0 or 1 (%2), not '%3'").arg(lat(name), lat(meaning), f.string()));
    }
    void expire(const Field &f)
    {
        if (f.text().isEmpty() || (isAllDigits(f.text()) && f.text().size() <= 18))
            return;
        error(f.byte, QStringLiteral("expire must be a non-negative integer (seconds since 1970-01-01 UTC, 0 = never), "
                                     "not '%1'").arg(f.string()));
    }
    void text(const Field &f, const char *name)
    {
        if (ProxmoxText::escapesNonAscii(f.text()) && !isValidUtf8(ProxmoxText::decode(f.text())))
            warning(f.byte, QStringLiteral("the %1 decodes to invalid UTF-8: percent-escapes must encode UTF-8 bytes "
                                           "(e.g. %C3%A9 for \u00e9)").arg(lat(name)));
    }

private:
    void add(Diagnostic::Severity severity, qsizetype byte, const QString &message)
    {
        if (++m_count > kMaxProblemsPerLine) {
            if (m_count == kMaxProblemsPerLine + 1)
                m_report.warning(m_line, byte, QStringLiteral("more problems on this line are not shown: fix the ones "
                                                              "above first"));
            return;
        }
        if (severity == Diagnostic::Severity::Error)
            m_report.error(m_line, byte, message);
        else
            m_report.warning(m_line, byte, message);
    }

    Reporter &m_report;
    qsizetype m_line;
    int m_count = 0;
};

template <typename Record>
void addRecord(LineReport &out, QHash<QByteArrayView, qsizetype> &index, QList<Record> &list, const Record &record,
               const Field &id, const char *what)
{
    if (!id.text().isEmpty()) {
        if (const auto it = index.constFind(id.text()); it != index.cend())
            out.error(id.byte, QStringLiteral("duplicate %1 '%2' (first defined on line %3): keep one of the two lines")
                                   .arg(lat(what), id.string(), QString::number(list[*it].line + 1)));
        else
            index.insert(id.text(), list.size());
    }
    list.append(record);
}

} // namespace

void UserConfigFile::parseLine(Reporter &report, qsizetype index, QByteArrayView line)
{
    const Fields fields = splitRecord(line);
    const qsizetype end = trimmedEnd(line);
    auto at = [&](qsizetype i) { return fieldAt(fields, i, end); };
    LineReport out(report, index);
    const Field type = at(0);
    if (!line.contains(':')) {
        out.error(type.byte, QStringLiteral("expected a colon-separated record such as '%1'; Proxmox ignores this line")
                                 .arg(lat(kKinds[0].shape)));
        return;
    }
    if (type.text().isEmpty()) {
        out.error(type.byte, QStringLiteral("the record has no type before its first ':': expected user, token, group, "
                                            "pool, role or acl; Proxmox ignores this line"));
        return;
    }
    const KindInfo *info = nullptr;
    for (const KindInfo &k : kKinds)
        if (type.text() == k.word)
            info = &k;
    if (!info) {
        out.warning(type.byte, QStringLiteral("unknown record type '%1' (kept as written; Proxmox ignores it): expected "
                                              "user, token, group, pool, role or acl").arg(type.string()));
        return;
    }
    for (qsizetype i = info->fieldCount + 1; i < fields.size(); ++i) {
        if (!fields[i].text().isEmpty()) {
            out.warning(fields[i].byte, QStringLiteral("'%1' records have %2 fields ('%3'): the extra text from here on "
                                                       "is kept, but Proxmox ignores it")
                                            .arg(QLatin1StringView(info->word), QString::number(info->fieldCount),
                                                 lat(info->shape)));
            break;
        }
    }
    const Field id = at(1);
    if (id.text().isEmpty() && info->kind != Kind::Acl) {
        out.error(id.byte, QStringLiteral("this %1 record has no id: write '%2'")
                               .arg(QLatin1StringView(info->word), lat(info->shape)));
        return;
    }
    auto named = [](const char *what) {
        return [what](QByteArrayView text, qsizetype *offset) {
            return nameProblem(text, QLatin1StringView(what), offset);
        };
    };
    switch (info->kind) {
    case Kind::User: {
        const User u{index, id, at(2), at(3), at(4), at(5), at(6), at(7), at(8)};
        out.id(id, &UserConfigFile::userIdProblem);
        out.flag(u.enable, "enable", "1 = the account is enabled");
        out.expire(u.expire);
        out.text(u.firstName, "first name");
        out.text(u.lastName, "last name");
        out.text(u.comment, "comment");
        addRecord(out, m_userIndex, m_users, u, id, "user");
        break;
    }
    case Kind::Token: {
        const Token t{index, id, at(2), at(3), at(4)};
        out.id(id, &UserConfigFile::tokenIdProblem);
        out.expire(t.expire);
        out.flag(t.privsep, "privsep", "1 = the token has its own, separate privileges");
        out.text(t.comment, "comment");
        addRecord(out, m_tokenIndex, m_tokens, t, id, "API token");
        break;
    }
    case Kind::Group: {
        const Group g{index, id, at(2), at(3)};
        out.id(id, named("group id"));
        out.text(g.comment, "comment");
        addRecord(out, m_groupIndex, m_groups, g, id, "group");
        break;
    }
    case Kind::Pool: {
        const Pool p{index, id, at(2), at(3), at(4)};
        out.id(id, named("pool id"));
        out.text(p.comment, "comment");
        forEachItem(p.storages.text(), [&](QByteArrayView storage, qsizetype byte) {
            if (out.full())
                return;
            const bool valid = storage.size() >= 2 && isLetter(storage[0])
                && (isLetter(storage.back()) || isDigit(storage.back()))
                && std::all_of(storage.begin(), storage.end(), isNameChar);
            if (!valid)
                out.error(p.storages.byte + byte,
                             QStringLiteral("invalid storage id '%1' in pool '%2': a storage id starts with a letter, "
                                            "ends with a letter or digit, and uses letters, digits, '-', '_' and '.'")
                                 .arg(str(storage), p.id()));
        });
        addRecord(out, m_poolIndex, m_pools, p, id, "pool");
        break;
    }
    case Kind::Role: {
        const Role r{index, id, at(2)};
        out.id(id, named("role id"));
        if (isBuiltinRole(id.text()))
            out.warning(id.byte, QStringLiteral("'%1' is a built-in role: Proxmox ignores this definition and "
                                                          "keeps its own privileges (give a custom role another name)")
                                               .arg(id.string()));
        forEachItem(r.privileges.text(), [&](QByteArrayView privilege, qsizetype byte) {
            if (out.full())
                return;
            if (privilege == kRemovedPrivilege)
                out.warning(r.privileges.byte + byte,
                               QStringLiteral("'VM.Monitor' was removed in Proxmox VE 9, which ignores it: grant the "
                                              "VM.GuestAgent.* privileges (guest agent) or Sys.Audit/Sys.Modify (QEMU "
                                              "monitor) instead"));
            else if (!isPrivilege(privilege))
                out.error(r.privileges.byte + byte, privilegeProblem(privilege));
        });
        addRecord(out, m_roleIndex, m_roles, r, id, "role");
        break;
    }
    case Kind::Acl: {
        const Acl a{index, id, at(2), at(3), at(4)};
        out.flag(a.propagate, "propagate", "1 = the roles also apply below the path");
        const std::pair<const Field *, const char *> required[] = {
            {&a.path, "path"}, {&a.ugids, "user, group or token"}, {&a.roles, "role"}};
        for (const auto &[field, what] : required) {
            if (field->isEmpty()) {
                out.error(field->byte, QStringLiteral("this ACL entry has no %1: write '%2'")
                                                     .arg(lat(what), lat(info->shape)));
                break;
            }
        }
        if (const QString problem = pathProblem(a.path.text()); !a.path.isEmpty() && !problem.isEmpty())
            out.error(a.path.byte, problem);
        else if (!a.path.isEmpty() && !isKnownAclRoot(a.path.text()))
            out.warning(a.path.byte, QStringLiteral("ACL path '%1' is outside Proxmox's permission tree: paths "
                                                              "are '/' or start with /access, /mapping, /nodes, /pool, "
                                                              "/sdn, /storage or /vms").arg(a.path.string()));
        m_acls.append(a);
        break;
    }
    }
}

bool UserConfigFile::userExists(QByteArrayView userid) const
{
    return userid == kRootUser || m_userIndex.contains(userid);
}

Result<void> UserConfigFile::requireUser(QByteArrayView userid) const
{
    if (!userExists(userid))
        return fail(Code::NotFound, QStringLiteral("unknown user '%1': add a 'user:%1:...' line or remove it from the list")
                                        .arg(str(userid)));
    return {};
}

Result<void> UserConfigFile::checkMember(QByteArrayView userid) const
{
    if (QString problem = userIdProblem(userid); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    return requireUser(userid);
}

Result<void> UserConfigFile::checkUgid(QByteArrayView ugid) const
{
    if (ugid.startsWith('@')) {
        const QByteArrayView group = ugid.sliced(1);
        if (QString problem = nameProblem(group, QLatin1StringView("group id")); !problem.isEmpty())
            return fail(Code::InvalidArgument, problem);
        if (!m_groupIndex.contains(group))
            return fail(Code::NotFound, QStringLiteral("unknown group '%1': add a 'group:%1:...' line or fix the name")
                                            .arg(str(group)));
        return {};
    }
    if (userIdProblem(ugid).isEmpty())
        return requireUser(ugid);
    if (QString problem = tokenIdProblem(ugid); !problem.isEmpty())
        return fail(Code::InvalidArgument,
                    QStringLiteral("'%1' is neither a user (NAME@REALM), a group (@GROUP) nor an API token "
                                   "(NAME@REALM!TOKEN): %2")
                        .arg(str(ugid), ugid.contains('!') ? problem : userIdProblem(ugid)));
    if (!m_tokenIndex.contains(ugid))
        return fail(Code::NotFound, QStringLiteral("unknown API token '%1': add a 'token:%1:...' line or fix the name")
                                        .arg(str(ugid)));
    return {};
}

Result<void> UserConfigFile::checkRole(QByteArrayView roleid) const
{
    if (isBuiltinRole(roleid) || m_roleIndex.contains(roleid))
        return {};
    if (const QString close = suggestion(roleid, kBuiltinRoles); !close.isEmpty())
        return fail(Code::NotFound, QStringLiteral("unknown role '%1': did you mean '%2'?").arg(str(roleid), close));
    return fail(Code::NotFound, QStringLiteral("unknown role '%1': define it with a 'role:%1:PRIVILEGES:' line or use a "
                                               "built-in role (%2)")
                                    .arg(str(roleid), builtinRoles().join(QStringLiteral(", "))));
}

void UserConfigFile::checkReferences(Reporter &report)
{
    // VALIDATE is one of the reference checks; a line with enough problems is not checked further.
    auto check = [](LineReport &out, auto validate, QByteArrayView item, qsizetype byte) {
        if (out.full())
            return false;
        const Result<void> result = validate(item);
        if (!result)
            out.error(byte, result.error().message);
        return result.has_value();
    };
    const auto member = [this](QByteArrayView id) { return checkMember(id); };
    const auto ugid = [this](QByteArrayView id) { return checkUgid(id); };
    const auto role = [this](QByteArrayView id) { return checkRole(id); };
    for (const Group &g : std::as_const(m_groups)) {
        LineReport out(report, g.line);
        forEachItem(g.members.text(), [&](QByteArrayView item, qsizetype byte) {
            check(out, member, item, g.members.byte + byte);
        });
    }
    QByteArrayView cleanRoles; // ACL entries often repeat a role list: one that checked clean needs no second look
    for (const Acl &a : std::as_const(m_acls)) {
        LineReport out(report, a.line);
        forEachItem(a.ugids.text(), [&](QByteArrayView item, qsizetype byte) {
            check(out, ugid, item, a.ugids.byte + byte);
        });
        if (a.roles.text() == cleanRoles)
            continue;
        bool clean = true;
        forEachItem(a.roles.text(), [&](QByteArrayView item, qsizetype byte) {
            clean = check(out, role, item, a.roles.byte + byte) && clean;
        });
        if (clean)
            cleanRoles = a.roles.text();
    }
    for (const Token &t : std::as_const(m_tokens)) {
        const QByteArrayView user = tokenUser(t.tokenid.text());
        if (!user.isEmpty() && userIdProblem(user).isEmpty() && !userExists(user))
            LineReport(report, t.line).error(t.tokenid.byte, QStringLiteral("API token '%1' belongs to user '%2', who has "
                                                                            "no 'user:%2:...' line: add the user or remove "
                                                                            "the token").arg(t.id(), str(user)));
    }
    QHash<qint64, const Pool *> poolOfVm;
    for (const Pool &p : std::as_const(m_pools)) {
        LineReport out(report, p.line);
        forEachItem(p.vmids.text(), [&](QByteArrayView vmid, qsizetype byte) {
            if (out.full())
                return;
            if (!isAllDigits(vmid) || vmid.size() > 9) {
                out.error(p.vmids.byte + byte, QStringLiteral("invalid VM id '%1' in pool '%2': VM ids are numbers such "
                                                              "as 100").arg(str(vmid), p.id()));
                return;
            }
            const Pool *&owner = poolOfVm[vmid.toLongLong()];
            if (owner)
                out.error(p.vmids.byte + byte, QStringLiteral("VM %1 is already in pool '%2' (line %3): a VM belongs to "
                                                              "one pool only")
                                                   .arg(str(vmid), owner->id(), QString::number(owner->line + 1)));
            else
                owner = &p;
        });
    }
}

// ---- lookups -----------------------------------------------------------------

namespace {

template <typename Record>
const Record *lookup(const QHash<QByteArrayView, qsizetype> &index, const QList<Record> &list, QByteArrayView id)
{
    const auto it = index.constFind(id);
    return it == index.cend() ? nullptr : &list[*it];
}

} // namespace

const UserConfigFile::User *UserConfigFile::findUser(QByteArrayView userid) const
{
    return lookup(m_userIndex, m_users, userid);
}

const UserConfigFile::Token *UserConfigFile::findToken(QByteArrayView tokenid) const
{
    return lookup(m_tokenIndex, m_tokens, tokenid);
}

const UserConfigFile::Group *UserConfigFile::findGroup(QByteArrayView groupid) const
{
    return lookup(m_groupIndex, m_groups, groupid);
}

const UserConfigFile::Pool *UserConfigFile::findPool(QByteArrayView poolid) const
{
    return lookup(m_poolIndex, m_pools, poolid);
}

const UserConfigFile::Role *UserConfigFile::findRole(QByteArrayView roleid) const
{
    return lookup(m_roleIndex, m_roles, roleid);
}

// ---- edits -------------------------------------------------------------------

qsizetype UserConfigFile::insertionLine(int rank) const
{
    qsizetype last = -1;
    qsizetype firstLater = -1;
    auto visit = [&](const auto &list, int listRank) {
        for (const auto &record : list) {
            if (listRank == rank)
                last = std::max(last, record.line);
            else if (listRank > rank && (firstLater < 0 || record.line < firstLater))
                firstLater = record.line;
        }
    };
    visit(m_users, 0);
    visit(m_tokens, 0);
    visit(m_groups, 1);
    visit(m_pools, 2);
    visit(m_roles, 3);
    visit(m_acls, 4);
    if (last >= 0)
        return last + 1;
    return firstLater >= 0 ? firstLater : m_lines.lineCount();
}

void UserConfigFile::insertRecord(qsizetype at, const QByteArray &text)
{
    m_lines.insertLine(at, text);
    reparse();
}

void UserConfigFile::apply(const Replacements &edits)
{
    // From the bottom up, so that the line numbers of pending edits stay valid.
    for (auto it = edits.cend(); it != edits.cbegin();) {
        --it;
        const QList<QByteArray> &texts = it.value();
        if (texts.isEmpty()) {
            m_lines.removeLine(it.key());
            continue;
        }
        m_lines.setLine(it.key(), texts.first());
        for (qsizetype i = 1; i < texts.size(); ++i)
            m_lines.insertLine(it.key() + i, texts[i]);
    }
    reparse();
}

namespace {

// Marks the lines of LIST's records whose ID is ID for removal.
template <typename Record>
void removeRecords(const QList<Record> &list, Field Record::*idField, QByteArrayView id,
                   QMap<qsizetype, QList<QByteArray>> &edits)
{
    for (const Record &record : list)
        if ((record.*idField).text() == id)
            edits[record.line] = {};
}

} // namespace

void UserConfigFile::dropAclMembers(const Views &ugids, Replacements &edits) const
{
    for (const Acl &a : m_acls) {
        Views kept;
        bool changed = false;
        forEachItem(a.ugids.text(), [&](QByteArrayView ugid, qsizetype) {
            if (ugids.contains(ugid))
                changed = true;
            else
                kept.append(ugid);
        });
        if (!changed)
            continue;
        edits[a.line] = kept.isEmpty() ? QList<QByteArray>()
                                       : QList{replaceField(m_lines.line(a.line), 3, joinItems(kept))};
    }
}

Result<void> UserConfigFile::addUser(const UserSpec &spec)
{
    const QByteArray id = spec.userid.toUtf8();
    if (QString problem = userIdProblem(id); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (const User *u = findUser(id))
        return alreadyExists("user", spec.userid, u->line);
    if (spec.expire < 0)
        return fail(Code::InvalidArgument, QStringLiteral("expire must be 0 (never) or seconds since 1970-01-01 UTC"));
    for (const auto &[value, what] : {std::pair{&spec.email, "email"}, std::pair{&spec.keys, "keys"}})
        if (auto ok = checkRaw(*value, what); !ok)
            return ok;
    const QByteArray line = "user:" + id + ':' + (spec.enable ? "1" : "0") + ':' + QByteArray::number(spec.expire) + ':'
        + encodeText(spec.firstName) + ':' + encodeText(spec.lastName) + ':' + spec.email.toUtf8() + ':'
        + encodeText(spec.comment) + ':' + spec.keys.toUtf8() + ':';
    insertRecord(insertionLine(0), line);
    return {};
}

Result<void> UserConfigFile::setUserField(const QString &userid, UserField field, const QString &value)
{
    const User *u = findUser(userid.toUtf8());
    if (!u)
        return notFound("user", userid, m_fileName);
    QByteArray text;
    switch (field) {
    case UserField::Enable:
        if (value != u"0" && value != u"1")
            return fail(Code::InvalidArgument, QStringLiteral("enable must be 0 or 1, not '%1'").arg(value));
        text = value.toUtf8();
        break;
    case UserField::Expire:
        text = value.toUtf8();
        if (!isAllDigits(text) || text.size() > 18)
            return fail(Code::InvalidArgument, QStringLiteral("expire must be 0 (never) or seconds since 1970-01-01 UTC, "
                                                              "not '%1'").arg(value));
        break;
    case UserField::Email:
    case UserField::Keys:
        if (auto ok = checkRaw(value, field == UserField::Email ? "email" : "keys"); !ok)
            return ok;
        text = value.toUtf8();
        break;
    case UserField::FirstName:
    case UserField::LastName:
    case UserField::Comment:
        text = encodeText(value);
        break;
    }
    // Fields after the type word: userid is 1, enable 2, ... in UserField's order.
    m_lines.setLine(u->line, replaceField(m_lines.line(u->line), 2 + qsizetype(field), text));
    reparse();
    return {};
}

Result<void> UserConfigFile::removeUser(const QString &userid)
{
    const QByteArray id = userid.toUtf8();
    if (!findUser(id))
        return notFound("user", userid, m_fileName);
    Replacements edits;
    Views dropped{id};
    removeRecords(m_users, &User::userid, id, edits);
    for (const Token &t : std::as_const(m_tokens)) {
        if (tokenUser(t.tokenid.text()) == id) {
            edits[t.line] = {};
            dropped.append(t.tokenid.text());
        }
    }
    for (const Group &g : std::as_const(m_groups)) {
        Views members = items(g.members.text());
        if (members.removeAll(QByteArrayView(id)) > 0)
            edits[g.line] = {replaceField(m_lines.line(g.line), 2, joinItems(members))};
    }
    dropAclMembers(dropped, edits);
    apply(edits);
    return {};
}

Result<void> UserConfigFile::addGroup(const QString &groupid, const QStringList &members, const QString &comment)
{
    const QByteArray id = groupid.toUtf8();
    if (QString problem = nameProblem(id, QLatin1StringView("group id")); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (const Group *g = findGroup(id))
        return alreadyExists("group", groupid, g->line);
    for (const QString &member : members)
        if (auto ok = checkMember(member.toUtf8()); !ok)
            return ok;
    insertRecord(insertionLine(1), "group:" + id + ':' + joinItems(members) + ':' + encodeText(comment) + ':');
    return {};
}

Result<void> UserConfigFile::setGroupMembers(const QString &groupid, const QStringList &members)
{
    const Group *g = findGroup(groupid.toUtf8());
    if (!g)
        return notFound("group", groupid, m_fileName);
    for (const QString &member : members)
        if (auto ok = checkMember(member.toUtf8()); !ok)
            return ok;
    m_lines.setLine(g->line, replaceField(m_lines.line(g->line), 2, joinItems(members)));
    reparse();
    return {};
}

Result<void> UserConfigFile::removeGroup(const QString &groupid)
{
    const QByteArray id = groupid.toUtf8();
    if (!findGroup(id))
        return notFound("group", groupid, m_fileName);
    Replacements edits;
    removeRecords(m_groups, &Group::groupid, id, edits);
    const QByteArray ugid = '@' + id;
    dropAclMembers({ugid}, edits);
    apply(edits);
    return {};
}

Result<void> UserConfigFile::addRole(const QString &roleid, const QStringList &privileges)
{
    const QByteArray id = roleid.toUtf8();
    if (QString problem = nameProblem(id, QLatin1StringView("role id")); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (isBuiltinRole(id))
        return fail(Code::AlreadyExists, QStringLiteral("'%1' is a built-in role: choose another name").arg(roleid));
    if (const Role *r = findRole(id))
        return alreadyExists("role", roleid, r->line);
    for (const QString &privilege : privileges) {
        const QByteArray name = privilege.toUtf8();
        if (!isPrivilege(name) || name == kRemovedPrivilege)
            return fail(Code::InvalidArgument, privilegeProblem(name));
    }
    insertRecord(insertionLine(3), "role:" + id + ':' + joinItems(privileges) + ':');
    return {};
}

Result<void> UserConfigFile::addAcl(const QString &path, const QStringList &ugids, const QStringList &roles, bool propagate)
{
    const QByteArray pathBytes = path.toUtf8();
    if (QString problem = pathProblem(pathBytes); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (ugids.isEmpty() || roles.isEmpty())
        return fail(Code::InvalidArgument,
                    QStringLiteral("an ACL entry needs at least one user, group or token and one role"));
    for (const QString &ugid : ugids)
        if (auto ok = checkUgid(ugid.toUtf8()); !ok)
            return ok;
    for (const QString &role : roles)
        if (auto ok = checkRole(role.toUtf8()); !ok)
            return ok;
    insertRecord(insertionLine(4), QByteArray("acl:") + (propagate ? "1" : "0") + ':' + pathBytes + ':' + joinItems(ugids)
                                       + ':' + joinItems(roles) + ':');
    return {};
}

Result<void> UserConfigFile::removeAcl(const QString &path, const QString &ugid, const QStringList &roles)
{
    const QByteArray wantedPath = normalizePath(path.toUtf8());
    const QByteArray member = ugid.toUtf8();
    QList<QByteArray> wantedRoles;
    for (const QString &role : roles)
        wantedRoles.append(role.toUtf8());
    Replacements edits;
    for (const Acl &a : std::as_const(m_acls)) {
        Views otherUgids = items(a.ugids.text()), removedRoles, keptRoles;
        if (normalizePath(a.path.text()) != wantedPath || otherUgids.removeAll(QByteArrayView(member)) == 0)
            continue;
        forEachItem(a.roles.text(), [&](QByteArrayView role, qsizetype) {
            (wantedRoles.isEmpty() || wantedRoles.contains(role) ? removedRoles : keptRoles).append(role);
        });
        if (removedRoles.isEmpty())
            continue;
        // The entry grants members x roles: keep all of it but (UGID, removed roles).
        const QByteArrayView line = m_lines.line(a.line);
        QList<QByteArray> rest;
        if (!otherUgids.isEmpty())
            rest.append(replaceField(line, 3, joinItems(otherUgids)));
        if (!keptRoles.isEmpty())
            rest.append(replaceField(replaceField(line, 3, member), 4, joinItems(keptRoles)));
        edits[a.line] = rest;
    }
    if (edits.isEmpty())
        return fail(Code::NotFound, QStringLiteral("no ACL entry grants '%1' a matching role on '%2'").arg(ugid, path));
    apply(edits);
    return {};
}

Result<void> UserConfigFile::addToken(const QString &tokenid, qint64 expire, bool privsep, const QString &comment)
{
    const QByteArray id = tokenid.toUtf8();
    if (QString problem = tokenIdProblem(id); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    const QByteArrayView user = tokenUser(id);
    if (!userExists(user))
        return fail(Code::NotFound, QStringLiteral("no user '%1' for API token '%2'").arg(str(user), tokenid));
    if (const Token *t = findToken(id))
        return alreadyExists("API token", tokenid, t->line);
    if (expire < 0)
        return fail(Code::InvalidArgument, QStringLiteral("expire must be 0 (never) or seconds since 1970-01-01 UTC"));
    // Proxmox writes a user's tokens right after the user.
    qsizetype after = -1;
    if (const User *u = findUser(user))
        after = u->line;
    for (const Token &t : std::as_const(m_tokens))
        if (tokenUser(t.tokenid.text()) == user)
            after = std::max(after, t.line);
    insertRecord(after >= 0 ? after + 1 : insertionLine(0), "token:" + id + ':' + QByteArray::number(expire) + ':'
                                                                + (privsep ? "1" : "0") + ':' + encodeText(comment) + ':');
    return {};
}

Result<void> UserConfigFile::removeToken(const QString &tokenid)
{
    const QByteArray id = tokenid.toUtf8();
    if (!findToken(id))
        return notFound("API token", tokenid, m_fileName);
    Replacements edits;
    removeRecords(m_tokens, &Token::tokenid, id, edits);
    dropAclMembers({QByteArrayView(id)}, edits);
    apply(edits);
    return {};
}

} // namespace atalaia::config
