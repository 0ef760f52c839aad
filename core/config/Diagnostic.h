#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace atalaia::config {

// One problem found in a config file, located at file:line:column (1-based;
// columns count characters, not bytes).
struct Diagnostic {
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    // "file:line:col: error: message" — the format compilers use, so editors can jump to it.
    QString toString() const;
    QJsonObject toJson() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace atalaia::config
