#pragma once

#include "base/Error.h"
#include "cluster/ClusterStatus.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QWizard>

class QLabel;
class QPlainTextEdit;

namespace atalaia::ui {

class ClusterSession;
class TaskProgressPage;

// What the cluster wizards (create, join) share: reading the node's cluster
// state and interfaces, and their last two pages. The summary page is the
// commit page: the request goes out there and the wizard moves on only once
// the node took it (a UPID came back); a refusal stays on that page, in red,
// so Back can fix what the node did not like. The progress page then follows
// the task on the node until the wizard calls finish() on it.
class ClusterTaskWizard : public QWizard
{
    Q_OBJECT
public:
    TaskProgressPage *progressPage() const { return m_progress; }

protected:
    // What the summary page sends, and the wizard's words for it.
    struct Request {
        QString path;           // POSTed, e.g. "/cluster/config"
        QJsonObject parameters;
        QString asking;         // while the node has not answered
        QString refused;        // the node said no; %1 is its reason
        QString taskTitle;      // names the task in the log view
        QString running;        // the headline while the task runs
    };

    ClusterTaskWizard(ClusterSession &session, QWidget *parent);

    // Adds the summary page as SUMMARYID (with SUBTITLE, and NOTE above the
    // summary when there is one) and the progress page as PROGRESSID, titled
    // PROGRESSTITLE, after the wizard's own pages.
    void addTaskPages(int summaryId, const QString &subTitle, const QString &note, int progressId,
                      const QString &progressTitle);

    // Reads GET /cluster/status once and, when the node says its name, GET
    // /nodes/{node}/network; nodeStateRead() and networkRead() get the
    // answers. False when it was read or is being read already.
    bool loadNode();
    // ERROR empty: m_status, m_node and m_loaded are set.
    virtual void nodeStateRead(const QString &error) = 0;
    virtual void networkRead(const Result<QJsonValue> &interfaces) = 0;

    // The summary page's lines and request, asked for as the page shows and
    // as Commit is pressed.
    virtual QStringList summary() const = 0;
    virtual Request request() const = 0;
    // The node took the request; the progress page is about to follow it.
    virtual void taskStarted() {}
    // The task stopped (see TaskProgressPage::taskStopped); the wizard says
    // how it ended with progressPage()->finish() or taskFailed().
    virtual void taskStopped(bool ok, const QString &exitStatus) = 0;
    // The task failed: HEADLINE, and where to look for why.
    void taskFailed(const QString &headline);

    // Null once the session is gone (the wizard may outlive it).
    QPointer<ClusterSession> m_session;
    bool m_loaded = false;      // /cluster/status answered
    ClusterStatus m_status;
    QString m_node;             // the node's name, as /cluster/status says it

private:
    class SummaryStep;
    friend class SummaryStep;

    void submit();

    bool m_loading = false;
    int m_summaryId = -1;
    bool m_submitting = false;
    QString m_upid;             // set once the node accepted the request
    QPlainTextEdit *m_summary = nullptr;
    QLabel *m_submitState = nullptr;
    TaskProgressPage *m_progress = nullptr;
};

} // namespace atalaia::ui
