#include "TaskProgressPage.h"

#include "api/client/ApiClient.h"
#include "model/Upid.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizard>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

TaskProgressPage::TaskProgressPage(ClusterSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(&session)
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("taskHeadline"));
    m_headline->setWordWrap(true);
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_headline->setFont(big);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("taskDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->hide();

    // What to do when the node's API went away under the task.
    m_recovery = new QWidget(this);
    m_recovery->setObjectName(QStringLiteral("connectionRecovery"));
    auto *recovery = new QVBoxLayout(m_recovery);
    recovery->setContentsMargins(0, 0, 0, 0);
    m_recoveryText = new QLabel(m_recovery);
    m_recoveryText->setWordWrap(true);
    m_recoveryText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recoveryText->setStyleSheet(QStringLiteral("color: #e65100"));
    auto *actions = new QHBoxLayout;
    m_trust = new QPushButton(m_recovery);
    m_trust->setObjectName(QStringLiteral("trustNewCertificate"));
    m_secret = new QLineEdit(m_recovery);
    m_secret->setObjectName(QStringLiteral("loginAgainSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_login = new QPushButton(m_recovery);
    m_login->setObjectName(QStringLiteral("loginAgain"));
    m_login->setEnabled(false);
    m_secret->setMinimumWidth(240);
    actions->addWidget(m_trust);
    actions->addWidget(m_secret);
    actions->addWidget(m_login);
    actions->addStretch(1);
    recovery->addWidget(m_recoveryText);
    recovery->addLayout(actions);
    m_recovery->hide();

    m_logArea = new QWidget(this);
    m_logArea->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    (new QVBoxLayout(m_logArea))->setContentsMargins(0, 0, 0, 0);

    layout->addWidget(m_headline);
    layout->addWidget(m_logArea, 1);
    layout->addWidget(m_detail);
    layout->addWidget(m_recovery);

    connect(m_trust, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->trustPending();
    });
    connect(m_secret, &QLineEdit::textChanged, this, [this](const QString &t) { m_login->setEnabled(!t.isEmpty()); });
    auto login = [this] {
        if (!m_session || m_secret->text().isEmpty())
            return;
        m_session->connectWithSecret(m_secret->text());
        m_secret->clear();
    };
    connect(m_login, &QPushButton::clicked, this, login);
    connect(m_secret, &QLineEdit::returnPressed, this, login);
    connect(&session, &ClusterSession::stateChanged, this, &TaskProgressPage::updateRecovery);

    m_timer.setInterval(kStatusPollMs);
    connect(&m_timer, &QTimer::timeout, this, &TaskProgressPage::pollStatus);
}

void TaskProgressPage::follow(const QString &upid, const QString &title, const QString &running)
{
    if (!m_session || !m_upid.isEmpty())
        return;
    m_upid = upid;
    if (auto parsed = model::Upid::parse(upid))
        m_node = parsed->node().toString();
    m_headline->setText(running);
    m_headline->setStyleSheet(QString());
    // The task viewer is a dialog of its own elsewhere; here it is a part of
    // the page: no window, no Close button, and Escape closes the wizard
    // rather than hiding the log.
    m_log = new TaskLogView(*m_session, upid, title, this);
    m_log->setWindowFlags(Qt::Widget);
    m_log->setAttribute(Qt::WA_DeleteOnClose, false);
    m_log->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding); // the log takes the page's height
    if (auto *buttons = m_log->findChild<QDialogButtonBox *>())
        buttons->hide();
    m_log->layout()->setContentsMargins(0, 0, 0, 0);
    m_log->installEventFilter(this);
    m_logArea->layout()->addWidget(m_log);
    m_log->show();
    if (wizard())
        wizard()->setButtonText(QWizard::CancelButton, tr("&Close"));
    m_timer.start();
    pollStatus();
    updateRecovery();
}

bool TaskProgressPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_log && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        if (wizard())
            wizard()->reject();
        return true;
    }
    return QWizardPage::eventFilter(watched, event);
}

void TaskProgressPage::pollStatus()
{
    if (!m_session || m_polling || m_stopped || m_upid.isEmpty())
        return;
    m_polling = true;
    // Decoded: the client encodes the path (a UPID's ':' and '@' stay, as Proxmox clients send them).
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/status").arg(m_node, m_upid);
    m_session->client().send(ApiClient::Method::Get, path).then(this, [this](const Response &r) {
        m_polling = false;
        // A failed read is no news: the node may be restarting its API; the
        // session's state (shown by updateRecovery) says what is going on.
        if (!r.isOk() || m_stopped)
            return;
        const QJsonObject status = r.data.toObject();
        if (status.value(QLatin1String("status")).toString() != QLatin1String("stopped"))
            return;
        m_stopped = true;
        m_timer.stop();
        m_exitStatus = status.value(QLatin1String("exitstatus")).toString();
        // Proxmox ends tasks that logged warnings with "WARNINGS: n": done, with remarks.
        const bool ok = m_exitStatus == QLatin1String("OK") || m_exitStatus.startsWith(QLatin1String("WARNINGS"));
        emit taskStopped(ok, m_exitStatus);
    });
}

void TaskProgressPage::wait(const QString &text, const QString &detail)
{
    m_headline->setText(text);
    m_headline->setStyleSheet(QString());
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void TaskProgressPage::finish(bool ok, const QString &text, const QString &detail)
{
    m_done = true;
    m_ok = ok;
    m_timer.stop();
    m_headline->setText(text);
    m_headline->setStyleSheet(ok ? QStringLiteral("color: #2e7d32") : QStringLiteral("color: #d32f2f"));
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    updateRecovery();
    emit completeChanged();
}

QString TaskProgressPage::headline() const
{
    return m_headline->text();
}

QString TaskProgressPage::detail() const
{
    return m_detail->text();
}

QString TaskProgressPage::recoveryText() const
{
    return m_recovery->isVisibleTo(this) ? m_recoveryText->text() : QString();
}

void TaskProgressPage::updateRecovery()
{
    if (!m_session || m_upid.isEmpty()) {
        m_recovery->hide();
        return;
    }
    using State = ClusterSession::State;
    const State state = m_session->state();
    m_trust->setText(tr("&Trust the new certificate"));
    m_login->setText(tr("&Log in again"));
    m_secret->setPlaceholderText(tr("password of %1").arg(m_session->profile().userid));
    m_trust->setVisible(state == State::Blocked || state == State::NeedsTrust);
    m_secret->setVisible(state == State::NeedsSecret);
    m_login->setVisible(state == State::NeedsSecret);
    QString text;
    switch (state) {
    case State::Online:
    case State::Connecting:
        break;
    case State::Reconnecting:
        text = tr("The connection to the node dropped; the console keeps trying, and the task goes on on the node.");
        break;
    case State::Blocked:
    case State::NeedsTrust:
    {
        const QString fingerprint = m_session->pendingFingerprint().toString();
        text = m_certificateNote.isEmpty()
                   ? tr("The node now presents another certificate, with the fingerprint %1. If you did not expect "
                        "this, do not trust it.").arg(fingerprint)
                   : tr("The node now presents another certificate, with the fingerprint %1. %2")
                         .arg(fingerprint, m_certificateNote);
        break;
    }
    case State::NeedsSecret:
        text = tr("The node asks for the login again: enter the password of %1 to carry on.")
                   .arg(m_session->profile().userid);
        break;
    case State::Disconnected:
        text = tr("The connection to the node is closed: the task goes on without it.");
        break;
    }
    if (m_done && state == State::Online)
        text.clear();
    m_recoveryText->setText(text);
    m_recovery->setVisible(!text.isEmpty());
}

} // namespace atalaia::ui
