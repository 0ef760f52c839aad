#pragma once

#include "api/client/Response.h"
#include "model/Upid.h"

#include <QString>
#include <QTextStream>

#include <chrono>

namespace atalaia::cli {

class ServerConnection;

// Prints a task's log (GET /nodes/{node}/tasks/{upid}/log), and with follow
// keeps printing new lines as they come until the task has stopped, asking
// again after 100 ms, then twice as long each time up to the interval (a
// timer in a local event loop, never a sleep). The task's node is the one
// in its UPID; the call goes through the connection's
// addresses (a Proxmox cluster proxies it to that node).
class TaskFollower
{
public:
    struct Outcome {
        api::client::Response failure; // isOk() unless a call failed
        QString exitStatus;            // "OK", "WARNINGS: 2", "some error"; empty while running
        bool stopped = false;
    };

    TaskFollower(ServerConnection &connection, QTextStream &out, std::chrono::milliseconds interval);

    Outcome run(const model::Upid &upid, bool follow);

    // PVE: a task succeeded when its exit status is "OK" or "WARNINGS: n".
    static bool succeeded(const QString &exitStatus);

private:
    // Prints the lines after the last one printed; false when a call failed.
    bool printNewLines(const QString &base, Outcome &outcome);

    // Lines per log request: big enough that a long log takes few calls.
    static constexpr int kPage = 1000;

    ServerConnection &m_connection;
    QTextStream &m_out;
    std::chrono::milliseconds m_interval;
    qint64 m_printed = 0; // number of the last line printed (lines count from 1)
};

} // namespace atalaia::cli
