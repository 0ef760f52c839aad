#pragma once

#include <QStringList>
#include <QTextStream>

namespace atalaia::cli {

// atalaiactl config check PATH... [--output text|json] [--quiet]
// Prints every problem as "file:line:col: error|warning: message" (or one JSON
// document) and returns the exit status: 0 no errors, 1 errors, 2 bad usage or
// unreadable path.
int runConfigCheck(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace atalaia::cli
