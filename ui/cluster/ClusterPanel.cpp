#include "ClusterPanel.h"

#include "api/client/ApiClient.h"
#include "cluster/JoinInformationDialog.h"
#include "session/ClusterSession.h"
#include "wizards/CreateClusterWizard.h"
#include "wizards/JoinClusterWizard.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {
const QColor kDown(0xd3, 0x2f, 0x2f);
}

ClusterPanel::ClusterPanel(ClusterSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(&session)
{
    auto *layout = new QVBoxLayout(this);
    // Proxmox's toolbar, in its order.
    auto *toolbar = new QHBoxLayout;
    m_create = new QPushButton(this);
    m_create->setObjectName(QStringLiteral("createCluster"));
    m_create->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_joinInformation = new QPushButton(this);
    m_joinInformation->setObjectName(QStringLiteral("joinInformation"));
    m_joinInformation->setIcon(QIcon::fromTheme(QStringLiteral("dialog-information")));
    m_joinCluster = new QPushButton(this);
    m_joinCluster->setObjectName(QStringLiteral("joinCluster"));
    m_joinCluster->setIcon(QIcon::fromTheme(QStringLiteral("network-connect")));
    toolbar->addWidget(m_create);
    toolbar->addWidget(m_joinInformation);
    toolbar->addWidget(m_joinCluster);
    toolbar->addStretch(1);
    layout->addLayout(toolbar);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_nodes = new QTableWidget(0, ColumnCount, this);
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
    connect(m_create, &QPushButton::clicked, this, &ClusterPanel::openCreateClusterWizard);
    connect(m_joinCluster, &QPushButton::clicked, this, &ClusterPanel::openJoinClusterWizard);
    connect(m_joinInformation, &QPushButton::clicked, this, &ClusterPanel::openJoinInformation);
    connect(&session, &ClusterSession::resourcesReceived, this, [this] { reload(); });
    connect(&session, &ClusterSession::stateChanged, this, &ClusterPanel::updateActions);
    retranslate();
    reload();
}

bool ClusterPanel::mayManageCluster(const ClusterSession &session)
{
    return session.profile().userid == QLatin1String("root@pam") && session.profile().tokenName.isEmpty();
}

QString ClusterPanel::linksText(const QList<ClusterStatus::Link> &links)
{
    QStringList parts;
    for (const ClusterStatus::Link &l : links)
        parts << (l.connected ? tr("link%1 ✓").arg(l.link) : tr("link%1 ✗").arg(l.link));
    return parts.join(QLatin1String("  "));
}

QString ClusterPanel::linksToolTip(const QList<ClusterStatus::Link> &links)
{
    QStringList lines;
    for (const ClusterStatus::Link &l : links)
        lines << (l.connected ? tr("Link %1 (%2): connected").arg(l.link).arg(l.address)
                              : tr("Link %1 (%2): not connected").arg(l.link).arg(l.address));
    return lines.join(QLatin1Char('\n'));
}

void ClusterPanel::retranslate()
{
    m_create->setText(tr("C&reate Cluster"));
    m_joinInformation->setText(tr("Join &Information"));
    m_joinCluster->setText(tr("&Join Cluster"));
    m_nodes->setHorizontalHeaderLabels({tr("Node"), tr("ID"), tr("Votes"), tr("Online"), tr("Address"), tr("Links")});
    m_nodes->setAccessibleName(tr("Cluster nodes"));
    m_joinTitle->setText(tr("Join Information (give it to a node that joins; it holds no secret):"));
    m_join->setAccessibleName(tr("Join Information"));
    m_copy->setText(tr("&Copy Join Information"));
    updateActions();
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

void ClusterPanel::updateActions()
{
    const bool online = m_session && m_session->state() == ClusterSession::State::Online;
    const bool root = m_session && mayManageCluster(*m_session);
    const bool standalone = m_statusKnown && !m_status.inCluster;
    QString why;
    if (!root)
        why = tr("Only root@pam, logged in with its password, may create or join a cluster (as in Proxmox VE).");
    else if (m_statusKnown && m_status.inCluster)
        why = tr("This node is already in cluster %1.").arg(m_status.name);
    m_create->setEnabled(online && root && standalone);
    m_joinCluster->setEnabled(online && root && standalone);
    m_create->setToolTip(why.isEmpty() ? tr("Make this node the first member of a new cluster.") : why);
    m_joinCluster->setToolTip(why.isEmpty() ? tr("Add this node to an existing cluster.") : why);
    m_joinInformation->setEnabled(online && m_status.inCluster && m_joinInfo.has_value());
    m_joinInformation->setToolTip(m_status.inCluster ? tr("What a node needs to join this cluster.")
                                                     : tr("Standalone node: create a cluster first."));
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
        const bool wasInCluster = m_statusKnown && m_status.inCluster;
        m_status = ClusterStatus::fromJson(r->toArray());
        m_statusKnown = true;
        if (!m_status.inCluster) {
            m_summary->setText(tr("This node is standalone: it is not in a cluster. Create one here, or join "
                                  "an existing one."));
        } else {
            m_summary->setText(tr("Cluster <b>%1</b>: %n node(s), configuration version %2 — %3", nullptr,
                                  m_status.nodeCount)
                                   .arg(m_status.name.toHtmlEscaped())
                                   .arg(m_status.version)
                                   .arg(m_status.quorate ? tr("quorate")
                                                         : tr("<b>not quorate: the configuration is read-only</b>")));
        }
        m_nodes->setRowCount(int(m_status.nodes.size()));
        for (int row = 0; row < m_status.nodes.size(); ++row) {
            const ClusterStatus::Node &n = m_status.nodes[row];
            const QStringList cells{n.name, QString::number(n.nodeid), QString::number(n.votes),
                                    n.online ? tr("Yes") : tr("No"), n.ip, linksText(n.links)};
            const bool linkDown = std::any_of(n.links.cbegin(), n.links.cend(),
                                              [](const ClusterStatus::Link &l) { return !l.connected; });
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                if (!n.online || (c == LinksColumn && linkDown))
                    item->setForeground(kDown);
                if (c == LinksColumn)
                    item->setToolTip(linksToolTip(n.links));
                m_nodes->setItem(row, c, item);
            }
        }
        const bool inCluster = m_status.inCluster;
        m_joinTitle->setVisible(inCluster);
        m_join->setVisible(inCluster);
        m_copy->setVisible(inCluster);
        if (inCluster != wasInCluster) {
            m_join->clear();
            m_joinInfo.reset();
        }
        if (inCluster && m_join->toPlainText().isEmpty())
            loadJoinInformation();
        updateActions();
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
        if (info)
            m_joinInfo = *info;
        m_join->setPlainText(info ? info->toBlob() : tr("Not available: %1").arg(info.error().message));
        updateActions();
    });
}

void ClusterPanel::clusterChanged()
{
    m_join->clear();
    m_joinInfo.reset();
    if (m_session)
        m_session->refreshSoon();
    reload();
}

CreateClusterWizard *ClusterPanel::openCreateClusterWizard()
{
    if (!m_session)
        return nullptr;
    auto *w = new CreateClusterWizard(*m_session, window());
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &CreateClusterWizard::clusterCreated, this, &ClusterPanel::clusterChanged);
    w->open();
    return w;
}

JoinClusterWizard *ClusterPanel::openJoinClusterWizard()
{
    if (!m_session)
        return nullptr;
    auto *w = new JoinClusterWizard(*m_session, window());
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &JoinClusterWizard::joined, this, &ClusterPanel::clusterChanged);
    w->open();
    return w;
}

JoinInformationDialog *ClusterPanel::openJoinInformation()
{
    if (!m_joinInfo)
        return nullptr;
    auto *d = new JoinInformationDialog(*m_joinInfo, window());
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->open();
    return d;
}

} // namespace atalaia::ui
