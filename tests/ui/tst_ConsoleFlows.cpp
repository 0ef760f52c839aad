// The console's widgets driven against a real agent over HTTPS on 127.0.0.1
// (fake backends): connect and trust the certificate, a live tree that
// follows guests appearing, changing and disappearing, the wizards creating
// what the user's story needs, and a restricted login that sees less.
#include "PveFixtureServer.h"
#include "TestAgent.h"
#include "TestConsole.h"
#include "agent/Agent.h"
#include "api/Services.h"
#include "api/client/Fingerprint.h"
#include "cluster/ClusterPanel.h"
#include "cluster/JoinInformation.h"
#include "main/ContentPane.h"
#include "main/MainWindow.h"
#include "main/SummaryPage.h"
#include "permissions/EditDialog.h"
#include "tasks/TaskListModel.h"
#include "models/ResourceTreeModel.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretKey.h"
#include "session/ClusterSession.h"
#include "store/ConfigStore.h"
#include "virt/fake/FakeHypervisor.h"
#include "wizards/AddGroupWizard.h"
#include "wizards/AddPermissionWizard.h"
#include "wizards/AddUserWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QJsonArray>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace atalaia;
using atalaia::test::TestAgent;

namespace {

constexpr int kWaitMs = 20000;

ui::ConnectionProfile profileFor(const TestAgent &agent, const QString &userid)
{
    ui::ConnectionProfile p;
    p.id = ui::ConnectionProfile::newId();
    p.name = QStringLiteral("lab");
    p.endpoints = {api::client::Endpoint(QStringLiteral("127.0.0.1"), const_cast<TestAgent &>(agent).agent().port())};
    p.userid = userid;
    return p;
}

QByteArray userCfg(TestAgent &agent)
{
    auto file = agent.agent().services().store().read(QStringLiteral("user.cfg"));
    return file ? file->data : QByteArray();
}

} // namespace

class tst_ConsoleFlows : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestAgent> m_agent;
    std::unique_ptr<test::TestConsole> m_console;

    ui::ClusterSession *connectAs(const QString &userid, const QString &password)
    {
        ui::ClusterSession *s = m_console->window->openConnection(profileFor(*m_agent, userid), password);
        s->setPollInterval(200);
        return s;
    }

private slots:
    void init()
    {
        m_agent = std::make_unique<TestAgent>();
        if (auto listening = m_agent->agent().listen(); !listening)
            qFatal("agent cannot listen: %s", qPrintable(listening.error().toString()));
        m_console = std::make_unique<test::TestConsole>();
    }

    void cleanup()
    {
        m_console.reset();
        m_agent.reset();
    }

    void trustOnFirstContactThenLiveTree()
    {
        ui::ClusterSession *s = connectAs(QStringLiteral("root@pam"), QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        const auto expected = api::client::Fingerprint::parse(m_agent->agent().certificate().fingerprint);
        QVERIFY(expected.has_value());
        QCOMPARE(s->pendingFingerprint(), *expected);
        s->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        // The pin is saved with the profile (and never the password).
        const auto saved = ui::ConnectionStore(m_console->settingsFile()).load();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().trust.pins().size(), 1);
        QFile ini(m_console->settingsFile());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("root-password"));

        const QAbstractItemModel *tree = m_console->window->treeModel();
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(tree, QStringLiteral("qemu")), 2, kWaitMs);
        QCOMPARE(test::countTreeRows(tree, QStringLiteral("lxc")), 1);
        QCOMPARE(test::countTreeRows(tree, QStringLiteral("node")), 1);

        QSignalSpy resets(tree, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(tree, &QAbstractItemModel::rowsInserted);
        auto &fake = static_cast<virt::fake::FakeHypervisor &>(m_agent->agent().services().hypervisor());
        auto added = model::ClusterResource::fromJson(QJsonObject{{QStringLiteral("id"), QStringLiteral("qemu/150")},
                                                                  {QStringLiteral("type"), QStringLiteral("qemu")},
                                                                  {QStringLiteral("vmid"), 150},
                                                                  {QStringLiteral("name"), QStringLiteral("fresh")},
                                                                  {QStringLiteral("node"), QStringLiteral("node1")},
                                                                  {QStringLiteral("status"), QStringLiteral("stopped")}});
        QVERIFY(added.has_value());
        fake.setGuest(*added);
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(tree, QStringLiteral("qemu")), 3, kWaitMs);
        QVERIFY(inserts.count() >= 1);
        fake.removeGuest(150);
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(tree, QStringLiteral("qemu")), 2, kWaitMs);
        QCOMPARE(resets.count(), 0); // refreshes are diffs, never resets
    }

    // A real Proxmox VE has no event stream: the console logs in with a
    // ticket and polls, and shows the PVE shapes (pools, templates, HA).
    void proxmoxVeIsPolled()
    {
        test::PveFixtureServer pve;
        const ui::ConnectionProfile p = test::pveProfile(pve.port(), pve.fingerprint());
        ui::ClusterSession *s = m_console->window->openConnection(p, QStringLiteral("recorded"));
        s->setPollInterval(200);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        const QAbstractItemModel *tree = m_console->window->treeModel();
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(tree, QStringLiteral("node")), 3, kWaitMs);
        QCOMPARE(test::countTreeRows(tree, QStringLiteral("qemu")), 4);
        QCOMPARE(test::countTreeRows(tree, QStringLiteral("lxc")), 1);
        QTRY_VERIFY_WITH_TIMEOUT(pve.resourceRequests() >= 3, kWaitMs); // polled, no stream
        QVERIFY(!s->eventStreamOpen());
        QTRY_COMPARE_WITH_TIMEOUT(m_console->window->taskModel()->rowCount(), 2, kWaitMs);
        bool sawFailure = false;
        for (int r = 0; r < m_console->window->taskModel()->rowCount(); ++r)
            sawFailure |= m_console->window->taskModel()->index(r, 0).data(ui::TaskListModel::FailedRole).toBool();
        QVERIFY(sawFailure); // the vzdump that ended in ERROR stands out

        // A guest's Summary charts its rrddata history (70 points for the hour).
        QTreeView *view = m_console->window->tree();
        QModelIndex vm;
        std::function<void(const QModelIndex &)> find = [&](const QModelIndex &parent) {
            for (int r = 0; r < view->model()->rowCount(parent) && !vm.isValid(); ++r) {
                const QModelIndex i = view->model()->index(r, 0, parent);
                if (i.data(ui::ResourceTreeModel::VmidRole).toUInt() == 101)
                    vm = i;
                find(i);
            }
        };
        find({});
        QVERIFY(vm.isValid());
        view->setCurrentIndex(vm);
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->content()->summary()->chartPoints() >= 70, kWaitMs);
        QVERIFY(m_console->window->content()->summary()->figuresText().contains(QLatin1String("db01")));
    }

    // Addresses are tried in turn: a dead first one does not keep the console
    // away, and losing the server shows as Reconnecting, not as a dialog.
    void failsOverThenShowsReconnecting()
    {
        ui::ConnectionProfile p = profileFor(*m_agent, QStringLiteral("root@pam"));
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 dead = probe.serverPort();
        probe.close();
        const api::client::Endpoint live = p.endpoints.first();
        p.endpoints = {api::client::Endpoint(QStringLiteral("127.0.0.1"), dead), live};
        p.trust.pin(live, *api::client::Fingerprint::parse(m_agent->agent().certificate().fingerprint));
        ui::ClusterSession *s = m_console->window->openConnection(p, QStringLiteral("root-password"));
        s->setPollInterval(200);
        QTRY_VERIFY2_WITH_TIMEOUT(s->state() == ui::ClusterSession::State::Online, qPrintable(s->lastError()), kWaitMs);
        QCOMPARE(s->client().activeEndpoint(), live);
        m_agent.reset(); // the server goes away
        QTRY_VERIFY2_WITH_TIMEOUT(s->state() == ui::ClusterSession::State::Reconnecting, qPrintable(s->lastError()), kWaitMs);
        QVERIFY(!s->lastError().isEmpty());
    }

    void editDialogChangesAUser()
    {
        ui::ClusterSession *s = connectAs(QStringLiteral("root@pam"), QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        s->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        QCOMPARE(m_agent->call(QStringLiteral("POST"), QStringLiteral("/access/users"),
                               {{QStringLiteral("userid"), QStringLiteral("amy@pve")}}, m_agent->root()).status, 200);
        ui::EditDialog edit(*s, ui::EditDialog::Kind::User,
                            QJsonObject{{QStringLiteral("userid"), QStringLiteral("amy@pve")}, {QStringLiteral("enable"), 1}},
                            m_console->window.get());
        edit.show();
        edit.findChild<QLineEdit *>(QStringLiteral("comment"))->setText(QStringLiteral("on leave"));
        for (QCheckBox *box : edit.findChildren<QCheckBox *>())
            if (box->isChecked() && box->text().contains(QLatin1String("Enabled")))
                box->setChecked(false);
        QCOMPARE(edit.parameters().value(QLatin1String("enable")).toInt(), 0);
        edit.accept();
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("user:amy@pve:0:"), kWaitMs);
        QVERIFY(userCfg(*m_agent).contains("on leave"));
    }

    // A connection saved with "remember" comes back at the next start with the
    // secret from the keychain; forgetting it removes both.
    void savedConnectionsReopenFromTheKeychain()
    {
        ui::ConnectionProfile p = profileFor(*m_agent, QStringLiteral("root@pam"));
        p.rememberSecret = true;
        p.trust.pin(p.endpoints.first(), *api::client::Fingerprint::parse(m_agent->agent().certificate().fingerprint));
        const QString ini = m_console->settingsFile();
        ui::ConnectionStore(ini).save(p);
        const secrets::SecretKey key(p.id, p.userid, secrets::SecretKey::Kind::Password);
        auto written = m_console->secrets.write(key, QStringLiteral("root-password"));
        QTRY_VERIFY(written.isFinished());
        auto probed = m_console->secrets.probe();
        QTRY_VERIFY(probed.isFinished());

        m_console->window = std::make_unique<ui::MainWindow>(ui::ConnectionStore(ini), &m_console->secrets, nullptr);
        m_console->window->reopenSavedConnections();
        QCOMPARE(m_console->window->sessions().size(), 1);
        ui::ClusterSession *s = m_console->window->sessions().first();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);

        m_console->window->forgetConnection(s->profile());
        QVERIFY(m_console->window->sessions().isEmpty());
        QVERIFY(ui::ConnectionStore(ini).load().isEmpty());
        QTRY_VERIFY(!m_console->secrets.contains(key));
    }

    void editDialogSetsACustomRolesPrivileges()
    {
        ui::ClusterSession *s = connectAs(QStringLiteral("root@pam"), QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        s->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        QCOMPARE(m_agent->call(QStringLiteral("POST"), QStringLiteral("/access/roles"),
                               {{QStringLiteral("roleid"), QStringLiteral("Watcher")}}, m_agent->root()).status, 200);
        ui::EditDialog edit(*s, ui::EditDialog::Kind::Role,
                            QJsonObject{{QStringLiteral("roleid"), QStringLiteral("Watcher")}, {QStringLiteral("special"), 0}},
                            m_console->window.get());
        auto *list = edit.findChild<QListWidget *>();
        QTRY_VERIFY_WITH_TIMEOUT(list->count() > 20, kWaitMs); // every privilege there is
        for (const QString &p : {QStringLiteral("VM.Audit"), QStringLiteral("Sys.Audit")})
            list->findItems(p, Qt::MatchExactly).first()->setCheckState(Qt::Checked);
        edit.accept();
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("role:Watcher:"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("Sys.Audit,VM.Audit") || userCfg(*m_agent).contains("VM.Audit,Sys.Audit"),
                                 kWaitMs);
    }

    // Datacenter → Cluster shows the members, quorum and the Join Information.
    void clusterPanelShowsMembersAndJoinInformation()
    {
        m_agent = std::make_unique<TestAgent>(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        QVERIFY(m_agent->agent().listen().has_value());
        ui::ClusterSession *s = connectAs(QStringLiteral("root@pam"), QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        s->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(m_console->window->treeModel(), QStringLiteral("node")), 3, kWaitMs);
        m_console->window->tree()->setCurrentIndex(m_console->window->tree()->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->content()->clusterPanel() != nullptr, kWaitMs);
        ui::ClusterPanel *panel = m_console->window->content()->clusterPanel();
        QTRY_COMPARE_WITH_TIMEOUT(panel->findChild<QTableWidget *>()->rowCount(), 3, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->joinInformation().isEmpty(), kWaitMs);
        const auto info = cluster::JoinInformation::fromBlob(panel->joinInformation());
        QVERIFY2(info.has_value(), qPrintable(panel->joinInformation()));
        QCOMPARE(info->clusterName(), QStringLiteral("lab"));
    }

    void changedCertificateBlocks()
    {
        ui::ConnectionProfile p = profileFor(*m_agent, QStringLiteral("root@pam"));
        p.trust.pin(p.endpoints.first(), api::client::Fingerprint::fromDigest(QByteArray(32, '\x42')));
        ui::ClusterSession *s = m_console->window->openConnection(p, QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Blocked, kWaitMs);
        QVERIFY(s->lastError().contains(QLatin1String("changed")));
    }

    void wizardsCreateTheStorysUserGroupAndPermission()
    {
        ui::ClusterSession *s = connectAs(QStringLiteral("root@pam"), QStringLiteral("root-password"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        s->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Online, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!s->resources().isEmpty(), kWaitMs);

        // Group first, so the user wizard can put roma in it.
        ui::AddGroupWizard group(*s, m_console->window.get());
        group.show();
        group.findChild<QLineEdit *>()->setText(QStringLiteral("bad name!"));
        QVERIFY(!group.currentPage()->isComplete()); // validated before Next
        group.findChild<QLineEdit *>()->setText(QStringLiteral("GroupUserManage"));
        QVERIFY(group.currentPage()->isComplete());
        group.next();
        group.accept();
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("group:GroupUserManage:"), kWaitMs);

        ui::AddUserWizard user(*s, m_console->window.get());
        user.show();
        user.findChild<QLineEdit *>()->setText(QStringLiteral("roma"));
        user.next();
        QCOMPARE(user.currentId(), int(ui::AddUserWizard::AccountPage));
        QList<QLineEdit *> passwords;
        for (QLineEdit *e : user.currentPage()->findChildren<QLineEdit *>())
            if (e->echoMode() == QLineEdit::Password)
                passwords.append(e);
        QCOMPARE(passwords.size(), 2);
        passwords[0]->setText(QStringLiteral("a long secret 2026"));
        passwords[1]->setText(QStringLiteral("a different one"));
        QVERIFY(!user.currentPage()->isComplete()); // confirmation must match
        passwords[1]->setText(QStringLiteral("a long secret 2026"));
        QVERIFY(user.currentPage()->isComplete());
        user.next();
        auto *groups = user.currentPage()->findChild<QListWidget *>();
        QTRY_VERIFY_WITH_TIMEOUT(groups->count() > 0, kWaitMs);
        groups->findItems(QStringLiteral("GroupUserManage"), Qt::MatchExactly).first()->setCheckState(Qt::Checked);
        user.next();
        user.accept();
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("user:roma@pve:"), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("group:GroupUserManage:roma@pve:"), kWaitMs);

        ui::AddPermissionWizard acl(*s, m_console->window.get());
        acl.show();
        acl.findChild<QComboBox *>()->setCurrentText(QStringLiteral("/access"));
        acl.next();
        auto *role = acl.currentPage()->findChild<QComboBox *>();
        QTRY_VERIFY_WITH_TIMEOUT(role->findText(QStringLiteral("PVEUserAdmin")) >= 0, kWaitMs);
        role->setCurrentIndex(role->findText(QStringLiteral("PVEUserAdmin")));
        acl.next();
        auto *who = acl.currentPage()->findChild<QComboBox *>();
        QTRY_VERIFY_WITH_TIMEOUT(who->findText(QStringLiteral("GroupUserManage")) >= 0, kWaitMs);
        who->setCurrentText(QStringLiteral("GroupUserManage"));
        // The preview uses the agent's ACL code: PVEUserAdmin brings User.Modify on /access.
        QVERIFY2(acl.previewText().contains(QLatin1String("User.Modify")), qPrintable(acl.previewText()));
        acl.accept();
        QTRY_VERIFY_WITH_TIMEOUT(userCfg(*m_agent).contains("acl:1:/access:@GroupUserManage:PVEUserAdmin:"), kWaitMs);

        // roma in a second connection: user management yes, the node and guests no.
        ui::ClusterSession *roma = connectAs(QStringLiteral("roma@pve"), QStringLiteral("a long secret 2026"));
        QTRY_COMPARE_WITH_TIMEOUT(roma->state(), ui::ClusterSession::State::NeedsTrust, kWaitMs);
        roma->trustPending();
        QTRY_COMPARE_WITH_TIMEOUT(roma->state(), ui::ClusterSession::State::Online, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!roma->permissions().isEmpty(), kWaitMs);
        QVERIFY(roma->can(QStringLiteral("/access/groups"), QStringLiteral("User.Modify")));
        QVERIFY(!roma->can(QStringLiteral("/nodes/node1"), QStringLiteral("Sys.Audit")));
        QVERIFY(!roma->can(QStringLiteral("/vms/100"), QStringLiteral("VM.Audit")));
        QTest::qWait(600); // a few polls
        QVERIFY(roma->resources().isEmpty());
    }
};

QTEST_MAIN(tst_ConsoleFlows)
#include "tst_ConsoleFlows.moc"
