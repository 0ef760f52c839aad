#pragma once

#include <QPointer>
#include <QTimer>
#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace atalaia::ui {

class ClusterSession;
class TaskLogView;

// The last page of the cluster wizards: one task on the node (create, join),
// its live log (a TaskLogView, embedded) and its outcome, in large words,
// green or red. Finish is enabled once the wizard calls finish(); closing
// the wizard earlier leaves the task running on the node (it stays in the
// task list).
//
// A node may restart its API during such a task (a joining node does, with a
// certificate from the cluster). The page then says what happened and what
// to do, in place of an error: the connection dropped and the console keeps
// trying; the node shows another certificate (with a button that trusts it);
// the session needs the password again (with a field and a button).
class TaskProgressPage : public QWizardPage
{
    Q_OBJECT
public:
    // How often the task's status is read while it runs.
    static constexpr int kStatusPollMs = 1000;

    explicit TaskProgressPage(ClusterSession &session, QWidget *parent = nullptr);

    // Follows the task UPID (log and status) until it stops; RUNNING is the
    // headline meanwhile, TITLE names the task in the log view.
    void follow(const QString &upid, const QString &title, const QString &running);
    // Why the node's certificate may change during this task (said when it
    // does); empty: a change is unexpected.
    void setCertificateChangeExpected(const QString &why) { m_certificateNote = why; }

    QString upid() const { return m_upid; }
    bool running() const { return !m_upid.isEmpty() && !m_stopped; }
    QString exitStatus() const { return m_exitStatus; }

    // The task stopped but there is more to wait for: TEXT as the headline,
    // Finish stays disabled.
    void wait(const QString &text, const QString &detail = {});
    // The end: TEXT as the headline (green when OK, red otherwise), DETAIL
    // under it; Finish is enabled.
    void finish(bool ok, const QString &text, const QString &detail = {});
    bool isComplete() const override { return m_done; }
    bool succeeded() const { return m_done && m_ok; }

    // For tests and the screenshot tour.
    QString headline() const;
    QString detail() const;
    QString recoveryText() const;
    TaskLogView *logView() const { return m_log; }

signals:
    // The task stopped; OK when its exit status is "OK" (or only warnings).
    void taskStopped(bool ok, const QString &exitStatus);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void pollStatus();
    void updateRecovery();

    QPointer<ClusterSession> m_session;
    QString m_upid;
    QString m_node;
    QString m_exitStatus;
    QString m_certificateNote;
    bool m_stopped = false;
    bool m_polling = false;
    bool m_done = false;
    bool m_ok = false;
    QTimer m_timer;
    QLabel *m_headline = nullptr;
    QLabel *m_detail = nullptr;
    QWidget *m_recovery = nullptr;
    QLabel *m_recoveryText = nullptr;
    QPushButton *m_trust = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_login = nullptr;
    // Holds the log view from follow() on. It is on the page from the start:
    // QWizard decides whether a page takes the wizard's height as it shows
    // the page, so a log added later would get only its preferred height.
    QWidget *m_logArea = nullptr;
    TaskLogView *m_log = nullptr;
};

} // namespace atalaia::ui
