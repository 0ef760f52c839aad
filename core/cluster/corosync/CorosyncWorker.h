#pragma once

#include "CorosyncSnapshot.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QSocketNotifier;

namespace atalaia::cluster::corosync {

class CorosyncConnection;

// CorosyncMembership's worker: lives on a thread of its own (corosync's
// calls block while corosync does not answer) and keeps one snapshot of
// corosync.conf and corosync up to date:
//  - every second: does corosync.conf exist? (no: NoConfig); if it does and
//    there is no connection, try to connect (failing: the file's nodes,
//    Source::ConfigFile); with a connection, read again (knet's link states
//    change without any notification, so they are polled);
//  - at once when corosync notifies (quorum, votequorum, cmap) or hangs up
//    (then: the file's nodes, and a new connection on the next second).
// SINK gets each snapshot that differs from the last one (the first always),
// on the worker's thread.
class CorosyncWorker final : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<void(const CorosyncSnapshot &)>;

    CorosyncWorker(QString configPath, Sink sink, QObject *parent = nullptr);
    ~CorosyncWorker() override;

    // The first pass (now, on the calling thread), then the timer.
    void start();

    // What corosync.conf at PATH says (NoConfig when it does not exist). Reads
    // a local file: quick, but still not for a GUI thread's event handlers.
    static CorosyncSnapshot readConfigFile(const QString &path);

private:
    void tick();
    void refresh();
    void onReadable();
    void closeConnection(const QString &why);
    CorosyncSnapshot configFileSnapshot();
    void publish(const CorosyncSnapshot &snapshot);

    QString m_path;
    Sink m_sink;
    QTimer m_tick;
    QTimer m_soon; // a coalesced read after notifications, or a retry after TRY_AGAIN
    std::unique_ptr<CorosyncConnection> m_connection;
    std::vector<QSocketNotifier *> m_notifiers; // children; deleted later (they may be signalling)
    std::optional<CorosyncSnapshot> m_published;
    QString m_lastProblem; // logged once, not every second

    // corosync.conf as last parsed, and the file's state then.
    std::optional<CorosyncSnapshot> m_fileSnapshot;
    QDateTime m_fileTime;
    qint64 m_fileSize = -1;
};

} // namespace atalaia::cluster::corosync
