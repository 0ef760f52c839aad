#pragma once

#include "Diagnostic.h"
#include "LineBuffer.h"
#include "Reporter.h"

#include <QByteArray>
#include <QString>

namespace atalaia::config {

// What every config file class holds: the file's name, its lossless text and
// the diagnostics of the last parse, with the accessors they all share.
//
// Not polymorphic on purpose: ConfigDocument dispatches over the concrete
// classes with std::visit and nothing uses a file through a base pointer, so
// there is no vtable and no virtual call on the parse path. Each derived class
// takes its bytes through the protected constructor, sets its own options and
// calls its (non-virtual) reparse(), which starts with startParse().
class ConfigFileBase
{
public:
    const QString &fileName() const { return m_fileName; }
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    QByteArray toBytes() const { return m_lines.toBytes(); }

protected:
    ConfigFileBase() = default;
    ConfigFileBase(QByteArray bytes, QString fileName)
        : m_fileName(std::move(fileName))
        , m_lines(std::move(bytes))
    {
    }

    // Drops the last parse's diagnostics and checks the bytes themselves
    // (size, NULs, UTF-8, CRLF). False when they are not text and parsing
    // must stop.
    bool startParse()
    {
        m_diagnostics.clear();
        return m_lines.checkEncoding(m_fileName, m_diagnostics);
    }
    // A reporter that adds to this file's diagnostics.
    Reporter reporter() { return Reporter(m_fileName, m_lines, m_diagnostics); }
    // Puts the diagnostics in file order (line, then column) for formats whose
    // checks run after the line scan; those at one position keep their order.
    void sortDiagnostics();

    QString m_fileName;
    LineBuffer m_lines;
    Diagnostics m_diagnostics;
};

} // namespace atalaia::config
