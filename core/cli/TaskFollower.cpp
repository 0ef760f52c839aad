#include "TaskFollower.h"

#include "ServerConnection.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::Response;

TaskFollower::TaskFollower(ServerConnection &connection, QTextStream &out, std::chrono::milliseconds interval)
    : m_connection(connection)
    , m_out(out)
    , m_interval(interval)
{
}

bool TaskFollower::succeeded(const QString &exitStatus)
{
    return exitStatus == QLatin1String("OK") || exitStatus.startsWith(QLatin1String("WARNINGS"));
}

bool TaskFollower::printNewLines(const QString &base, Outcome &outcome)
{
    for (;;) {
        const Response log = m_connection.call(ApiClient::Method::Get, base + QStringLiteral("/log"),
                                               {{QStringLiteral("start"), m_printed},
                                                {QStringLiteral("limit"), kPage}});
        if (!log.isOk()) {
            outcome.failure = log;
            return false;
        }
        const QJsonArray lines = log.data.toArray();
        for (const QJsonValue &line : lines) {
            const QJsonObject object = line.toObject();
            const qint64 n = object.value(QLatin1String("n")).toInteger();
            if (n <= m_printed)
                continue;
            // An empty log reads as one line "no content" (as in Proxmox): a
            // running task's real first line is still to come, so this is not it.
            if (n == 1 && lines.size() == 1 && !outcome.stopped
                && object.value(QLatin1String("t")).toString() == QLatin1String("no content"))
                break;
            m_out << object.value(QLatin1String("t")).toString() << "\n";
            m_printed = n;
        }
        m_out.flush();
        if (lines.size() < kPage)
            return true;
    }
}

TaskFollower::Outcome TaskFollower::run(const model::Upid &upid, bool follow)
{
    Outcome outcome;
    const QString base = QStringLiteral("/nodes/%1/tasks/%2").arg(upid.node().toString(), upid.toString());
    // Most tasks end within a second: look again soon at first, then less
    // often, up to the interval (the user waits less, long tasks cost no more).
    std::chrono::milliseconds pause = std::min(m_interval, std::chrono::milliseconds(100));
    for (;;) {
        // Status first, then the log: a task that had stopped by then has
        // all its lines in the log we read after.
        const Response status = m_connection.call(ApiClient::Method::Get, base + QStringLiteral("/status"));
        if (!status.isOk()) {
            outcome.failure = status;
            return outcome;
        }
        const QJsonObject object = status.data.toObject();
        outcome.stopped = object.value(QLatin1String("status")).toString() == QLatin1String("stopped");
        outcome.exitStatus = object.value(QLatin1String("exitstatus")).toString();
        if (!printNewLines(base, outcome) || outcome.stopped || !follow)
            return outcome;
        QEventLoop wait;
        QTimer::singleShot(pause, &wait, &QEventLoop::quit);
        wait.exec();
        pause = std::min(m_interval, pause * 2);
    }
}

} // namespace atalaia::cli
