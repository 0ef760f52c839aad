// The migration dialog: the target's preflight verdict, a live migration on
// the fake hypervisor (its scripted 25 %, 60 %, 100 %) followed to the end
// with figures and chart, reopened from the task panel once the dialog was
// closed, and the parsing of Proxmox's log lines that stands in for the
// event stream against a real Proxmox VE.
#include "GuestTestSupport.h"
#include "PveMigrationServer.h"
#include "guests/GuestActions.h"
#include "guests/MigrateDialog.h"
#include "guests/MigrationMonitor.h"
#include "tasks/TaskListModel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace atalaia;
using test::GuestWorld;
using test::kGuestWaitMs;

class tst_MigrationDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuestWorld> m_world;

    ui::MigrateDialog *openFor(ui::ClusterSession *s, int vmid)
    {
        const auto guest = GuestWorld::guest(s, vmid);
        if (!guest)
            qFatal("no guest %d", vmid);
        auto *d = new ui::MigrateDialog(*s, *guest, m_world->console->window.get());
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
        return d;
    }

private slots:
    void init() { m_world = std::make_unique<GuestWorld>(); }
    void cleanup() { m_world.reset(); }

    void logLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("progress");
        QTest::addColumn<qint64>("processed");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("bps");
        QTest::addColumn<qint64>("downtime");
        const qint64 MiB = 1024 * 1024;
        QTest::newRow("active") << QStringLiteral("2026-11-26 18:40:01 migration active, transferred 120.0 MiB of 160.0 MiB VM-state, 60.0 MiB/s")
                                << true << 120 * MiB << 160 * MiB << 60 * MiB << qint64(-1);
        QTest::newRow("gib") << QStringLiteral("migration active, transferred 1.5 GiB of 4.0 GiB VM-state, 110.5 MiB/s")
                             << true << qint64(1.5 * 1024) * MiB << 4096 * MiB << qint64(110.5 * MiB) << qint64(-1);
        QTest::newRow("done") << QStringLiteral("average migration speed: 95.3 MiB/s - downtime 42 ms") << true << qint64(0)
                              << qint64(0) << qint64(95.3 * MiB) << qint64(42);
        QTest::newRow("other") << QStringLiteral("starting migration of VM 100 to node 'node2' (10.77.0.2)") << false
                               << qint64(0) << qint64(0) << qint64(0) << qint64(-1);
    }
    void logLines()
    {
        QFETCH(QString, line);
        QFETCH(bool, progress);
        QFETCH(qint64, processed);
        QFETCH(qint64, total);
        QFETCH(qint64, bps);
        QFETCH(qint64, downtime);
        const auto p = ui::MigrationMonitor::parseLogLine(line);
        QCOMPARE(p.has_value(), progress);
        if (!p)
            return;
        QCOMPARE(p->memoryProcessed, processed);
        QCOMPARE(p->memoryTotal, total);
        QCOMPARE(p->memoryBps, bps);
        QCOMPARE(p->downtimeMs, downtime);
    }

    void target()
    {
        QCOMPARE(ui::MigrationMonitor::parseTarget(QStringLiteral("starting migration of VM 100 to node 'node2' (10.77.0.2)")),
                 QStringLiteral("node2"));
        QVERIFY(ui::MigrationMonitor::parseTarget(QStringLiteral("migration active")).isEmpty());
    }

    // Live: preflight, progress to the end, figures and chart; then the task
    // panel opens the finished migration in the dialog again.
    void liveMigration()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(120, QStringLiteral("shared:1"), true);
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 120) && GuestWorld::guest(s, 120)->status == QLatin1String("running"),
                                 kGuestWaitMs);
        ui::MigrateDialog *d = openFor(s, 120);
        QPointer<ui::MigrateDialog> guard(d);
        QCOMPARE(d->targetCombo()->count(), 2);
        QCOMPARE(d->targetCombo()->currentText(), QStringLiteral("node2"));
        QTRY_VERIFY_WITH_TIMEOUT(d->canStart(), kGuestWaitMs);
        QVERIFY2(d->preflightText().contains(QLatin1String("node2 can take the guest")), qPrintable(d->preflightText()));
        QTRY_VERIFY_WITH_TIMEOUT(d->eventStreamOpen(), kGuestWaitMs);
        // Start as a user would, with the click; the events may come before the node's answer does.
        d->startMigration();
        QTRY_VERIFY_WITH_TIMEOUT(d->isFollowing(), kGuestWaitMs);
        QVERIFY2(d->upid().contains(QLatin1String("migrate:120:")), qPrintable(d->upid()));
        QTRY_VERIFY2_WITH_TIMEOUT(d->isFinished(), qPrintable(d->headline()), kGuestWaitMs);
        QVERIFY2(d->headline().contains(QLatin1String("node2")), qPrintable(d->headline()));
        QCOMPARE(d->progressBar()->value(), 1000);
        QVERIFY2(d->figuresText().contains(QLatin1String("42 ms")), qPrintable(d->figuresText()));
        // Every scripted sample (25, 60, 100 %) arrived on the stream, with its iteration count.
        auto samples = [d] {
            QStringList out;
            for (const auto &p : d->monitor()->samples())
                out << QStringLiteral("%1@%2:%3").arg(virt::MigrationProgress::phaseName(p.phase)).arg(p.elapsedMs).arg(p.dataProcessed);
            return out.join(u' ');
        };
        QVERIFY2(d->chartPoints() >= 3, qPrintable(samples()));
        QCOMPARE(d->chartPoints(), qsizetype(d->monitor()->samples().size()));
        QVERIFY2(d->figuresText().contains(QLatin1String("Iteration: 4")), qPrintable(d->figuresText()));
        QVERIFY2(d->figuresText().contains(QLatin1String("Expected downtime: 30 ms")), qPrintable(d->figuresText()));
        QVERIFY(d->cancelButton()->isHidden());
        QTRY_COMPARE_WITH_TIMEOUT(GuestWorld::guest(s, 120)->node->toString(), QStringLiteral("node2"), kGuestWaitMs);
        const QString upid = d->upid();
        d->close();
        QTRY_VERIFY(!guard);

        // The task panel keeps it: a double click opens the migration's dialog.
        ui::TaskListModel *tasks = m_world->console->window->taskModel();
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            for (int r = 0; r < tasks->rowCount(); ++r)
                if (tasks->index(r, 0).data(ui::TaskListModel::UpidRole).toString() == upid)
                    row = tasks->index(r, 0);
            return row.isValid();
        }(), kGuestWaitMs);
        QTableView *view = m_world->console->window->taskView();
        auto *proxy = static_cast<QAbstractProxyModel *>(view->model());
        emit view->doubleClicked(proxy->mapFromSource(row));
        ui::MigrateDialog *again = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *m = qobject_cast<ui::MigrateDialog *>(w); m && m->isVisible())
                again = m;
        QVERIFY(again);
        QCOMPARE(again->upid(), upid);
        QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), kGuestWaitMs);
        QVERIFY2(again->headline().contains(QLatin1String("node2")), qPrintable(again->headline()));
        // Read back from the log: the downtime and the transfer.
        QVERIFY2(again->figuresText().contains(QLatin1String("42 ms")), qPrintable(again->figuresText()));
        QCOMPARE(again->progressBar()->value(), 1000);
        again->close();
    }

    // A migration another client started (atalaiactl, Proxmox's GUI): the
    // task panel opens it in the dialog, which reads what happened from the log.
    void migrationStartedElsewhere()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(124, QStringLiteral("shared:1"), true);
        const api::ApiResponse r = m_world->agent->call(QStringLiteral("POST"), QStringLiteral("/nodes/node1/qemu/124/migrate"),
                                                        {{QStringLiteral("target"), QStringLiteral("node3")},
                                                         {QStringLiteral("online"), 1}},
                                                        m_world->agent->root());
        QCOMPARE(r.status, 200);
        const QString upid = r.data.toString();
        m_world->waitTask(upid);
        ui::TaskListModel *tasks = m_world->console->window->taskModel();
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            for (int i = 0; i < tasks->rowCount(); ++i)
                if (tasks->index(i, 0).data(ui::TaskListModel::UpidRole).toString() == upid)
                    row = tasks->index(i, 0);
            return row.isValid();
        }(), kGuestWaitMs);
        QTableView *view = m_world->console->window->taskView();
        emit view->doubleClicked(static_cast<QAbstractProxyModel *>(view->model())->mapFromSource(row));
        ui::MigrateDialog *d = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *m = qobject_cast<ui::MigrateDialog *>(w); m && m->isVisible() && m->upid() == upid)
                d = m;
        QVERIFY(d);
        QTRY_VERIFY_WITH_TIMEOUT(d->isFinished(), kGuestWaitMs);
        QVERIFY2(d->headline().contains(QLatin1String("node3")), qPrintable(d->headline()));
        QVERIFY2(d->figuresText().contains(QLatin1String("42 ms")), qPrintable(d->figuresText()));
        d->close();
        Q_UNUSED(s);
    }

    // Against a Proxmox VE node (no event stream): progress read from the
    // task's log lines, and Cancel stops the task; the VM stays on the source.
    void proxmoxLogProgressAndCancel()
    {
        test::PveMigrationServer pve;
        const ui::ConnectionProfile p = test::pveProfile(pve.port(), pve.fingerprint());
        ui::ClusterSession *s = m_world->console->window->openConnection(p, QStringLiteral("recorded"));
        QTRY_VERIFY_WITH_TIMEOUT(s->state() == ui::ClusterSession::State::Online && GuestWorld::guest(s, 100), kGuestWaitMs);
        ui::MigrateDialog *d = openFor(s, 100);
        QTRY_VERIFY_WITH_TIMEOUT(d->canStart(), kGuestWaitMs);
        QCOMPARE(d->targetCombo()->currentText(), QStringLiteral("pve-b"));
        d->startMigration();
        QTRY_VERIFY_WITH_TIMEOUT(d->progressBar()->value() > 0, kGuestWaitMs);
        QVERIFY2(d->headline().contains(QLatin1String("pve-b")), qPrintable(d->headline()));
        QVERIFY2(d->figuresText().contains(QLatin1String("100.00 MiB/s")), qPrintable(d->figuresText()));
        QVERIFY2(d->progressBar()->text().contains(QLatin1String("left")), qPrintable(d->progressBar()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(d->chartPoints() >= 2, kGuestWaitMs);
        QVERIFY(d->cancelButton()->isVisible());
        d->cancelButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(d->isFinished(), kGuestWaitMs);
        QCOMPARE(pve.deletes(), 1);
        QVERIFY2(d->headline().contains(QLatin1String("cancelled")) && d->headline().contains(QLatin1String("pve-a")),
                 qPrintable(d->headline()));
        QVERIFY(d->progressBar()->value() < 1000);
        d->close();
    }

    // A stopped VM moves by its config.
    void offlineMigration()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(121, QStringLiteral("shared:1"), false);
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 121).has_value(), kGuestWaitMs);
        ui::MigrateDialog *d = openFor(s, 121);
        d->targetCombo()->setCurrentIndex(d->targetCombo()->findText(QStringLiteral("node3")));
        QTRY_VERIFY_WITH_TIMEOUT(d->canStart(), kGuestWaitMs);
        d->startMigration();
        QTRY_VERIFY_WITH_TIMEOUT(d->isFinished(), kGuestWaitMs);
        QVERIFY2(d->headline().contains(QLatin1String("node3")), qPrintable(d->headline()));
        QTRY_COMPARE_WITH_TIMEOUT(GuestWorld::guest(s, 121)->node->toString(), QStringLiteral("node3"), kGuestWaitMs);
        d->close();
    }

    // A disk on a storage of this node only: the preflight says no, Migrate stays grey.
    void preflightRefusesLocalDisk()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(122, QStringLiteral("local:1"), true);
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 122).has_value(), kGuestWaitMs);
        ui::MigrateDialog *d = openFor(s, 122);
        QTRY_VERIFY_WITH_TIMEOUT(d->preflightText().startsWith(QStringLiteral("✘")), kGuestWaitMs);
        QVERIFY2(d->preflightText().contains(QLatin1String("local disk")), qPrintable(d->preflightText()));
        QVERIFY(!d->canStart());
        d->close();
    }

    // The Migrate action opens the dialog for the selected guest.
    void migrateAction()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(123, QStringLiteral("shared:1"), true);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(123), kGuestWaitMs);
        ui::GuestActions *a = m_world->console->window->guestActions();
        QTRY_VERIFY_WITH_TIMEOUT(a->migrate()->isEnabled(), kGuestWaitMs);
        QSignalSpy opened(a, &ui::GuestActions::opened);
        a->migrate()->trigger();
        QCOMPARE(opened.count(), 1);
        auto *d = qobject_cast<ui::MigrateDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(d);
        QVERIFY(d->windowTitle().contains(QLatin1String("VM 123")));
        d->close();
        Q_UNUSED(s);
    }
};

QTEST_MAIN(tst_MigrationDialog)
#include "tst_MigrationDialog.moc"
