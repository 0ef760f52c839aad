#pragma once

#include "Upid.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /nodes/{node}/tasks and /cluster/tasks, also the shape of
// /nodes/{node}/tasks/{upid}/status.
//
// PVE repeats the UPID's parts as fields: node, pid, pstart, starttime, type,
// id, user. They are not stored twice here: toJson() always writes them from
// `upid`, and fromJson() accepts them only if they agree with it, so a Task
// can never describe two different tasks at once.
struct Task {
    Upid upid;
    std::optional<qint64> endtime; // seconds since the epoch; unset while running
    // Task list: "OK", "ERROR: <message>", "WARNINGS: <n>", or unset while
    // running. Status call: running | stopped, with the result in exitstatus.
    std::optional<QString> status;
    std::optional<QString> exitstatus;
    QJsonObject extra;

    static Result<Task> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Task &, const Task &) = default;
};

} // namespace atalaia::model
