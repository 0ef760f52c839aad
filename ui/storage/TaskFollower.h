#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace atalaia::ui {

class ClusterSession;

// Follows one task to its end (GET .../tasks/UPID/status every kPollMs) and
// says how it ended: what the storage views need after an upload, a
// template download or a removal, which all answer with a task. Dies with
// its parent, so a closed view stops polling.
class TaskFollower : public QObject
{
    Q_OBJECT
public:
    // Why half a second: imports of small files end within one poll, and a
    // user watching a dialog should not wait a second for nothing.
    static constexpr int kPollMs = 500;

    TaskFollower(ClusterSession &session, const QString &upid, QObject *parent = nullptr);

    QString upid() const { return m_upid; }

signals:
    // OK: the exit status is "OK"; EXITSTATUS is the task's (its error message otherwise).
    void finished(bool ok, const QString &exitStatus);

private:
    void poll();

    QPointer<ClusterSession> m_session;
    QString m_upid;
    QString m_node;
    bool m_busy = false;
    QTimer m_timer;
};

} // namespace atalaia::ui
