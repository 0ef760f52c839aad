#pragma once

#include "model/ClusterResource.h"

#include <QHash>
#include <QPointer>
#include <QTabWidget>

class QSortFilterProxyModel;
class QTableView;

namespace atalaia::ui {

class ClusterSession;
class ClusterPanel;
class GuestConfigPage;
class PermissionsPanel;
class StorageContentPage;
class StorageSummaryPage;
class SummaryPage;
class TaskListModel;

// The pages of the item selected in the tree, as tabs like Proxmox's:
// Summary; Tasks (only this item's); Permissions (datacenter only, and only
// for users who may see /access). Later issues add Ceph, HA, Cluster...
class ContentPane : public QTabWidget
{
    Q_OBJECT
public:
    ContentPane(TaskListModel *tasks, QWidget *parent = nullptr);

    void showItem(ClusterSession *session, const std::optional<model::ClusterResource> &resource);
    void inventoryChanged(ClusterSession *session);
    SummaryPage *summary() const { return m_summary; }
    GuestConfigPage *hardware() const { return m_hardware; }
    GuestConfigPage *options() const { return m_options; }
    PermissionsPanel *permissions() const; // of the shown datacenter, or null
    ClusterPanel *clusterPanel() const;    // of the shown datacenter, or null
    StorageSummaryPage *storageSummary() const { return m_storageSummary; }
    // A storage's content tab (iso, vztmpl, images, rootdir), shown or not.
    StorageContentPage *storagePage(const QString &content) const;
    void openPermissionsTab();

signals:
    void addUserRequested();
    void addGroupRequested();
    void addPermissionRequested();
    void taskActivated(const QModelIndex &sourceIndex);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showStorage(ClusterSession *session, const std::optional<model::ClusterResource> &resource);

    QPointer<ClusterSession> m_session;
    SummaryPage *m_summary = nullptr;
    // A guest's Hardware (Resources) and Options tabs, shown for guests only.
    GuestConfigPage *m_hardware = nullptr;
    GuestConfigPage *m_options = nullptr;
    bool m_container = false;
    // A storage's Summary (in place of the generic one) and content tabs.
    StorageSummaryPage *m_storageSummary = nullptr;
    QList<StorageContentPage *> m_storagePages;
    QTableView *m_taskView = nullptr;
    QSortFilterProxyModel *m_taskFilter = nullptr;
    QHash<ClusterSession *, PermissionsPanel *> m_permissions;
    QHash<ClusterSession *, ClusterPanel *> m_clusters;
};

} // namespace atalaia::ui
