#pragma once

#include "Environment.h"

#include <QStringList>

namespace atalaia::cli {

// atalaiactl's commands: ARGUMENTS as main() gets them (the program name
// first). Returns the exit status: 0 success, 1 failure, 2 bad usage.
// app/atalaiactl is a thin main around this; tests call it in-process.
int runCommandLine(const QStringList &arguments, Environment &env);

} // namespace atalaia::cli
