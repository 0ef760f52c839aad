// The console's Storage view: storages in the tree, a storage's Summary and
// content tabs, the upload dialog (progress, cancel, refusals), template
// downloads and removal, with real widgets over HTTPS on 127.0.0.1 against
// the agent on fake backends (GuestTestSupport.h: storages "local" and
// "shared" on node1, the stand-in ISO and template on local).
#include "GuestTestSupport.h"
#include "main/ContentPane.h"
#include "main/SummaryPage.h"
#include "storage/StorageContentModel.h"
#include "storage/StorageContentPage.h"
#include "storage/StorageSummaryPage.h"
#include "storage/TemplateDialog.h"
#include "storage/UploadDialog.h"
#include "tasks/TaskListModel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>

using namespace atalaia;
using test::GuestWorld;
using test::kGuestWaitMs;
using test::child;

namespace {

// Selects the tree row of storage STORAGE on NODE.
bool selectStorage(GuestWorld &world, const QString &node, const QString &storage)
{
    const QString id = QStringLiteral("storage/%1/%2").arg(node, storage);
    return world.selectInTree([&id](const QModelIndex &i) {
        return i.data(ui::ResourceTreeModel::TypeRole).toString() == u"storage"
               && i.data(ui::ResourceTreeModel::ResourceIdRole).toString() == id;
    });
}

QStringList tabTitles(const QTabWidget *tabs)
{
    QStringList out;
    for (int i = 0; i < tabs->count(); ++i)
        out << tabs->tabText(i);
    return out;
}

QStringList names(const ui::StorageContentPage *page)
{
    QStringList out;
    for (int r = 0; r < page->model()->rowCount(); ++r)
        out << page->model()->index(r, ui::StorageContentModel::Name).data().toString();
    return out;
}

// A file of SIZE bytes (sparse: quick to make, a real stream to send).
QString makeFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.resize(size))
        qFatal("cannot make %s", qPrintable(path));
    f.write("atalaia upload test\n");
    return path;
}

// Every file under DIR whose name contains PART (staging files too).
QStringList filesNamed(const QString &dir, const QString &part)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        if (const QString f = it.next(); QFileInfo(f).fileName().contains(part))
            out << f;
    return out;
}

} // namespace

class tst_StorageView : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuestWorld> m_world;
    ui::ClusterSession *m_session = nullptr;
    QTemporaryDir m_files;
    QTemporaryDir m_templates;

    ui::ContentPane *pane() const { return m_world->console->window->content(); }
    QString local() const { return m_world->m_dir.filePath(QStringLiteral("local")); }

    ui::StorageContentPage *openTab(const QString &storage, const QString &content)
    {
        if (!selectStorage(*m_world, QStringLiteral("node1"), storage))
            return nullptr;
        ui::StorageContentPage *page = pane()->storagePage(content);
        if (pane()->indexOf(page) < 0)
            return nullptr;
        pane()->setCurrentWidget(page);
        return page;
    }

private slots:
    void initTestCase()
    {
        // The bundled templates /nodes/{node}/aplinfo offers.
        QFile bundled(m_templates.filePath(QStringLiteral("alpine-3.22-default_20250701_amd64.tar.xz")));
        QVERIFY(bundled.open(QIODevice::WriteOnly));
        bundled.write("a stand-in template\n");
        bundled.close();
        qputenv("ATALAIA_TEMPLATE_DIR", m_templates.path().toLocal8Bit());
        m_world = std::make_unique<GuestWorld>();
        m_session = m_world->connect();
    }

    void cleanupTestCase()
    {
        m_world.reset();
        qunsetenv("ATALAIA_TEMPLATE_DIR");
    }

    void treeListsEachNodesStorages()
    {
        const QAbstractItemModel *model = m_world->console->window->tree()->model();
        // Two storages, listed under each of the three nodes, as Proxmox does.
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(model, QStringLiteral("storage")), 6, kGuestWaitMs);
        QVERIFY(selectStorage(*m_world, QStringLiteral("node1"), QStringLiteral("local")));
        QVERIFY(selectStorage(*m_world, QStringLiteral("node3"), QStringLiteral("shared")));
    }

    void storageShowsSummaryAndItsContentTabs()
    {
        QVERIFY(selectStorage(*m_world, QStringLiteral("node1"), QStringLiteral("local")));
        QCOMPARE(tabTitles(pane()).mid(0, 5), (QStringList{QStringLiteral("Summary"), QStringLiteral("ISO Images"),
                                                           QStringLiteral("CT Templates"), QStringLiteral("VM Disks"),
                                                           QStringLiteral("CT Volumes")}));
        ui::StorageSummaryPage *summary = pane()->storageSummary();
        QCOMPARE(pane()->indexOf(summary), 0);
        const QList<QLabel *> labels = summary->findChildren<QLabel *>();
        const auto shows = [&](const QString &text, bool part = false) {
            return std::any_of(labels.begin(), labels.end(),
                               [&](const QLabel *l) { return part ? l->text().contains(text) : l->text() == text; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(shows(QStringLiteral("dir")) && shows(local()), kGuestWaitMs);
        QVERIFY(shows(QStringLiteral("ISO Images, CT Templates, Backups, VM Disks, CT Volumes")));
        // Used of total, from the node's statvfs of the directory.
        QVERIFY(shows(QStringLiteral(" used ("), true));

        // "shared" holds disks only: no ISO or template tabs.
        QVERIFY(selectStorage(*m_world, QStringLiteral("node1"), QStringLiteral("shared")));
        QCOMPARE(tabTitles(pane()).mid(0, 3),
                 (QStringList{QStringLiteral("Summary"), QStringLiteral("VM Disks"), QStringLiteral("CT Volumes")}));
        QCOMPARE(pane()->indexOf(pane()->storagePage(QStringLiteral("iso"))), -1);

        // A guest again: the generic Summary is back, no storage tabs.
        m_world->createVm(180, QStringLiteral("shared:1"), false);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(180), kGuestWaitMs);
        QCOMPARE(pane()->indexOf(pane()->storageSummary()), -1);
        QCOMPARE(pane()->indexOf(pane()->storagePage(QStringLiteral("images"))), -1);
        QCOMPARE(pane()->tabText(0), QStringLiteral("Summary"));
        QCOMPARE(pane()->widget(0)->objectName(), pane()->summary()->objectName());
    }

    void contentTablesListTheBundledIsoAndTemplate()
    {
        ui::StorageContentPage *iso = openTab(QStringLiteral("local"), QStringLiteral("iso"));
        QVERIFY(iso);
        QTRY_VERIFY_WITH_TIMEOUT(names(iso).contains(test::kIso), kGuestWaitMs);
        QVERIFY(!names(iso).contains(test::kTemplate));
        QVERIFY(child<QPushButton>(iso, "storageUpload")->isVisible());
        QVERIFY(!child<QPushButton>(iso, "storageTemplates")->isVisible());

        ui::StorageContentPage *templates = openTab(QStringLiteral("local"), QStringLiteral("vztmpl"));
        QVERIFY(templates);
        QTRY_VERIFY_WITH_TIMEOUT(names(templates).contains(test::kTemplate), kGuestWaitMs);
        QVERIFY(child<QPushButton>(templates, "storageTemplates")->isVisible());

        // The VM made above has its disk on "shared", with its VMID.
        ui::StorageContentPage *disks = openTab(QStringLiteral("shared"), QStringLiteral("images"));
        QVERIFY(disks);
        QTRY_COMPARE_WITH_TIMEOUT(disks->model()->rowCount(), 1, kGuestWaitMs);
        QCOMPARE(disks->model()->index(0, ui::StorageContentModel::Vmid).data().toString(), QStringLiteral("180"));
        QVERIFY(!disks->table()->isColumnHidden(ui::StorageContentModel::Vmid));
    }

    void uploadShowsProgressAndRefreshesTheList()
    {
        ui::StorageContentPage *iso = openTab(QStringLiteral("local"), QStringLiteral("iso"));
        QVERIFY(iso);
        QSignalSpy opened(iso, &ui::StorageContentPage::uploadDialogOpened);
        child<QPushButton>(iso, "storageUpload")->click();
        QCOMPARE(opened.size(), 1);
        auto *dialog = qobject_cast<ui::UploadDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(dialog);
        QCOMPARE(ui::UploadDialog::fileFilters(QStringLiteral("iso")).first(), QStringLiteral("ISO images (*.iso *.img)"));

        dialog->setFile(makeFile(m_files, QStringLiteral("small-upload.iso"), 3 * 1024 * 1024));
        QVERIFY(child<QLabel>(dialog, "uploadSize")->text().contains(QStringLiteral("3")));
        QVERIFY(child<QPushButton>(dialog, "uploadStart")->isEnabled());
        QSignalSpy uploaded(dialog, &ui::UploadDialog::uploaded);
        QSignalSpy refreshed(iso, &ui::StorageContentPage::refreshed);
        child<QPushButton>(dialog, "uploadStart")->click();
        // SHA-256 is computed here first (a worker thread), then sent.
        QTRY_COMPARE_WITH_TIMEOUT(uploaded.size(), 1, kGuestWaitMs);
        QCOMPARE(uploaded.first().first().toString(), QStringLiteral("local:iso/small-upload.iso"));
        QCOMPARE(child<QProgressBar>(dialog, "uploadProgress")->value(), 100);
        QCOMPARE(child<QLineEdit>(dialog, "uploadChecksum")->text().size(), 64);
        QCOMPARE(dialog->state(), ui::UploadDialog::State::Done);
        QVERIFY(QFileInfo::exists(local() + QStringLiteral("/template/iso/small-upload.iso")));
        QCOMPARE(QFileInfo(local() + QStringLiteral("/template/iso/small-upload.iso")).size(), 3 * 1024 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(names(iso).contains(QStringLiteral("small-upload.iso")), kGuestWaitMs);
        // The import task in the task panel, named as Proxmox names it.
        const ui::TaskListModel *tasks = m_world->console->window->taskModel();
        QTRY_VERIFY_WITH_TIMEOUT(!tasks->match(tasks->index(0, ui::TaskListModel::Description), Qt::DisplayRole,
                                               QStringLiteral("Copy data"), 1, Qt::MatchEndsWith).isEmpty(),
                                 kGuestWaitMs);
        dialog->close();
    }

    void cancelLeavesNothing()
    {
        ui::StorageContentPage *iso = openTab(QStringLiteral("local"), QStringLiteral("iso"));
        QVERIFY(iso);
        ui::UploadDialog dialog(*m_session, QStringLiteral("node1"), QStringLiteral("local"), QStringLiteral("iso"));
        dialog.show();
        // Big enough to be caught mid-way; no checksum, so sending starts at once.
        dialog.setFile(makeFile(m_files, QStringLiteral("cancelled.iso"), qint64(512) * 1024 * 1024));
        auto *algorithm = child<QComboBox>(&dialog, "uploadAlgorithm");
        algorithm->setCurrentIndex(algorithm->findData(QString()));
        child<QPushButton>(&dialog, "uploadStart")->click();
        QTRY_VERIFY_WITH_TIMEOUT(child<QProgressBar>(&dialog, "uploadProgress")->value() > 0, kGuestWaitMs);
        QCOMPARE(dialog.state(), ui::UploadDialog::State::Uploading);
        QVERIFY(child<QLabel>(&dialog, "uploadStatus")->text().contains(QStringLiteral("MiB/s")));
        child<QPushButton>(&dialog, "uploadCancel")->click();
        QCOMPARE(dialog.state(), ui::UploadDialog::State::Idle);
        QCOMPARE(child<QLabel>(&dialog, "uploadStatus")->text(), QStringLiteral("Upload cancelled."));
        // The node drops what it received, staging files included.
        QTRY_VERIFY_WITH_TIMEOUT(filesNamed(local(), QStringLiteral("cancelled")).isEmpty(), kGuestWaitMs);
        QTest::qWait(500);
        QVERIFY2(filesNamed(local(), QStringLiteral("cancelled")).isEmpty(),
                 qPrintable(filesNamed(local(), QStringLiteral("cancelled")).join(u' ')));
        iso->refresh();
        QSignalSpy refreshed(iso, &ui::StorageContentPage::refreshed);
        QVERIFY(refreshed.wait(kGuestWaitMs));
        QVERIFY(!names(iso).contains(QStringLiteral("cancelled.iso")));
    }

    void closingWhileUploadingAsksFirst()
    {
        ui::UploadDialog dialog(*m_session, QStringLiteral("node1"), QStringLiteral("local"), QStringLiteral("iso"));
        dialog.show();
        dialog.setFile(makeFile(m_files, QStringLiteral("closed.iso"), qint64(512) * 1024 * 1024));
        auto *algorithm = child<QComboBox>(&dialog, "uploadAlgorithm");
        algorithm->setCurrentIndex(algorithm->findData(QString()));
        child<QPushButton>(&dialog, "uploadStart")->click();
        QTRY_VERIFY_WITH_TIMEOUT(child<QProgressBar>(&dialog, "uploadProgress")->value() > 0, kGuestWaitMs);
        // Escape (or the window's close button): a question, the upload goes on meanwhile.
        dialog.reject();
        auto *ask = dialog.findChild<QMessageBox *>(QStringLiteral("uploadCancelQuestion"));
        QVERIFY(ask);
        QVERIFY(ask->text().contains(QStringLiteral("closed.iso")));
        ask->button(QMessageBox::No)->click();
        QVERIFY(dialog.isVisible());
        QTRY_VERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("uploadCancelQuestion")));
        if (dialog.state() != ui::UploadDialog::State::Uploading)
            QSKIP("the transfer ended before the question was answered");
        dialog.reject();
        ask = dialog.findChild<QMessageBox *>(QStringLiteral("uploadCancelQuestion"));
        QVERIFY(ask);
        ask->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.state(), ui::UploadDialog::State::Idle);
        QTRY_VERIFY_WITH_TIMEOUT(filesNamed(local(), QStringLiteral("closed")).isEmpty(), kGuestWaitMs);
    }

    void refusedUploadShowsTheServersMessage()
    {
        // "shared" takes no ISO images: the node refuses before storing anything.
        ui::UploadDialog dialog(*m_session, QStringLiteral("node1"), QStringLiteral("shared"), QStringLiteral("iso"));
        dialog.show();
        dialog.setFile(makeFile(m_files, QStringLiteral("refused.iso"), 64 * 1024));
        child<QPushButton>(&dialog, "uploadStart")->click();
        auto *status = child<QLabel>(&dialog, "uploadStatus");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("does not take iso content")), kGuestWaitMs);
        QCOMPARE(dialog.state(), ui::UploadDialog::State::Idle);
        QVERIFY(child<QPushButton>(&dialog, "uploadStart")->isEnabled());

        // A wrong checksum: the import task fails and says why.
        ui::UploadDialog second(*m_session, QStringLiteral("node1"), QStringLiteral("local"), QStringLiteral("iso"));
        second.show();
        second.setFile(makeFile(m_files, QStringLiteral("corrupt.iso"), 64 * 1024));
        child<QLineEdit>(&second, "uploadChecksum")->setText(QString(64, u'0'));
        child<QPushButton>(&second, "uploadStart")->click();
        auto *secondStatus = child<QLabel>(&second, "uploadStatus");
        QTRY_VERIFY_WITH_TIMEOUT(secondStatus->text().contains(QStringLiteral("checksum mismatch")), kGuestWaitMs);
        QVERIFY(!QFileInfo::exists(local() + QStringLiteral("/template/iso/corrupt.iso")));
    }

    void templatesDownloadABundledOne()
    {
        ui::StorageContentPage *page = openTab(QStringLiteral("local"), QStringLiteral("vztmpl"));
        QVERIFY(page);
        child<QPushButton>(page, "storageTemplates")->click();
        auto *dialog = page->findChild<ui::TemplateDialog *>();
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->table()->rowCount(), 1, kGuestWaitMs);
        QCOMPARE(dialog->table()->item(0, 0)->text(), QStringLiteral("alpine-3.22-default_20250701_amd64.tar.xz"));
        QTRY_VERIFY(child<QPushButton>(dialog, "templateDownload")->isEnabled());
        child<QPushButton>(dialog, "templateDownload")->click();
        QTRY_VERIFY_WITH_TIMEOUT(names(page).contains(QStringLiteral("alpine-3.22-default_20250701_amd64.tar.xz")),
                                 kGuestWaitMs);
        QVERIFY(QFileInfo::exists(local() + QStringLiteral("/template/cache/alpine-3.22-default_20250701_amd64.tar.xz")));
    }

    void removeAsksFirstAndNamesTheVolume()
    {
        ui::StorageContentPage *iso = openTab(QStringLiteral("local"), QStringLiteral("iso"));
        QVERIFY(iso);
        QTRY_VERIFY_WITH_TIMEOUT(names(iso).contains(QStringLiteral("small-upload.iso")), kGuestWaitMs);
        const QModelIndex row = iso->table()->model()->match(iso->table()->model()->index(0, 0), Qt::DisplayRole,
                                                             QStringLiteral("small-upload.iso"), 1, Qt::MatchExactly).value(0);
        QVERIFY(row.isValid());
        iso->table()->setCurrentIndex(row);
        QCOMPARE(iso->currentVolume(), QStringLiteral("local:iso/small-upload.iso"));

        // Enter shows the volume's details.
        iso->table()->setFocus();
        QTest::keyClick(iso->table(), Qt::Key_Return);
        auto *details = iso->findChild<QMessageBox *>(QStringLiteral("storageDetails"));
        QVERIFY(details);
        QVERIFY(details->text().contains(QStringLiteral("Volume: local:iso/small-upload.iso")));
        details->close();

        // Delete asks; No keeps the volume.
        iso->table()->setFocus();
        QTest::keyClick(iso->table(), Qt::Key_Delete);
        auto *ask = iso->findChild<QMessageBox *>(QStringLiteral("storageRemoveQuestion"));
        QVERIFY(ask);
        QVERIFY(ask->text().contains(QStringLiteral("local:iso/small-upload.iso")));
        ask->button(QMessageBox::No)->click();
        QTest::qWait(300);
        QVERIFY(QFileInfo::exists(local() + QStringLiteral("/template/iso/small-upload.iso")));

        // Yes removes it (a task), and the list follows.
        QTest::keyClick(iso->table(), Qt::Key_Delete);
        ask = iso->findChild<QMessageBox *>(QStringLiteral("storageRemoveQuestion"));
        QVERIFY(ask);
        ask->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(local() + QStringLiteral("/template/iso/small-upload.iso"))
                                     || (!iso->message().isEmpty() && !iso->message().startsWith(QStringLiteral("Removing"))),
                                 kGuestWaitMs);
        QVERIFY2(!QFileInfo::exists(local() + QStringLiteral("/template/iso/small-upload.iso")), qPrintable(iso->message()));
        QTRY_VERIFY_WITH_TIMEOUT(!names(iso).contains(QStringLiteral("small-upload.iso")), kGuestWaitMs);
        QVERIFY(iso->message().isEmpty());
    }

    void removeRefusedShowsTheServersMessage()
    {
        // A volume another client removed meanwhile: the node's task fails,
        // and the page says why in the server's words.
        ui::StorageContentPage *templates = openTab(QStringLiteral("local"), QStringLiteral("vztmpl"));
        QVERIFY(templates);
        QTRY_VERIFY_WITH_TIMEOUT(names(templates).contains(test::kTemplate), kGuestWaitMs);
        const QModelIndex row = templates->table()->model()->match(templates->table()->model()->index(0, 0), Qt::DisplayRole,
                                                                   test::kTemplate, 1, Qt::MatchExactly).value(0);
        templates->table()->setCurrentIndex(row);
        const QString volid = templates->currentVolume();
        QCOMPARE(volid, QStringLiteral("local:vztmpl/") + test::kTemplate);
        QVERIFY(QFile::remove(local() + QStringLiteral("/template/cache/") + test::kTemplate));
        templates->removeCurrent();
        auto *ask = templates->findChild<QMessageBox *>(QStringLiteral("storageRemoveQuestion"));
        QVERIFY(ask);
        ask->button(QMessageBox::Yes)->click();
        const QString prefix = QStringLiteral("Cannot remove %1: ").arg(volid);
        QTRY_VERIFY_WITH_TIMEOUT(templates->message().startsWith(prefix), kGuestWaitMs);
        QVERIFY2(templates->message().size() > prefix.size() + 3, qPrintable(templates->message()));
        qInfo("shown: %s", qPrintable(templates->message()));
    }

    void removingADiskInUseIsRefused()
    {
        // VM 180's disk: the node refuses, naming the guest and its key.
        ui::StorageContentPage *disks = openTab(QStringLiteral("shared"), QStringLiteral("images"));
        QVERIFY(disks);
        QTRY_COMPARE_WITH_TIMEOUT(disks->model()->rowCount(), 1, kGuestWaitMs);
        disks->table()->setCurrentIndex(disks->table()->model()->index(0, 0));
        const QString volid = disks->currentVolume();
        disks->removeCurrent();
        auto *ask = disks->findChild<QMessageBox *>(QStringLiteral("storageRemoveQuestion"));
        QVERIFY(ask);
        ask->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(disks->message().contains(QStringLiteral("still in use by VM 180 (scsi0)")), kGuestWaitMs);
        QVERIFY2(disks->message().startsWith(QStringLiteral("Cannot remove %1: ").arg(volid)), qPrintable(disks->message()));
        QCOMPARE(disks->model()->rowCount(), 1);
    }
};

QTEST_MAIN(tst_StorageView)
#include "tst_StorageView.moc"
