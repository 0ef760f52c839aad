#include "ScreenshotTour.h"

#include "ContentPane.h"
#include "LanguageSwitcher.h"
#include "MainWindow.h"
#include "cluster/ClusterPanel.h"
#include "cluster/JoinInformationDialog.h"
#include "connections/ConnectionDialog.h"
#include "connections/TrustDialog.h"
#include "guests/DeleteGuestDialog.h"
#include "guests/GuestActions.h"
#include "guests/GuestConfigPage.h"
#include "guests/MigrateDialog.h"
#include "models/ResourceTreeModel.h"
#include "permissions/EditDialog.h"
#include "permissions/ListPage.h"
#include "permissions/PermissionsPanel.h"
#include "session/ClusterSession.h"
#include "storage/StorageContentPage.h"
#include "storage/StorageSummaryPage.h"
#include "storage/UploadDialog.h"
#include "tasks/TaskListModel.h"
#include "tasks/TaskLogView.h"
#include "wizards/AddGroupWizard.h"
#include "wizards/AddPermissionWizard.h"
#include "wizards/AddUserWizard.h"
#include "wizards/CreateClusterWizard.h"
#include "wizards/CreateCtWizard.h"
#include "wizards/CreateVmWizard.h"
#include "wizards/JoinClusterWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QProgressBar>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

namespace atalaia::ui {

namespace {
constexpr int kStepMs = 600;      // time for answers to arrive and widgets to settle
constexpr int kOnlineWaitMs = 30000;
// The story's password for roma@pve (the demo agent is throwaway).
constexpr const char *kRomaPassword = "a long secret 2026";
}

ScreenshotTour::ScreenshotTour(MainWindow &window, LanguageSwitcher &languages, const QString &directory,
                               QStringList passes, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_languages(languages)
    , m_dir(directory)
    , m_passes(std::move(passes))
{
    m_dir.mkpath(QStringLiteral("."));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ScreenshotTour::next);
}

ScreenshotTour::~ScreenshotTour() = default;

void ScreenshotTour::start(ClusterSession *session)
{
    m_session = session;
    waitOnline();
}

void ScreenshotTour::waitOnline()
{
    if (!m_session) {
        emit finished(false, QStringLiteral("the connection went away"));
        return;
    }
    if (m_session->state() == ClusterSession::State::NeedsTrust) {
        // The first-contact dialog is part of the tour: shoot it, then trust.
        for (const QString &lang : std::as_const(m_passes)) {
            m_languages.setLanguage(lang);
            m_language = lang;
            m_counter = -1; // numbered 00: it comes before the tour proper
            TrustDialog dialog(m_session->displayName(), m_session->pendingEndpoint(), m_session->pendingFingerprint(), &m_window);
            dialog.show();
            QApplication::processEvents();
            shoot(&dialog, QStringLiteral("trust-certificate"));
        }
        m_session->trustPending();
    }
    if (m_session->state() == ClusterSession::State::Online && !m_session->resources().isEmpty()) {
        prepareGuestStorage();
        for (const QString &lang : std::as_const(m_passes))
            planLanguage(lang);
        m_steps.append([this] {
            emit finished(true, QStringLiteral("%1 screenshots in %2").arg(m_files).arg(m_dir.absolutePath()));
        });
        m_timer.start(kStepMs);
        return;
    }
    if ((m_waited += 200) > kOnlineWaitMs) {
        emit finished(false, QStringLiteral("not online after %1 s: %2 %3")
                                 .arg(kOnlineWaitMs / 1000)
                                 .arg(ClusterSession::stateText(m_session->state()), m_session->lastError()));
        return;
    }
    QTimer::singleShot(200, this, &ScreenshotTour::waitOnline);
}

void ScreenshotTour::next()
{
    if (m_steps.isEmpty())
        return;
    auto step = m_steps.takeFirst();
    step();
    if (!m_steps.isEmpty())
        m_timer.start(kStepMs);
}

void ScreenshotTour::shoot(QWidget *widget, const QString &what)
{
    const QString file = m_dir.filePath(QStringLiteral("%1-%2-%3.png").arg(m_language).arg(++m_counter, 2, 10, QLatin1Char('0')).arg(what));
    if (widget->grab().save(file))
        ++m_files;
}

void ScreenshotTour::selectRow(const QString &kind)
{
    QTreeView *tree = m_window.tree();
    QAbstractItemModel *model = tree->model();
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            const QString type = i.data(ResourceTreeModel::TypeRole).toString();
            if ((kind.isEmpty() && !parent.isValid()) || (!kind.isEmpty() && type == kind))
                return i;
            if (const QModelIndex deeper = find(i); deeper.isValid())
                return deeper;
        }
        return {};
    };
    const QModelIndex target = find({});
    if (target.isValid()) {
        tree->setCurrentIndex(target);
        tree->scrollTo(target);
    }
}

void ScreenshotTour::planLanguage(const QString &language)
{
    MainWindow &w = m_window;
    m_steps.append([this, language] {
        m_language = language;
        m_counter = 0;
        m_languages.setLanguage(language);
    });
    m_steps.append([this, &w] {
        selectRow(QString());
        w.tree()->expandToDepth(1);
    });
    m_steps.append([this, &w] { shoot(&w, QStringLiteral("datacenter-summary")); });
    m_steps.append([this, &w] {
        w.content()->openPermissionsTab();
    });
    m_steps.append([this, &w] {
        PermissionsPanel *panel = w.content()->permissions();
        if (!panel)
            return;
        for (int t = 0; t < panel->tabs()->count(); ++t) {
            panel->tabs()->setCurrentIndex(t);
            QApplication::processEvents();
            shoot(&w, QStringLiteral("permissions-%1").arg(t));
        }
        panel->tabs()->setCurrentIndex(0);
    });
    m_steps.append([this, &w] {
        PermissionsPanel *panel = w.content()->permissions();
        if (!panel || panel->page(PermissionsPanel::Users)->model()->rowCount() == 0)
            return;
        auto *edit = new EditDialog(*m_session, EditDialog::Kind::User,
                                    panel->page(PermissionsPanel::Users)->model()->row(0), &w);
        edit->setAttribute(Qt::WA_DeleteOnClose);
        edit->show();
        QTimer::singleShot(kStepMs / 2, edit, [this, edit] {
            shoot(edit, QStringLiteral("edit-user"));
            edit->close();
        });
    });
    m_steps.append([this, &w] {
        if (ClusterPanel *cluster = w.content()->clusterPanel())
            w.content()->setCurrentWidget(cluster);
    });
    m_steps.append([this, &w] {
        if (w.content()->clusterPanel())
            shoot(&w, QStringLiteral("cluster"));
    });
    m_steps.append([this, &w] {
        ClusterPanel *cluster = w.content()->clusterPanel();
        if (JoinInformationDialog *info = cluster ? cluster->openJoinInformation() : nullptr) {
            QApplication::processEvents();
            shoot(info, QStringLiteral("join-information"));
            info->close();
        }
    });
    // The cluster wizards' pages, not finished: the demo node is in a
    // cluster already (the first page says so), and joining would leave it.
    auto createWizard = std::make_shared<QPointer<CreateClusterWizard>>();
    m_steps.append([this, &w, createWizard] {
        *createWizard = new CreateClusterWizard(*m_session, &w);
        (*createWizard)->setAttribute(Qt::WA_DeleteOnClose);
        (*createWizard)->show();
        if (auto *name = (*createWizard)->findChild<QLineEdit *>(QStringLiteral("clusterName")))
            name->setText(QStringLiteral("lisboa"));
    });
    m_steps.append([this, createWizard] {
        if (*createWizard) {
            shoot(*createWizard, QStringLiteral("create-cluster-1-settings"));
            (*createWizard)->close();
        }
    });
    auto joinWizard = std::make_shared<QPointer<JoinClusterWizard>>();
    m_steps.append([this, &w, joinWizard] {
        ClusterPanel *cluster = w.content()->clusterPanel();
        *joinWizard = new JoinClusterWizard(*m_session, &w);
        (*joinWizard)->setAttribute(Qt::WA_DeleteOnClose);
        (*joinWizard)->show();
        if (cluster)
            (*joinWizard)->setJoinInformation(cluster->joinInformation());
    });
    m_steps.append([this, joinWizard] {
        if (!*joinWizard)
            return;
        shoot(*joinWizard, QStringLiteral("join-cluster-1-information"));
        (*joinWizard)->next();
        if (auto *password = (*joinWizard)->findChild<QLineEdit *>(QStringLiteral("password")))
            password->setText(QStringLiteral("root-password"));
    });
    m_steps.append([this, joinWizard] {
        if (!*joinWizard)
            return;
        shoot(*joinWizard, QStringLiteral("join-cluster-2-links"));
        (*joinWizard)->next();
    });
    m_steps.append([this, joinWizard] {
        if (*joinWizard) {
            shoot(*joinWizard, QStringLiteral("join-cluster-3-summary"));
            (*joinWizard)->close();
        }
    });
    m_steps.append([this] { selectRow(QStringLiteral("node")); });
    m_steps.append([this, &w] {
        w.content()->setCurrentIndex(0);
        shoot(&w, QStringLiteral("node-summary"));
    });
    m_steps.append([this] { selectRow(QStringLiteral("qemu")); });
    // Live charts gain a point per inventory refresh: let a few arrive.
    for (int i = 0; i < 12; ++i)
        m_steps.append([] {});
    m_steps.append([this, &w] { shoot(&w, QStringLiteral("vm-summary")); });
    m_steps.append([this, &w] {
        w.content()->setCurrentIndex(1);
        shoot(&w, QStringLiteral("vm-tasks"));
        w.content()->setCurrentIndex(0);
    });
    m_steps.append([this, &w] {
        w.searchField()->setText(QStringLiteral("run"));
        QApplication::processEvents();
        shoot(&w, QStringLiteral("tree-search"));
        w.searchField()->clear();
    });
    m_steps.append([this, &w] {
        ConnectionDialog dialog(&w);
        dialog.setProfile(m_session->profile());
        dialog.show();
        QApplication::processEvents();
        shoot(&dialog, QStringLiteral("connect-dialog"));
    });
    m_steps.append([this, &w] {
        if (w.taskModel()->rowCount() == 0)
            return;
        auto *log = new TaskLogView(*m_session, w.taskModel()->index(0, 0).data(TaskListModel::UpidRole).toString(),
                                    TaskListModel::describe(*w.taskModel()->task(w.taskModel()->index(0, 0))), &w);
        log->show();
        QTimer::singleShot(kStepMs / 2, log, [this, log] {
            shoot(log, QStringLiteral("task-log"));
            log->close();
        });
    });

    planGuests();

    // Wizards: each page, filled the way the user's story does it. In the
    // first language they are finished too, so the story's group, user and
    // permission exist and roma's restricted view can be shown after them.
    const bool finish = language == m_passes.first();
    auto end = [finish](QWizard *wizard) {
        if (finish)
            wizard->accept();
        else
            wizard->close();
    };
    auto groupWizard = std::make_shared<QPointer<AddGroupWizard>>();
    m_steps.append([this, &w, groupWizard] {
        *groupWizard = new AddGroupWizard(*m_session, &w);
        (*groupWizard)->show();
        (*groupWizard)->findChild<QLineEdit *>()->setText(QStringLiteral("GroupUserManage"));
    });
    m_steps.append([this, groupWizard] {
        shoot(*groupWizard, QStringLiteral("add-group-1-name"));
        (*groupWizard)->next();
    });
    m_steps.append([this, groupWizard, end] {
        shoot(*groupWizard, QStringLiteral("add-group-2-members"));
        end(*groupWizard);
    });
    auto userWizard = std::make_shared<QPointer<AddUserWizard>>();
    m_steps.append([this, &w, userWizard] {
        *userWizard = new AddUserWizard(*m_session, &w);
        (*userWizard)->show();
        (*userWizard)->findChild<QLineEdit *>()->setText(QStringLiteral("roma"));
    });
    m_steps.append([this, userWizard] {
        shoot(*userWizard, QStringLiteral("add-user-1-name"));
        (*userWizard)->next();
        const auto edits = (*userWizard)->currentPage()->findChildren<QLineEdit *>();
        for (QLineEdit *e : edits)
            if (e->echoMode() == QLineEdit::Password)
                e->setText(QLatin1String(kRomaPassword));
    });
    m_steps.append([this, userWizard] {
        shoot(*userWizard, QStringLiteral("add-user-2-password"));
        (*userWizard)->next();
    });
    m_steps.append([this, userWizard] {
        if (auto *groups = (*userWizard)->currentPage()->findChild<QListWidget *>())
            for (QListWidgetItem *item : groups->findItems(QStringLiteral("GroupUserManage"), Qt::MatchExactly))
                item->setCheckState(Qt::Checked);
        shoot(*userWizard, QStringLiteral("add-user-3-details"));
        (*userWizard)->next();
    });
    m_steps.append([this, userWizard, end] {
        shoot(*userWizard, QStringLiteral("add-user-4-summary"));
        end(*userWizard);
    });
    auto aclWizard = std::make_shared<QPointer<AddPermissionWizard>>();
    m_steps.append([this, &w, aclWizard] {
        *aclWizard = new AddPermissionWizard(*m_session, &w);
        (*aclWizard)->show();
        (*aclWizard)->findChild<QComboBox *>()->setCurrentText(QStringLiteral("/access"));
    });
    m_steps.append([this, aclWizard] {
        shoot(*aclWizard, QStringLiteral("add-permission-1-path"));
        (*aclWizard)->next();
        auto *role = (*aclWizard)->currentPage()->findChild<QComboBox *>();
        if (role)
            role->setCurrentIndex(std::max(0, role->findText(QStringLiteral("PVEUserAdmin"))));
    });
    m_steps.append([this, aclWizard] {
        shoot(*aclWizard, QStringLiteral("add-permission-2-role"));
        (*aclWizard)->next();
        if (auto *who = (*aclWizard)->currentPage()->findChild<QComboBox *>())
            who->setCurrentText(QStringLiteral("GroupUserManage"));
    });
    m_steps.append([this, aclWizard, end] {
        shoot(*aclWizard, QStringLiteral("add-permission-3-who"));
        end(*aclWizard);
    });

    // roma@pve in a second connection: it may manage users, and sees no node or guest.
    m_steps.append([this, &w, finish] {
        if (!finish || m_roma)
            return;
        ConnectionProfile roma = m_session->profile();
        roma.id = ConnectionProfile::newId();
        roma.name = QStringLiteral("%1 (roma)").arg(m_session->displayName());
        roma.userid = QStringLiteral("roma@pve");
        m_roma = w.openConnection(roma, QLatin1String(kRomaPassword));
    });
    for (int i = 0; i < 4; ++i)
        m_steps.append([] {});
    m_steps.append([this, &w] {
        if (!m_roma)
            return;
        QAbstractItemModel *model = w.tree()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex i = model->index(r, 0);
            if (i.data(ResourceTreeModel::ClusterIdRole).toString() == m_roma->id())
                w.tree()->setCurrentIndex(i);
        }
    });
    m_steps.append([this, &w] {
        if (m_roma)
            w.content()->openPermissionsTab();
    });
    m_steps.append([this, &w] {
        if (m_roma)
            shoot(&w, QStringLiteral("restricted-roma"));
    });
    // Last, so the earlier shots keep their numbers.
    planStorage();
}

} // namespace atalaia::ui

namespace atalaia::ui {

QString ScreenshotTour::tourNode() const
{
    // The node the console talks to: a fake agent creates guests on itself only.
    QStringList nodes;
    if (m_session)
        for (const auto &r : m_session->resources())
            if (r.type == model::ResourceType::Node && r.node)
                nodes.append(r.node->toString());
    nodes.sort();
    return nodes.value(0);
}

void ScreenshotTour::prepareGuestStorage()
{
    // The demo's storages are /var/lib/vz (no disks) and a Ceph pool a fake
    // node cannot use: the tour adds a shared directory of its own, with
    // stand-ins for the bundled ISO and template, so the wizards can finish
    // and the VM can migrate. Only where the agent runs on this machine.
    const QString host = m_session->profile().endpoints.value(0).toString();
    if (!host.startsWith(QLatin1String("127.0.0.1")) && !host.startsWith(QLatin1String("localhost")))
        return;
    m_guestStorage = std::make_unique<QTemporaryDir>();
    for (const char *name : {"template/iso/atalaia-tiny-1.0.iso", "template/cache/debian-13-standard_13.0-1_amd64.tar.zst"}) {
        const QString file = m_guestStorage->filePath(QLatin1String(name));
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile f(file);
        if (f.open(QIODevice::WriteOnly))
            f.write("a stand-in for the screenshot tour\n");
    }
    m_session->client().post(QStringLiteral("/storage"), {{QStringLiteral("storage"), QStringLiteral("tour")},
                                                          {QStringLiteral("type"), QStringLiteral("dir")},
                                                          {QStringLiteral("path"), m_guestStorage->path()},
                                                          {QStringLiteral("content"), QStringLiteral("iso,vztmpl,images,rootdir")},
                                                          {QStringLiteral("shared"), 1}});
}

void ScreenshotTour::selectResource(const QString &id)
{
    QTreeView *tree = m_window.tree();
    QAbstractItemModel *model = tree->model();
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            // The tour's own connection: roma's shows the same ids.
            if (i.data(ResourceTreeModel::ResourceIdRole).toString() == id
                && i.data(ResourceTreeModel::ClusterIdRole).toString() == m_session->id())
                return i;
            if (const QModelIndex deeper = find(i); deeper.isValid())
                return deeper;
        }
        return {};
    };
    if (const QModelIndex target = find({}); target.isValid()) {
        tree->setCurrentIndex(target);
        tree->scrollTo(target);
    }
}

void ScreenshotTour::planStorage()
{
    if (!m_guestStorage)
        return;
    MainWindow &w = m_window;
    m_steps.append([this] {
        if (m_session)
            selectResource(QStringLiteral("storage/%1/tour").arg(tourNode()));
    });
    m_steps.append([this, &w] {
        w.content()->setCurrentWidget(w.content()->storageSummary());
        shoot(&w, QStringLiteral("storage-summary"));
    });
    m_steps.append([&w] {
        if (StorageContentPage *iso = w.content()->storagePage(QStringLiteral("iso")); w.content()->indexOf(iso) >= 0)
            w.content()->setCurrentWidget(iso);
    });
    m_steps.append([this, &w] { shoot(&w, QStringLiteral("storage-iso")); });
    // A sparse file the size of a small ISO: quick to make, real to send.
    const QString source = m_guestStorage->filePath(QStringLiteral("upload-source/alpine-virt-3.22.1-x86_64.iso"));
    auto dialog = std::make_shared<QPointer<UploadDialog>>();
    m_steps.append([this, &w, dialog, source] {
        StorageContentPage *iso = w.content()->storagePage(QStringLiteral("iso"));
        if (!iso || w.content()->indexOf(iso) < 0)
            return;
        QDir().mkpath(QFileInfo(source).absolutePath());
        QFile file(source);
        if (!file.open(QIODevice::WriteOnly) || !file.resize(qint64(192) * 1024 * 1024))
            return;
        file.close();
        auto opened = connect(iso, &StorageContentPage::uploadDialogOpened, this,
                              [dialog](QWidget *d) { *dialog = qobject_cast<UploadDialog *>(d); });
        iso->upload();
        disconnect(opened);
        if (*dialog)
            (*dialog)->setFile(source);
    });
    m_steps.append([this, dialog] {
        if (!*dialog)
            return;
        shoot(*dialog, QStringLiteral("storage-upload-1-file"));
        // Mid-transfer, once: the first progress past a third.
        auto *bar = (*dialog)->findChild<QProgressBar *>(QStringLiteral("uploadProgress"));
        auto shot = std::make_shared<bool>(false);
        connect(bar, &QProgressBar::valueChanged, *dialog, [this, dialog, shot](int value) {
            if (*shot || value < 33 || value >= 100 || (*dialog)->state() != UploadDialog::State::Uploading)
                return;
            *shot = true;
            // After the status line caught up with the bar (set after it).
            QTimer::singleShot(0, *dialog, [this, dialog] { shoot(*dialog, QStringLiteral("storage-upload-2-progress")); });
        });
        (*dialog)->startUpload();
    });
    for (int i = 0; i < 10; ++i)
        m_steps.append([dialog] {});
    m_steps.append([this, dialog] {
        if (!*dialog)
            return;
        shoot(*dialog, QStringLiteral("storage-upload-3-done"));
        (*dialog)->close();
    });
    m_steps.append([this, &w] { shoot(&w, QStringLiteral("storage-iso-uploaded")); });
    // The next language uploads the same file again: remove this one.
    m_steps.append([this] {
        m_session->client().del(QStringLiteral("/nodes/%1/storage/tour/content/tour:iso/alpine-virt-3.22.1-x86_64.iso").arg(tourNode()));
    });
}

void ScreenshotTour::planGuests()
{
    MainWindow &w = m_window;
    // Create VM, every page, on the tour's storage; finished, started.
    auto vm = std::make_shared<QPointer<CreateVmWizard>>();
    m_steps.append([this, &w, vm] {
        *vm = new CreateVmWizard(*m_session, tourNode(), &w);
        (*vm)->setAttribute(Qt::WA_DeleteOnClose);
        (*vm)->show();
    });
    m_steps.append([this, vm] {
        if (!*vm)
            return;
        (*vm)->findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("web3"));
        shoot(*vm, QStringLiteral("create-vm-1-general"));
        (*vm)->next();
    });
    m_steps.append([this, vm] {
        if (!*vm)
            return;
        if (auto *storage = (*vm)->findChild<QComboBox *>(QStringLiteral("isoStorage")); storage && storage->findData(QStringLiteral("tour")) >= 0)
            storage->setCurrentIndex(storage->findData(QStringLiteral("tour")));
    });
    const QStringList vmPages{QStringLiteral("create-vm-2-os"), QStringLiteral("create-vm-3-system"), QStringLiteral("create-vm-4-disks"),
                              QStringLiteral("create-vm-5-cpu"), QStringLiteral("create-vm-6-memory"),
                              QStringLiteral("create-vm-7-network")};
    for (const QString &page : vmPages)
        m_steps.append([this, vm, page] {
            if (!*vm)
                return;
            if (page.endsWith(QLatin1String("disks"))) {
                if (auto *storage = (*vm)->findChild<QComboBox *>(QStringLiteral("diskStorage")); storage && storage->findData(QStringLiteral("tour")) >= 0)
                    storage->setCurrentIndex(storage->findData(QStringLiteral("tour")));
                (*vm)->findChild<QSpinBox *>(QStringLiteral("diskSize"))->setValue(8);
            }
            QApplication::processEvents();
            shoot(*vm, page);
            (*vm)->next();
        });
    m_steps.append([this, vm] {
        if (!*vm)
            return;
        (*vm)->startAfterCreated()->setChecked(true);
        shoot(*vm, QStringLiteral("create-vm-8-confirm"));
        m_tourVm = (*vm)->vmid();
        (*vm)->next();
    });
    for (int i = 0; i < 3; ++i)
        m_steps.append([] {});
    m_steps.append([this, vm] {
        if (*vm) {
            shoot(*vm, QStringLiteral("create-vm-9-progress"));
            (*vm)->close();
        }
    });

    // Create CT, every page.
    auto ct = std::make_shared<QPointer<CreateCtWizard>>();
    m_steps.append([this, &w, ct] {
        *ct = new CreateCtWizard(*m_session, tourNode(), &w);
        (*ct)->setAttribute(Qt::WA_DeleteOnClose);
        (*ct)->show();
    });
    m_steps.append([this, ct] {
        if (!*ct)
            return;
        (*ct)->findChild<QLineEdit *>(QStringLiteral("hostname"))->setText(QStringLiteral("db3"));
        (*ct)->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("a long secret"));
        (*ct)->findChild<QLineEdit *>(QStringLiteral("confirmPassword"))->setText(QStringLiteral("a long secret"));
        QApplication::processEvents();
        shoot(*ct, QStringLiteral("create-ct-1-general"));
        (*ct)->next();
    });
    m_steps.append([this, ct] {
        if (!*ct)
            return;
        if (auto *storage = (*ct)->findChild<QComboBox *>(QStringLiteral("templateStorage")); storage && storage->findData(QStringLiteral("tour")) >= 0)
            storage->setCurrentIndex(storage->findData(QStringLiteral("tour")));
    });
    const QStringList ctPages{QStringLiteral("create-ct-2-template"), QStringLiteral("create-ct-3-disks"),
                              QStringLiteral("create-ct-4-cpu"), QStringLiteral("create-ct-5-memory")};
    for (const QString &page : ctPages)
        m_steps.append([this, ct, page] {
            if (!*ct)
                return;
            if (page.endsWith(QLatin1String("disks"))) {
                if (auto *storage = (*ct)->findChild<QComboBox *>(QStringLiteral("rootStorage")); storage && storage->findData(QStringLiteral("tour")) >= 0)
                    storage->setCurrentIndex(storage->findData(QStringLiteral("tour")));
            }
            QApplication::processEvents();
            shoot(*ct, page);
            (*ct)->next();
        });
    m_steps.append([this, ct] {
        if (!*ct)
            return;
        (*ct)->findChild<QRadioButton *>(QStringLiteral("static"))->setChecked(true);
        (*ct)->findChild<QLineEdit *>(QStringLiteral("ipv4"))->setText(QStringLiteral("10.77.0.50/24"));
        (*ct)->findChild<QLineEdit *>(QStringLiteral("gateway"))->setText(QStringLiteral("10.77.0.254"));
        QApplication::processEvents();
        shoot(*ct, QStringLiteral("create-ct-6-network"));
        (*ct)->next();
    });
    m_steps.append([this, ct] {
        if (!*ct)
            return;
        (*ct)->startAfterCreated()->setChecked(true);
        shoot(*ct, QStringLiteral("create-ct-7-confirm"));
        (*ct)->next();
    });
    for (int i = 0; i < 3; ++i)
        m_steps.append([] {});
    m_steps.append([this, ct] {
        if (*ct) {
            shoot(*ct, QStringLiteral("create-ct-8-progress"));
            (*ct)->close();
        }
    });

    // The new VM in the tree: its context menu, Hardware and Options.
    auto selectTourVm = [this, &w] {
        QTreeView *tree = w.tree();
        QAbstractItemModel *model = tree->model();
        std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
            for (int r = 0; r < model->rowCount(parent); ++r) {
                const QModelIndex i = model->index(r, 0, parent);
                if (m_tourVm > 0 && i.data(ResourceTreeModel::VmidRole).toInt() == m_tourVm)
                    return i;
                if (const QModelIndex deeper = find(i); deeper.isValid())
                    return deeper;
            }
            return {};
        };
        if (const QModelIndex i = find({}); i.isValid()) {
            tree->setCurrentIndex(i);
            tree->scrollTo(i);
        } else {
            selectRow(QStringLiteral("qemu"));
        }
    };
    m_steps.append(selectTourVm);
    m_steps.append([this, &w] {
        // A context menu is a window of its own: drawn over the main window's picture.
        QMenu menu(&w);
        w.guestActions()->fillMenu(menu);
        const QRect row = w.tree()->visualRect(w.tree()->currentIndex());
        menu.popup(w.tree()->viewport()->mapToGlobal(row.center()));
        QApplication::processEvents();
        QPixmap picture = w.grab();
        {
            QPainter painter(&picture);
            painter.drawPixmap(w.mapFromGlobal(menu.pos()), menu.grab());
        }
        const QString file = m_dir.filePath(QStringLiteral("%1-%2-guest-menu.png").arg(m_language).arg(++m_counter, 2, 10, QLatin1Char('0')));
        if (picture.save(file))
            ++m_files;
        menu.close();
    });
    m_steps.append([&w] {
        if (w.content()->indexOf(w.content()->hardware()) >= 0)
            w.content()->setCurrentWidget(w.content()->hardware());
    });
    m_steps.append([this, &w] {
        if (w.content()->currentWidget() == w.content()->hardware())
            shoot(&w, QStringLiteral("vm-hardware"));
        if (w.content()->indexOf(w.content()->options()) >= 0)
            w.content()->setCurrentWidget(w.content()->options());
    });
    m_steps.append([this, &w] {
        if (w.content()->currentWidget() == w.content()->options())
            shoot(&w, QStringLiteral("vm-options"));
        w.content()->setCurrentIndex(0);
    });
    m_steps.append([this, &w] {
        // Destroy asks first; the tour only looks (a running guest's Destroy is
        // greyed, so the dialog is opened as the action would open it).
        const QVariant value = w.tree()->currentIndex().data(ResourceTreeModel::ResourceRole);
        if (!value.canConvert<model::ClusterResource>())
            return;
        const auto guest = value.value<model::ClusterResource>();
        auto *d = new DeleteGuestDialog(
            (guest.type == model::ResourceType::Qemu ? tr("VM %1 (%2)") : tr("CT %1 (%2)"))
                .arg(guest.vmid ? guest.vmid->toString() : QString(), guest.name.value_or(QString())),
            guest.vmid ? int(guest.vmid->value()) : 0, &w);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
        QApplication::processEvents();
        shoot(d, QStringLiteral("guest-destroy"));
        d->close();
    });

    // Migration: the setup with its preflight, then the finished migration.
    auto migrate = std::make_shared<QPointer<MigrateDialog>>();
    m_steps.append([this, &w, migrate] {
        const QVariant value = w.tree()->currentIndex().data(ResourceTreeModel::ResourceRole);
        if (!value.canConvert<model::ClusterResource>())
            return;
        *migrate = new MigrateDialog(*m_session, value.value<model::ClusterResource>(), &w);
        (*migrate)->setAttribute(Qt::WA_DeleteOnClose);
        (*migrate)->show();
    });
    m_steps.append([this, migrate] {
        if (!*migrate)
            return;
        shoot(*migrate, QStringLiteral("migrate-1-setup"));
        (*migrate)->startMigration();
    });
    for (int i = 0; i < 4; ++i)
        m_steps.append([] {});
    m_steps.append([this, migrate] {
        if (*migrate) {
            shoot(*migrate, QStringLiteral("migrate-2-progress"));
            (*migrate)->close();
        }
    });
}

} // namespace atalaia::ui
