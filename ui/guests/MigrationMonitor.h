#pragma once

#include "virt/Migration.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace atalaia::api::client {
class EventStreamClient;
}

namespace atalaia::ui {

class ClusterSession;

// Follows one migration task (qmigrate, vzmigrate) wherever it was started:
// its structured progress from the agent's event stream (topic "migration",
// the same MigrationProgress the agent publishes), its log lines, and its end.
// Against a server without the stream (a real Proxmox VE) the log is polled
// and its "migration active, transferred X of Y VM-state, R/s" lines are
// read instead: less detail (no dirty-page rate), the same bar. The log is
// read from its first line once, so a monitor opened in the middle of a
// migration shows what happened before.
class MigrationMonitor : public QObject
{
    Q_OBJECT
public:
    // Status and (without the stream) log polls: Proxmox's GUI polls task
    // status every second as well.
    static constexpr int kPollMs = 1000;

    MigrationMonitor(ClusterSession &session, QString upid, QObject *parent = nullptr);
    // With an event stream opened before the task started, and the events it
    // brought meanwhile (EARLY, any task's): a migration started here is
    // followed from its first sample, which a stream opened afterwards misses.
    MigrationMonitor(ClusterSession &session, QString upid, std::unique_ptr<api::client::EventStreamClient> stream,
                     const QList<QJsonObject> &early, QObject *parent = nullptr);
    ~MigrationMonitor() override;

    QString upid() const { return m_upid; }
    QString sourceNode() const { return m_node; }
    QString targetNode() const { return m_target; }
    bool isRunning() const { return !m_stopped; }
    bool structured() const { return m_structured; }
    const QList<virt::MigrationProgress> &samples() const { return m_samples; }

    // Stops the task on the source node (DELETE /nodes/{node}/tasks/{upid});
    // the guest keeps running there. DONE gets the node's error, empty when it took the request.
    void cancel();

    // What a Proxmox log line says of the migration's progress, if anything.
    static std::optional<virt::MigrationProgress> parseLogLine(const QString &line);
    // "to node 'pve2'" in the task's first lines: the target.
    static QString parseTarget(const QString &line);

signals:
    void progress(const atalaia::virt::MigrationProgress &sample);
    void logLine(const QString &line);
    void targetKnown(const QString &node);
    // The task stopped: OK when its exit status is "OK".
    void finished(bool ok, const QString &exitStatus);
    void cancelFailed(const QString &error);

private:
    void onEvent(const QJsonObject &event);
    void addLine(int n, const QString &line);
    void addSample(const virt::MigrationProgress &sample);
    void poll();
    void fetchLog();
    void stopped(const QString &exitStatus);

    QPointer<ClusterSession> m_session;
    QString m_upid;
    QString m_node;
    QString m_target;
    std::unique_ptr<api::client::EventStreamClient> m_events;
    QTimer m_timer;
    // Lines come from two sources (the stream, log reads) in any order: each
    // is taken once, by its number; reads start after the lines seen without a gap.
    QSet<int> m_seen;
    int m_nextLine = 0;
    bool m_structured = false;   // the stream delivers MigrationProgress: log lines only for the log
    bool m_stopped = false;
    bool m_statusBusy = false;
    bool m_logBusy = false;
    QList<virt::MigrationProgress> m_samples;
};

} // namespace atalaia::ui
