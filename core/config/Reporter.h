#pragma once

#include "Diagnostic.h"
#include "LineBuffer.h"

namespace atalaia::schema {
class ParameterSet;
}

namespace atalaia::config {

// Collects a file's diagnostics, turning (line index, byte offset) positions
// into 1-based line:column, and checks key/value pairs against the schema.
class Reporter
{
public:
    Reporter(QString file, const LineBuffer &lines, Diagnostics &out);

    void error(qsizetype line, qsizetype byte, QString message);
    void warning(qsizetype line, qsizetype byte, QString message);

    // Validates KEY = VALUE found on LINE (VALUE starts at byte VALUEBYTE) against
    // SET. Unknown keys are a warning (they are kept on write); a key that does
    // not apply to SECTIONTYPE (section-config "instance-types") is an error.
    void checkProperty(const schema::ParameterSet *set, QStringView key, QStringView value,
                       qsizetype line, qsizetype keyByte, qsizetype valueByte,
                       const QString &sectionType = {});

    const QString &file() const { return m_file; }
    Diagnostics &diagnostics() { return m_out; }

private:
    void add(Diagnostic::Severity severity, qsizetype line, qsizetype byte, QString message, int extraColumns = 0);

    QString m_file;
    const LineBuffer &m_lines;
    Diagnostics &m_out;
};

} // namespace atalaia::config
