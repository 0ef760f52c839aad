#include "SummaryPage.h"

#include "PageTitle.h"
#include "api/client/ApiClient.h"
#include "models/ResourceText.h"
#include "session/ClusterSession.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>
#include <QTimer>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {

constexpr int kMaxLivePoints = 720; // an hour of 5-second refreshes

QString duration(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const QTime t = QTime(0, 0).addSecs(int(seconds % 86400));
    return days > 0 ? SummaryPage::tr("%n day(s) %1", nullptr, int(days)).arg(t.toString(QStringLiteral("HH:mm:ss")))
                    : t.toString(QStringLiteral("HH:mm:ss"));
}

QString usage(qint64 used, qint64 total)
{
    const QLocale l;
    if (total <= 0)
        return l.formattedDataSize(used);
    return SummaryPage::tr("%1 of %2 (%3 %)")
        .arg(l.formattedDataSize(used), l.formattedDataSize(total), l.toString(100.0 * double(used) / double(total), 'f', 1));
}

QChartView *makeChart(QLineSeries *&series, QWidget *parent, double maxY)
{
    auto *chart = new QChart;
    // Follow the colour scheme: a white chart in a dark window glares.
    if (parent->palette().color(QPalette::Window).lightness() < 128)
        chart->setTheme(QChart::ChartThemeDark);
    chart->setBackgroundBrush(parent->palette().base());
    series = new QLineSeries(chart);
    series->setPointsVisible(true); // a live chart starts with one point: it must show
    series->setColor(QColor(0x3d, 0xae, 0xe9)); // one colour, readable on light and dark
    chart->addSeries(series);
    auto *x = new QDateTimeAxis(chart);
    x->setFormat(QStringLiteral("HH:mm"));
    x->setTickCount(5);
    auto *y = new QValueAxis(chart);
    y->setRange(0, maxY);
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    return view;
}

} // namespace

SummaryPage::SummaryPage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_title = makePageTitle(this);
    layout->addWidget(m_title);
    m_figures = new QFormLayout;
    layout->addLayout(m_figures);

    auto *bar = new QHBoxLayout;
    m_timeframe = new QComboBox(this);
    for (const char *tf : {"hour", "day", "week", "month", "year"})
        m_timeframe->addItem(QString(), QLatin1String(tf));
    m_historyNote = new QLabel(this);
    m_historyNote->setWordWrap(true);
    bar->addWidget(m_timeframe);
    bar->addWidget(m_historyNote, 1);
    layout->addLayout(bar);
    auto *charts = new QHBoxLayout;
    m_cpuView = makeChart(m_cpu, this, 100);
    m_memView = makeChart(m_mem, this, 100);
    charts->addWidget(m_cpuView);
    charts->addWidget(m_memView);
    layout->addLayout(charts, 1);
    connect(m_timeframe, &QComboBox::currentIndexChanged, this, &SummaryPage::loadHistory);
    m_live = new QTimer(this);
    m_live->setInterval(kLiveMs);
    connect(m_live, &QTimer::timeout, this, [this] {
        if (m_session && isVisible())
            m_session->refreshSoon();
    });
    m_live->start();
    retranslate();
}

void SummaryPage::retranslate()
{
    const QStringList names{tr("Hour (average)"), tr("Day (average)"), tr("Week (average)"), tr("Month (average)"),
                            tr("Year (average)")};
    for (int i = 0; i < names.size(); ++i)
        m_timeframe->setItemText(i, names[i]);
    m_timeframe->setAccessibleName(tr("Timeframe"));
    m_cpuView->chart()->setTitle(tr("CPU usage (%)"));
    m_memView->chart()->setTitle(tr("Memory usage (%)"));
    rebuildFigures();
}

void SummaryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

std::optional<model::ClusterResource> SummaryPage::current() const
{
    if (!m_session || m_resourceId.isEmpty())
        return std::nullopt;
    for (const auto &r : m_session->resources())
        if (r.id == m_resourceId)
            return r;
    return std::nullopt;
}

void SummaryPage::show(ClusterSession *session, const std::optional<model::ClusterResource> &resource)
{
    m_session = session;
    m_resourceId = resource ? resource->id : QString();
    m_cpu->clear();
    m_mem->clear();
    rebuildFigures();
    loadHistory();
}

void SummaryPage::refresh()
{
    rebuildFigures();
    const auto r = current();
    if (r && r->maxmem && *r->maxmem > 0)
        addPoint(QDateTime::currentMSecsSinceEpoch(), 100.0 * r->cpu.value_or(0),
                 100.0 * double(r->mem.value_or(0)) / double(*r->maxmem));
}

void SummaryPage::addPoint(qint64 msecs, double cpu, double memUsed)
{
    m_cpu->append(double(msecs), cpu);
    m_mem->append(double(msecs), memUsed);
    while (m_cpu->count() > kMaxLivePoints) {
        m_cpu->remove(0);
        m_mem->remove(0);
    }
    for (QChartView *view : {m_cpuView, m_memView}) {
        auto *series = static_cast<QLineSeries *>(view->chart()->series().first());
        if (series->count() == 0)
            continue;
        auto *x = static_cast<QDateTimeAxis *>(view->chart()->axes(Qt::Horizontal).first());
        x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(series->at(0).x())),
                    QDateTime::fromMSecsSinceEpoch(qint64(series->at(series->count() - 1).x()) + 1000));
        // Seconds matter while the live window is short; dates once it spans days.
        const double span = series->at(series->count() - 1).x() - series->at(0).x();
        x->setFormat(span < 3600e3 ? QStringLiteral("HH:mm:ss") : span < 2 * 86400e3 ? QStringLiteral("HH:mm")
                                                                                      : QStringLiteral("dd/MM"));
    }
}

void SummaryPage::loadHistory()
{
    m_cpu->clear();
    m_mem->clear();
    const auto r = current();
    const bool charted = m_session && r && r->node
                      && (r->type == model::ResourceType::Node || r->type == model::ResourceType::Qemu
                          || r->type == model::ResourceType::Lxc);
    // Charts only where there is something to chart (not for a datacenter or a storage).
    for (QWidget *w : {static_cast<QWidget *>(m_cpuView), static_cast<QWidget *>(m_memView),
                       static_cast<QWidget *>(m_timeframe), static_cast<QWidget *>(m_historyNote)})
        w->setVisible(charted);
    if (!charted)
        return;
    QString path = QStringLiteral("/nodes/%1").arg(r->node->toString());
    if (r->type == model::ResourceType::Qemu || r->type == model::ResourceType::Lxc)
        path += QStringLiteral("/%1/%2").arg(r->type == model::ResourceType::Qemu ? QLatin1String("qemu") : QLatin1String("lxc"),
                                             r->vmid ? r->vmid->toString() : QString());
    const QString id = m_resourceId;
    m_session->client()
        .get(path + QStringLiteral("/rrddata"), {{QStringLiteral("timeframe"), m_timeframe->currentData().toString()},
                                                 {QStringLiteral("cf"), QStringLiteral("AVERAGE")}})
        .then(this, [this, id](const Result<QJsonValue> &answer) {
            if (id != m_resourceId)
                return; // the selection moved on
            if (!answer) {
                m_historyNote->setText(tr("This server keeps no history (%1); the charts show live values from now on.")
                                           .arg(answer.error().message));
                refresh();
                return;
            }
            m_historyNote->clear();
            for (const QJsonValue &v : answer->toArray()) {
                const QJsonObject o = v.toObject();
                // Rows the server has no figures for (before its first
                // sample, a gap) leave the values out: no point, not a zero.
                if (!o.contains(QLatin1String("cpu")))
                    continue;
                const double memTotal = o.value(QLatin1String("memtotal")).toDouble(o.value(QLatin1String("maxmem")).toDouble());
                const double memUsed = o.value(QLatin1String("memused")).toDouble(o.value(QLatin1String("mem")).toDouble());
                addPoint(qint64(o.value(QLatin1String("time")).toDouble()) * 1000, 100.0 * o.value(QLatin1String("cpu")).toDouble(),
                         memTotal > 0 ? 100.0 * memUsed / memTotal : 0);
            }
            refresh();
        });
}

void SummaryPage::rebuildFigures()
{
    while (m_figures->rowCount() > 0)
        m_figures->removeRow(0);
    if (!m_session) {
        m_title->clear();
        return;
    }
    auto row = [this](const QString &label, const QString &value) {
        auto *v = new QLabel(value, this);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_figures->addRow(label, v);
    };
    const auto r = current();
    if (!r) {
        int nodes = 0, online = 0, guests = 0, running = 0, storages = 0;
        for (const auto &x : m_session->resources()) {
            if (x.type == model::ResourceType::Node) {
                ++nodes;
                online += x.status.value_or(QString()) == QLatin1String("online");
            } else if (x.type == model::ResourceType::Qemu || x.type == model::ResourceType::Lxc) {
                ++guests;
                running += x.status.value_or(QString()) == QLatin1String("running");
            } else if (x.type == model::ResourceType::Storage) {
                ++storages;
            }
        }
        m_title->setText(tr("Datacenter %1").arg(m_session->displayName()));
        row(tr("Connection:"), ClusterSession::stateText(m_session->state()));
        row(tr("Logged in as:"), m_session->profile().userid);
        row(tr("Nodes online:"), tr("%1 of %2").arg(online).arg(nodes));
        row(tr("Guests running:"), tr("%1 of %2").arg(running).arg(guests));
        row(tr("Storages:"), QLocale().toString(storages));
        return;
    }
    const QString status = r->status ? ResourceText::statusName(*r->status) : tr("unknown");
    switch (r->type) {
    case model::ResourceType::Node:
        m_title->setText(tr("Node %1").arg(r->node ? r->node->toString() : r->id));
        break;
    case model::ResourceType::Qemu:
        m_title->setText(tr("Virtual machine %1 (%2)").arg(r->vmid ? r->vmid->toString() : QString(), r->name.value_or(QString())));
        break;
    case model::ResourceType::Lxc:
        m_title->setText(tr("Container %1 (%2)").arg(r->vmid ? r->vmid->toString() : QString(), r->name.value_or(QString())));
        break;
    case model::ResourceType::Storage:
        m_title->setText(tr("Storage %1 on %2").arg(r->storage.value_or(r->id), r->node ? r->node->toString() : QString()));
        break;
    default:
        m_title->setText(r->id);
    }
    row(tr("Status:"), status);
    if (r->node && r->type != model::ResourceType::Node)
        row(tr("Node:"), r->node->toString());
    if (r->uptime && *r->uptime > 0)
        row(tr("Uptime:"), duration(*r->uptime));
    if (r->cpu && r->maxcpu)
        row(tr("CPU usage:"), tr("%1 % of %n CPU(s)", nullptr, int(*r->maxcpu)).arg(QLocale().toString(100.0 * *r->cpu, 'f', 1)));
    if (r->maxmem)
        row(tr("Memory usage:"), usage(r->mem.value_or(0), *r->maxmem));
    // A VM's disk usage is not known to the host (Proxmox reports 0): show the size only.
    if (r->maxdisk && r->type == model::ResourceType::Qemu)
        row(tr("Disk size:"), QLocale().formattedDataSize(*r->maxdisk));
    else if (r->maxdisk)
        row(r->type == model::ResourceType::Storage ? tr("Usage:") : tr("Root disk:"), usage(r->disk.value_or(0), *r->maxdisk));
    if (r->tags && !r->tags->isEmpty())
        row(tr("Tags:"), QString(*r->tags).replace(QLatin1Char(';'), QLatin1String(", ")));
    if (r->hastate)
        row(tr("HA state:"), *r->hastate);
}

qsizetype SummaryPage::chartPoints() const
{
    return m_cpu->count();
}

QString SummaryPage::figuresText() const
{
    QStringList lines{m_title->text()};
    for (int i = 0; i < m_figures->rowCount(); ++i) {
        auto *label = qobject_cast<QLabel *>(m_figures->itemAt(i, QFormLayout::LabelRole)
                                                 ? m_figures->itemAt(i, QFormLayout::LabelRole)->widget() : nullptr);
        auto *value = qobject_cast<QLabel *>(m_figures->itemAt(i, QFormLayout::FieldRole)
                                                 ? m_figures->itemAt(i, QFormLayout::FieldRole)->widget() : nullptr);
        lines << (label ? label->text() : QString()) + QLatin1Char(' ') + (value ? value->text() : QString());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace atalaia::ui
