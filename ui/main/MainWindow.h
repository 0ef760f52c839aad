#pragma once

#include "connections/ConnectionStore.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeView;
class QSortFilterProxyModel;

namespace atalaia::secrets {
class SecretStore;
}

namespace atalaia::ui {

class ClusterSession;
class ContentPane;
class GuestActions;
class LanguageSwitcher;
class ResourceFilterProxyModel;
class ResourceTreeModel;
class TaskListModel;

// The console's main window: datacenter tree on the left (every connected
// cluster side by side, with a search field and view switch), the selected
// item's pages in the middle, running and recent tasks at the bottom, and
// each connection's state in the status bar — never in a modal dialog.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ConnectionStore store, secrets::SecretStore *secrets, LanguageSwitcher *languages,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds PROFILE as a connection and logs in with SECRET (empty: ask, or
    // read it from the keychain when the profile says so).
    ClusterSession *openConnection(const ConnectionProfile &profile, const QString &secret);
    QList<ClusterSession *> sessions() const;
    // At start: connects again to the saved connections whose secret is in the keychain.
    void reopenSavedConnections();
    // Removes a saved connection (closing it if open) and its keychain entry.
    void forgetConnection(const ConnectionProfile &profile);

    // For tests and screenshots.
    QTreeView *tree() const { return m_tree; }
    QLineEdit *searchField() const { return m_search; }
    ResourceTreeModel *treeModel() const { return m_model; }
    TaskListModel *taskModel() const { return m_tasks; }
    ContentPane *content() const { return m_content; }
    QTableView *taskView() const { return m_taskView; }
    GuestActions *guestActions() const { return m_guests; }
    // Whether to ask before trusting certificates (tests turn it off and trust by call).
    void setTrustPromptsEnabled(bool enabled) { m_trustPrompts = enabled; }

public slots:
    void showConnectDialog();
    void addUser();
    void addGroup();
    void addPermission();
    void createCluster();
    void joinCluster();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    void retranslate();
    void onSessionState(ClusterSession *session);
    void askTrust(ClusterSession *session);
    void askSecret(ClusterSession *session);
    void onSelectionChanged();
    void openTaskLog(const QModelIndex &index);
    void updateStatusBar();
    void updateActions();
    void fillSavedMenus();
    ClusterSession *currentSession() const;
    ClusterSession *session(const QString &id) const;

    ConnectionStore m_store;
    secrets::SecretStore *m_secrets;
    LanguageSwitcher *m_languages;
    QHash<QString, ClusterSession *> m_sessions; // children of this window
    bool m_trustPrompts = true;

    ResourceTreeModel *m_model = nullptr;
    ResourceFilterProxyModel *m_filter = nullptr;
    TaskListModel *m_tasks = nullptr;
    QSortFilterProxyModel *m_taskSort = nullptr;

    QTreeView *m_tree = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_view = nullptr;
    ContentPane *m_content = nullptr;
    QTableView *m_taskView = nullptr;
    QLabel *m_status = nullptr;
    GuestActions *m_guests = nullptr; // create, power, migrate, destroy: toolbar, menu, tree context menu

    struct Actions;
    std::unique_ptr<Actions> m_actions;
};

} // namespace atalaia::ui
