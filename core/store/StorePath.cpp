#include "StorePath.h"

#include "Tr.h"

#include <QChar>

namespace atalaia::store {

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> invalid(QStringView path, const QString &why)
{
    return fail(Code::InvalidArgument, Tr::tr("invalid store path \"%1\": %2").arg(path, why));
}

} // namespace

Result<void> StorePath::validate(QStringView path)
{
    if (path.isEmpty())
        return invalid(path, Tr::tr("the path is empty"));
    if (path.startsWith(u'/'))
        return invalid(path, Tr::tr("it must be relative (no leading '/')"));
    if (path.toUtf8().size() > kMaxPathBytes)
        return invalid(path, Tr::tr("longer than %1 bytes").arg(kMaxPathBytes));
    // toUcs4() would turn a lone surrogate into U+FFFD, which is printable.
    if (!path.isValidUtf16())
        return invalid(path, Tr::tr("it is not valid UTF-16"));
    for (const char32_t c : path.toUcs4()) {
        if (!QChar::isPrint(c) || QChar::isSpace(c))
            return invalid(path, Tr::tr("it contains a control, space or unprintable character (U+%1)")
                                     .arg(uint(c), 4, 16, QChar(u'0')).toUpper());
    }
    for (QStringView segment : path.split(u'/')) {
        if (segment.isEmpty())
            return invalid(path, Tr::tr("it has an empty segment"));
        if (segment == u"." || segment == u"..")
            return invalid(path, Tr::tr("\".\" and \"..\" are not allowed"));
        if (segment.startsWith(kReservedPrefix))
            return invalid(path, Tr::tr("names starting with \"%1\" are reserved").arg(kReservedPrefix));
        if (segment.toUtf8().size() > kMaxSegmentBytes)
            return invalid(path, Tr::tr("a segment is longer than %1 bytes").arg(kMaxSegmentBytes));
    }
    return {};
}

Result<QString> StorePath::normalizePrefix(QStringView prefix)
{
    if (prefix.isEmpty())
        return QString();
    QStringView dir = prefix;
    if (dir.endsWith(u'/'))
        dir.chop(1);
    if (Result<void> ok = validate(dir); !ok)
        return std::unexpected(ok.error());
    return dir.toString() + u'/';
}

QStringList StorePath::ancestors(QStringView path)
{
    QStringList result;
    for (qsizetype slash = path.indexOf(u'/'); slash >= 0; slash = path.indexOf(u'/', slash + 1))
        result.append(path.first(slash).toString());
    return result;
}

QString StorePath::prefixEnd(QStringView normalizedPrefix)
{
    Q_ASSERT(normalizedPrefix.endsWith(u'/'));
    QString end = normalizedPrefix.toString();
    end.back() = u'0';
    return end;
}

} // namespace atalaia::store
