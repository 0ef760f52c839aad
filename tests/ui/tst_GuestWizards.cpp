// The Create VM and Create CT wizards, the guest actions and a guest's
// Hardware/Options tabs: real widgets over HTTPS on 127.0.0.1 against the
// agent on fake backends (GuestTestSupport.h), page by page as a user goes
// through them, down to the guest running in the tree.
#include "GuestTestSupport.h"
#include "cluster/TaskProgressPage.h"
#include "guests/BridgeCombo.h"
#include "guests/DeleteGuestDialog.h"
#include "guests/GuestActions.h"
#include "guests/GuestConfigPage.h"
#include "guests/StorageCombo.h"
#include "guests/VolumeCombo.h"
#include "main/ContentPane.h"
#include "wizards/CreateCtWizard.h"
#include "wizards/CreateVmWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>

using namespace atalaia;
using test::GuestWorld;
using test::kGuestWaitMs;
using test::child;

namespace {

bool nextEnabled(const QWizard &w)
{
    const QAbstractButton *b = w.button(w.currentPage()->isCommitPage() ? QWizard::CommitButton : QWizard::NextButton);
    return b->isEnabled() && w.currentPage()->isComplete();
}

// Chooses the item whose data is DATA.
void choose(QComboBox *combo, const QString &data)
{
    QTRY_VERIFY_WITH_TIMEOUT(combo->findData(data) >= 0, kGuestWaitMs);
    combo->setCurrentIndex(combo->findData(data));
}

QString summaryValue(const QWizard &w, const QString &key)
{
    auto *table = child<QTableWidget>(&w, "summary");
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->text() == key)
            return table->item(r, 1)->text();
    return {};
}

} // namespace

class tst_GuestWizards : public QObject
{
    Q_OBJECT

    std::unique_ptr<GuestWorld> m_world;

private slots:
    void init() { m_world = std::make_unique<GuestWorld>(); }
    void cleanup() { m_world.reset(); }

    void dnsNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("plain") << QStringLiteral("web1") << true;
        QTest::newRow("fqdn") << QStringLiteral("web1.lisboa.lan") << true;
        QTest::newRow("dash inside") << QStringLiteral("web-1") << true;
        QTest::newRow("leading dash") << QStringLiteral("-web") << false;
        QTest::newRow("underscore") << QStringLiteral("web_1") << false;
        QTest::newRow("space") << QStringLiteral("web 1") << false;
        QTest::newRow("empty label") << QStringLiteral("web..lan") << false;
    }
    void dnsNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QCOMPARE(ui::GuestCreateWizard::dnsNameProblem(name).isEmpty(), ok);
    }

    // Proxmox's defaults, the next free ID, and validation page by page,
    // then the VM created and started, running in the tree.
    void createVm()
    {
        ui::ClusterSession *s = m_world->connect();
        ui::CreateVmWizard w(*s, QStringLiteral("node1"), m_world->console->window.get());
        w.show();
        QCOMPARE(w.node(), QStringLiteral("node1"));
        QTRY_VERIFY_WITH_TIMEOUT(w.vmidFree(), kGuestWaitMs);
        QCOMPARE(w.vmid(), 103); // 100-102 are the fixture's guests
        QVERIFY(nextEnabled(w));
        child<QLineEdit>(&w, "name")->setText(QStringLiteral("bad_name"));
        QVERIFY(!nextEnabled(w));
        child<QLineEdit>(&w, "name")->setText(QStringLiteral("web2"));
        QVERIFY(nextEnabled(w));
        w.next();

        // OS: the ISO on local, or no media.
        QCOMPARE(w.currentId(), int(ui::CreateVmWizard::OsPage));
        auto *iso = child<ui::VolumeCombo>(&w, "iso");
        QTRY_COMPARE_WITH_TIMEOUT(iso->volumeId(), QStringLiteral("local:iso/") + test::kIso, kGuestWaitMs);
        QCOMPARE(child<QComboBox>(&w, "ostype")->currentData().toString(), QStringLiteral("l26"));
        QVERIFY(nextEnabled(w));
        w.next();

        QCOMPARE(child<QComboBox>(&w, "scsihw")->currentData().toString(), QStringLiteral("virtio-scsi-single"));
        w.next();

        // Disks: a storage that holds images, a size it has room for.
        auto *storage = child<ui::StorageCombo>(&w, "diskStorage");
        QTRY_VERIFY_WITH_TIMEOUT(!storage->isLoading() && storage->count() == 2, kGuestWaitMs);
        QCOMPARE(child<QSpinBox>(&w, "diskSize")->value(), 32);
        choose(storage, QStringLiteral("shared"));
        // Larger than the storage's free space: thin disks may be, with a warning.
        child<QSpinBox>(&w, "diskSize")->setValue(child<QSpinBox>(&w, "diskSize")->maximum());
        QVERIFY(nextEnabled(w));
        QVERIFY2(child<QLabel>(&w, "diskState")->text().contains(QLatin1String("free")),
                 qPrintable(child<QLabel>(&w, "diskState")->text()));
        child<QSpinBox>(&w, "diskSize")->setValue(1);
        QVERIFY(nextEnabled(w));
        w.next();

        QCOMPARE(child<QSpinBox>(&w, "sockets")->value(), 1);
        QCOMPARE(child<QSpinBox>(&w, "cores")->value(), 1);
        child<QSpinBox>(&w, "cores")->setValue(2);
        w.next();
        QCOMPARE(child<QSpinBox>(&w, "memory")->value(), 2048);
        w.next();

        QCOMPARE(w.currentId(), int(ui::CreateVmWizard::NetworkPage));
        QTRY_COMPARE_WITH_TIMEOUT(child<ui::BridgeCombo>(&w, "bridge")->bridge(), QStringLiteral("vmbr0"), kGuestWaitMs);
        QCOMPARE(child<QComboBox>(&w, "model")->currentData().toString(), QStringLiteral("virtio"));
        w.next();

        // Confirm: every parameter, and what goes out.
        QCOMPARE(w.currentId(), int(ui::CreateVmWizard::ConfirmPage));
        QCOMPARE(summaryValue(w, QStringLiteral("scsi0")), QStringLiteral("shared:1,format=raw"));
        QCOMPARE(summaryValue(w, QStringLiteral("ide2")), QStringLiteral("local:iso/%1,media=cdrom").arg(test::kIso));
        const QJsonObject expected{{QStringLiteral("vmid"), 103},
                                   {QStringLiteral("name"), QStringLiteral("web2")},
                                   {QStringLiteral("memory"), 2048},
                                   {QStringLiteral("sockets"), 1},
                                   {QStringLiteral("cores"), 2},
                                   {QStringLiteral("cpu"), QStringLiteral("x86-64-v2-AES")},
                                   {QStringLiteral("ostype"), QStringLiteral("l26")},
                                   {QStringLiteral("scsihw"), QStringLiteral("virtio-scsi-single")},
                                   {QStringLiteral("ide2"), QStringLiteral("local:iso/%1,media=cdrom").arg(test::kIso)},
                                   {QStringLiteral("scsi0"), QStringLiteral("shared:1,format=raw")},
                                   {QStringLiteral("net0"), QStringLiteral("virtio,bridge=vmbr0,firewall=1")},
                                   {QStringLiteral("boot"), QStringLiteral("order=scsi0;ide2;net0")},
                                   {QStringLiteral("start"), 1}};
        w.startAfterCreated()->setChecked(true);
        QCOMPARE(w.requestParameters(), expected);
        QSignalSpy created(&w, &ui::GuestCreateWizard::guestCreated);
        w.next(); // Create
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ui::CreateVmWizard::ProgressPage), kGuestWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(w.progressPage()->isComplete(), kGuestWaitMs);
        QVERIFY2(w.progressPage()->succeeded(), qPrintable(w.progressPage()->headline() + w.progressPage()->detail()));
        QCOMPARE(w.progressPage()->headline(), QStringLiteral("VM 103 created and started."));
        QCOMPARE(created.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 103) && GuestWorld::guest(s, 103)->status == QLatin1String("running"),
                                 kGuestWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(103), kGuestWaitMs);

        // The same ID again: taken, said so, no Next.
        ui::CreateVmWizard again(*s, QStringLiteral("node1"), m_world->console->window.get());
        again.show();
        QTRY_VERIFY_WITH_TIMEOUT(again.vmidFree(), kGuestWaitMs);
        QCOMPARE(again.vmid(), 104);
        child<QSpinBox>(&again, "vmid")->setValue(103);
        QVERIFY(!nextEnabled(again));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(&again, "vmidState")->text().contains(QLatin1String("taken")), kGuestWaitMs);
        QVERIFY(!nextEnabled(again));
    }

    void createVmWithoutMediaOrNetwork()
    {
        ui::ClusterSession *s = m_world->connect();
        ui::CreateVmWizard w(*s, QStringLiteral("node1"), m_world->console->window.get());
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.vmidFree(), kGuestWaitMs);
        w.next();
        child<QRadioButton>(&w, "noMedia")->setChecked(true);
        QVERIFY(nextEnabled(w));
        w.next();
        w.next();
        auto *storage = child<ui::StorageCombo>(&w, "diskStorage");
        QTRY_VERIFY_WITH_TIMEOUT(storage->count() == 2, kGuestWaitMs);
        choose(storage, QStringLiteral("local"));
        child<QSpinBox>(&w, "diskSize")->setValue(2);
        w.next();
        w.next();
        w.next();
        child<QCheckBox>(&w, "noNetwork")->setChecked(true);
        w.next();
        const QJsonObject p = w.requestParameters();
        QCOMPARE(p.value(QLatin1String("ide2")).toString(), QStringLiteral("none,media=cdrom"));
        QCOMPARE(p.value(QLatin1String("scsi0")).toString(), QStringLiteral("local:2,format=raw"));
        QVERIFY(!p.contains(QLatin1String("net0")));
        QVERIFY(!p.contains(QLatin1String("start")));
        QCOMPARE(p.value(QLatin1String("boot")).toString(), QStringLiteral("order=scsi0"));
        w.next();
        QTRY_VERIFY_WITH_TIMEOUT(w.progressPage()->isComplete(), kGuestWaitMs);
        QVERIFY2(w.progressPage()->succeeded(), qPrintable(w.progressPage()->headline()));
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 103) && GuestWorld::guest(s, 103)->status == QLatin1String("stopped"),
                                 kGuestWaitMs);
    }

    void createCt()
    {
        ui::ClusterSession *s = m_world->connect();
        ui::CreateCtWizard w(*s, QStringLiteral("node1"), m_world->console->window.get());
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.vmidFree(), kGuestWaitMs);
        QVERIFY(!nextEnabled(w)); // root needs a password or a key
        QVERIFY(child<QCheckBox>(&w, "unprivileged")->isChecked());
        child<QLineEdit>(&w, "hostname")->setText(QStringLiteral("db2"));
        child<QLineEdit>(&w, "password")->setText(QStringLiteral("abc"));
        QVERIFY(!nextEnabled(w));
        QVERIFY(child<QLabel>(&w, "generalProblem")->text().contains(QLatin1String("5")));
        child<QLineEdit>(&w, "password")->setText(QStringLiteral("secret1"));
        child<QLineEdit>(&w, "confirmPassword")->setText(QStringLiteral("secret2"));
        QVERIFY(!nextEnabled(w));
        child<QLineEdit>(&w, "confirmPassword")->setText(QStringLiteral("secret1"));
        child<QPlainTextEdit>(&w, "sshKeys")->setPlainText(QStringLiteral("not a key"));
        QVERIFY(!nextEnabled(w));
        child<QPlainTextEdit>(&w, "sshKeys")->setPlainText(QStringLiteral("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB admin@desk"));
        QVERIFY(nextEnabled(w));
        w.next();

        auto *tmpl = child<ui::VolumeCombo>(&w, "template");
        QTRY_COMPARE_WITH_TIMEOUT(tmpl->volumeId(), QStringLiteral("local:vztmpl/") + test::kTemplate, kGuestWaitMs);
        w.next();
        auto *root = child<ui::StorageCombo>(&w, "rootStorage");
        QTRY_VERIFY_WITH_TIMEOUT(root->count() == 2, kGuestWaitMs);
        QCOMPARE(child<QSpinBox>(&w, "rootSize")->value(), 8);
        choose(root, QStringLiteral("shared"));
        child<QSpinBox>(&w, "rootSize")->setValue(1);
        w.next();
        QCOMPARE(child<QSpinBox>(&w, "cores")->value(), 1);
        w.next();
        QCOMPARE(child<QSpinBox>(&w, "memory")->value(), 512);
        QCOMPARE(child<QSpinBox>(&w, "swap")->value(), 512);
        w.next();

        QCOMPARE(w.currentId(), int(ui::CreateCtWizard::NetworkPage));
        QTRY_COMPARE_WITH_TIMEOUT(child<ui::BridgeCombo>(&w, "bridge")->bridge(), QStringLiteral("vmbr0"), kGuestWaitMs);
        QVERIFY(nextEnabled(w)); // DHCP
        child<QRadioButton>(&w, "static")->setChecked(true);
        QVERIFY(!nextEnabled(w));
        child<QLineEdit>(&w, "ipv4")->setText(QStringLiteral("10.0.0.5"));
        QVERIFY(!nextEnabled(w)); // no prefix length
        child<QLineEdit>(&w, "ipv4")->setText(QStringLiteral("10.0.0.5/24"));
        child<QLineEdit>(&w, "gateway")->setText(QStringLiteral("10.9.0.1"));
        QVERIFY(!nextEnabled(w)); // not in the subnet
        QVERIFY(!child<QLabel>(&w, "networkProblem")->text().isEmpty());
        child<QLineEdit>(&w, "gateway")->setText(QStringLiteral("10.0.0.1"));
        QVERIFY(nextEnabled(w));
        w.next();

        QCOMPARE(summaryValue(w, QStringLiteral("password")), QStringLiteral("(set)"));
        const QJsonObject p = w.requestParameters();
        QCOMPARE(p.value(QLatin1String("ostemplate")).toString(), QStringLiteral("local:vztmpl/") + test::kTemplate);
        QCOMPARE(p.value(QLatin1String("rootfs")).toString(), QStringLiteral("shared:1"));
        QCOMPARE(p.value(QLatin1String("hostname")).toString(), QStringLiteral("db2"));
        QCOMPARE(p.value(QLatin1String("net0")).toString(),
                 QStringLiteral("name=eth0,bridge=vmbr0,ip=10.0.0.5/24,gw=10.0.0.1,firewall=1"));
        QCOMPARE(p.value(QLatin1String("unprivileged")).toInt(), 1);
        QCOMPARE(p.value(QLatin1String("swap")).toInt(), 512);
        w.startAfterCreated()->setChecked(true);
        w.next();
        QTRY_VERIFY_WITH_TIMEOUT(w.progressPage()->isComplete(), kGuestWaitMs);
        QVERIFY2(w.progressPage()->succeeded(), qPrintable(w.progressPage()->headline() + w.progressPage()->detail()));
        QTRY_VERIFY_WITH_TIMEOUT(GuestWorld::guest(s, 103) && GuestWorld::guest(s, 103)->type == model::ResourceType::Lxc
                                     && GuestWorld::guest(s, 103)->status == QLatin1String("running"),
                                 kGuestWaitMs);
    }

    // A refusal by the node stays on Confirm, in red; Back fixes it.
    void refusalStaysOnConfirm()
    {
        ui::ClusterSession *s = m_world->connect();
        ui::CreateVmWizard w(*s, QStringLiteral("node1"), m_world->console->window.get());
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.vmidFree(), kGuestWaitMs);
        // Another client takes the ID meanwhile.
        m_world->createVm(w.vmid(), QStringLiteral("shared:1"), false);
        for (int i = 0; i < 7; ++i) {
            if (w.currentId() == ui::CreateVmWizard::DisksPage)
                QTRY_VERIFY_WITH_TIMEOUT(nextEnabled(w), kGuestWaitMs);
            if (w.currentId() == ui::CreateVmWizard::OsPage)
                QTRY_VERIFY_WITH_TIMEOUT(nextEnabled(w), kGuestWaitMs);
            w.next();
        }
        QCOMPARE(w.currentId(), int(ui::CreateVmWizard::ConfirmPage));
        w.next();
        auto *state = child<QLabel>(&w, "submitState");
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QLatin1String("refused")), kGuestWaitMs);
        QCOMPARE(w.currentId(), int(ui::CreateVmWizard::ConfirmPage));
    }

    // Actions follow the guest's state; power actions run as tasks; Destroy asks for the ID.
    void guestActions()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(110, QStringLiteral("shared:1"), true);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(110), kGuestWaitMs);
        ui::GuestActions *a = m_world->console->window->guestActions();
        a->setConfirm([](const QString &, const QString &) { return true; });
        QTRY_VERIFY_WITH_TIMEOUT(a->shutdown()->isEnabled(), kGuestWaitMs);
        QVERIFY(!a->start()->isEnabled());
        QVERIFY(a->stop()->isEnabled());
        QVERIFY(a->reboot()->isEnabled());
        QVERIFY(a->migrate()->isEnabled());
        QVERIFY(!a->destroy()->isEnabled()); // a running guest is not destroyed
        QVERIFY(a->createVm()->isEnabled());

        a->stop()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!a->lastUpid().isEmpty(), kGuestWaitMs);
        QVERIFY(a->lastUpid().contains(QLatin1String(":qmstop:110:")));
        QTRY_VERIFY_WITH_TIMEOUT(a->start()->isEnabled(), kGuestWaitMs);
        QVERIFY(!a->shutdown()->isEnabled());
        QVERIFY(a->destroy()->isEnabled());

        a->start()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(a->shutdown()->isEnabled(), kGuestWaitMs);
        a->stop()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(a->destroy()->isEnabled(), kGuestWaitMs);

        QSignalSpy opened(a, &ui::GuestActions::opened);
        a->destroy()->trigger();
        QCOMPARE(opened.count(), 1);
        auto *dialog = qobject_cast<ui::DeleteGuestDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(dialog);
        QVERIFY(!dialog->removeButton()->isEnabled());
        dialog->confirmField()->setText(QStringLiteral("111"));
        QVERIFY(!dialog->removeButton()->isEnabled());
        dialog->confirmField()->setText(QStringLiteral("110"));
        QVERIFY(dialog->removeButton()->isEnabled());
        dialog->removeButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(a->lastUpid().contains(QLatin1String(":qmdestroy:110:")), kGuestWaitMs);
        m_world->waitTask(a->lastUpid());
        const api::ApiResponse status = m_world->agent->call(
            QStringLiteral("GET"), QStringLiteral("/nodes/node1/tasks/%1/status").arg(a->lastUpid()), {}, m_world->agent->root());
        QCOMPARE(status.data.toObject().value(QLatin1String("exitstatus")).toString(), QStringLiteral("OK"));
        // Its config is gone, and the guest with it from the tree.
        QVERIFY(m_world->agent->call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/qemu/110/config"), {},
                                     m_world->agent->root()).status != 200);
        QTRY_VERIFY_WITH_TIMEOUT(!GuestWorld::guest(s, 110), kGuestWaitMs);
    }

    // Hardware and Options show the config; a simple value is edited with the digest.
    void hardwareAndOptions()
    {
        ui::ClusterSession *s = m_world->connect();
        m_world->createVm(111, QStringLiteral("shared:1"), false);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(111), kGuestWaitMs);
        ui::ContentPane *content = m_world->console->window->content();
        QVERIFY(content->indexOf(content->hardware()) > 0);
        content->setCurrentWidget(content->hardware());
        QTableWidget *hw = content->hardware()->table();
        QTRY_VERIFY_WITH_TIMEOUT(hw->rowCount() > 0, kGuestWaitMs);
        QStringList hwKeys;
        for (int r = 0; r < hw->rowCount(); ++r)
            hwKeys << hw->item(r, 0)->toolTip();
        QVERIFY2(hwKeys.contains(QLatin1String("memory")) && hwKeys.contains(QLatin1String("scsi0"))
                     && hwKeys.contains(QLatin1String("net0")) && !hwKeys.contains(QLatin1String("name")),
                 qPrintable(hwKeys.join(u' ')));
        content->setCurrentWidget(content->options());
        QTableWidget *opts = content->options()->table();
        QTRY_VERIFY_WITH_TIMEOUT(opts->rowCount() > 0, kGuestWaitMs);
        QStringList optKeys;
        for (int r = 0; r < opts->rowCount(); ++r)
            optKeys << opts->item(r, 0)->toolTip();
        QVERIFY2(optKeys.contains(QLatin1String("name")) && !optKeys.contains(QLatin1String("memory")),
                 qPrintable(optKeys.join(u' ')));

        content->setCurrentWidget(content->hardware());
        QTRY_VERIFY_WITH_TIMEOUT(content->hardware()->table()->rowCount() > 0, kGuestWaitMs);
        content->hardware()->setValue(QStringLiteral("memory"), QStringLiteral("1024"));
        auto memory = [this] {
            return m_world->agent->call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/qemu/111/config"), {},
                                        m_world->agent->root())
                .data.toObject().value(QLatin1String("memory")).toInt();
        };
        QTRY_COMPARE_WITH_TIMEOUT(memory(), 1024, kGuestWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(content->hardware()->stateText().isEmpty(), kGuestWaitMs);

        // Changed elsewhere meanwhile: the stale digest is refused, and said so.
        m_world->agent->call(QStringLiteral("PUT"), QStringLiteral("/nodes/node1/qemu/111/config"),
                             {{QStringLiteral("cores"), 3}}, m_world->agent->root());
        content->hardware()->setValue(QStringLiteral("memory"), QStringLiteral("768"));
        QTRY_VERIFY_WITH_TIMEOUT(content->hardware()->stateText().contains(QLatin1String("Not saved")), kGuestWaitMs);

        // Not a guest: no such tabs.
        m_world->console->window->tree()->setCurrentIndex(m_world->console->window->tree()->model()->index(0, 0));
        QCOMPARE(content->indexOf(content->hardware()), -1);
        Q_UNUSED(s);
    }

    // A running VM's memory changes at its next start: shown as pending, in the row and above the table.
    void pendingChangesShown()
    {
        m_world->connect();
        m_world->createVm(113, QStringLiteral("shared:1"), true);
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(113), kGuestWaitMs);
        ui::ContentPane *content = m_world->console->window->content();
        content->setCurrentWidget(content->hardware());
        QTableWidget *hw = content->hardware()->table();
        QTRY_VERIFY_WITH_TIMEOUT(hw->rowCount() > 0, kGuestWaitMs);
        content->hardware()->setValue(QStringLiteral("memory"), QStringLiteral("1024"));
        QTRY_VERIFY_WITH_TIMEOUT(content->hardware()->stateText().contains(QLatin1String("next start")), kGuestWaitMs);
        QString memory;
        for (int r = 0; r < hw->rowCount(); ++r)
            if (hw->item(r, 0)->toolTip() == QLatin1String("memory"))
                memory = hw->item(r, 1)->text();
        QVERIFY2(memory.contains(QStringLiteral("→")) && memory.contains(QLatin1String("1.00 GiB")), qPrintable(memory));
    }

    // A user who may only look sees the actions, disabled, with the privilege they lack.
    void auditorCannotAct()
    {
        m_world.reset();
        m_world = std::make_unique<GuestWorld>(QStringLiteral("user:ana@pam:1:0:::::::\nacl:1:/:ana@pam:PVEAuditor:\n"));
        m_world->createVm(112, QStringLiteral("shared:1"), true);
        m_world->connect(QStringLiteral("ana@pam"), QStringLiteral("ana-password"));
        QTRY_VERIFY_WITH_TIMEOUT(m_world->selectGuest(112), kGuestWaitMs);
        ui::GuestActions *a = m_world->console->window->guestActions();
        QTest::qWait(300);
        QVERIFY(!a->stop()->isEnabled());
        QVERIFY(!a->migrate()->isEnabled());
        QVERIFY(!a->createVm()->isEnabled());
        QVERIFY2(a->stop()->toolTip().contains(QLatin1String("VM.PowerMgmt")), qPrintable(a->stop()->toolTip()));
        QVERIFY2(a->createVm()->toolTip().contains(QLatin1String("VM.Allocate")), qPrintable(a->createVm()->toolTip()));
    }
};

QTEST_MAIN(tst_GuestWizards)
#include "tst_GuestWizards.moc"
