#pragma once

#include "base/Error.h"

#include <QString>

#include <functional>

namespace atalaia::tasks {

class TaskContext;

// What TaskManager::start() runs. type, id and user become UPID parts
// (type and user non-empty; none may hold ':' or whitespace).
struct TaskSpec {
    QString type; // PVE's task type: "qmstart", "vzcreate", "srvreload", ...
    QString id;   // the object, often a VMID; may be empty
    QString user; // who started it: "root@pam", "roma@pve", "user@realm!token"
    // Runs on a TaskManager worker thread. Return an error to end the task
    // with "TASK ERROR: <message>". Check context.isCancelled() now and then
    // and return when it is set.
    std::function<Result<void>(TaskContext &context)> work;
};

} // namespace atalaia::tasks
