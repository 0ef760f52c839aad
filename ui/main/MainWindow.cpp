#include "MainWindow.h"

#include "ContentPane.h"
#include "Icons.h"
#include "LanguageSwitcher.h"
#include "SummaryPage.h"
#include "cluster/ClusterPanel.h"
#include "connections/ConnectionDialog.h"
#include "connections/TrustDialog.h"
#include "guests/GuestActions.h"
#include "guests/MigrateDialog.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTreeModel.h"
#include "permissions/PermissionsPanel.h"
#include "secrets/SecretKey.h"
#include "secrets/SecretStore.h"
#include "session/ClusterSession.h"
#include "tasks/TaskListModel.h"
#include "tasks/TaskLogView.h"
#include "wizards/AddGroupWizard.h"
#include "wizards/AddPermissionWizard.h"
#include "wizards/AddUserWizard.h"
#include "wizards/CreateClusterWizard.h"
#include "wizards/JoinClusterWizard.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace atalaia::ui {

struct MainWindow::Actions {
    QMenu *file = nullptr, *view = nullptr, *datacenter = nullptr, *guest = nullptr, *help = nullptr, *language = nullptr;
    QMenu *saved = nullptr, *forget = nullptr;
    QAction *connect = nullptr, *disconnect = nullptr, *quit = nullptr;
    QAction *find = nullptr;
    QActionGroup *views = nullptr;
    QAction *byNode = nullptr, *byType = nullptr, *byPool = nullptr, *byTag = nullptr;
    QActionGroup *languages = nullptr;
    QAction *addUser = nullptr, *addGroup = nullptr, *addPermission = nullptr, *permissions = nullptr;
    QAction *createCluster = nullptr, *joinCluster = nullptr;
    QAction *about = nullptr;
    QToolBar *toolbar = nullptr;
};

namespace {

secrets::SecretKey keyFor(const ConnectionProfile &profile)
{
    if (!profile.tokenName.isEmpty())
        return secrets::SecretKey(profile.id, profile.userid + QLatin1Char('!') + profile.tokenName,
                                  secrets::SecretKey::Kind::TokenSecret);
    return secrets::SecretKey(profile.id, profile.userid, secrets::SecretKey::Kind::Password);
}

QString noKeychainText()
{
    return MainWindow::tr("No keychain is available (no Secret Service or KWallet is running): the password is asked "
                          "each time and never written to a file.");
}

ResourceTreeModel::ClusterState treeState(ClusterSession::State s)
{
    switch (s) {
    case ClusterSession::State::Online:
        return ResourceTreeModel::ClusterState::Connected;
    case ClusterSession::State::Connecting:
    case ClusterSession::State::Reconnecting:
        return ResourceTreeModel::ClusterState::Connecting;
    case ClusterSession::State::Disconnected:
    case ClusterSession::State::NeedsSecret:
    case ClusterSession::State::NeedsTrust:
        return ResourceTreeModel::ClusterState::Disconnected;
    case ClusterSession::State::Blocked:
        return ResourceTreeModel::ClusterState::Failed;
    }
    return ResourceTreeModel::ClusterState::Disconnected;
}

} // namespace

MainWindow::MainWindow(ConnectionStore store, secrets::SecretStore *secrets, LanguageSwitcher *languages,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_store(std::move(store))
    , m_secrets(secrets)
    , m_languages(languages)
    , m_actions(std::make_unique<Actions>())
{
    setObjectName(QStringLiteral("MainWindow"));
    m_model = new ResourceTreeModel(this);
    m_filter = new ResourceFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_tasks = new TaskListModel(this);
    buildLayout();
    buildActions();
    retranslate();
    updateActions();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 0, 4);
    auto *controls = new QHBoxLayout;
    m_view = new QComboBox(left);
    m_view->addItems({QString(), QString(), QString(), QString()});
    m_search = new QLineEdit(left);
    m_search->setClearButtonEnabled(true);
    controls->addWidget(m_view);
    leftLayout->addLayout(controls);
    leftLayout->addWidget(m_search);
    m_tree = new QTreeView(left);
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true); // cheap layout with 100,000 rows
    m_tree->setSortingEnabled(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    for (int c = ResourceTreeModel::TypeColumn; c < ResourceTreeModel::ColumnCount; ++c)
        if (c != ResourceTreeModel::StatusColumn)
            m_tree->hideColumn(c);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ResourceTreeModel::NameColumn, QHeaderView::Stretch);
    leftLayout->addWidget(m_tree, 1);

    m_content = new ContentPane(m_tasks, this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_content);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 940});
    setCentralWidget(split);

    m_taskSort = new QSortFilterProxyModel(this);
    m_taskSort->setSourceModel(m_tasks);
    m_taskSort->setSortRole(TaskListModel::SortRole);
    m_taskView = new QTableView(this);
    m_taskView->setModel(m_taskSort);
    m_taskView->setSortingEnabled(true);
    m_taskView->sortByColumn(TaskListModel::Start, Qt::DescendingOrder);
    m_taskView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_taskView->verticalHeader()->hide();
    m_taskView->horizontalHeader()->setStretchLastSection(true);
    m_taskView->verticalHeader()->setDefaultSectionSize(m_taskView->fontMetrics().height() + 8);
    // Time columns fit a full date and time in this locale; the rest follow their content.
    const int timeWidth = m_taskView->fontMetrics().horizontalAdvance(
                              QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)), QLocale::ShortFormat))
                        + 24;
    m_taskView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_taskView->setColumnWidth(TaskListModel::Start, timeWidth);
    m_taskView->setColumnWidth(TaskListModel::End, timeWidth);
    m_taskView->setColumnWidth(TaskListModel::Cluster, 140);
    m_taskView->setColumnWidth(TaskListModel::Node, 100);
    m_taskView->setColumnWidth(TaskListModel::User, 140);
    m_taskView->setColumnWidth(TaskListModel::Description, 260);
    auto *dock = new QDockWidget(this);
    dock->setObjectName(QStringLiteral("TaskDock"));
    dock->setWidget(m_taskView);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {200}, Qt::Vertical);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterText(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    connect(m_view, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_model->setView(ResourceTreeModel::View(index));
        m_tree->expandToDepth(1);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        // The menu key gives a position that may be no row's: the current row then.
        QModelIndex index = m_tree->indexAt(pos);
        QPoint at = pos;
        if (!index.isValid()) {
            index = m_tree->currentIndex();
            at = m_tree->visualRect(index).center();
        }
        if (!index.isValid() || !m_guests)
            return;
        m_tree->setCurrentIndex(index);
        QMenu menu(this);
        m_guests->fillMenu(menu);
        if (!menu.isEmpty())
            menu.exec(m_tree->viewport()->mapToGlobal(at));
    });
    connect(m_taskView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { openTaskLog(m_taskSort->mapToSource(index)); });
    connect(m_content, &ContentPane::taskActivated, this, &MainWindow::openTaskLog);
    connect(m_content, &ContentPane::addUserRequested, this, &MainWindow::addUser);
    connect(m_content, &ContentPane::addGroupRequested, this, &MainWindow::addGroup);
    connect(m_content, &ContentPane::addPermissionRequested, this, &MainWindow::addPermission);
    // Keyboard: Enter in the search field moves to the first match.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_tree->setFocus();
        QModelIndex i = m_filter->index(0, 0);
        while (i.isValid() && m_filter->rowCount(i) > 0)
            i = m_filter->index(0, 0, i);
        if (i.isValid())
            m_tree->setCurrentIndex(i);
    });
}

void MainWindow::buildActions()
{
    Actions &a = *m_actions;
    a.file = menuBar()->addMenu(QString());
    a.connect = a.file->addAction(themedIcon(QStringLiteral("network-connect"), QStringLiteral("connect")), QString(), this,
                                  &MainWindow::showConnectDialog);
    a.connect->setShortcut(QKeySequence::New);
    a.disconnect = a.file->addAction(QIcon::fromTheme(QStringLiteral("network-disconnect")), QString(), this, [this] {
        if (ClusterSession *s = currentSession())
            s->disconnectFromCluster();
    });
    // Saved connections: open one again, or forget it (and its keychain entry).
    a.saved = a.file->addMenu(QIcon::fromTheme(QStringLiteral("network-server")), QString());
    a.forget = a.file->addMenu(QIcon::fromTheme(QStringLiteral("edit-delete")), QString());
    connect(a.saved, &QMenu::aboutToShow, this, [this] { fillSavedMenus(); });
    connect(a.forget, &QMenu::aboutToShow, this, [this] { fillSavedMenus(); });
    a.file->addSeparator();
    a.quit = a.file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), QString(), this, &QWidget::close);
    a.quit->setShortcut(QKeySequence::Quit);

    a.view = menuBar()->addMenu(QString());
    a.find = a.view->addAction(QString(), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    a.find->setShortcut(QKeySequence::Find);
    a.view->addSeparator();
    a.views = new QActionGroup(this);
    a.byNode = a.view->addAction(QString());
    a.byType = a.view->addAction(QString());
    a.byPool = a.view->addAction(QString());
    a.byTag = a.view->addAction(QString());
    int i = 0;
    for (QAction *v : {a.byNode, a.byType, a.byPool, a.byTag}) {
        v->setCheckable(true);
        v->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        a.views->addAction(v);
        connect(v, &QAction::triggered, this, [this, i] { m_view->setCurrentIndex(i); });
        ++i;
    }
    a.byNode->setChecked(true);
    connect(m_view, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_actions->views->actions().value(index)->setChecked(true);
    });
    a.view->addSeparator();
    a.language = a.view->addMenu(QString());
    a.languages = new QActionGroup(this);
    for (const QString &lang : LanguageSwitcher::available()) {
        QAction *l = a.language->addAction(LanguageSwitcher::displayName(lang));
        l->setCheckable(true);
        l->setData(lang);
        l->setChecked(m_languages && m_languages->current() == lang);
        a.languages->addAction(l);
        connect(l, &QAction::triggered, this, [this, lang] {
            if (m_languages)
                m_languages->setLanguage(lang);
        });
    }

    a.datacenter = menuBar()->addMenu(QString());
    a.permissions = a.datacenter->addAction(QIcon::fromTheme(QStringLiteral("security-high")), QString(), this, [this] {
        m_content->openPermissionsTab();
    });
    a.datacenter->addSeparator();
    a.addUser = a.datacenter->addAction(themedIcon(QStringLiteral("list-add-user"), QStringLiteral("user-add")), QString(),
                                        this, &MainWindow::addUser);
    a.addGroup = a.datacenter->addAction(themedIcon(QStringLiteral("resource-group-new"), QStringLiteral("group-add")),
                                         QString(), this, &MainWindow::addGroup);
    a.addPermission = a.datacenter->addAction(themedIcon(QStringLiteral("document-edit-decrypt-verify"),
                                                         QStringLiteral("permission-add")),
                                              QString(), this, &MainWindow::addPermission);
    a.datacenter->addSeparator();
    a.createCluster = a.datacenter->addAction(QIcon::fromTheme(QStringLiteral("list-add")), QString(), this,
                                              &MainWindow::createCluster);
    a.joinCluster = a.datacenter->addAction(QIcon::fromTheme(QStringLiteral("network-connect")), QString(), this,
                                            &MainWindow::joinCluster);

    // Guests: Proxmox's Create VM / Create CT and the selected guest's actions.
    m_guests = new GuestActions(this);
    a.guest = menuBar()->addMenu(QString());
    a.guest->addAction(m_guests->createVm());
    a.guest->addAction(m_guests->createCt());
    a.guest->addSeparator();
    for (QAction *g : m_guests->powerActions())
        a.guest->addAction(g);

    a.help = menuBar()->addMenu(QString());
    a.about = a.help->addAction(QIcon::fromTheme(QStringLiteral("help-about")), QString(), this, [this] {
        QMessageBox::about(this, tr("About Atalaia"),
                           tr("<h3>Atalaia %1</h3><p>Manages small high-availability virtualization clusters from "
                              "your desktop. It speaks the Proxmox VE API, so it also manages Proxmox VE clusters.</p>")
                               .arg(QStringLiteral(ATALAIA_VERSION)));
    });

    a.toolbar = addToolBar(QString());
    a.toolbar->setObjectName(QStringLiteral("MainToolbar"));
    a.toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    a.toolbar->addAction(a.connect);
    a.toolbar->addSeparator();
    a.toolbar->addAction(a.addUser);
    a.toolbar->addAction(a.addGroup);
    a.toolbar->addAction(a.addPermission);
    a.toolbar->addSeparator();
    a.toolbar->addAction(m_guests->createVm());
    a.toolbar->addAction(m_guests->createCt());
    a.toolbar->addSeparator();
    for (QAction *g : {m_guests->start(), m_guests->shutdown(), m_guests->stop(), m_guests->migrate()})
        a.toolbar->addAction(g);
}

void MainWindow::retranslate()
{
    Actions &a = *m_actions;
    setWindowTitle(tr("Atalaia"));
    a.file->setTitle(tr("&File"));
    a.saved->setTitle(tr("&Saved connections"));
    a.forget->setTitle(tr("F&orget a saved connection"));
    a.connect->setText(tr("&Connect to a cluster…"));
    a.disconnect->setText(tr("&Disconnect"));
    a.quit->setText(tr("&Quit"));
    a.view->setTitle(tr("&View"));
    a.find->setText(tr("&Search the tree"));
    a.byNode->setText(tr("Server view (by &node)"));
    a.byType->setText(tr("Folder view (by &type)"));
    a.byPool->setText(tr("&Pool view"));
    a.byTag->setText(tr("T&ag view"));
    a.language->setTitle(tr("&Language"));
    a.datacenter->setTitle(tr("&Datacenter"));
    a.permissions->setText(tr("&Permissions"));
    a.addUser->setText(tr("Add &user…"));
    a.addGroup->setText(tr("Add &group…"));
    a.addPermission->setText(tr("Add p&ermission…"));
    a.createCluster->setText(tr("C&reate cluster…"));
    a.joinCluster->setText(tr("&Join cluster…"));
    a.guest->setTitle(tr("&Guest"));
    m_guests->retranslate();
    a.help->setTitle(tr("&Help"));
    a.about->setText(tr("&About Atalaia"));
    a.toolbar->setWindowTitle(tr("Main toolbar"));
    const QStringList views{tr("Server view"), tr("Folder view"), tr("Pool view"), tr("Tag view")};
    for (int i = 0; i < views.size(); ++i)
        m_view->setItemText(i, views[i]);
    m_view->setAccessibleName(tr("Tree view"));
    m_search->setPlaceholderText(tr("Search: name, id, node, tag, status (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search the tree"));
    m_tree->setAccessibleName(tr("Datacenter tree"));
    m_taskView->setAccessibleName(tr("Tasks"));
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("TaskDock")))
        dock->setWindowTitle(tr("Tasks"));
    updateStatusBar();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (ClusterSession *s : std::as_const(m_sessions))
        s->disconnectFromCluster();
    event->accept();
}

QList<ClusterSession *> MainWindow::sessions() const
{
    return m_sessions.values();
}

ClusterSession *MainWindow::session(const QString &id) const
{
    return m_sessions.value(id);
}

ClusterSession *MainWindow::currentSession() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        return session(current.data(ResourceTreeModel::ClusterIdRole).toString());
    return m_sessions.size() == 1 ? *m_sessions.cbegin() : nullptr;
}

ClusterSession *MainWindow::openConnection(const ConnectionProfile &profile, const QString &secret)
{
    if (ClusterSession *existing = session(profile.id))
        return existing;
    auto *s = new ClusterSession(profile, this);
    m_sessions.insert(profile.id, s);
    m_model->addCluster(profile.id, profile.name);
    m_tasks->setClusterName(profile.id, profile.name);
    m_store.save(profile);
    connect(s, &ClusterSession::stateChanged, this, [this, s] { onSessionState(s); });
    connect(s, &ClusterSession::resourcesReceived, this, [this, s](const ResourceSnapshot &list) {
        const bool first = m_model->rowCount(m_model->index(0, 0)) == 0;
        m_model->applyResources(s->id(), list);
        if (first)
            m_tree->expandToDepth(1);
        m_content->inventoryChanged(s);
        updateActions(); // a guest's state decides which of its actions apply
    });
    connect(s, &ClusterSession::tasksReceived, this,
            [this, s](const QList<model::Task> &tasks) { m_tasks->setTasks(s->id(), tasks); });
    connect(s, &ClusterSession::permissionsChanged, this, [this] {
        updateActions();
        onSelectionChanged();
    });
    connect(s, &ClusterSession::profileChanged, this, [this](const ConnectionProfile &p) { m_store.save(p); });

    if (!secret.isEmpty()) {
        s->connectWithSecret(secret);
    } else if (profile.rememberSecret && m_secrets) {
        m_secrets->read(keyFor(profile)).then(this, [this, s](const Result<QString> &stored) {
            if (stored)
                s->connectWithSecret(*stored);
            else
                askSecret(s);
        });
    } else {
        askSecret(s);
    }
    if (!m_tree->currentIndex().isValid())
        m_tree->setCurrentIndex(m_filter->index(0, 0));
    return s;
}

void MainWindow::fillSavedMenus()
{
    Actions &a = *m_actions;
    a.saved->clear();
    a.forget->clear();
    const QList<ConnectionProfile> profiles = m_store.load();
    for (const ConnectionProfile &p : profiles) {
        const QString label = tr("%1 — %2 at %3").arg(p.name, p.userid, p.addressesText());
        QAction *open = a.saved->addAction(label, this, [this, p] { openConnection(p, QString()); });
        open->setEnabled(!m_sessions.contains(p.id));
        a.forget->addAction(label, this, [this, p] { forgetConnection(p); });
    }
    if (profiles.isEmpty()) {
        a.saved->addAction(tr("(none yet)"))->setEnabled(false);
        a.forget->addAction(tr("(none yet)"))->setEnabled(false);
    }
}

void MainWindow::forgetConnection(const ConnectionProfile &profile)
{
    if (ClusterSession *s = session(profile.id)) {
        s->disconnectFromCluster();
        m_model->removeCluster(profile.id);
        m_tasks->removeCluster(profile.id);
        m_sessions.remove(profile.id);
        s->deleteLater();
    }
    m_store.remove(profile.id);
    if (m_secrets)
        m_secrets->remove(keyFor(profile));
    updateStatusBar();
}

void MainWindow::reopenSavedConnections()
{
    // Only those whose secret the keychain keeps: the others would each open
    // a password dialog at start; they are one click away under File.
    for (const ConnectionProfile &p : m_store.load())
        if (p.rememberSecret && m_secrets && m_secrets->available())
            openConnection(p, QString());
}

void MainWindow::showConnectDialog()
{
    ConnectionDialog dialog(this);
    if (m_secrets)
        dialog.setKeychainAvailable(m_secrets->available(), noKeychainText());
    else
        dialog.setKeychainAvailable(false, noKeychainText());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionProfile profile = dialog.profile();
    if (profile.rememberSecret && m_secrets)
        m_secrets->write(keyFor(profile), dialog.secret());
    openConnection(profile, dialog.secret());
}

void MainWindow::onSessionState(ClusterSession *s)
{
    m_model->setClusterState(s->id(), treeState(s->state()), s->lastError());
    updateStatusBar();
    updateActions();
    if (s->state() == ClusterSession::State::NeedsTrust && m_trustPrompts)
        askTrust(s);
    if (m_content && currentSession() == s)
        m_content->inventoryChanged(s);
}

void MainWindow::askTrust(ClusterSession *s)
{
    auto *dialog = new TrustDialog(s->displayName(), s->pendingEndpoint(), s->pendingFingerprint(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<ClusterSession> guard(s);
    connect(dialog, &QDialog::accepted, this, [guard] {
        if (guard)
            guard->trustPending();
    });
    dialog->open();
}

void MainWindow::askSecret(ClusterSession *s)
{
    ConnectionDialog *dialog = new ConnectionDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProfile(s->profile());
    if (m_secrets)
        dialog->setKeychainAvailable(m_secrets->available(), noKeychainText());
    QPointer<ClusterSession> guard(s);
    connect(dialog, &QDialog::accepted, this, [this, dialog, guard] {
        if (!guard)
            return;
        if (dialog->profile().rememberSecret && m_secrets)
            m_secrets->write(keyFor(dialog->profile()), dialog->secret());
        guard->connectWithSecret(dialog->secret());
    });
    dialog->open();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    ClusterSession *s = current.isValid() ? session(current.data(ResourceTreeModel::ClusterIdRole).toString()) : nullptr;
    std::optional<model::ClusterResource> resource;
    const QVariant value = current.data(ResourceTreeModel::ResourceRole);
    if (value.isValid() && value.canConvert<model::ClusterResource>())
        resource = value.value<model::ClusterResource>();
    m_content->showItem(s, resource);
    updateActions();
}

void MainWindow::openTaskLog(const QModelIndex &index)
{
    const model::Task *task = m_tasks->task(index);
    ClusterSession *s = session(m_tasks->clusterId(index));
    if (!task || !s)
        return;
    // A migration, running or done, started here or elsewhere: its progress dialog.
    if (MigrateDialog::isMigrationTask(task->upid.type())) {
        auto *dialog = new MigrateDialog(*s, task->upid.toString(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        return;
    }
    auto *view = new TaskLogView(*s, task->upid.toString(), TaskListModel::describe(*task), this);
    view->show();
}

void MainWindow::updateStatusBar()
{
    QStringList parts;
    for (ClusterSession *s : std::as_const(m_sessions)) {
        QString text = tr("%1: %2").arg(s->displayName(), ClusterSession::stateText(s->state()));
        if (!s->lastError().isEmpty())
            text += QStringLiteral(" — ") + s->lastError();
        parts.append(text);
    }
    m_status->setText(parts.isEmpty() ? tr("Not connected. Use File → Connect to a cluster (Ctrl+N).")
                                      : parts.join(QLatin1String("   |   ")));
}

void MainWindow::updateActions()
{
    ClusterSession *s = currentSession();
    const bool online = s && s->state() == ClusterSession::State::Online;
    Actions &a = *m_actions;
    a.disconnect->setEnabled(s != nullptr);
    // Actions the user has no privilege for are disabled (and say why).
    const bool users = online && s->can(QStringLiteral("/access/groups"), QStringLiteral("User.Modify"));
    const bool groups = online && s->can(QStringLiteral("/access/groups"), QStringLiteral("Group.Allocate"));
    const bool acl = online && (s->can(QStringLiteral("/access"), QStringLiteral("Permissions.Modify"))
                                || s->can(QStringLiteral("/"), QStringLiteral("Permissions.Modify")));
    a.addUser->setEnabled(users);
    a.addGroup->setEnabled(groups);
    a.addPermission->setEnabled(acl);
    a.permissions->setEnabled(online && (s->can(QStringLiteral("/access"), QStringLiteral("Sys.Audit")) || users));
    // Root only, as in Proxmox VE; the wizards tell a node that is already in a cluster.
    a.createCluster->setEnabled(online && ClusterPanel::mayManageCluster(*s));
    a.joinCluster->setEnabled(online && ClusterPanel::mayManageCluster(*s));
    std::optional<model::ClusterResource> resource;
    const QVariant value = m_tree->currentIndex().data(ResourceTreeModel::ResourceRole);
    if (value.isValid() && value.canConvert<model::ClusterResource>())
        resource = value.value<model::ClusterResource>();
    m_guests->setCurrent(s, resource);
}

void MainWindow::addUser()
{
    ClusterSession *s = currentSession();
    if (!s)
        return;
    auto *w = new AddUserWizard(*s, this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &AddUserWizard::userCreated, this, [this] {
        if (PermissionsPanel *p = m_content->permissions())
            p->reload();
    });
    w->open();
}

void MainWindow::addGroup()
{
    ClusterSession *s = currentSession();
    if (!s)
        return;
    auto *w = new AddGroupWizard(*s, this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &AddGroupWizard::groupCreated, this, [this] {
        if (PermissionsPanel *p = m_content->permissions())
            p->reload();
    });
    w->open();
}

void MainWindow::addPermission()
{
    ClusterSession *s = currentSession();
    if (!s)
        return;
    auto *w = new AddPermissionWizard(*s, this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &AddPermissionWizard::permissionAdded, this, [this, s] {
        if (PermissionsPanel *p = m_content->permissions())
            p->reload();
        s->refreshSoon();
    });
    w->open();
}

void MainWindow::createCluster()
{
    ClusterSession *s = currentSession();
    if (!s)
        return;
    auto *w = new CreateClusterWizard(*s, this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &CreateClusterWizard::clusterCreated, this, [this] {
        if (ClusterPanel *p = m_content->clusterPanel())
            p->reload();
    });
    w->open();
}

void MainWindow::joinCluster()
{
    ClusterSession *s = currentSession();
    if (!s)
        return;
    auto *w = new JoinClusterWizard(*s, this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(w, &JoinClusterWizard::joined, this, [this] {
        if (ClusterPanel *p = m_content->clusterPanel())
            p->reload();
    });
    w->open();
}

} // namespace atalaia::ui
