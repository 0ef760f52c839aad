// The guests part of the lab tour (LabTour::planGuests): what a new user does
// once the cluster stands, with the real wizards against the real agents.

#include "ContentPane.h"
#include "LabTour.h"
#include "MainWindow.h"
#include "cluster/TaskProgressPage.h"
#include "guests/MigrateDialog.h"
#include "models/ResourceTreeModel.h"
#include "session/ClusterSession.h"
#include "wizards/CreateCtWizard.h"
#include "wizards/CreateVmWizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTreeView>

namespace atalaia::ui {

namespace {

// Picks the entry whose data (or, failing that, text) is WANTED; false while
// the combo has not loaded it yet.
bool choose(QComboBox *combo, const QString &wanted)
{
    if (!combo)
        return false;
    int i = combo->findData(wanted);
    if (i < 0)
        i = combo->findText(wanted, Qt::MatchContains);
    if (i < 0)
        return false;
    combo->setCurrentIndex(i);
    return true;
}

// The tree row of guest VMID, or an invalid index.
QModelIndex findGuest(QTreeView *tree, int vmid)
{
    QAbstractItemModel *model = tree->model();
    std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            if (i.data(ResourceTreeModel::VmidRole).toInt() == vmid)
                return i;
            if (const QModelIndex deeper = find(i); deeper.isValid())
                return deeper;
        }
        return {};
    };
    return find({});
}

} // namespace

void LabTour::planGuests()
{
    // The lab's storages: each node's own /var/lib/vz, and one directory every
    // node mounts (an NFS export in a real cluster), where a VM's disk stays
    // put when the VM moves. (A Storage panel comes with the storage work.)
    step(QStringLiteral("from here on, trust node1's new certificate when met"), [this] {
        m_trustChanges = true;
        return true;
    });
    step(QStringLiteral("add the storages 'local' and 'labshared'"), [this] {
        ClusterSession *s = m_sessions.value(0);
        if (!s)
            return false;
        using Method = api::client::ApiClient::Method;
        s->client().send(Method::Post, QStringLiteral("/storage"),
                         {{QStringLiteral("storage"), QStringLiteral("local")}, {QStringLiteral("type"), QStringLiteral("dir")},
                          {QStringLiteral("path"), QStringLiteral("/var/lib/vz")},
                          {QStringLiteral("content"), QStringLiteral("iso,vztmpl,images,rootdir")}});
        s->client().send(Method::Post, QStringLiteral("/storage"),
                         {{QStringLiteral("storage"), QStringLiteral("labshared")}, {QStringLiteral("type"), QStringLiteral("dir")},
                          {QStringLiteral("path"), QStringLiteral("/mnt/pve/labshared")}, {QStringLiteral("shared"), 1},
                          {QStringLiteral("content"), QStringLiteral("iso,vztmpl,images,rootdir")}});
        say(QStringLiteral("storages 'local' and 'labshared' added"));
        return true;
    });
    step(QStringLiteral("the storages are in place"), [this] { return m_stepClock.elapsed() > 1500; });

    // Create VM: the bundled ISO from the shared storage, a 1 GiB disk there.
    step(QStringLiteral("open Create VM"), [this] {
        m_vm = new CreateVmWizard(*m_sessions.value(0), nodeName(0), &m_window);
        m_vm->setAttribute(Qt::WA_DeleteOnClose);
        m_vm->show();
        return true;
    });
    step(QStringLiteral("Create VM: General"), [this] {
        auto *name = m_vm ? m_vm->findChild<QLineEdit *>(QStringLiteral("name")) : nullptr;
        if (!name || !m_vm->vmidFree())
            return false;
        name->setText(QStringLiteral("tiny"));
        shoot(m_vm, QStringLiteral("vm-1-general"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: the bundled ISO on 'labshared'"), [this] {
        if (!m_vm || !choose(m_vm->findChild<QComboBox *>(QStringLiteral("isoStorage")), QStringLiteral("labshared")))
            return false;
        if (!choose(m_vm->findChild<QComboBox *>(QStringLiteral("iso")), QStringLiteral("atalaia-tiny")))
            return false;
        shoot(m_vm, QStringLiteral("vm-2-os"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: System"), [this] {
        shoot(m_vm, QStringLiteral("vm-3-system"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: a 1 GiB disk on 'labshared'"), [this] {
        if (!m_vm || !choose(m_vm->findChild<QComboBox *>(QStringLiteral("diskStorage")), QStringLiteral("labshared")))
            return false;
        m_vm->findChild<QSpinBox *>(QStringLiteral("diskSize"))->setValue(1);
        shoot(m_vm, QStringLiteral("vm-4-disks"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: CPU"), [this] {
        shoot(m_vm, QStringLiteral("vm-5-cpu"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: 256 MiB"), [this] {
        m_vm->findChild<QSpinBox *>(QStringLiteral("memory"))->setValue(256);
        shoot(m_vm, QStringLiteral("vm-6-memory"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: Network (vmbr0)"), [this] {
        if (!m_vm || !choose(m_vm->findChild<QComboBox *>(QStringLiteral("bridge")), QStringLiteral("vmbr0")))
            return false;
        shoot(m_vm, QStringLiteral("vm-7-network"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("Create VM: Confirm, start after created"), [this] {
        m_vm->startAfterCreated()->setChecked(true);
        m_vmid = m_vm->vmid();
        shoot(m_vm, QStringLiteral("vm-8-confirm"));
        m_vm->next();
        return true;
    });
    step(QStringLiteral("the VM is created and started"), [this] {
        const QString log = m_vm ? logText(m_vm->progressPage()) : QString();
        if (log.contains(QLatin1String("TASK ERROR")))
            fail(QStringLiteral("Create VM failed: ") + log.section(QLatin1String("TASK ERROR"), 1).trimmed());
        return log.contains(QLatin1String("TASK OK"));
    });
    step(QStringLiteral("close Create VM"), [this] {
        shoot(m_vm, QStringLiteral("vm-9-created"));
        say(QStringLiteral("VM %1 created and started").arg(m_vmid));
        m_vm->close();
        return true;
    });

    // Create CT: the bundled Debian 13 template from node1's own storage.
    step(QStringLiteral("open Create CT"), [this] {
        m_ct = new CreateCtWizard(*m_sessions.value(0), nodeName(0), &m_window);
        m_ct->setAttribute(Qt::WA_DeleteOnClose);
        m_ct->show();
        return true;
    });
    step(QStringLiteral("Create CT: General"), [this] {
        if (!m_ct || !m_ct->vmidFree())
            return false;
        m_ct->findChild<QLineEdit *>(QStringLiteral("hostname"))->setText(QStringLiteral("ct1"));
        m_ct->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("a long secret"));
        m_ct->findChild<QLineEdit *>(QStringLiteral("confirmPassword"))->setText(QStringLiteral("a long secret"));
        QApplication::processEvents();
        shoot(m_ct, QStringLiteral("ct-1-general"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: the bundled template on 'local'"), [this] {
        if (!m_ct || !choose(m_ct->findChild<QComboBox *>(QStringLiteral("templateStorage")), QStringLiteral("local")))
            return false;
        if (!choose(m_ct->findChild<QComboBox *>(QStringLiteral("template")), QStringLiteral("debian-13")))
            return false;
        shoot(m_ct, QStringLiteral("ct-2-template"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: a 1 GiB root disk on 'local'"), [this] {
        if (!m_ct || !choose(m_ct->findChild<QComboBox *>(QStringLiteral("rootStorage")), QStringLiteral("local")))
            return false;
        m_ct->findChild<QSpinBox *>(QStringLiteral("rootSize"))->setValue(1);
        shoot(m_ct, QStringLiteral("ct-3-disks"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: CPU"), [this] {
        shoot(m_ct, QStringLiteral("ct-4-cpu"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: Memory"), [this] {
        m_ct->findChild<QSpinBox *>(QStringLiteral("memory"))->setValue(256);
        shoot(m_ct, QStringLiteral("ct-5-memory"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: a static address on vmbr0"), [this] {
        if (!m_ct || !choose(m_ct->findChild<QComboBox *>(QStringLiteral("bridge")), QStringLiteral("vmbr0")))
            return false;
        m_ct->findChild<QRadioButton *>(QStringLiteral("static"))->setChecked(true);
        m_ct->findChild<QLineEdit *>(QStringLiteral("ipv4"))->setText(QStringLiteral("10.99.0.10/24"));
        if (auto *v6 = m_ct->findChild<QComboBox *>(QStringLiteral("ipv6")))
            v6->setCurrentIndex(0);
        QApplication::processEvents();
        shoot(m_ct, QStringLiteral("ct-6-network"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("Create CT: Confirm, start after created"), [this] {
        m_ct->startAfterCreated()->setChecked(true);
        shoot(m_ct, QStringLiteral("ct-7-confirm"));
        m_ct->next();
        return true;
    });
    step(QStringLiteral("the container is created and started"), [this] {
        const QString log = m_ct ? logText(m_ct->progressPage()) : QString();
        if (log.contains(QLatin1String("TASK ERROR")))
            fail(QStringLiteral("Create CT failed: ") + log.section(QLatin1String("TASK ERROR"), 1).trimmed());
        return log.contains(QLatin1String("TASK OK"));
    });
    step(QStringLiteral("close Create CT"), [this] {
        shoot(m_ct, QStringLiteral("ct-8-created"));
        say(QStringLiteral("CT %1 created and started").arg(m_ct->vmid()));
        m_ct->close();
        return true;
    });

    // The VM's Summary, running, with its graphs filling.
    step(QStringLiteral("select the VM in the tree"), [this] {
        const QModelIndex i = findGuest(m_window.tree(), m_vmid);
        if (!i.isValid())
            return false;
        m_window.tree()->setCurrentIndex(i);
        m_window.tree()->scrollTo(i);
        m_window.content()->setCurrentIndex(0);
        return true;
    });
    step(QStringLiteral("the VM's summary collects a few samples"), [this] { return m_stepClock.elapsed() > 20000; }, 30000);
    shotStep([this] { return &m_window; }, QStringLiteral("vm-summary"));

    // Live migration to node2 in the migration dialog. The tiny VM would move
    // in a second; at 24 MiB/s (its config's migrate_speed, as an admin sets
    // it on a busy link) the dialog has time to draw its chart.
    step(QStringLiteral("limit the VM's migration speed to 24 MiB/s"), [this] {
        m_sessions.value(0)->client().send(api::client::ApiClient::Method::Put,
                                           QStringLiteral("/nodes/%1/qemu/%2/config").arg(nodeName(0)).arg(m_vmid),
                                           {{QStringLiteral("migrate_speed"), 24}});
        return true;
    });
    step(QStringLiteral("open Migrate"), [this] {
        const QVariant value = m_window.tree()->currentIndex().data(ResourceTreeModel::ResourceRole);
        if (!value.canConvert<model::ClusterResource>())
            return false;
        m_migrate = new MigrateDialog(*m_sessions.value(0), value.value<model::ClusterResource>(), &m_window);
        m_migrate->setAttribute(Qt::WA_DeleteOnClose);
        m_migrate->show();
        return true;
    });
    step(QStringLiteral("Migrate: node2 passes the preflight"), [this] {
        if (!m_migrate || !choose(m_migrate->targetCombo(), nodeName(1)) || !m_migrate->canStart())
            return false;
        shoot(m_migrate, QStringLiteral("migrate-1-setup"));
        m_migrate->startMigration();
        return true;
    });
    step(QStringLiteral("Migrate: progress"), [this] {
        if (!m_migrate || m_migrate->chartPoints() < 3)
            return m_migrate && m_migrate->isFinished();
        shoot(m_migrate, QStringLiteral("migrate-2-progress"));
        return true;
    });
    step(QStringLiteral("Migrate: done"), [this] { return m_migrate && m_migrate->isFinished(); });
    step(QStringLiteral("Migrate: the result"), [this] {
        shoot(m_migrate, QStringLiteral("migrate-3-done"));
        say(QStringLiteral("migration: %1 (%2)").arg(m_migrate->headline(), m_migrate->figuresText()));
        m_migrate->close();
        return true;
    });
    step(QStringLiteral("the tree shows the VM running on node2"), [this] {
        const QModelIndex i = findGuest(m_window.tree(), m_vmid);
        if (!i.isValid())
            return false;
        const auto guest = i.data(ResourceTreeModel::ResourceRole).value<model::ClusterResource>();
        if (!guest.node || guest.node->toString() != nodeName(1) || guest.status != u"running")
            return false;
        m_window.tree()->setCurrentIndex(i);
        m_window.tree()->scrollTo(i);
        return true;
    });
    shotStep([this] { return &m_window; }, QStringLiteral("vm-on-node2"));
}

} // namespace atalaia::ui
