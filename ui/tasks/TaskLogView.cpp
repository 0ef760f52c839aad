#include "TaskLogView.h"

#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "model/Upid.h"
#include "session/ClusterSession.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

TaskLogView::TaskLogView(ClusterSession &session, const QString &upid, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
    , m_upid(upid)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Task: %1").arg(title));
    resize(720, 420);
    if (auto parsed = model::Upid::parse(upid))
        m_node = parsed->node().toString();

    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Status: running"), this);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // busy indicator while the task runs
    m_busyBar->setMaximumHeight(6);
    m_busyBar->setTextVisible(false);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setAccessibleName(tr("Task log"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    nameStandardButtons(*buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_status);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);

    m_timer.setInterval(kFollowMs);
    connect(&m_timer, &QTimer::timeout, this, &TaskLogView::fetch);
    m_timer.start();
    fetch();
}

void TaskLogView::fetch()
{
    if (!m_session || m_busy)
        return;
    m_busy = true;
    // Decoded: the client encodes the path (a UPID's ':' and '@' stay, as Proxmox clients send them).
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/log").arg(m_node, m_upid);
    m_session->client()
        .send(ApiClient::Method::Get, path, {{QStringLiteral("start"), m_nextLine}, {QStringLiteral("limit"), 500}})
        .then(this, [this](const Response &r) {
            m_busy = false;
            if (!r.isOk()) {
                m_status->setText(tr("Cannot read the log: %1").arg(r.error().message));
                return;
            }
            const bool atEnd = m_log->verticalScrollBar()->value() == m_log->verticalScrollBar()->maximum();
            for (const QJsonValue &line : r.data.toArray()) {
                const QJsonObject o = line.toObject();
                m_log->appendPlainText(o.value(QLatin1String("t")).toString());
                m_nextLine = std::max(m_nextLine, o.value(QLatin1String("n")).toInt());
            }
            if (atEnd) // follow the end unless the user scrolled up to read
                m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
            if (m_running)
                fetchStatus();
        });
}

void TaskLogView::fetchStatus()
{
    // Decoded: the client encodes the path (a UPID's ':' and '@' stay, as Proxmox clients send them).
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/status").arg(m_node, m_upid);
    m_session->client().send(ApiClient::Method::Get, path).then(this, [this](const Response &r) {
        if (!r.isOk())
            return;
        const QJsonObject status = r.data.toObject();
        if (status.value(QLatin1String("status")).toString() != QLatin1String("stopped"))
            return;
        m_running = false;
        const QString exit = status.value(QLatin1String("exitstatus")).toString();
        m_status->setText(exit == QLatin1String("OK") ? tr("Status: finished (OK)")
                                                      : tr("Status: failed (%1)").arg(exit));
        m_busyBar->hide();
        fetch(); // the last lines
        m_timer.stop();
    });
}

} // namespace atalaia::ui
