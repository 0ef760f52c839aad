#pragma once

#include "base/Clock.h"
#include "base/Error.h"
#include "model/Upid.h"

#include <QString>

#include <memory>

namespace atalaia::tasks {

class RunningTask;
class TaskManager;

// What a task's work function gets: its log, progress and cancellation.
// Every method is thread-safe, so work may hand the context to helpers on
// other threads while it runs; it must not keep it after returning.
class TaskContext
{
public:
    TaskContext(const TaskContext &) = delete;
    TaskContext &operator=(const TaskContext &) = delete;

    const model::Upid &upid() const;

    // Appends a line to the task log (several if it holds '\n'), written
    // through to the log file at once and signalled as taskLogLine.
    void log(const QString &line);
    // Logs "WARN: <line>" and counts a warning: a task that succeeds with
    // warnings ends with "TASK WARNINGS: <n>", as in PVE.
    void warn(const QString &line);

    // Progress from 0 to 1 (clamped), signalled as taskProgress.
    void setProgress(double progress);

    // Whether stop() was called. Work should then clean up and return,
    // ideally with interrupted().
    bool isCancelled() const;
    // Waits up to timeoutMs (< 0: forever) for stop(); returns isCancelled().
    // For work that polls: `while (!context.waitForCancel(500)) poll();`
    bool waitForCancel(int timeoutMs) const;
    // The error PVE's workers end with when stopped: "interrupted by signal".
    static std::unexpected<Error> interrupted();

    const Clock &clock() const { return m_clock; }

private:
    friend class TaskManager;
    TaskContext(TaskManager &manager, std::shared_ptr<RunningTask> task, const Clock &clock);

    TaskManager &m_manager;
    std::shared_ptr<RunningTask> m_task;
    const Clock &m_clock;
};

} // namespace atalaia::tasks
