#include "GuestCreateWizard.h"

#include "StandardButtons.h"
#include "api/client/ApiClient.h"
#include "cluster/TaskProgressPage.h"
#include "session/ClusterSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

namespace {

// Proxmox's VMID range.
constexpr int kMinVmid = 100;
constexpr int kMaxVmid = 999999999;
// Typing "1", "10", "105" checks only the last: wait this long after a keystroke.
constexpr int kVmidCheckDelayMs = 300;

// pve's dns-name: labels of letters, digits and '-', not starting or ending with '-'.
const QRegularExpression kDnsName(
    QStringLiteral("^([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)(\\.([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?))*$"));

} // namespace

class GuestCreateWizard::ConfirmStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::GuestCreateWizard)

public:
    explicit ConfirmStep(GuestCreateWizard &w)
        : m_w(w)
    {
        setTitle(tr("Confirm"));
        setSubTitle(tr("These settings are sent to the node, which creates the guest as a task."));
        setCommitPage(true);
        auto *layout = new QVBoxLayout(this);
        w.m_summary = new QTableWidget(0, 2, this);
        w.m_summary->setObjectName(QStringLiteral("summary"));
        w.m_summary->setAccessibleName(tr("Settings"));
        w.m_summary->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
        w.m_summary->verticalHeader()->hide();
        w.m_summary->horizontalHeader()->setStretchLastSection(true);
        w.m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
        w.m_summary->setSelectionBehavior(QAbstractItemView::SelectRows);
        w.m_startAfter = new QCheckBox(tr("&Start after created"), this);
        w.m_startAfter->setObjectName(QStringLiteral("startAfterCreated"));
        w.m_submitState = new QLabel(this);
        w.m_submitState->setObjectName(QStringLiteral("submitState"));
        w.m_submitState->setWordWrap(true);
        w.m_submitState->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(w.m_summary, 1);
        layout->addWidget(w.m_startAfter);
        layout->addWidget(w.m_submitState);
    }
    void initializePage() override
    {
        const QList<QPair<QString, QString>> rows = m_w.summaryRows();
        m_w.m_summary->setRowCount(int(rows.size()));
        for (int i = 0; i < rows.size(); ++i) {
            m_w.m_summary->setItem(i, 0, new QTableWidgetItem(rows[i].first));
            m_w.m_summary->setItem(i, 1, new QTableWidgetItem(rows[i].second));
        }
        m_w.m_summary->resizeColumnToContents(0);
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
    GuestCreateWizard &m_w;
};

GuestCreateWizard::GuestCreateWizard(ClusterSession &session, QString type, const QString &preferredNode, QWidget *parent)
    : QWizard(parent)
    , m_session(&session)
    , m_type(std::move(type))
{
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::HaveHelpButton, false);
    nameWizardButtons(*this);
    setButtonText(QWizard::CommitButton, tr("C&reate"));
    m_node = new QComboBox(this);
    m_node->setObjectName(QStringLiteral("node"));
    m_vmid = new QSpinBox(this);
    m_vmid->setObjectName(QStringLiteral("vmid"));
    m_vmid->setRange(kMinVmid, kMaxVmid);
    m_vmidState = new QLabel(this);
    m_vmidState->setObjectName(QStringLiteral("vmidState"));
    m_vmidState->setWordWrap(true);
    fillNodes(preferredNode);
    m_vmidTimer.setSingleShot(true);
    m_vmidTimer.setInterval(kVmidCheckDelayMs);
    connect(&m_vmidTimer, &QTimer::timeout, this, &GuestCreateWizard::checkVmid);
    connect(m_vmid, &QSpinBox::valueChanged, this, [this] {
        m_vmidFree = false;
        ++m_vmidRequest; // an answer for an older value no longer counts
        m_vmidState->setStyleSheet(QString());
        showVmidState(tr("Checking whether the ID is free…"));
        if (m_generalPage)
            emit m_generalPage->completeChanged();
        m_vmidTimer.start();
    });
    connect(m_node, &QComboBox::currentIndexChanged, this, [this] { nodeChanged(); });
    loadNextId();
}

void GuestCreateWizard::fillNodes(const QString &preferred)
{
    QStringList nodes;
    if (m_session)
        for (const auto &r : m_session->resources())
            if (r.type == model::ResourceType::Node && r.node && r.status.value_or(QString()) == QLatin1String("online"))
                nodes.append(r.node->toString());
    nodes.sort();
    m_node->addItems(nodes);
    if (const int i = m_node->findText(preferred); i >= 0)
        m_node->setCurrentIndex(i);
}

void GuestCreateWizard::addGeneralFields(QFormLayout *form, QWizardPage *page)
{
    m_generalPage = page;
    form->addRow(tr("&Node:"), m_node);
    form->addRow(tr("&ID:"), m_vmid);
    form->addRow(QString(), m_vmidState);
    connect(m_node, &QComboBox::currentIndexChanged, page, &QWizardPage::completeChanged);
}

bool GuestCreateWizard::generalComplete() const
{
    return !node().isEmpty() && m_vmidFree;
}

int GuestCreateWizard::vmid() const
{
    return m_vmid->value();
}

QString GuestCreateWizard::node() const
{
    return m_node->currentText();
}

void GuestCreateWizard::loadNextId()
{
    if (!m_session)
        return;
    showVmidState(tr("Asking the cluster for the next free ID…"));
    const quint64 request = ++m_vmidRequest;
    m_session->client().get(QStringLiteral("/cluster/nextid")).then(this, [this, request](const Result<QJsonValue> &r) {
        if (request != m_vmidRequest)
            return; // the user typed an ID meanwhile
        if (!r) {
            showVmidState(tr("Cannot get the next free ID: %1").arg(r.error().message));
            return;
        }
        // Proxmox answers a string; accept a number too.
        const int next = r->isString() ? r->toString().toInt() : r->toInt();
        const QSignalBlocker quiet(m_vmid);
        m_vmid->setValue(next);
        m_vmidFree = next >= kMinVmid;
        showVmidState(QString());
        if (m_generalPage)
            emit m_generalPage->completeChanged();
    });
}

void GuestCreateWizard::checkVmid()
{
    if (!m_session)
        return;
    const quint64 request = ++m_vmidRequest;
    const int id = vmid();
    m_session->client()
        .get(QStringLiteral("/cluster/nextid"), {{QStringLiteral("vmid"), id}})
        .then(this, [this, request, id](const Result<QJsonValue> &r) {
            if (request != m_vmidRequest)
                return;
            m_vmidFree = bool(r);
            m_vmidState->setStyleSheet(r ? QString() : QStringLiteral("color: #d32f2f"));
            showVmidState(r ? QString() : tr("ID %1 is taken: %2").arg(id).arg(r.error().message));
            if (m_generalPage)
                emit m_generalPage->completeChanged();
        });
}

void GuestCreateWizard::showVmidState(const QString &text)
{
    // Hidden when empty: an empty word-wrapped label still takes a row's height.
    m_vmidState->setText(text);
    m_vmidState->setVisible(!text.isEmpty());
}

QString GuestCreateWizard::dnsNameProblem(const QString &name)
{
    if (name.isEmpty() || kDnsName.match(name).hasMatch())
        return {};
    return tr("A name has only letters, digits, '-' and '.', and no part of it starts or ends with '-'.");
}

void GuestCreateWizard::addFinalPages(int confirmId, int progressId)
{
    m_confirmId = confirmId;
    setPage(confirmId, new ConfirmStep(*this));
    m_progress = new TaskProgressPage(*m_session, this);
    m_progress->setTitle(tr("Creating"));
    setPage(progressId, m_progress);
    connect(m_progress, &TaskProgressPage::taskStopped, this, &GuestCreateWizard::taskStopped);
}

QJsonObject GuestCreateWizard::requestParameters() const
{
    QJsonObject p = parameters();
    p.insert(QStringLiteral("vmid"), vmid());
    if (m_startAfter && m_startAfter->isChecked())
        p.insert(QStringLiteral("start"), 1);
    return p;
}

void GuestCreateWizard::submit()
{
    if (m_submitting || !m_session)
        return;
    m_submitting = true;
    emit page(m_confirmId)->completeChanged();
    m_submitState->setStyleSheet(QString());
    m_submitState->setText(tr("Asking %1 to create %2…").arg(node(), guestLabel()));
    const QString path = QStringLiteral("/nodes/%1/%2").arg(node(), m_type);
    m_session->client().post(path, requestParameters()).then(this, [this](const Result<QJsonValue> &answer) {
        m_submitting = false;
        emit page(m_confirmId)->completeChanged();
        if (!answer || answer->toString().isEmpty()) {
            m_submitState->setStyleSheet(QStringLiteral("color: #d32f2f"));
            m_submitState->setText(answer ? tr("The node answered without a task: nothing was started.")
                                          : tr("The node refused to create %1: %2").arg(guestLabel(), answer.error().message));
            return;
        }
        m_upid = answer->toString();
        next();
        m_progress->follow(m_upid, tr("Create %1").arg(guestLabel()),
                           tr("Creating %1 on %2…").arg(guestLabel(), node()));
        if (m_session)
            m_session->refreshSoon();
    });
}

void GuestCreateWizard::taskStopped(bool ok, const QString &exitStatus)
{
    if (m_session)
        m_session->refreshSoon();
    if (!ok) {
        m_progress->finish(false, tr("Creating %1 failed: %2").arg(guestLabel(), exitStatus),
                           tr("The log above says why. Whatever the task allocated was freed again."));
        return;
    }
    m_progress->finish(true,
                       m_startAfter->isChecked() ? tr("%1 created and started.").arg(guestLabel())
                                                 : tr("%1 created.").arg(guestLabel()),
                       tr("It is in the tree under node %1.").arg(node()));
    emit guestCreated(vmid());
}

} // namespace atalaia::ui
