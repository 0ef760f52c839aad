#include "ClusterTaskWizard.h"
#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "cluster/TaskProgressPage.h"
#include "session/ClusterSession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

class ClusterTaskWizard::SummaryStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::ClusterTaskWizard)

public:
    SummaryStep(ClusterTaskWizard &w, const QString &subTitle, const QString &note)
        : m_w(w)
    {
        setTitle(tr("Summary"));
        setSubTitle(subTitle);
        setCommitPage(true);
        auto *layout = new QVBoxLayout(this);
        if (!note.isEmpty()) {
            auto *label = new QLabel(note, this);
            label->setWordWrap(true);
            layout->addWidget(label);
        }
        w.m_summary = new QPlainTextEdit(this);
        w.m_summary->setReadOnly(true);
        w.m_summary->setAccessibleName(tr("Summary"));
        w.m_submitState = new QLabel(this);
        w.m_submitState->setObjectName(QStringLiteral("submitState"));
        w.m_submitState->setWordWrap(true);
        w.m_submitState->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(w.m_summary);
        layout->addWidget(w.m_submitState);
    }
    void initializePage() override
    {
        m_w.m_summary->setPlainText(m_w.summary().join(QLatin1Char('\n')));
        m_w.m_submitState->clear();
        m_w.m_submitState->setStyleSheet(QString());
    }
    bool isComplete() const override { return !m_w.m_submitting; }
    bool validatePage() override
    {
        if (!m_w.m_upid.isEmpty())
            return true;
        m_w.submit();
        return false;
    }

private:
    ClusterTaskWizard &m_w;
};

ClusterTaskWizard::ClusterTaskWizard(ClusterSession &session, QWidget *parent)
    : QWizard(parent)
    , m_session(&session)
{
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoBackButtonOnLastPage);
    nameWizardButtons(*this);
}

void ClusterTaskWizard::addTaskPages(int summaryId, const QString &subTitle, const QString &note, int progressId,
                                     const QString &progressTitle)
{
    m_summaryId = summaryId;
    setPage(summaryId, new SummaryStep(*this, subTitle, note));
    m_progress = new TaskProgressPage(*m_session, this);
    m_progress->setTitle(progressTitle);
    setPage(progressId, m_progress);
    connect(m_progress, &TaskProgressPage::taskStopped, this, &ClusterTaskWizard::taskStopped);
}

bool ClusterTaskWizard::loadNode()
{
    if (m_loaded || m_loading || !m_session)
        return false;
    m_loading = true;
    m_session->client().get(QStringLiteral("/cluster/status")).then(this, [this](const Result<QJsonValue> &r) {
        m_loading = false;
        if (!r) {
            nodeStateRead(r.error().message);
            return;
        }
        m_status = ClusterStatus::fromJson(r->toArray());
        m_loaded = true;
        const ClusterStatus::Node *local = m_status.localNode();
        m_node = local ? local->name : QString();
        nodeStateRead({});
        if (m_node.isEmpty() || !m_session)
            return;
        m_session->client()
            .get(QStringLiteral("/nodes/%1/network").arg(m_node))
            .then(this, [this](const Result<QJsonValue> &n) { networkRead(n); });
    });
    return true;
}

void ClusterTaskWizard::submit()
{
    if (m_submitting || !m_session)
        return;
    const Request r = request();
    m_submitting = true;
    emit page(m_summaryId)->completeChanged();
    m_submitState->setStyleSheet(QString());
    m_submitState->setText(r.asking);
    m_session->client().post(r.path, r.parameters).then(this, [this, r](const Result<QJsonValue> &answer) {
        m_submitting = false;
        emit page(m_summaryId)->completeChanged();
        if (!answer || answer->toString().isEmpty()) {
            m_submitState->setStyleSheet(QStringLiteral("color: #d32f2f"));
            m_submitState->setText(answer ? tr("The node answered without a task: nothing was started.")
                                          : r.refused.arg(answer.error().message));
            return;
        }
        m_upid = answer->toString();
        taskStarted();
        next();
        m_progress->follow(m_upid, r.taskTitle, r.running);
    });
}

void ClusterTaskWizard::taskFailed(const QString &headline)
{
    m_progress->finish(false, headline,
                       tr("The log above says why. The node stays standalone unless the log says otherwise."));
}

} // namespace atalaia::ui
