#include "MigrateDialog.h"

#include "MigrationMonitor.h"
#include "StandardButtons.h"
#include "api/client/ApiClient.h"
#include "api/client/EventStreamClient.h"
#include "model/Upid.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

namespace atalaia::ui {

namespace {

enum Figure { Transferred, Remaining, Throughput, DirtyRate, Iteration, ExpectedDowntime, Downtime, Elapsed, FigureCount };

const QString kGood = QStringLiteral("color: #2e7d32");
const QString kBad = QStringLiteral("color: #d32f2f");
const QString kWarn = QStringLiteral("color: #e65100");
constexpr double kMiB = 1024.0 * 1024.0;

QString clock(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString rate(qint64 bytesPerSecond)
{
    return MigrateDialog::tr("%1/s").arg(QLocale().formattedDataSize(bytesPerSecond));
}

} // namespace

MigrateDialog::MigrateDialog(ClusterSession &session, const model::ClusterResource &guest, QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
    , m_guest(guest)
    , m_qemu(guest.type == model::ResourceType::Qemu)
    , m_running(guest.status.value_or(QString()) == QLatin1String("running"))
    , m_source(guest.node ? guest.node->toString() : QString())
{
    buildSetup();
    buildProgress();
    retranslate();
    m_stack->setCurrentIndex(0);
    for (const auto &r : session.resources())
        if (r.type == model::ResourceType::Node && r.node && r.node->toString() != m_source
            && r.status.value_or(QString()) == QLatin1String("online"))
            m_target->addItem(r.node->toString());
    m_target->model()->sort(0);
    m_target->setCurrentIndex(m_target->count() > 0 ? 0 : -1);
    connect(m_target, &QComboBox::currentIndexChanged, this, &MigrateDialog::preflight);
    preflight();
    m_stream = std::make_unique<api::client::EventStreamClient>(session.client());
    connect(m_stream.get(), &api::client::EventStreamClient::event, this, [this](const QJsonObject &event) {
        const QString topic = event.value(QLatin1String("topic")).toString();
        if (topic == QLatin1String("hello"))
            m_streamReady = true;
        // Bounded: only a migration started from this dialog is waited for.
        if ((topic == QLatin1String("migration") || topic == QLatin1String("task")) && m_early.size() < 10000)
            m_early.append(event);
    });
    m_stream->start();
    // As small as the setup needs: the progress page joins the stack only when a migration is followed.
    adjustSize();
    resize(std::max(width(), 600), height());
}

MigrateDialog::MigrateDialog(ClusterSession &session, const QString &upid, QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
{
    const auto parsed = model::Upid::parse(upid);
    m_qemu = !parsed || parsed->type() != QLatin1String("vzmigrate");
    m_source = parsed ? parsed->node().toString() : QString();
    const QString vmid = parsed ? parsed->id() : QString();
    m_guest.type = m_qemu ? model::ResourceType::Qemu : model::ResourceType::Lxc;
    for (const auto &r : session.resources())
        if (r.vmid && r.vmid->toString() == vmid)
            m_guest = r;
    if (!m_guest.vmid)
        m_guest.vmid = model::VmId::parse(vmid).value_or(model::VmId());
    buildSetup();
    buildProgress();
    retranslate();
    follow(upid);
}

MigrateDialog::~MigrateDialog() = default;

bool MigrateDialog::isMigrationTask(const QString &taskType)
{
    // Proxmox's names; "qmmigrate" too, as early atalaiad builds named the VM's task.
    return taskType == QLatin1String("qmigrate") || taskType == QLatin1String("vzmigrate")
        || taskType == QLatin1String("qmmigrate");
}

QString MigrateDialog::guestText() const
{
    const QString id = m_guest.vmid ? m_guest.vmid->toString() : QString();
    const QString name = m_guest.name.value_or(QString());
    if (m_qemu)
        return name.isEmpty() ? tr("VM %1").arg(id) : tr("VM %1 (%2)").arg(id, name);
    return name.isEmpty() ? tr("CT %1").arg(id) : tr("CT %1 (%2)").arg(id, name);
}

void MigrateDialog::buildSetup()
{
    auto *layout = new QVBoxLayout(this);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    auto *setup = new QWidget(m_stack);
    m_setupForm = new QFormLayout(setup);
    m_guestLabel = new QLabel(setup);
    m_target = new QComboBox(setup);
    m_target->setObjectName(QStringLiteral("target"));
    m_preflight = new QLabel(setup);
    m_preflight->setObjectName(QStringLiteral("preflight"));
    m_preflight->setWordWrap(true);
    m_preflight->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A running VM migrates online and a running container with a restart;
    // a stopped guest moves its config only. Neither is a choice: the mode is said, not asked.
    m_mode = new QLabel(setup);
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->setWordWrap(true);
    m_bwlimit = new QSpinBox(setup);
    m_bwlimit->setObjectName(QStringLiteral("bwlimit"));
    m_bwlimit->setRange(0, 100 * 1024);
    m_bwlimit->setSingleStep(10);
    // Labels get their text in retranslate(); an empty one would not be made at all.
    for (QWidget *field : {static_cast<QWidget *>(m_guestLabel), static_cast<QWidget *>(m_target),
                           static_cast<QWidget *>(m_preflight), static_cast<QWidget *>(m_mode),
                           static_cast<QWidget *>(m_bwlimit)})
        m_setupForm->addRow(QStringLiteral(" "), field);
    m_stack->addWidget(setup);

    m_buttons = new QDialogButtonBox(this);
    m_migrate = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_migrate->setObjectName(QStringLiteral("migrate"));
    m_migrate->setDefault(true);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancelMigration"));
    m_cancel->hide();
    m_close = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    layout->addWidget(m_buttons);
    connect(m_migrate, &QPushButton::clicked, this, &MigrateDialog::startMigration);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_monitor)
            return;
        m_cancel->setEnabled(false);
        m_headline->setText(tr("Cancelling the migration…"));
        m_monitor->cancel();
    });
}

void MigrateDialog::buildProgress()
{
    auto *page = new QWidget(this);
    page->hide();
    m_progressPage = page;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_headline = new QLabel(page);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setWordWrap(true);
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_headline->setFont(big);
    m_bar = new QProgressBar(page);
    m_bar->setObjectName(QStringLiteral("progress"));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);

    auto *middle = new QHBoxLayout;
    m_figures = new QFormLayout;
    for (int i = 0; i < FigureCount; ++i) {
        auto *value = new QLabel(QStringLiteral("—"), page);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_figureValues.append(value);
        m_figures->addRow(QStringLiteral(" "), value);
    }
    auto *chart = new QChart;
    if (palette().color(QPalette::Window).lightness() < 128)
        chart->setTheme(QChart::ChartThemeDark);
    chart->setBackgroundBrush(palette().base());
    m_throughput = new QLineSeries(chart);
    m_throughput->setColor(QColor(0x3d, 0xae, 0xe9));
    m_throughput->setPointsVisible(true);
    m_dirty = new QLineSeries(chart);
    m_dirty->setColor(QColor(0xe6, 0x51, 0x00));
    m_dirty->setPointsVisible(true);
    chart->addSeries(m_throughput);
    chart->addSeries(m_dirty);
    m_timeAxis = new QValueAxis(chart);
    m_timeAxis->setRange(0, 10);
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rateAxis = new QValueAxis(chart);
    m_rateAxis->setRange(0, 100);
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_dirtyAxis = new QValueAxis(chart);
    m_dirtyAxis->setRange(0, 1000);
    m_dirtyAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rateAxis, Qt::AlignLeft);
    chart->addAxis(m_dirtyAxis, Qt::AlignRight);
    m_throughput->attachAxis(m_timeAxis);
    m_throughput->attachAxis(m_rateAxis);
    m_dirty->attachAxis(m_timeAxis);
    m_dirty->attachAxis(m_dirtyAxis);
    m_rateAxis->setLinePenColor(m_throughput->color());
    m_dirtyAxis->setLinePenColor(m_dirty->color());
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(chart, page);
    m_chartView->setObjectName(QStringLiteral("chart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(360, 220);
    middle->addLayout(m_figures);
    middle->addWidget(m_chartView, 1);

    m_logArea = new QWidget(page);
    (new QVBoxLayout(m_logArea))->setContentsMargins(0, 0, 0, 0);
    m_logArea->setMinimumHeight(120);
    layout->addWidget(m_headline);
    layout->addWidget(m_bar);
    layout->addLayout(middle, 1);
    layout->addWidget(m_logArea);
}

void MigrateDialog::retranslate()
{
    setWindowTitle(tr("Migrate %1").arg(guestText()));
    m_guestLabel->setText(tr("%1, %2 on %3").arg(guestText(), m_running ? tr("running") : tr("stopped"), m_source));
    auto label = [this](QWidget *field, const QString &text) {
        if (auto *l = qobject_cast<QLabel *>(m_setupForm->labelForField(field)))
            l->setText(text);
    };
    label(m_guestLabel, tr("Guest:"));
    label(m_target, tr("&Target node:"));
    label(m_preflight, tr("Check:"));
    label(m_mode, tr("Mode:"));
    label(m_bwlimit, tr("&Bandwidth limit:"));
    if (auto *l = qobject_cast<QLabel *>(m_setupForm->labelForField(m_target)))
        l->setBuddy(m_target);
    if (auto *l = qobject_cast<QLabel *>(m_setupForm->labelForField(m_bwlimit)))
        l->setBuddy(m_bwlimit);
    if (m_qemu)
        m_mode->setText(m_running ? tr("Online (live): the VM keeps running while its memory moves")
                                    : tr("Offline: the VM is stopped, only its configuration moves"));
    else
        m_mode->setText(m_running ? tr("Restart: the container stops here and starts on the target")
                                    : tr("Offline: the container is stopped, only its configuration moves"));
    m_bwlimit->setSpecialValueText(tr("no limit"));
    m_bwlimit->setSuffix(tr(" MiB/s"));
    m_migrate->setText(tr("&Migrate"));
    m_cancel->setText(tr("&Cancel migration"));
    m_close->setText(m_stack->currentIndex() == 0 ? tr("Cancel") : tr("&Close"));
    const QStringList names{tr("Transferred:"), tr("Remaining:"),         tr("Throughput:"), tr("Dirty pages:"),
                            tr("Iteration:"),   tr("Expected downtime:"), tr("Downtime:"),   tr("Elapsed:")};
    for (int i = 0; i < FigureCount; ++i)
        if (auto *l = qobject_cast<QLabel *>(m_figures->labelForField(m_figureValues[i])))
            l->setText(names[i]);
    m_chartView->chart()->setTitle(tr("Throughput and dirty pages"));
    m_throughput->setName(tr("Throughput (MiB/s)"));
    m_dirty->setName(tr("Dirty pages (pages/s)"));
    m_timeAxis->setTitleText(tr("seconds"));
    updateSetupState();
}

void MigrateDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void MigrateDialog::preflight()
{
    m_preflightOk = false;
    const QString target = m_target->currentText();
    const quint64 request = ++m_preflightRequest;
    if (!m_session || target.isEmpty() || !m_guest.vmid) {
        m_preflight->setStyleSheet(kBad);
        m_preflight->setText(target.isEmpty() ? tr("No other node is online to take the guest.") : QString());
        updateSetupState();
        return;
    }
    m_preflightBusy = true;
    m_preflight->setStyleSheet(QString());
    m_preflight->setText(tr("Asking %1 whether %2 can take the guest…").arg(m_source, target));
    updateSetupState();
    const QString path = QStringLiteral("/nodes/%1/%2/%3/migrate")
                             .arg(m_source, m_qemu ? QStringLiteral("qemu") : QStringLiteral("lxc"), m_guest.vmid->toString());
    m_session->client()
        .send(api::client::ApiClient::Method::Get, path, {{QStringLiteral("target"), target}})
        .then(this, [this, request, target](const api::client::Response &r) {
        if (request != m_preflightRequest)
            return;
        m_preflightBusy = false;
        if (!r.isOk() && (r.httpStatus == 404 || r.httpStatus == 501)) {
            // A server without the check (older Proxmox VE for containers): the task checks when it starts.
            m_preflightOk = true;
            m_preflight->setStyleSheet(QString());
            m_preflight->setText(tr("The node has no preflight check for this guest; the migration checks when it starts."));
            updateSetupState();
            return;
        }
        if (!r.isOk()) {
            m_preflight->setStyleSheet(kBad);
            m_preflight->setText(tr("✘ The check failed: %1").arg(r.error().message));
            updateSetupState();
            return;
        }
        const QJsonObject o = r.data.toObject();
        const QString reason = o.value(QLatin1String("not_allowed_nodes")).toObject().value(target).toObject()
                                   .value(QLatin1String("reason")).toString();
        QStringList resources;
        for (const QJsonValue &v : o.value(QLatin1String("local_resources")).toArray())
            resources.append(v.isString() ? v.toString() : v.toObject().value(QLatin1String("key")).toString());
        QStringList disks;
        for (const QJsonValue &v : o.value(QLatin1String("local_disks")).toArray())
            disks.append(v.isString() ? v.toString() : v.toObject().value(QLatin1String("volid")).toString());
        const QJsonArray allowed = o.value(QLatin1String("allowed_nodes")).toArray();
        const bool listed = allowed.isEmpty() || allowed.contains(QJsonValue(target));
        if (!reason.isEmpty() || !listed) {
            m_preflight->setStyleSheet(kBad);
            m_preflight->setText(tr("✘ %1 cannot take the guest: %2").arg(target, reason.isEmpty() ? tr("not allowed") : reason));
        } else if (!resources.isEmpty() && m_running) {
            m_preflight->setStyleSheet(kBad);
            m_preflight->setText(tr("✘ The guest uses resources of this node (%1): it cannot migrate while it runs.")
                                     .arg(resources.join(QLatin1String(", "))));
        } else if (!disks.isEmpty()) {
            m_preflightOk = true;
            m_preflight->setStyleSheet(kWarn);
            m_preflight->setText(tr("✔ %1 can take the guest. Its local disks are copied too, which takes longer: %2")
                                     .arg(target, disks.join(QLatin1String(", "))));
        } else {
            m_preflightOk = true;
            m_preflight->setStyleSheet(kGood);
            m_preflight->setText(tr("✔ %1 can take the guest.").arg(target));
        }
        updateSetupState();
    });
}

void MigrateDialog::updateSetupState()
{
    m_migrate->setEnabled(canStart());
}

bool MigrateDialog::canStart() const
{
    return m_stack->currentIndex() == 0 && m_preflightOk && !m_preflightBusy && !m_starting
        && !m_target->currentText().isEmpty();
}

void MigrateDialog::startMigration()
{
    if (!canStart() || !m_session)
        return;
    m_starting = true;
    updateSetupState();
    m_targetNode = m_target->currentText();
    QJsonObject params{{QStringLiteral("target"), m_targetNode}};
    if (m_qemu && m_running)
        params.insert(QStringLiteral("online"), 1);
    if (!m_qemu && m_running)
        params.insert(QStringLiteral("restart"), 1);
    if (m_bwlimit->value() > 0)
        params.insert(QStringLiteral("bwlimit"), m_bwlimit->value() * 1024); // KiB/s, as Proxmox takes it
    const QString path = QStringLiteral("/nodes/%1/%2/%3/migrate")
                             .arg(m_source, m_qemu ? QStringLiteral("qemu") : QStringLiteral("lxc"), m_guest.vmid->toString());
    m_preflight->setStyleSheet(QString());
    m_preflight->setText(tr("Asking %1 to migrate the guest…").arg(m_source));
    m_session->client().post(path, params).then(this, [this](const Result<QJsonValue> &r) {
        m_starting = false;
        if (!r || r->toString().isEmpty()) {
            m_preflight->setStyleSheet(kBad);
            m_preflight->setText(r ? tr("The node answered without a task: nothing was started.")
                                   : tr("The node refused the migration: %1").arg(r.error().message));
            updateSetupState();
            return;
        }
        follow(r->toString());
        if (m_session)
            m_session->refreshSoon();
    });
}

void MigrateDialog::follow(const QString &upid)
{
    if (m_monitor || !m_session)
        return;
    m_stack->addWidget(m_progressPage);
    m_stack->setCurrentWidget(m_progressPage);
    m_migrate->hide();
    m_cancel->show();
    m_close->setText(tr("&Close"));
    m_close->setToolTip(tr("The migration goes on; the task panel keeps it."));
    m_headline->setText(m_targetNode.isEmpty() ? tr("Migrating %1 from %2…").arg(guestText(), m_source)
                                               : tr("Migrating %1 from %2 to %3…").arg(guestText(), m_source, m_targetNode));
    // The task's log, a part of the dialog (as in the wizards' progress pages).
    m_log = new TaskLogView(*m_session, upid, tr("Migrate %1").arg(guestText()), m_logArea);
    m_log->setWindowFlags(Qt::Widget);
    m_log->setAttribute(Qt::WA_DeleteOnClose, false);
    if (auto *buttons = m_log->findChild<QDialogButtonBox *>())
        buttons->hide();
    m_log->layout()->setContentsMargins(0, 0, 0, 0);
    m_logArea->layout()->addWidget(m_log);
    m_log->show();
    if (m_stream) {
        m_stream->disconnect(this);
        m_monitor = new MigrationMonitor(*m_session, upid, std::move(m_stream), m_early, this);
        m_early.clear();
    } else {
        m_monitor = new MigrationMonitor(*m_session, upid, this);
    }
    connect(m_monitor, &MigrationMonitor::progress, this, &MigrateDialog::onProgress);
    connect(m_monitor, &MigrationMonitor::finished, this, &MigrateDialog::onFinished);
    connect(m_monitor, &MigrationMonitor::targetKnown, this, [this](const QString &target) {
        m_targetNode = target;
        if (!m_done)
            m_headline->setText(tr("Migrating %1 from %2 to %3…").arg(guestText(), m_source, target));
    });
    connect(m_monitor, &MigrationMonitor::cancelFailed, this, [this](const QString &error) {
        m_cancel->setEnabled(true);
        m_headline->setText(tr("The node did not cancel the migration: %1").arg(error));
    });
    // What the monitor took in before these connections (the events heard
    // while the setup page was open): drawn now.
    for (const virt::MigrationProgress &p : m_monitor->samples())
        onProgress(p);
    if (!m_monitor->targetNode().isEmpty() && m_targetNode.isEmpty()) {
        m_targetNode = m_monitor->targetNode();
        m_headline->setText(tr("Migrating %1 from %2 to %3…").arg(guestText(), m_source, m_targetNode));
    }
    resize(std::max(width(), 820), std::max(height(), 620));
}

void MigrateDialog::setFigure(int row, const QString &value)
{
    m_figureValues[row]->setText(value);
}

void MigrateDialog::onProgress(const virt::MigrationProgress &p)
{
    const QLocale l;
    const qint64 total = p.dataTotal > 0 ? p.dataTotal : p.memoryTotal;
    const qint64 done = p.dataTotal > 0 ? p.dataProcessed : p.memoryProcessed;
    const qint64 left = p.dataTotal > 0 ? p.dataRemaining : p.memoryRemaining;
    const bool completed = p.phase == virt::MigrationProgress::Phase::Completed;
    if (total > 0) {
        const int permille = completed ? 1000 : int(std::min<qint64>(1000, done * 1000 / total));
        m_bar->setValue(permille);
        // The time left at the current rate: memory re-sent for dirtied pages makes it a floor, not a promise.
        if (completed || p.memoryBps <= 0)
            m_bar->setFormat(tr("%1 %").arg(l.toString(permille / 10.0, 'f', 1)));
        else
            m_bar->setFormat(tr("%1 % — about %2 left").arg(l.toString(permille / 10.0, 'f', 1), clock((left + p.memoryBps - 1) / p.memoryBps)));
        setFigure(Transferred, tr("%1 of %2").arg(l.formattedDataSize(done), l.formattedDataSize(total)));
        setFigure(Remaining, l.formattedDataSize(left));
    }
    if (p.memoryBps > 0)
        setFigure(Throughput, rate(p.memoryBps));
    if (m_monitor && m_monitor->structured()) {
        setFigure(DirtyRate, tr("%1 pages/s (%2)").arg(l.toString(p.dirtyRate), rate(p.dirtyRate * p.pageSize)));
        setFigure(Iteration, l.toString(p.iteration));
        if (p.expectedDowntimeMs > 0)
            setFigure(ExpectedDowntime, tr("%1 ms").arg(l.toString(p.expectedDowntimeMs)));
    }
    if (p.downtimeMs >= 0)
        setFigure(Downtime, tr("%1 ms").arg(l.toString(p.downtimeMs)));
    if (p.elapsedMs > 0)
        setFigure(Elapsed, clock(p.elapsedMs / 1000));
    // The chart.
    const double x = p.elapsedMs / 1000.0;
    m_throughput->append(x, double(p.memoryBps) / kMiB);
    if (m_monitor && m_monitor->structured())
        m_dirty->append(x, double(p.dirtyRate));
    double maxRate = 1, maxDirty = 1;
    for (const QPointF &pt : m_throughput->points())
        maxRate = std::max(maxRate, pt.y());
    for (const QPointF &pt : m_dirty->points())
        maxDirty = std::max(maxDirty, pt.y());
    // Round ranges, so the axes read 0, 2, 4... and not 0, 154, 307...
    m_timeAxis->setRange(0, std::max(10.0, std::ceil(x / 5) * 5));
    m_timeAxis->applyNiceNumbers();
    m_rateAxis->setRange(0, std::max(10.0, maxRate * 1.1));
    m_rateAxis->applyNiceNumbers();
    m_dirtyAxis->setRange(0, std::max(10.0, maxDirty * 1.1));
    m_dirtyAxis->applyNiceNumbers();
}

void MigrateDialog::onFinished(bool ok, const QString &exitStatus)
{
    m_done = true;
    m_cancel->hide();
    m_close->setToolTip(QString());
    const bool cancelled = exitStatus.contains(QLatin1String("cancel"), Qt::CaseInsensitive)
                        || exitStatus.contains(QLatin1String("interrupted"), Qt::CaseInsensitive)
                        || (!m_monitor->samples().isEmpty()
                            && m_monitor->samples().last().phase == virt::MigrationProgress::Phase::Cancelled);
    if (ok) {
        m_bar->setValue(1000);
        m_bar->setFormat(tr("%1 %").arg(QLocale().toString(100.0, 'f', 1)));
        m_headline->setStyleSheet(kGood);
        m_headline->setText(m_targetNode.isEmpty() ? tr("Migration finished.")
                                                   : tr("Migration finished: %1 is on %2 now.").arg(guestText(), m_targetNode));
    } else if (cancelled) {
        m_headline->setStyleSheet(kWarn);
        m_headline->setText(tr("Migration cancelled: %1 stays on %2.").arg(guestText(), m_source));
    } else {
        m_headline->setStyleSheet(kBad);
        m_headline->setText(tr("Migration failed: %1. The log says why.").arg(exitStatus));
    }
}

QString MigrateDialog::preflightText() const
{
    return m_preflight->text();
}

QString MigrateDialog::upid() const
{
    return m_monitor ? m_monitor->upid() : QString();
}

bool MigrateDialog::isFollowing() const
{
    return m_monitor != nullptr;
}

QString MigrateDialog::headline() const
{
    return m_headline->text();
}

QString MigrateDialog::figuresText() const
{
    QStringList lines;
    for (int i = 0; i < FigureCount; ++i) {
        auto *l = qobject_cast<QLabel *>(m_figures->labelForField(m_figureValues[i]));
        lines << (l ? l->text() : QString()) + QLatin1Char(' ') + m_figureValues[i]->text();
    }
    return lines.join(QLatin1Char('\n'));
}

bool MigrateDialog::eventStreamOpen() const
{
    return m_stream && m_stream->isOpen() && m_streamReady;
}

qsizetype MigrateDialog::chartPoints() const
{
    return m_throughput->count();
}

} // namespace atalaia::ui
