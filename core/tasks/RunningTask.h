#pragma once

#include "model/Upid.h"

#include <QList>
#include <QMutex>
#include <QWaitCondition>
#include <QString>

#include <atomic>
#include <utility>

namespace atalaia::tasks {

// The state of one task between start and finish, shared by TaskManager and
// the task's TaskContext. Internal to core/tasks.
class RunningTask
{
public:
    // fd: the task's log file, opened for appending; owned from now on.
    RunningTask(model::Upid upid, int fd);
    ~RunningTask();
    RunningTask(const RunningTask &) = delete;
    RunningTask &operator=(const RunningTask &) = delete;

    const model::Upid &upid() const { return m_upid; }

    // Appends text to the log, one line per '\n'-separated part (a trailing
    // newline adds no empty line), each written
    // through to the file at once (no user-space buffer). Returns the lines
    // with their numbers. Thread-safe; after finish() appends are dropped.
    QList<std::pair<qsizetype, QString>> append(const QString &text, bool warning = false);

    // Writes the last line, syncs and closes the log. Returns its number.
    qsizetype finish(const QString &lastLine);

    int warnings() const;

    // Cancellation (TaskManager::stop): sets the flag and wakes waiters.
    void cancel();
    bool isCancelled() const { return m_cancelled; }
    // Waits until cancelled or timeoutMs passed (< 0: forever); returns
    // isCancelled().
    bool waitForCancel(int timeoutMs) const;

    std::atomic<double> progress = 0.0;

private:
    bool writeLine(const QString &line); // under m_mutex

    const model::Upid m_upid;
    mutable QMutex m_mutex; // guards the members below
    int m_fd = -1;          // -1 once finished
    qsizetype m_lines = 0;
    int m_warnings = 0;

    std::atomic<bool> m_cancelled = false;
    mutable QMutex m_cancelMutex; // pairs with m_cancelWake
    mutable QWaitCondition m_cancelWake;
};

} // namespace atalaia::tasks
