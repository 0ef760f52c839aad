#pragma once

#include "Diagnostic.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace atalaia::config {

// The lossless text of a config file: its lines exactly as read (terminators
// included), plus edited or inserted lines. toBytes() of an unedited buffer
// returns the input byte for byte. Parsers read lines from here and keep line
// indices; typed edits replace, insert or remove whole lines and nothing else.
class LineBuffer
{
public:
    // Files larger than this are refused (pmxcfs itself keeps files small).
    static constexpr qsizetype kMaxFileSize = 8 * 1024 * 1024;

    LineBuffer() = default;
    explicit LineBuffer(QByteArray bytes);

    qsizetype lineCount() const { return qsizetype(m_lines.size()); }
    // The line's bytes without its terminator ("\n", or "\r\n" when the file has CRLF).
    QByteArrayView line(qsizetype index) const;
    QString lineText(qsizetype index) const { return QString::fromUtf8(line(index)); }

    void setLine(qsizetype index, QByteArray text);
    void insertLine(qsizetype index, QByteArray text); // index == lineCount() appends
    void removeLine(qsizetype index);
    QByteArray toBytes() const;

    // Problems of the bytes themselves: too large, NUL bytes, invalid UTF-8, CRLF.
    // Parsers add their own diagnostics to these. Returns false when the content
    // is not text at all and parsing should stop.
    bool checkEncoding(const QString &fileName, Diagnostics &out) const;

    // 1-based column (in characters) of byte offset BYTE within line INDEX.
    int columnOf(qsizetype index, qsizetype byte) const;

private:
    struct Line {
        qsizetype begin = 0;   // into m_original, when !edited
        qsizetype length = 0;
        bool crlf = false;
        bool terminated = true;
        bool edited = false;
        QByteArray text;       // when edited
    };
    QByteArray m_original;
    std::vector<Line> m_lines;
};

} // namespace atalaia::config
