#pragma once

#include "TaskContext.h"
#include "TaskLog.h"
#include "TaskQuery.h"
#include "TaskSpec.h"
#include "base/Clock.h"
#include "base/Error.h"
#include "model/NodeId.h"
#include "model/Task.h"
#include "model/Upid.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace atalaia::tasks {

class RunningTask;
class TaskIndex;

// Proxmox-style tasks: long work with a UPID, a log, progress and a result.
//
// On disk, under <dataDir>/tasks, as PVE lays out /var/log/pve/tasks:
//   <X>/<UPID>   the task log, X = the last hex digit of the UPID's starttime;
//                its last line is "TASK OK", "TASK ERROR: <message>" or
//                "TASK WARNINGS: <n>"
//   index.db     the task index (TaskIndex), so listing never scans directories
//
// UPIDs carry this node's name, the agent's pid and its start time in clock
// ticks (/proc/self/stat field 22), and the start time from the Clock. All
// tasks share the agent's pid, so two tasks with the same type, id and user
// started in the same second would get the same UPID; the second one then
// takes the next free second as its starttime.
//
// Tasks survive an agent restart: finished tasks stay listed with their logs,
// and open() marks tasks that were running when the agent died as stopped
// with the status their log's last line gives, normally "unexpected status".
// One TaskManager per data directory at a time.
//
// Thread-safe. The work runs on the manager's own bounded thread pool.
// Signals come from the thread that causes them (start()'s caller for
// taskStarted, the task's worker thread for the others), so receivers in
// other threads use queued connections (AutoConnection does).
class TaskManager : public QObject
{
    Q_OBJECT

public:
    struct Options {
        QString dataDir;
        model::NodeId node;
        int maxThreads = 4;           // tasks beyond this wait (and count as running)
        const Clock *clock = nullptr; // SystemClock when unset
    };

    static Result<std::unique_ptr<TaskManager>> open(const Options &options);
    // Stops every running task (see stop()) and waits for them to finish.
    ~TaskManager() override;

    const model::NodeId &node() const { return m_node; }
    QString logFilePath(const model::Upid &upid) const;

    // Starts spec.work on a worker thread and returns its UPID at once.
    // Errors: a malformed type, id or user (ModelInvalidUpid), no work
    // (InvalidArgument), the log or index not writable (Io, StoreIo).
    Result<model::Upid> start(TaskSpec spec);

    // Asks a running task to stop: its context's isCancelled() becomes true,
    // and unless its work returns an error of its own, it ends with
    // "TASK ERROR: interrupted by signal", as a stopped PVE worker does. A task
    // still waiting for a thread does not run at all. Stopping a finished task
    // does nothing. TaskNotFound for an unknown UPID.
    Result<void> stop(const model::Upid &upid);

    // GET /nodes/{node}/tasks/{upid}/status: status "running" or "stopped",
    // and for a stopped task exitstatus ("OK", the error message,
    // "WARNINGS: <n>" or "unexpected status").
    Result<model::Task> status(const model::Upid &upid) const;

    // GET /nodes/{node}/tasks: newest first; a finished task has endtime and
    // status (its exit status), a running one neither.
    Result<TaskList> list(const TaskFilter &filter = {}) const;

    // GET /nodes/{node}/tasks/{upid}/log: lines start+1 ... start+limit
    // (numbered from 1; limit <= 0: to the end) and the line count. An
    // empty log reads as one line "no content", as PVE returns it.
    Result<TaskLog> log(const model::Upid &upid, qsizetype start = 0, qsizetype limit = 50) const;

    // 0..1 while running (what the work last set); 1 once finished.
    Result<double> progress(const model::Upid &upid) const;

    qsizetype runningCount() const;
    // Waits until no task runs or waits for a thread; false on timeout.
    bool waitForIdle(int timeoutMs = -1);

signals:
    void taskStarted(const atalaia::model::Upid &upid);
    void taskLogLine(const atalaia::model::Upid &upid, qsizetype n, const QString &line);
    void taskProgress(const atalaia::model::Upid &upid, double progress);
    // exitStatus as status() reports it.
    void taskFinished(const atalaia::model::Upid &upid, const QString &exitStatus);

private:
    TaskManager(const Options &options, std::unique_ptr<TaskIndex> index);
    Result<void> recover();
    void run(const std::shared_ptr<RunningTask> &task,
             const std::function<Result<void>(TaskContext &)> &work);
    std::shared_ptr<RunningTask> findRunning(const model::Upid &upid) const;
    Result<void> checkNode(const model::Upid &upid) const;

    const model::NodeId m_node;
    const QString m_tasksDir;
    const Clock &m_clock;
    std::unique_ptr<TaskIndex> m_index;
    mutable QMutex m_mutex; // guards m_running
    QHash<model::Upid, std::shared_ptr<RunningTask>> m_running;
    std::atomic<bool> m_closing = false;
    QThreadPool m_pool; // last: destroyed (and drained) first
};

} // namespace atalaia::tasks
