// The Create Cluster and Join Cluster wizards and the Cluster panel, real
// widgets over HTTPS on 127.0.0.1: against the agent (fake backends) for the
// node's addresses and state, and against PveClusterServer, a standalone
// Proxmox VE node that creates a cluster or joins one as asked, for the
// requests the wizards send and everything that happens after them (the task
// log, a failed task, a refusal, the node's new certificate and login).
#include "PveClusterServer.h"
#include "TestAgent.h"
#include "TestConsole.h"
#include "agent/Agent.h"
#include "agent/Backends.h"
#include "api/Services.h"
#include "api/client/Fingerprint.h"
#include "cluster/ClusterPanel.h"
#include "cluster/ClusterStatus.h"
#include "cluster/JoinInformation.h"
#include "cluster/JoinInformationDialog.h"
#include "cluster/LinkAddressField.h"
#include "cluster/TaskProgressPage.h"
#include "main/ContentPane.h"
#include "main/MainWindow.h"
#include "models/ResourceTreeModel.h"
#include "secrets/MemorySecretStore.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"
#include "wizards/CreateClusterWizard.h"
#include "wizards/JoinClusterWizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace atalaia;
using atalaia::test::PveClusterServer;
using atalaia::test::TestAgent;
using atalaia::test::child;

namespace {

constexpr int kWaitMs = 20000;
const QString kFingerprint = QStringLiteral("6A:3F:1C:D2:9B:44:E0:17:5C:8A:21:F6:03:B9:7D:E5:48:0C:92:AF:16:D3:5B:70:"
                                            "C4:2E:89:F1:0A:67:BC:3D");

// Join Information as a cluster node hands it out (Proxmox's blob).
QString joinBlob(const QString &peer0, const QString &peer1, QList<int> totemLinks = {0, 1})
{
    cluster::JoinInformation info;
    info.ipAddress = peer0;
    info.fingerprint = kFingerprint;
    info.peerLinks.insert(0, peer0);
    info.ringAddresses << peer0;
    if (!peer1.isEmpty()) {
        info.peerLinks.insert(1, peer1);
        info.ringAddresses << peer1;
    }
    QJsonObject interfaces;
    for (int l : totemLinks)
        interfaces.insert(QString::number(l), QJsonObject{{QStringLiteral("linknumber"), QString::number(l)}});
    info.totem = QJsonObject{{QStringLiteral("cluster_name"), QStringLiteral("lisboa")},
                             {QStringLiteral("config_version"), QStringLiteral("3")},
                             {QStringLiteral("interface"), interfaces},
                             {QStringLiteral("ip_version"), QStringLiteral("ipv4-6")},
                             {QStringLiteral("link_mode"), QStringLiteral("passive")},
                             {QStringLiteral("secauth"), QStringLiteral("on")},
                             {QStringLiteral("version"), QStringLiteral("2")}};
    return info.toBlob();
}

QString base64(const QByteArray &text)
{
    return QString::fromLatin1(text.toBase64());
}


} // namespace

class tst_ClusterWizards : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestAgent> m_agent;
    std::unique_ptr<test::TestConsole> m_console;

    void startAgent(const QString &fixture)
    {
        m_agent = std::make_unique<TestAgent>(fixture);
        // The agent gives its backend's interfaces to the API once it wires
        // them itself; until then the test does.
        api::Services &services = m_agent->agent().services();
        if (!services.networkInterfaces())
            services.setNetworkInterfaces(m_agent->agent().backends().networkInterfaces.get());
        if (auto listening = m_agent->agent().listen(); !listening)
            qFatal("agent cannot listen: %s", qPrintable(listening.error().toString()));
    }

    ui::ClusterSession *connectTo(quint16 port, const QString &fingerprint, const QString &password,
                                const QString &userid = QStringLiteral("root@pam"))
    {
        ui::ConnectionProfile p;
        p.id = ui::ConnectionProfile::newId();
        p.name = QStringLiteral("lab");
        p.endpoints = {api::client::Endpoint(QStringLiteral("127.0.0.1"), port)};
        p.userid = userid;
        p.trust.pin(p.endpoints.first(), *api::client::Fingerprint::parse(fingerprint));
        ui::ClusterSession *s = m_console->window->openConnection(p, password);
        s->setPollInterval(200);
        return s;
    }

    static void waitOnline(ui::ClusterSession *s)
    {
        QTRY_VERIFY2_WITH_TIMEOUT(s->state() == ui::ClusterSession::State::Online, qPrintable(s->lastError()), kWaitMs);
    }

    // The agent on FIXTURE, and a root@pam session to it, online.
    ui::ClusterSession *onlineAgent(const QString &fixture)
    {
        startAgent(fixture);
        ui::ClusterSession *s = connectTo(m_agent->agent().port(), m_agent->agent().certificate().fingerprint,
                                          QStringLiteral("root-password"));
        waitOnline(s);
        return s;
    }

    // A root@pam session to the Proxmox VE node PVE, online.
    ui::ClusterSession *onlineProxmox(const PveClusterServer &pve)
    {
        ui::ClusterSession *s = connectTo(pve.port(), pve.fingerprint(), QStringLiteral("recorded"));
        waitOnline(s);
        return s;
    }

    // The create wizard on its first page, loaded (state and addresses read).
    static void waitLoaded(ui::CreateClusterWizard &w, int addresses)
    {
        auto *link0 = child<QComboBox>(&w, "link0");
        QTRY_COMPARE_WITH_TIMEOUT(link0->count(), addresses, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w.nodeName().isEmpty(), kWaitMs);
    }

private slots:
    void init()
    {
        m_console = std::make_unique<test::TestConsole>();
    }

    void cleanup()
    {
        m_console.reset();
        m_agent.reset();
    }

    void clusterNameRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("lisboa") << true;
        QTest::newRow("digits and dash") << QStringLiteral("lab-2") << true;
        QTest::newRow("fifteen") << QStringLiteral("abcdefghijklmno") << true;
        QTest::newRow("sixteen") << QStringLiteral("abcdefghijklmnop") << false;
        QTest::newRow("leading dash") << QStringLiteral("-lab") << false;
        QTest::newRow("trailing dash") << QStringLiteral("lab-") << false;
        QTest::newRow("underscore") << QStringLiteral("lab_1") << false;
        QTest::newRow("dot") << QStringLiteral("lab.pt") << false;
        QTest::newRow("space") << QStringLiteral("my lab") << false;
    }

    // Proxmox checks clustername with its pve-node format and 15 characters at most.
    void clusterNameRule()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QCOMPARE(ui::CreateClusterWizard::nameProblem(name).isEmpty(), ok);
    }

    void createWizardValidatesAsYouType()
    {
        ui::ClusterSession *s = onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"));
        ui::CreateClusterWizard w(*s, m_console->window.get());
        w.show();
        waitLoaded(w, 2); // vmbr0 and eno2 of the fixture carry addresses
        QCOMPARE(w.nodeName(), QStringLiteral("node1"));
        auto *link0 = child<QComboBox>(&w, "link0");
        auto *link1 = child<QComboBox>(&w, "link1");
        // The default route's interface first, as Proxmox proposes the node's main address.
        QCOMPARE(link0->currentText(), QStringLiteral("10.77.0.1"));
        QCOMPARE(link0->itemText(1), QStringLiteral("10.77.1.1"));
        QCOMPARE(link1->currentText(), QString());
        QVERIFY(child<QLabel>(&w, "link0Hint")->text().contains(QLatin1String("vmbr0")));

        auto *name = child<QLineEdit>(&w, "clusterName");
        auto *problem = child<QLabel>(&w, "problem");
        QVERIFY(!w.currentPage()->isComplete()); // no name yet
        name->setText(QStringLiteral("-lab"));
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(problem->text().contains(QLatin1String("'-'")), qPrintable(problem->text()));
        name->setText(QStringLiteral("lab_1"));
        QVERIFY(!w.currentPage()->isComplete());
        name->setText(QStringLiteral("a-rather-long-cluster-name"));
        QCOMPARE(name->text().size(), 15); // the field stops at Proxmox's limit
        name->setText(QStringLiteral("lisboa"));
        QVERIFY(w.currentPage()->isComplete());
        QVERIFY(problem->text().isEmpty());

        link0->setEditText(QStringLiteral("10.77.0.300"));
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(problem->text().contains(QLatin1String("not an IP address")), qPrintable(problem->text()));
        link0->setEditText(QStringLiteral("127.0.0.1"));
        QVERIFY(!w.currentPage()->isComplete());
        link0->setEditText(QString());
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(problem->text().contains(QLatin1String("Link 0")), qPrintable(problem->text()));
        // An address the node does not list is allowed, with a warning under the field.
        link0->setEditText(QStringLiteral("192.168.50.7"));
        QVERIFY(w.currentPage()->isComplete());
        QVERIFY(child<QLabel>(&w, "link0Hint")->text().contains(QLatin1String("Not an address")));
        link0->setEditText(QStringLiteral("10.77.0.1"));
        link1->setEditText(QStringLiteral("10.77.0.1"));
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(problem->text().contains(QLatin1String("own address")), qPrintable(problem->text()));
        link1->setCurrentIndex(1);
        QCOMPARE(link1->currentText(), QStringLiteral("10.77.1.1"));
        QVERIFY(w.currentPage()->isComplete());
        const QJsonObject params = w.requestParameters();
        QCOMPARE(params.value(QLatin1String("clustername")).toString(), QStringLiteral("lisboa"));
        QCOMPARE(params.value(QLatin1String("link0")).toString(), QStringLiteral("10.77.0.1"));
        QCOMPARE(params.value(QLatin1String("link1")).toString(), QStringLiteral("10.77.1.1"));
    }

    // The agent's answer to POST /cluster/config, whatever it is today: the
    // wizard either follows the task to its end or says clearly that the node
    // refused, and stays on the summary.
    void createWizardAgainstTheAgent()
    {
        ui::ClusterSession *s = onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"));
        ui::CreateClusterWizard w(*s, m_console->window.get());
        w.show();
        waitLoaded(w, 2);
        child<QLineEdit>(&w, "clusterName")->setText(QStringLiteral("lisboa"));
        QVERIFY(w.currentPage()->isComplete());
        w.next();
        QCOMPARE(w.currentId(), int(ui::CreateClusterWizard::SummaryPage));
        w.button(QWizard::CommitButton)->click();
        auto *state = child<QLabel>(&w, "submitState");
        QTRY_VERIFY_WITH_TIMEOUT(w.currentId() == ui::CreateClusterWizard::ProgressPage
                                     || state->text().contains(QLatin1String("refused")),
                                 kWaitMs);
        if (w.currentId() == ui::CreateClusterWizard::SummaryPage) {
            // Refused (no create route, or no corosync behind the fake): the
            // agent's own words, in red, and Create can be tried again.
            const auto direct = m_agent->call(QStringLiteral("POST"), QStringLiteral("/cluster/config"),
                                              w.requestParameters(), m_agent->root());
            QVERIFY(direct.status >= 400);
            QVERIFY2(state->text().contains(direct.message), qPrintable(state->text() + QStringLiteral(" / ") + direct.message));
            QVERIFY(state->styleSheet().contains(QLatin1String("#d32f2f")));
            QVERIFY(w.button(QWizard::CommitButton)->isEnabled());
            return;
        }
        ui::TaskProgressPage *page = w.progressPage();
        QVERIFY(!page->upid().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), kWaitMs);
        QVERIFY(!page->headline().isEmpty());
    }

    void createWizardOnAClusterNodeSaysSo()
    {
        ui::ClusterSession *s = onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        ui::CreateClusterWizard w(*s, m_console->window.get());
        w.show();
        auto *problem = child<QLabel>(&w, "problem");
        QTRY_VERIFY_WITH_TIMEOUT(problem->text().contains(QLatin1String("already in cluster lab")), kWaitMs);
        child<QLineEdit>(&w, "clusterName")->setText(QStringLiteral("other"));
        QVERIFY(!w.currentPage()->isComplete());
    }

    // Against a Proxmox VE node: the request's shape, the live log, the end.
    void createClusterOnProxmox()
    {
        PveClusterServer pve;
        ui::ClusterSession *s = onlineProxmox(pve);
        ui::CreateClusterWizard w(*s, m_console->window.get());
        QSignalSpy created(&w, &ui::CreateClusterWizard::clusterCreated);
        w.show();
        waitLoaded(w, 2);
        QCOMPARE(w.nodeName(), QStringLiteral("pve4"));
        QCOMPARE(child<QComboBox>(&w, "link0")->currentText(), QStringLiteral("10.77.0.4")); // the node's "ip"
        child<QLineEdit>(&w, "clusterName")->setText(QStringLiteral("lisboa"));
        child<QComboBox>(&w, "link1")->setEditText(QStringLiteral("10.77.1.4"));
        QVERIFY(w.currentPage()->isComplete());
        w.next();
        const QString summary = w.currentPage()->findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(summary.contains(QLatin1String("10.77.0.4 (vmbr0)")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("10.77.1.4 (eno2)")), qPrintable(summary));
        w.button(QWizard::CommitButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ui::CreateClusterWizard::ProgressPage), kWaitMs);

        QCOMPARE(pve.requests().size(), 1);
        const QUrlQuery body = pve.requests().first().body;
        QCOMPARE(pve.requests().first().path, QStringLiteral("/api2/json/cluster/config"));
        QCOMPARE(body.queryItemValue(QStringLiteral("clustername"), QUrl::FullyDecoded), QStringLiteral("lisboa"));
        QCOMPARE(body.queryItemValue(QStringLiteral("link0"), QUrl::FullyDecoded), QStringLiteral("10.77.0.4"));
        QCOMPARE(body.queryItemValue(QStringLiteral("link1"), QUrl::FullyDecoded), QStringLiteral("10.77.1.4"));
        QCOMPARE(body.queryItems().size(), 3);

        ui::TaskProgressPage *page = w.progressPage();
        QVERIFY(!page->isComplete()); // Finish waits for the task
        QVERIFY(w.button(QWizard::CancelButton)->text().contains(QLatin1String("Close")));
        QTRY_VERIFY_WITH_TIMEOUT(page->succeeded(), kWaitMs);
        QVERIFY2(page->headline().contains(QLatin1String("lisboa")), qPrintable(page->headline()));
        QCOMPARE(created.count(), 1);
        auto *log = page->logView()->findChild<QPlainTextEdit *>();
        QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QLatin1String("TASK OK")), kWaitMs);
        QVERIFY(log->toPlainText().contains(QLatin1String("Writing corosync config")));
        QVERIFY(page->logView()->isVisible()); // part of the page, not a window of its own
        QVERIFY(!page->logView()->isWindow());
        QVERIFY(w.button(QWizard::FinishButton)->isEnabled());
    }

    // A refusal stays on the summary with the node's words; Create again works.
    void createClusterRefusedThenRetried()
    {
        PveClusterServer pve;
        pve.refuse(500, QStringLiteral("cluster config '/etc/pve/corosync.conf' already exists"));
        ui::ClusterSession *s = onlineProxmox(pve);
        ui::CreateClusterWizard w(*s, m_console->window.get());
        w.show();
        waitLoaded(w, 2);
        child<QLineEdit>(&w, "clusterName")->setText(QStringLiteral("lisboa"));
        w.next();
        w.button(QWizard::CommitButton)->click();
        auto *state = child<QLabel>(&w, "submitState");
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QLatin1String("already exists")), kWaitMs);
        QCOMPARE(w.currentId(), int(ui::CreateClusterWizard::SummaryPage));
        QVERIFY(w.button(QWizard::CommitButton)->isEnabled());
        pve.refuse(0, QString());
        w.button(QWizard::CommitButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ui::CreateClusterWizard::ProgressPage), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(w.progressPage()->succeeded(), kWaitMs);
        QCOMPARE(pve.requests().size(), 2);
    }

    void createClusterTaskFailureIsShown()
    {
        PveClusterServer pve;
        pve.setExitStatus(QStringLiteral("unable to create directory '/etc/pve/priv' - Permission denied"));
        ui::ClusterSession *s = onlineProxmox(pve);
        ui::CreateClusterWizard w(*s, m_console->window.get());
        QSignalSpy created(&w, &ui::CreateClusterWizard::clusterCreated);
        w.show();
        waitLoaded(w, 2);
        child<QLineEdit>(&w, "clusterName")->setText(QStringLiteral("lisboa"));
        w.next();
        w.button(QWizard::CommitButton)->click();
        ui::TaskProgressPage *page = w.progressPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), kWaitMs);
        QVERIFY(!page->succeeded());
        QVERIFY2(page->headline().contains(QLatin1String("failed")), qPrintable(page->headline()));
        QVERIFY(page->headline().contains(QLatin1String("Permission denied")));
        QCOMPARE(created.count(), 0);
    }

    void joinInformationIsCheckedAsPasted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error"); // part of the message; empty: valid
        QTest::newRow("valid") << joinBlob(QStringLiteral("10.77.0.2"), QStringLiteral("10.77.1.2")) << QString();
        QTest::newRow("valid, wrapped and indented")
            << QStringLiteral("  ") + joinBlob(QStringLiteral("10.77.0.2"), QString(), {0}).insert(40, QStringLiteral("\n  "))
            << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("Paste");
        QTest::newRow("not base64") << QStringLiteral("this is not it!") << QStringLiteral("not base64");
        QTest::newRow("cut") << base64("{\"ipAddress\": \"10.77.0.2\", \"finger") << QStringLiteral("cut or damaged");
        QTest::newRow("no fingerprint")
            << base64(R"({"ipAddress":"10.77.0.2","peerLinks":{"0":"10.77.0.2"},"totem":{"cluster_name":"x"}})")
            << QStringLiteral("incomplete");
        QTest::newRow("links do not add up")
            << joinBlob(QStringLiteral("10.77.0.2"), QString(), {0, 1}) << QStringLiteral("does not add up");
    }

    void joinInformationIsCheckedAsPasted()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto checked = ui::JoinClusterWizard::check(text);
        QCOMPARE(checked.has_value(), error.isEmpty());
        if (!checked)
            QVERIFY2(checked.error().message.contains(error), qPrintable(checked.error().message));
        else
            QCOMPARE(checked->clusterName(), QStringLiteral("lisboa"));
    }

    void joinWizardShowsTheClusterAndAsksOneAddressPerLink()
    {
        ui::ClusterSession *s = onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"));
        ui::JoinClusterWizard w(*s, m_console->window.get());
        w.show();
        auto *paste = child<QPlainTextEdit>(&w, "joinInformation");
        auto *state = child<QLabel>(&w, "informationState");
        paste->setPlainText(QStringLiteral("garbage!"));
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(state->text().contains(QLatin1String("not base64")), qPrintable(state->text()));
        QVERIFY(state->styleSheet().contains(QLatin1String("#d32f2f")));
        paste->setPlainText(joinBlob(QStringLiteral("10.77.0.2"), QString(), {0, 1}));
        QVERIFY(!w.currentPage()->isComplete()); // the link count does not match
        QVERIFY2(state->text().contains(QLatin1String("links 0, 1")), qPrintable(state->text()));
        paste->setPlainText(joinBlob(QStringLiteral("10.77.0.2"), QStringLiteral("10.77.1.2")));
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), kWaitMs);
        QString details;
        for (QLabel *l : w.currentPage()->findChildren<QLabel *>())
            if (l->isVisible())
                details += l->text() + QLatin1Char('\n');
        QVERIFY2(details.contains(QLatin1String("lisboa")), qPrintable(details));
        QVERIFY(details.contains(kFingerprint));
        QVERIFY(details.contains(QLatin1String("10.77.1.2")));

        w.next();
        QCOMPARE(w.currentId(), int(ui::JoinClusterWizard::LinksPage));
        QCOMPARE(w.linkFields().size(), 2); // one per cluster link
        // Each proposed in the cluster's network on that link, from the node's interfaces.
        QTRY_COMPARE_WITH_TIMEOUT(w.linkFields()[0]->address(), QStringLiteral("10.77.0.1"), kWaitMs);
        QCOMPARE(w.linkFields()[1]->address(), QStringLiteral("10.77.1.1"));
        QVERIFY(!w.currentPage()->isComplete()); // no password yet
        child<QLineEdit>(&w, "password")->setText(QStringLiteral("secret of pve1"));
        QVERIFY(w.currentPage()->isComplete());
        auto *linksState = child<QLabel>(&w, "linksState");
        w.linkFields()[1]->comboBox()->setEditText(QString());
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(linksState->text().contains(QLatin1String("Link 1")), qPrintable(linksState->text()));
        w.linkFields()[1]->comboBox()->setEditText(QStringLiteral("10.77.0.1"));
        QVERIFY(!w.currentPage()->isComplete());
        QVERIFY2(linksState->text().contains(QLatin1String("own address")), qPrintable(linksState->text()));
        w.linkFields()[1]->comboBox()->setEditText(QStringLiteral("10.77.1.1"));
        QVERIFY(w.currentPage()->isComplete());
        const QJsonObject params = w.requestParameters();
        QCOMPARE(params.value(QLatin1String("hostname")).toString(), QStringLiteral("10.77.0.2"));
        QCOMPARE(params.value(QLatin1String("fingerprint")).toString(), kFingerprint);
        QCOMPARE(params.value(QLatin1String("link1")).toString(), QStringLiteral("10.77.1.1"));

        // Back to a one-link cluster: the links page follows it.
        w.back();
        paste->setPlainText(joinBlob(QStringLiteral("10.77.0.2"), QString(), {0}));
        w.next();
        QCOMPARE(w.linkFields().size(), 1);
        QVERIFY(!w.requestParameters().contains(QLatin1String("link1")));
    }

    // Joining through a Proxmox VE node: the node restarts its API with a
    // certificate from the cluster and wants a new login; the wizard says so,
    // trusts and logs in when asked, and ends when the node is a member.
    void joinClusterOnProxmoxSurvivesTheNewCertificate()
    {
        PveClusterServer pve;
        pve.hold();
        ui::ClusterSession *s = onlineProxmox(pve);
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(m_console->window->treeModel(), QStringLiteral("node")), 1, kWaitMs);
        ui::JoinClusterWizard w(*s, m_console->window.get());
        QSignalSpy joined(&w, &ui::JoinClusterWizard::joined);
        w.show();
        w.setJoinInformation(joinBlob(QStringLiteral("10.77.0.1"), QStringLiteral("10.77.1.1")));
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), kWaitMs);
        w.next();
        QTRY_COMPARE_WITH_TIMEOUT(w.linkFields().value(1)->address(), QStringLiteral("10.77.1.4"), kWaitMs);
        QCOMPARE(w.linkFields().value(0)->address(), QStringLiteral("10.77.0.4"));
        child<QLineEdit>(&w, "password")->setText(QStringLiteral("secret of pve1"));
        w.next();
        QCOMPARE(w.currentId(), int(ui::JoinClusterWizard::SummaryPage));
        w.button(QWizard::CommitButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(ui::JoinClusterWizard::ProgressPage), kWaitMs);

        QCOMPARE(pve.requests().size(), 1);
        const QUrlQuery body = pve.requests().first().body;
        QCOMPARE(pve.requests().first().path, QStringLiteral("/api2/json/cluster/config/join"));
        QCOMPARE(body.queryItemValue(QStringLiteral("hostname"), QUrl::FullyDecoded), QStringLiteral("10.77.0.1"));
        QCOMPARE(body.queryItemValue(QStringLiteral("fingerprint"), QUrl::FullyDecoded), kFingerprint);
        QCOMPARE(body.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded), QStringLiteral("secret of pve1"));
        QCOMPARE(body.queryItemValue(QStringLiteral("link0"), QUrl::FullyDecoded), QStringLiteral("10.77.0.4"));
        QCOMPARE(body.queryItemValue(QStringLiteral("link1"), QUrl::FullyDecoded), QStringLiteral("10.77.1.4"));
        QCOMPARE(body.queryItems().size(), 5);
        QVERIFY(child<QLineEdit>(&w, "password")->text().isEmpty()); // not kept

        ui::TaskProgressPage *page = w.progressPage();
        QTRY_VERIFY_WITH_TIMEOUT(pve.statusReads() >= 1, kWaitMs);
        pve.restartWithNewCertificate();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::Blocked, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(page->recoveryText().contains(pve.fingerprint()), kWaitMs);
        QVERIFY2(page->recoveryText().contains(QLatin1String("expected")), qPrintable(page->recoveryText()));
        QVERIFY(!page->isComplete());
        auto *trust = child<QPushButton>(page, "trustNewCertificate");
        QVERIFY(trust->isVisible());
        trust->click();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ui::ClusterSession::State::NeedsSecret, kWaitMs);
        auto *secret = child<QLineEdit>(page, "loginAgainSecret");
        QTRY_VERIFY_WITH_TIMEOUT(secret->isVisible(), kWaitMs);
        QVERIFY(page->recoveryText().contains(QLatin1String("root@pam")));
        secret->setText(QStringLiteral("recorded"));
        child<QPushButton>(page, "loginAgain")->click();
        waitOnline(s);
        pve.release();
        QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), kWaitMs);
        QVERIFY2(page->succeeded(), qPrintable(page->headline()));
        QVERIFY2(page->headline().contains(QLatin1String("lisboa")), qPrintable(page->headline()));
        QVERIFY(page->headline().contains(QLatin1String("4")));
        QVERIFY(page->recoveryText().isEmpty());
        QCOMPARE(joined.count(), 1);
        // "Until the node appears in the tree": the cluster's nodes are there.
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(m_console->window->treeModel(), QStringLiteral("node")), 4, kWaitMs);
        auto *log = page->logView()->findChild<QPlainTextEdit *>();
        QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QLatin1String("successfully added node")), kWaitMs);
    }

    void linksColumnReadsTheStatusLinks()
    {
        const QJsonArray answer = QJsonDocument::fromJson(R"([
            {"type": "cluster", "name": "lab", "nodes": 2, "quorate": 1, "version": 3},
            {"type": "node", "name": "node1", "nodeid": 1, "online": 1, "local": 1, "ip": "10.77.0.1",
             "links": [{"link": 1, "connected": 0, "address": "10.77.1.1"}, {"link": 0, "connected": 1, "address": "10.77.0.1"}]},
            {"type": "node", "name": "node2", "nodeid": 2, "online": 0, "ip": "10.77.0.2"}
        ])").array();
        const ui::ClusterStatus status = ui::ClusterStatus::fromJson(answer);
        QVERIFY(status.inCluster);
        QCOMPARE(status.nodes.size(), 2);
        QCOMPARE(status.localNode()->name, QStringLiteral("node1"));
        QCOMPARE(ui::ClusterPanel::linksText(status.nodes[0].links), QStringLiteral("link0 ✓  link1 ✗"));
        QVERIFY(ui::ClusterPanel::linksToolTip(status.nodes[0].links).contains(QLatin1String("10.77.1.1")));
        QCOMPARE(ui::ClusterPanel::linksText(status.nodes[1].links), QString()); // not reported: nothing claimed
    }

    void clusterPanelOffersWhatTheNodeAndUserMayDo()
    {
        ui::ClusterSession *s = onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!s->resources().isEmpty(), kWaitMs);
        m_console->window->tree()->setCurrentIndex(m_console->window->tree()->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->content()->clusterPanel() != nullptr, kWaitMs);
        ui::ClusterPanel *panel = m_console->window->content()->clusterPanel();
        auto *create = child<QPushButton>(panel, "createCluster");
        auto *join = child<QPushButton>(panel, "joinCluster");
        auto *info = child<QPushButton>(panel, "joinInformation");
        QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), kWaitMs); // standalone, root@pam
        QVERIFY(join->isEnabled());
        QVERIFY(!info->isEnabled());
        auto *table = panel->findChild<QTableWidget *>();
        QCOMPARE(table->columnCount(), int(ui::ClusterPanel::ColumnCount));
        QCOMPARE(table->horizontalHeaderItem(ui::ClusterPanel::LinksColumn)->text(), QStringLiteral("Links"));
        ui::CreateClusterWizard *wizard = panel->openCreateClusterWizard();
        QVERIFY(wizard && wizard->isVisible());
        wizard->reject();
        // The Datacenter menu has both wizards too.
        QAction *joinAction = nullptr;
        for (QAction *a : m_console->window->findChildren<QAction *>())
            if (a->text() == QStringLiteral("&Join cluster…"))
                joinAction = a;
        QVERIFY(joinAction);
        QVERIFY(joinAction->isEnabled());
        joinAction->trigger();
        auto *joinWizard = m_console->window->findChild<ui::JoinClusterWizard *>();
        QVERIFY(joinWizard && joinWizard->isVisible());
        joinWizard->reject();

        // Only root@pam with its password, as in Proxmox VE.
        ui::ConnectionProfile token = s->profile();
        token.tokenName = QStringLiteral("automation");
        QVERIFY(!ui::ClusterPanel::mayManageCluster(ui::ClusterSession(token)));
        token.tokenName.clear();
        token.userid = QStringLiteral("admin@pve");
        QVERIFY(!ui::ClusterPanel::mayManageCluster(ui::ClusterSession(token)));
    }

    void clusterPanelInAClusterOffersItsJoinInformation()
    {
        onlineAgent(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        QTRY_COMPARE_WITH_TIMEOUT(test::countTreeRows(m_console->window->treeModel(), QStringLiteral("node")), 3, kWaitMs);
        m_console->window->tree()->setCurrentIndex(m_console->window->tree()->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->content()->clusterPanel() != nullptr, kWaitMs);
        ui::ClusterPanel *panel = m_console->window->content()->clusterPanel();
        auto *info = child<QPushButton>(panel, "joinInformation");
        QTRY_VERIFY_WITH_TIMEOUT(info->isEnabled(), kWaitMs);
        QVERIFY(!child<QPushButton>(panel, "createCluster")->isEnabled());
        QVERIFY(!child<QPushButton>(panel, "joinCluster")->isEnabled());
        QVERIFY(child<QPushButton>(panel, "joinCluster")->toolTip().contains(QLatin1String("lab")));
        ui::JoinInformationDialog *dialog = panel->openJoinInformation();
        QVERIFY(dialog);
        QCOMPARE(dialog->blob(), panel->joinInformation());
        const auto parsed = ui::JoinClusterWizard::check(dialog->blob());
        QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->clusterName(), QStringLiteral("lab"));
        dialog->close();
        // The agent reports each node's corosync links (the fixture: two, both up).
        auto *table = panel->findChild<QTableWidget *>();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 3, kWaitMs);
        for (int row = 0; row < table->rowCount(); ++row) {
            QCOMPARE(table->item(row, ui::ClusterPanel::LinksColumn)->text(), QStringLiteral("link0 ✓  link1 ✓"));
            QVERIFY(table->item(row, ui::ClusterPanel::LinksColumn)->toolTip().contains(QLatin1String("10.77.1.")));
        }
    }
};

QTEST_MAIN(tst_ClusterWizards)
#include "tst_ClusterWizards.moc"
