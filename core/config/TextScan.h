#pragma once

#include <QByteArrayView>

namespace atalaia::config::scan {

// Byte-level helpers for the parsers: config syntax is ASCII, values are UTF-8.
inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// ASCII classes only: the ids and keys of Proxmox files are ASCII, and a
// non-ASCII byte must never count as a letter or digit (unlike <cctype>
// under a non-C locale).
inline bool isLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool isLetter(char c) { return isLower(c) || isUpper(c); }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isLetterOrDigit(char c) { return isLetter(c) || isDigit(c); }
inline bool isAllDigits(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s)
        if (!isDigit(c))
            return false;
    return true;
}

// The value of hex digit C (either case), or -1.
inline int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A byte that continues a UTF-8 character (10xxxxxx) rather than starting one.
inline bool isUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// End of the (UTF-8) character that starts at byte I of S: for messages that
// quote a whole character rather than one of its bytes.
inline qsizetype characterEnd(QByteArrayView s, qsizetype i)
{
    qsizetype end = i + 1;
    while (end < s.size() && isUtf8Continuation(s[end]))
        ++end;
    return end;
}

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
