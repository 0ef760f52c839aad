#pragma once

#include "TaskQuery.h"
#include "base/Error.h"
#include "model/Task.h"
#include "model/Upid.h"
#include "store/SqliteDatabase.h"

#include <QMutex>

#include <memory>
#include <optional>

namespace atalaia::tasks {

// The task index: one row per task, so listing never scans log directories
// (PVE keeps /var/log/pve/tasks/index and "active" for the same reason).
// SQLite, WAL, synchronous=FULL: a task recorded as started or finished stays
// so after a crash. Thread-safe (one connection under a mutex). Internal to
// core/tasks.
//
//   tasks(seq INTEGER PRIMARY KEY, upid TEXT UNIQUE, starttime, type, id, user,
//         endtime NULL while running, status NULL while running)
class TaskIndex
{
public:
    static Result<std::unique_ptr<TaskIndex>> open(const QString &fileName);
    ~TaskIndex();

    // Records a running task. false: the UPID is already there.
    Result<bool> insert(const model::Upid &upid);
    Result<void> finish(const model::Upid &upid, qint64 endtime, const QString &status);
    // The task (endtime and status unset while running); nullopt if unknown.
    Result<std::optional<model::Task>> find(const model::Upid &upid) const;
    Result<QList<model::Upid>> running() const;
    Result<TaskList> query(const TaskFilter &filter) const;

private:
    struct Statements;
    TaskIndex(store::SqliteDatabase db, std::unique_ptr<Statements> statements);

    mutable QMutex m_mutex; // guards the connection and its statements
    store::SqliteDatabase m_db;
    std::unique_ptr<Statements> m_stmt;
};

} // namespace atalaia::tasks
