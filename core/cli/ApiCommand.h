#pragma once

#include "Environment.h"

#include <QStringList>

namespace atalaia::cli {

// atalaiactl get|create|set|delete PATH [--PARAM VALUE ...] [--output text|json]
//            [--follow] [--server ...] [--fingerprint FP | --trust] [--token ...]
//
// pvesh's verbs: get = GET, create = POST, set = PUT, delete = DELETE. Prints
// the answer's data (OutputFormatter). When the answer is a task (a UPID)
// and --follow is given, prints the task's log as it grows and exits 1 if
// the task fails. Exit status: 0 success, 1 failure, 2 bad usage.
int runApiCommand(const QString &verb, const QStringList &arguments, Environment &env);

// atalaiactl ls PATH [--PARAM VALUE ...] [--output text|json] [connection options]
// Lists the children of PATH with what they support (DirectoryListing).
int runListCommand(const QStringList &arguments, Environment &env);

} // namespace atalaia::cli
