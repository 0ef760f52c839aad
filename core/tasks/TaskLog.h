#pragma once

#include <QList>
#include <QString>

namespace atalaia::tasks {

// One line of GET /nodes/{node}/tasks/{upid}/log: {"n": 1, "t": "text"},
// n counting from 1.
struct TaskLogLine {
    qsizetype n = 0;
    QString t;

    friend bool operator==(const TaskLogLine &, const TaskLogLine &) = default;
};

// A page of a task log and the log's line count (PVE's "total").
struct TaskLog {
    QList<TaskLogLine> lines;
    qsizetype total = 0;
};

} // namespace atalaia::tasks
