#include "Upid.h"

#include "Tr.h"

namespace atalaia::model {

namespace {

using namespace Qt::StringLiterals;

// A type, id or user part: no ':' and no whitespace.
bool isPlainPart(QStringView text)
{
    for (QChar c : text)
        if (c == u':' || c.isSpace())
            return false;
    return true;
}

// Canonical upper-case hex of 8 digits, or up to maxDigits when the value
// needs them (then without a leading zero, as "%08X" would print it).
std::optional<quint64> parseHex(QStringView text, qsizetype maxDigits)
{
    if (text.size() < 8 || text.size() > maxDigits || (text.size() > 8 && text.front() == u'0'))
        return std::nullopt;
    quint64 value = 0;
    for (QChar c : text) {
        int digit = 0;
        if (c >= u'0' && c <= u'9')
            digit = c.unicode() - u'0';
        else if (c >= u'A' && c <= u'F')
            digit = c.unicode() - u'A' + 10;
        else
            return std::nullopt;
        value = value * 16 + quint64(digit);
    }
    return value;
}

QString hex8(quint64 value)
{
    return QString::number(value, 16).toUpper().rightJustified(8, u'0');
}

} // namespace

Result<Upid> Upid::create(const NodeId &node, quint32 pid, quint64 pstart, quint32 starttime,
                          const QString &type, const QString &id, const QString &user)
{
    if (node.isEmpty())
        return fail(Code::ModelInvalidUpid, Tr::tr("a UPID needs a node name"));
    if (pstart > kMaxPstart)
        return fail(Code::ModelInvalidUpid,
                    Tr::tr("process start %1 does not fit in a UPID (9 hex digits)").arg(pstart));
    if (type.isEmpty() || !isPlainPart(type))
        return fail(Code::ModelInvalidUpid,
                    Tr::tr("task type \"%1\" must be non-empty, without ':' or whitespace").arg(type));
    if (!isPlainPart(id))
        return fail(Code::ModelInvalidUpid,
                    Tr::tr("task id \"%1\" must not contain ':' or whitespace").arg(id));
    if (user.isEmpty() || !isPlainPart(user))
        return fail(Code::ModelInvalidUpid,
                    Tr::tr("task user \"%1\" must be non-empty, without ':' or whitespace").arg(user));
    Upid upid;
    upid.m_node = node;
    upid.m_pid = pid;
    upid.m_pstart = pstart;
    upid.m_starttime = starttime;
    upid.m_type = type;
    upid.m_id = id;
    upid.m_user = user;
    return upid;
}

Result<Upid> Upid::parse(QStringView text)
{
    const auto invalid = [text](const QString &why) {
        return fail(Code::ModelInvalidUpid, Tr::tr("invalid UPID \"%1\": %2").arg(text, why));
    };
    // "UPID" + 7 parts + the trailing ':' make 9 fields, the last one empty.
    const QList<QStringView> parts = text.split(u':');
    if (parts.size() != 9 || parts.front() != "UPID"_L1 || !parts.back().isEmpty())
        return invalid(Tr::tr("expected UPID:node:pid:pstart:starttime:type:id:user:"));
    Result<NodeId> node = NodeId::parse(parts[1]);
    if (!node)
        return invalid(node.error().message);
    const std::optional<quint64> pid = parseHex(parts[2], 8);
    const std::optional<quint64> pstart = parseHex(parts[3], 9);
    const std::optional<quint64> starttime = parseHex(parts[4], 8);
    if (!pid || !pstart || !starttime)
        return invalid(Tr::tr("pid, pstart and starttime must be upper-case hex of 8 digits "
                              "(pstart up to 9)"));
    Result<Upid> upid = create(*node, quint32(*pid), *pstart, quint32(*starttime), parts[5].toString(),
                               parts[6].toString(), parts[7].toString());
    if (!upid)
        return invalid(upid.error().message);
    return upid;
}

QString Upid::toString() const
{
    return u"UPID:%1:%2:%3:%4:%5:%6:%7:"_s.arg(m_node.toString(), hex8(m_pid), hex8(m_pstart),
                                               hex8(m_starttime), m_type, m_id, m_user);
}

} // namespace atalaia::model
