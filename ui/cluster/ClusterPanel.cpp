#include "ClusterPanel.h"

#include "api/client/ApiClient.h"
#include "cluster/JoinInformation.h"
#include "session/ClusterSession.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atalaia::ui {

ClusterPanel::ClusterPanel(ClusterSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(&session)
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_nodes = new QTableWidget(0, 5, this);
    m_nodes->verticalHeader()->hide();
    m_nodes->horizontalHeader()->setStretchLastSection(true);
    m_nodes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_nodes->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_nodes, 1);
    m_joinTitle = new QLabel(this);
    layout->addWidget(m_joinTitle);
    m_join = new QPlainTextEdit(this);
    m_join->setReadOnly(true);
    m_join->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_join->setMaximumHeight(90);
    layout->addWidget(m_join);
    m_copy = new QPushButton(this);
    m_copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    layout->addWidget(m_copy, 0, Qt::AlignRight);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_join->toPlainText()); });
    connect(&session, &ClusterSession::resourcesReceived, this, [this] { reload(); });
    retranslate();
    reload();
}

void ClusterPanel::retranslate()
{
    m_nodes->setHorizontalHeaderLabels({tr("Node"), tr("ID"), tr("Votes"), tr("Online"), tr("Address")});
    m_nodes->setAccessibleName(tr("Cluster nodes"));
    m_joinTitle->setText(tr("Join Information (give it to a node that joins; it holds no secret):"));
    m_join->setAccessibleName(tr("Join Information"));
    m_copy->setText(tr("&Copy Join Information"));
    reload();
}

void ClusterPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString ClusterPanel::joinInformation() const
{
    return m_join->toPlainText();
}

void ClusterPanel::reload()
{
    if (!m_session || m_busy || m_session->state() != ClusterSession::State::Online)
        return;
    m_busy = true;
    m_session->client().get(QStringLiteral("/cluster/status")).then(this, [this](const Result<QJsonValue> &r) {
        m_busy = false;
        if (!r) {
            m_summary->setText(tr("Cannot read the cluster's status: %1").arg(r.error().message));
            return;
        }
        QJsonObject cluster;
        QList<QJsonObject> nodes;
        for (const QJsonValue &v : r->toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("type")).toString() == QLatin1String("cluster"))
                cluster = o;
            else if (o.value(QLatin1String("type")).toString() == QLatin1String("node"))
                nodes.append(o);
        }
        if (cluster.isEmpty()) {
            m_summary->setText(tr("This node is standalone: it is not in a cluster."));
        } else {
            const bool quorate = cluster.value(QLatin1String("quorate")).toInt() != 0;
            m_summary->setText(tr("Cluster <b>%1</b>: %n node(s), configuration version %2 — %3", nullptr,
                                  cluster.value(QLatin1String("nodes")).toInt())
                                   .arg(cluster.value(QLatin1String("name")).toString().toHtmlEscaped())
                                   .arg(cluster.value(QLatin1String("version")).toInt())
                                   .arg(quorate ? tr("quorate") : tr("<b>not quorate: the configuration is read-only</b>")));
        }
        m_nodes->setRowCount(int(nodes.size()));
        for (int row = 0; row < nodes.size(); ++row) {
            const QJsonObject &n = nodes[row];
            const bool online = n.value(QLatin1String("online")).toInt() != 0;
            const QStringList cells{n.value(QLatin1String("name")).toString(),
                                    QString::number(n.value(QLatin1String("nodeid")).toInt()),
                                    QString::number(n.value(QLatin1String("quorum_votes")).toInt(1)),
                                    online ? tr("Yes") : tr("No"), n.value(QLatin1String("ip")).toString()};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                if (!online)
                    item->setForeground(QColor(0xd3, 0x2f, 0x2f));
                m_nodes->setItem(row, c, item);
            }
        }
        const bool inCluster = !cluster.isEmpty();
        m_joinTitle->setVisible(inCluster);
        m_join->setVisible(inCluster);
        m_copy->setVisible(inCluster);
        if (inCluster && m_join->toPlainText().isEmpty())
            loadJoinInformation();
    });
}

void ClusterPanel::loadJoinInformation()
{
    m_session->client().get(QStringLiteral("/cluster/config/join")).then(this, [this](const Result<QJsonValue> &r) {
        if (!r) {
            m_join->setPlainText(tr("Not available: %1").arg(r.error().message));
            m_copy->setEnabled(false);
            return;
        }
        const auto info = cluster::JoinInformation::fromJoinAnswer(r->toObject());
        m_copy->setEnabled(info.has_value());
        m_join->setPlainText(info ? info->toBlob() : tr("Not available: %1").arg(info.error().message));
    });
}

} // namespace atalaia::ui
