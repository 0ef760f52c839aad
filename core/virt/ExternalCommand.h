#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace atalaia::virt {

// How long-running guest work (creating a container's root file system, ...)
// talks to the task that runs it. Both are optional; both are called from the
// working thread, so they must be thread-safe.
struct TaskHooks {
    std::function<void(int percent, const QString &step)> progress;
    std::function<bool()> cancelled; // polled a few times a second
    void report(int percent, const QString &step) const
    {
        if (progress)
            progress(percent, step);
    }
    bool isCancelled() const { return cancelled && cancelled(); }
};

// The error of a cancelled operation (Code::Io, "cancelled" in the message).
std::unexpected<Error> cancelledError(const QString &what);

struct CommandOutput {
    QByteArray out;
    QByteArray err;
};

// Runs PROGRAM (looked up in PATH, then /usr/sbin and /sbin, where the tools
// that make file systems live) with ARGS, feeding INPUT on stdin. Blocks the
// calling thread; polls HOOKS.cancelled and kills the program when it turns
// true. A program that cannot start, exits non-zero or crashes is a Code::Io
// error naming the program, its exit code and the last lines of its stderr.
Result<CommandOutput> runCommand(const QString &program, const QStringList &args, const TaskHooks &hooks,
                                 const QByteArray &input = {});

// The absolute path of PROGRAM, or an empty string.
QString findProgram(const QString &program);

} // namespace atalaia::virt
