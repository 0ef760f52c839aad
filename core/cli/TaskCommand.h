#pragma once

#include "Environment.h"

#include <QStringList>

namespace atalaia::cli {

// atalaiactl task log UPID [--follow] [connection options]
//   prints the task's log; with --follow until the task ends, exiting 1 when
//   it failed
// atalaiactl task status UPID [--output text|json] [connection options]
int runTaskCommand(const QStringList &arguments, Environment &env);

} // namespace atalaia::cli
