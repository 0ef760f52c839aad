#include "LineBuffer.h"

#include "TextScan.h"

#include <cstring>

namespace atalaia::config {

namespace {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF), or -1.
qsizetype firstInvalidUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned lowest = 0;
        if (c >= 0xC2 && c <= 0xDF) { extra = 1; lowest = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { extra = 2; lowest = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { extra = 3; lowest = 0x10000; }
        else return i;
        unsigned code = c & (0x3F >> extra);
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        if (code < lowest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return -1;
}

} // namespace

LineBuffer::LineBuffer(QByteArray bytes)
    : m_original(std::move(bytes))
{
    const char *data = m_original.constData();
    const qsizetype size = m_original.size();
    m_lines.reserve(size_t(size / 32 + 1));
    qsizetype begin = 0;
    while (begin < size) {
        const void *nl = std::memchr(data + begin, '\n', size_t(size - begin));
        Line line;
        line.begin = begin;
        if (nl) {
            const qsizetype end = static_cast<const char *>(nl) - data;
            line.crlf = end > begin && data[end - 1] == '\r';
            line.length = end - begin - (line.crlf ? 1 : 0);
            begin = end + 1;
        } else {
            line.length = size - begin;
            line.terminated = false;
            begin = size;
        }
        m_lines.push_back(std::move(line));
    }
}

QByteArrayView LineBuffer::line(qsizetype index) const
{
    const Line &l = m_lines[size_t(index)];
    if (l.edited)
        return l.text;
    return QByteArrayView(m_original.constData() + l.begin, l.length);
}

void LineBuffer::setLine(qsizetype index, QByteArray text)
{
    Line &l = m_lines[size_t(index)];
    l.edited = true;
    l.text = std::move(text);
}

void LineBuffer::insertLine(qsizetype index, QByteArray text)
{
    // A file without a final newline gets one before anything is appended after it.
    if (index == lineCount() && index > 0)
        m_lines.back().terminated = true;
    Line l;
    l.edited = true;
    l.text = std::move(text);
    m_lines.insert(m_lines.begin() + index, std::move(l));
}

void LineBuffer::removeLine(qsizetype index)
{
    m_lines.erase(m_lines.begin() + index);
}

QByteArray LineBuffer::toBytes() const
{
    qsizetype total = 0;
    for (const Line &l : m_lines)
        total += (l.edited ? l.text.size() : l.length) + 2;
    QByteArray out;
    out.reserve(total);
    for (const Line &l : m_lines) {
        if (l.edited)
            out.append(l.text);
        else
            out.append(m_original.constData() + l.begin, l.length);
        if (l.crlf)
            out.append('\r');
        if (l.terminated)
            out.append('\n');
    }
    return out;
}

int LineBuffer::columnOf(qsizetype index, qsizetype byte) const
{
    const QByteArrayView text = line(index);
    int column = 1;
    for (qsizetype i = 0; i < byte && i < text.size(); ++i) {
        // Count UTF-8 lead bytes only, so a multi-byte character is one column.
        if (!scan::isUtf8Continuation(text[i]))
            ++column;
    }
    return column;
}

bool LineBuffer::checkEncoding(const QString &fileName, Diagnostics &out) const
{
    auto report = [&](qsizetype index, qsizetype byte, QString message) {
        out.append({Diagnostic::Severity::Error, fileName, int(index + 1), columnOf(index, byte), std::move(message)});
    };
    if (m_original.size() > kMaxFileSize) {
        out.append({Diagnostic::Severity::Error, fileName, 1, 1,
                    QStringLiteral("the file is %1 bytes long, over the limit of %2 bytes: "
                                   "config files this large are not supported (is this the right file?)")
                        .arg(m_original.size()).arg(kMaxFileSize)});
        return false;
    }
    bool crlfReported = false;
    for (qsizetype i = 0; i < lineCount(); ++i) {
        const QByteArrayView text = line(i);
        if (const qsizetype nul = text.indexOf('\0'); nul >= 0) {
            report(i, nul, QStringLiteral("binary data (a NUL byte): this is not a text config file"));
            return false;
        }
        if (const qsizetype bad = firstInvalidUtf8(text); bad >= 0) {
            report(i, bad, QStringLiteral("invalid UTF-8: config files must be UTF-8 text (re-save the file as UTF-8)"));
            return false;
        }
        if (m_lines[size_t(i)].crlf && !crlfReported) {
            report(i, text.size(), QStringLiteral("Windows line ending (CRLF): Proxmox config files use LF only "
                                                  "(convert with 'dos2unix'); every CRLF line is affected"));
            crlfReported = true;
        }
    }
    return true;
}

} // namespace atalaia::config
