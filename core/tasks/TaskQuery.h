#pragma once

#include "ExitStatus.h"
#include "model/Task.h"

#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace atalaia::tasks {

// The filters of GET /nodes/{node}/tasks, for TaskManager::list().
struct TaskFilter {
    // PVE's "source": finished tasks, running ones, or both. (PVE's API
    // default is Archive; callers map it.)
    enum class Source { Archive, Active, All };

    Source source = Source::All;
    QString user;          // PVE userfilter: a case-insensitive substring of the user
    QString type;          // PVE typefilter: the exact task type
    QString id;            // PVE vmid: the exact task id
    bool errorsOnly = false; // PVE errors: only finished tasks whose status is an error
    // PVE statusfilter: only these status types (a running task counts as
    // Unknown, as PVE normalises a missing status). Empty: all.
    QSet<ExitStatus::Type> statusTypes;
    std::optional<qint64> since; // starttime >= since
    std::optional<qint64> until; // starttime <= until
    qsizetype start = 0;         // skip this many matches
    qsizetype limit = 50;        // at most this many; <= 0: no limit
};

// A page of tasks, newest first, and how many matched in all (PVE's "total").
struct TaskList {
    QList<model::Task> tasks;
    qsizetype total = 0;
};

} // namespace atalaia::tasks
