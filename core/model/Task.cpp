#include "Task.h"

#include "JsonReader.h"
#include "JsonWriter.h"
#include "Tr.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

namespace {

constexpr auto describeTask = [](auto &io, auto &t) {
    io.field("upid"_L1, t.upid);
    io.field("endtime"_L1, t.endtime);
    io.field("status"_L1, t.status);
    io.field("exitstatus"_L1, t.exitstatus);
};

// The fields PVE derives from the UPID, typed as PVE writes them.
QJsonObject upidFields(const Upid &upid)
{
    return QJsonObject{
        {"node"_L1, upid.node().toString()},
        {"pid"_L1, qint64(upid.pid())},
        {"pstart"_L1, qint64(upid.pstart())},
        {"starttime"_L1, qint64(upid.starttime())},
        {"type"_L1, upid.type()},
        {"id"_L1, upid.id()},
        {"user"_L1, upid.user()},
    };
}

// PVE may send a number as a string ("pid": "662316"); compare it as a number,
// as JsonReader would read it.
QJsonValue likeExpected(const QJsonValue &given, const QJsonValue &expected)
{
    if (!expected.isDouble() || !given.isString())
        return given;
    bool ok = false;
    const qint64 number = given.toString().toLongLong(&ok);
    return ok ? QJsonValue(number) : given;
}

} // namespace

Result<Task> Task::fromJson(const QJsonObject &json)
{
    Result<Task> task = JsonReader::read<Task>(json, "Task"_L1, describeTask);
    if (!task)
        return task;
    const QJsonObject derived = upidFields(task->upid);
    for (auto it = derived.constBegin(); it != derived.constEnd(); ++it) {
        const QJsonValue given = task->extra.take(it.key());
        if (!given.isUndefined() && likeExpected(given, it.value()) != it.value())
            return fail(Code::ModelInvalidJson,
                        Tr::tr("Task: field \"%1\" is %2 but the UPID says %3")
                            .arg(it.key(), json::describe(given), json::describe(it.value())));
    }
    return task;
}

QJsonObject Task::toJson() const
{
    QJsonObject json = JsonWriter::write(*this, describeTask);
    const QJsonObject derived = upidFields(upid);
    for (auto it = derived.constBegin(); it != derived.constEnd(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

} // namespace atalaia::model
