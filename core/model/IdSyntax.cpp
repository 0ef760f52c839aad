#include "IdSyntax.h"

namespace atalaia::model::idsyntax {

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiLetter(c) || (c >= u'0' && c <= u'9');
}

} // namespace

bool isNodeName(QStringView text)
{
    if (text.isEmpty() || !isAsciiAlnum(text.front()) || !isAsciiAlnum(text.back()))
        return false;
    for (QChar c : text)
        if (!isAsciiAlnum(c) && c != u'-')
            return false;
    return true;
}

bool isRealmLike(QStringView text)
{
    if (text.size() < 2 || !isAsciiLetter(text.front()))
        return false;
    for (QChar c : text)
        if (!isAsciiAlnum(c) && c != u'.' && c != u'-' && c != u'_')
            return false;
    return true;
}

bool isUserName(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text)
        if (c.isSpace() || c == u':' || c == u'/')
            return false;
    return true;
}

qsizetype codePointLength(QStringView text)
{
    qsizetype count = 0;
    for (QChar c : text)
        if (!c.isLowSurrogate())
            ++count;
    return count;
}

} // namespace atalaia::model::idsyntax
