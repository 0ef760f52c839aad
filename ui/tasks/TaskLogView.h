#pragma once

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace atalaia::ui {

class ClusterSession;

// The log of one task, following it while it runs (Proxmox's task viewer):
// new lines are fetched every kFollowMs with ?start=N, until the task stops.
// Not modal; closing it stops following.
class TaskLogView : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kFollowMs = 1000;

    TaskLogView(ClusterSession &session, const QString &upid, const QString &title, QWidget *parent = nullptr);

private:
    void fetch();
    void fetchStatus();

    QPointer<ClusterSession> m_session;
    QString m_upid;
    QString m_node;
    int m_nextLine = 0;
    bool m_running = true;
    bool m_busy = false;
    QTimer m_timer;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QProgressBar *m_busyBar = nullptr;
};

} // namespace atalaia::ui
