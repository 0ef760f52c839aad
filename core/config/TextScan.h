#pragma once

#include <QByteArrayView>

namespace atalaia::config::scan {

// Byte-level helpers for the parsers: config syntax is ASCII, values are UTF-8.
inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

inline qsizetype skipSpace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

inline qsizetype skipNonSpace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && !isSpace(s[i]))
        ++i;
    return i;
}

// End of S with trailing whitespace removed.
inline qsizetype trimmedEnd(QByteArrayView s)
{
    qsizetype end = s.size();
    while (end > 0 && isSpace(s[end - 1]))
        --end;
    return end;
}

inline bool isBlank(QByteArrayView s) { return skipSpace(s, 0) == s.size(); }

inline bool isComment(QByteArrayView s)
{
    const qsizetype i = skipSpace(s, 0);
    return i < s.size() && s[i] == '#';
}

} // namespace atalaia::config::scan
