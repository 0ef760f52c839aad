#include "ContentPane.h"

#include "SummaryPage.h"
#include "cluster/ClusterPanel.h"
#include "guests/GuestConfigPage.h"
#include "permissions/PermissionsPanel.h"
#include "session/ClusterSession.h"
#include "storage/StorageContentPage.h"
#include "storage/StorageSummaryPage.h"
#include "tasks/TaskListModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace atalaia::ui {

namespace {

// Keeps the tasks of one cluster that concern one item (a node: run on it;
// a guest: its vmid as the task's id).
class ItemTaskFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setItem(const QString &clusterId, const QString &node, const QString &vmid)
    {
        m_cluster = clusterId;
        m_node = node;
        m_vmid = vmid;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        auto *tasks = static_cast<TaskListModel *>(sourceModel());
        const QModelIndex index = tasks->index(row, 0, parent);
        if (tasks->clusterId(index) != m_cluster)
            return false;
        const model::Task *t = tasks->task(index);
        if (!m_vmid.isEmpty())
            return t->upid.id() == m_vmid;
        return m_node.isEmpty() || t->upid.node().toString() == m_node;
    }

private:
    QString m_cluster, m_node, m_vmid;
};

} // namespace

ContentPane::ContentPane(TaskListModel *tasks, QWidget *parent)
    : QTabWidget(parent)
{
    m_summary = new SummaryPage(this);
    m_hardware = new GuestConfigPage(GuestConfigPage::Kind::Hardware, this);
    m_options = new GuestConfigPage(GuestConfigPage::Kind::Options, this);
    m_hardware->hide();
    m_options->hide();
    m_storageSummary = new StorageSummaryPage(this);
    m_storageSummary->hide();
    for (const char *content : {"iso", "vztmpl", "images", "rootdir"}) {
        auto *page = new StorageContentPage(QLatin1String(content), this);
        page->hide();
        m_storagePages.append(page);
    }
    auto *filter = new ItemTaskFilter(this);
    filter->setSourceModel(tasks);
    filter->setSortRole(TaskListModel::SortRole);
    m_taskFilter = filter;
    m_taskView = new QTableView(this);
    m_taskView->setModel(m_taskFilter);
    m_taskView->setSortingEnabled(true);
    m_taskView->sortByColumn(TaskListModel::Start, Qt::DescendingOrder);
    m_taskView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_taskView->verticalHeader()->hide();
    m_taskView->horizontalHeader()->setStretchLastSection(true);
    m_taskView->hideColumn(TaskListModel::Cluster);
    connect(m_taskView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { emit taskActivated(m_taskFilter->mapToSource(index)); });
    addTab(m_summary, QString());
    addTab(m_taskView, QString());
    retranslate();
}

void ContentPane::retranslate()
{
    setTabText(indexOf(m_summary), tr("Summary"));
    setTabText(indexOf(m_taskView), tr("Tasks"));
    if (indexOf(m_storageSummary) >= 0)
        setTabText(indexOf(m_storageSummary), tr("Summary"));
    for (StorageContentPage *p : std::as_const(m_storagePages))
        if (indexOf(p) >= 0)
            setTabText(indexOf(p), StorageContentPage::title(p->content()));
    if (indexOf(m_hardware) >= 0)
        setTabText(indexOf(m_hardware), m_container ? tr("Resources") : tr("Hardware"));
    if (indexOf(m_options) >= 0)
        setTabText(indexOf(m_options), tr("Options"));
    for (PermissionsPanel *p : std::as_const(m_permissions))
        if (indexOf(p) >= 0)
            setTabText(indexOf(p), tr("Permissions"));
    for (ClusterPanel *c : std::as_const(m_clusters))
        if (indexOf(c) >= 0)
            setTabText(indexOf(c), tr("Cluster"));
}

void ContentPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QTabWidget::changeEvent(event);
}

ClusterPanel *ContentPane::clusterPanel() const
{
    return m_clusters.value(m_session.data());
}

PermissionsPanel *ContentPane::permissions() const
{
    return m_permissions.value(m_session.data());
}

StorageContentPage *ContentPane::storagePage(const QString &content) const
{
    for (StorageContentPage *p : m_storagePages)
        if (p->content() == content)
            return p;
    return nullptr;
}

void ContentPane::showStorage(ClusterSession *session, const std::optional<model::ClusterResource> &resource)
{
    const bool storage = session && resource && resource->type == model::ResourceType::Storage && resource->node
                      && resource->storage;
    if (!storage) {
        if (const int i = indexOf(m_storageSummary); i >= 0)
            removeTab(i);
        for (StorageContentPage *p : std::as_const(m_storagePages))
            if (const int i = indexOf(p); i >= 0)
                removeTab(i);
        if (indexOf(m_summary) < 0)
            insertTab(0, m_summary, tr("Summary"));
        return;
    }
    // A storage has its own Summary (status from its node) in place of the
    // generic one, then a tab per content type it holds, as in Proxmox.
    if (const int i = indexOf(m_summary); i >= 0)
        removeTab(i);
    if (indexOf(m_storageSummary) < 0)
        insertTab(0, m_storageSummary, tr("Summary"));
    const QString node = resource->node->toString();
    m_storageSummary->show(session, node, *resource->storage);
    // Without a content list (an older server), the ones users upload to.
    const QStringList contents = resource->content.value_or(QStringList{QStringLiteral("iso"), QStringLiteral("vztmpl")});
    int at = indexOf(m_storageSummary) + 1;
    for (StorageContentPage *p : std::as_const(m_storagePages)) {
        const int i = indexOf(p);
        if (!contents.contains(p->content())) {
            if (i >= 0)
                removeTab(i);
            continue;
        }
        if (i < 0)
            insertTab(at, p, StorageContentPage::title(p->content()));
        at = indexOf(p) + 1;
        p->show(session, node, *resource->storage);
    }
}

void ContentPane::openPermissionsTab()
{
    if (PermissionsPanel *p = permissions(); p && indexOf(p) >= 0)
        setCurrentWidget(p);
}

void ContentPane::showItem(ClusterSession *session, const std::optional<model::ClusterResource> &resource)
{
    m_session = session;
    m_summary->show(session, resource);
    showStorage(session, resource);
    static_cast<ItemTaskFilter *>(m_taskFilter)
        ->setItem(session ? session->id() : QString(), resource && resource->node ? resource->node->toString() : QString(),
                  resource && resource->vmid ? resource->vmid->toString() : QString());
    // Permissions: a datacenter page, for users who may at least look at /access.
    for (PermissionsPanel *p : std::as_const(m_permissions))
        if (const int i = indexOf(p); i >= 0)
            removeTab(i);
    for (ClusterPanel *c : std::as_const(m_clusters))
        if (const int i = indexOf(c); i >= 0)
            removeTab(i);
    const bool datacenter = session && !resource;
    // Hardware and Options: a guest's config, for those who may audit it.
    const bool guest = session && resource && resource->vmid
                    && (resource->type == model::ResourceType::Qemu || resource->type == model::ResourceType::Lxc)
                    && session->can(QStringLiteral("/vms/") + resource->vmid->toString(), QStringLiteral("VM.Audit"));
    if (!guest) {
        for (GuestConfigPage *p : {m_hardware, m_options})
            if (const int i = indexOf(p); i >= 0)
                removeTab(i);
    } else {
        m_container = resource->type == model::ResourceType::Lxc;
        if (indexOf(m_hardware) < 0)
            insertTab(indexOf(m_summary) + 1, m_hardware, QString());
        if (indexOf(m_options) < 0)
            insertTab(indexOf(m_hardware) + 1, m_options, QString());
        setTabText(indexOf(m_hardware), m_container ? tr("Resources") : tr("Hardware"));
        setTabText(indexOf(m_options), tr("Options"));
        m_hardware->showGuest(session, *resource);
        m_options->showGuest(session, *resource);
    }
    // Cluster: for those who may audit the datacenter (Sys.Audit on /), as Proxmox asks.
    if (datacenter && session->can(QStringLiteral("/"), QStringLiteral("Sys.Audit"))) {
        ClusterPanel *&panel = m_clusters[session];
        if (!panel) {
            panel = new ClusterPanel(*session, this);
            connect(session, &QObject::destroyed, this, [this, session] { m_clusters.remove(session); });
        }
        addTab(panel, tr("Cluster"));
    }
    if (datacenter && (session->can(QStringLiteral("/access"), QStringLiteral("Sys.Audit"))
                       || session->can(QStringLiteral("/access/groups"), QStringLiteral("User.Modify")))) {
        PermissionsPanel *&panel = m_permissions[session];
        if (!panel) {
            panel = new PermissionsPanel(*session, this);
            connect(panel, &PermissionsPanel::addUserRequested, this, &ContentPane::addUserRequested);
            connect(panel, &PermissionsPanel::addGroupRequested, this, &ContentPane::addGroupRequested);
            connect(panel, &PermissionsPanel::addPermissionRequested, this, &ContentPane::addPermissionRequested);
            connect(session, &QObject::destroyed, this, [this, session] { m_permissions.remove(session); });
        }
        addTab(panel, tr("Permissions"));
    }
}

void ContentPane::inventoryChanged(ClusterSession *session)
{
    if (session == m_session)
        m_summary->refresh();
    // A guest that migrated has its config on another node now.
    if (session == m_session && indexOf(m_hardware) >= 0)
        for (const auto &r : session->resources())
            if (r.id == m_hardware->guestId()) {
                m_hardware->showGuest(session, r);
                m_options->showGuest(session, r);
            }
}

} // namespace atalaia::ui
