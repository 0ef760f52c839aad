#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <optional>

namespace atalaia::tasks {

// A finished task's exit status, in Proxmox's words.
//
// A task log ends with one of
//     TASK OK
//     TASK ERROR: <message>
//     TASK WARNINGS: <n>
// and the exit status (the "status" of a task list entry, the "exitstatus"
// of /nodes/{node}/tasks/{upid}/status) is read back from that line as PVE
// reads it: "OK", the bare error message, "WARNINGS: <n>", or "unexpected
// status" when the last line is none of these (the task died mid-way).
class ExitStatus
{
public:
    static constexpr QLatin1StringView kOk{"OK"};
    static constexpr QLatin1StringView kUnexpected{"unexpected status"};
    // What PVE's workers die with when stopped; also ours for a stopped task.
    static constexpr QLatin1StringView kInterrupted{"interrupted by signal"};

    // PVE's status types for the statusfilter parameter.
    enum class Type { Ok, Warning, Error, Unknown };

    static QString okLine() { return QStringLiteral("TASK OK"); }
    static QString errorLine(const QString &message);
    static QString warningsLine(int count);

    // The exit status a log's last line gives.
    static QString fromLastLine(QStringView line);

    // "OK", "WARNINGS: <n>" and "unexpected status" are not errors; anything
    // else is an error message.
    static Type type(QStringView status);
    static QLatin1StringView typeName(Type type); // "ok", "warning", "error", "unknown"
    static std::optional<Type> typeFromName(QStringView name);
    static bool isError(QStringView status) { return type(status) == Type::Error; }

    // An error message as one line: TASK ERROR must be the log's last line.
    static QString oneLine(const QString &message);
};

} // namespace atalaia::tasks
