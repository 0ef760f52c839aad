// ClusterSetup (pvecm create / add node / delnode) against fakes: an
// in-process process group, fake corosync files and service, a standalone
// membership. The real thing runs in tests/lab/lab-cluster.
#include "agent/ClusterSetup.h"
#include "cluster/ClusterCertificates.h"
#include "cluster/ReplicatedStore.h"
#include "cluster/StandaloneMembership.h"
#include "cluster/fake/FakeCorosyncControl.h"
#include "cluster/fake/FakeGroupBus.h"
#include "config/CorosyncConfigFile.h"
#include "model/Task.h"
#include "store/MemoryStore.h"
#include "tasks/TaskContext.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskSpec.h"

#include "ResultChecks.h"

#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;
using namespace Qt::StringLiterals;

namespace {

struct Node {
    explicit Node(cluster::fake::FakeGroupBus &bus, const QString &name = u"node1"_s, quint32 nodeid = 1)
        : membership(name)
    {
        store = std::make_unique<cluster::ReplicatedStore>(std::make_unique<store::MemoryStore>());
        auto tm = tasks::TaskManager::open({dir.path(), model::NodeId::parse(name).value(), 2, nullptr});
        if (!tm)
            qFatal("task manager: %s", qPrintable(tm.error().message));
        tasks = std::move(*tm);
        setup = std::make_unique<agent::ClusterSetup>(agent::ClusterSetup::Dependencies{
            name, *store, corosync, membership,
            [&bus, nodeid] { return bus.channel(nodeid); },
            [this](const QByteArray &key, const QByteArray &cert) -> Result<void> {
                installedKey = key;
                installedCert = cert;
                return {};
            },
            dir.filePath(u"joining"_s), 5000, {}});
    }

    // Runs WORK as a task; returns its exit status ("OK" or the error).
    QString run(std::function<Result<void>(tasks::TaskContext &)> work)
    {
        tasks::TaskSpec spec{u"clustercreate"_s, QString(), u"root@pam"_s, std::move(work)};
        const model::Upid upid = tasks->start(std::move(spec)).value();
        for (int i = 0; i < 500; ++i) {
            const model::Task t = tasks->status(upid).value();
            if (t.exitstatus)
                return *t.exitstatus;
            QTest::qWait(10);
        }
        return u"(still running)"_s;
    }

    QTemporaryDir dir;
    cluster::StandaloneMembership membership;
    cluster::fake::FakeCorosyncControl corosync;
    std::unique_ptr<cluster::ReplicatedStore> store;
    std::unique_ptr<tasks::TaskManager> tasks;
    std::unique_ptr<agent::ClusterSetup> setup;
    QByteArray installedKey, installedCert;
};

api::ClusterControl::CreateRequest lab(QMap<int, QString> links = {{0, u"10.77.0.1"_s}, {1, u"10.77.1.1"_s}})
{
    return {u"lab"_s, std::move(links), std::nullopt, std::nullopt};
}

} // namespace

class tst_ClusterSetup : public QObject
{
    Q_OBJECT

private slots:
    void refusesBadCreateRequests();
    void createMakesAClusterOfOne();
    void createUndoesTheStoreWhenCorosyncFilesFail();
    void addNodeChecksAndExtendsCorosyncConf();
    void membersFollowTheStoresCorosyncConf();
    void removeNode();
    void changeLinksAndExpectedVotes();
    void linkAddresses();
};

void tst_ClusterSetup::refusesBadCreateRequests()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    VERIFY_FAILS(n.setup->checkCreate({u"1lab"_s, {}, {}, {}}), Code::InvalidArgument);
    VERIFY_FAILS(n.setup->checkCreate({u"much-too-long-name"_s, {}, {}, {}}), Code::InvalidArgument);
    VERIFY_FAILS(n.setup->checkCreate(lab({{0, u"not-an-ip"_s}})), Code::InvalidArgument);
    VERIFY_OK(n.setup->checkCreate(lab()));
    QVERIFY(!n.store->read(u"corosync.conf"_s));
}

void tst_ClusterSetup::createMakesAClusterOfOne()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    const QString exit = n.run([&](tasks::TaskContext &t) { return n.setup->create(lab(), t); });
    QCOMPARE(exit, u"OK"_s);

    const auto conf = config::CorosyncConfigFile::parse(n.store->read(u"corosync.conf"_s)->data, u"corosync.conf"_s);
    QVERIFY(!hasErrors(conf.diagnostics()));
    QCOMPARE(conf.clusterName(), u"lab"_s);
    QCOMPARE(conf.configVersion().value_or(0), 1u);
    QCOMPARE(conf.nodes().size(), 1);
    QCOMPARE(conf.nodes().first().name, u"node1"_s);
    QCOMPARE(conf.nodes().first().nodeid, 1u);
    QCOMPARE(conf.nodes().first().ringAddrs.value(1), u"10.77.1.1"_s);
    QCOMPARE(conf.interfaceLinks(), (QList<int>{0, 1}));
    QCOMPARE(n.corosync.installedConfig(), n.store->read(u"corosync.conf"_s)->data);
    QCOMPARE(n.corosync.installedAuthkey().size(), 256);
    QVERIFY(n.corosync.calls().contains(u"restart"_s));

    // The CA is in the store; the API now serves a certificate it issued.
    const QByteArray ca = n.store->read(u"pve-root-ca.pem"_s)->data;
    QVERIFY(n.store->read(u"priv/pve-root-ca.key"_s));
    QCOMPARE(n.store->read(u"nodes/node1/pve-ssl.pem"_s)->data, n.installedCert);
    VERIFY_OK(cluster::ClusterCertificates::verifyIssuedBy(n.installedCert, ca));

    QVERIFY(n.store->isAttached());
    QVERIFY(n.store->isWritable());
    VERIFY_FAILS(n.setup->checkCreate(lab()), Code::ClusterJoinFailed);
}

void tst_ClusterSetup::createUndoesTheStoreWhenCorosyncFilesFail()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    n.corosync.failNext(u"install"_s);
    const QString exit = n.run([&](tasks::TaskContext &t) { return n.setup->create(lab(), t); });
    QVERIFY2(exit.contains(u"install failed"_s), qPrintable(exit));
    QVERIFY(!n.store->read(u"corosync.conf"_s));
    QVERIFY(!n.store->isAttached());
    VERIFY_OK(n.setup->checkCreate(lab())); // still standalone: it can try again
}

void tst_ClusterSetup::addNodeChecksAndExtendsCorosyncConf()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    QCOMPARE(n.run([&](tasks::TaskContext &t) { return n.setup->create(lab(), t); }), u"OK"_s);
    using Req = api::ClusterControl::AddNodeRequest;

    const auto mismatch = n.setup->addNode(Req{u"node2"_s, {{0, u"10.77.0.2"_s}}, {}, {}, false});
    VERIFY_FAILS(mismatch, Code::ClusterJoinFailed);
    QVERIFY2(mismatch.error().message.contains(u"link count mismatch"_s), qPrintable(mismatch.error().message));
    VERIFY_FAILS(n.setup->addNode(Req{u"node1"_s, {{0, u"10.77.0.9"_s}, {1, u"10.77.1.9"_s}}, {}, {}, false}),
                 Code::ClusterJoinFailed);
    VERIFY_FAILS(n.setup->addNode(Req{u"node2"_s, {{0, u"10.77.0.1"_s}, {1, u"10.77.1.2"_s}}, {}, {}, false}),
                 Code::ClusterJoinFailed); // node1's link0 address
    VERIFY_FAILS(n.setup->addNode(Req{u"node2"_s, {{0, u"10.77.0.2"_s}, {1, u"10.77.1.2"_s}}, 1u, {}, false}),
                 Code::ClusterJoinFailed); // nodeid 1 is taken
    const auto conf0 = n.store->read(u"corosync.conf"_s)->data;
    QVERIFY(config::CorosyncConfigFile::parse(conf0, u"c"_s).nodes().size() == 1); // nothing changed

    const auto answer = n.setup->addNode(Req{u"node2"_s, {{0, u"10.77.0.2"_s}, {1, u"10.77.1.2"_s}}, {}, {}, false});
    VERIFY_OK(answer);
    QCOMPARE(answer->corosyncAuthkey, n.corosync.installedAuthkey());
    const auto conf = config::CorosyncConfigFile::parse(answer->corosyncConf, u"corosync.conf"_s);
    QCOMPARE(conf.nodes().size(), 2);
    QCOMPARE(conf.nodes().at(1).name, u"node2"_s);
    QCOMPARE(conf.nodes().at(1).nodeid, 2u);
    QCOMPARE(conf.configVersion().value_or(0), 2u);
    QCOMPARE(n.store->read(u"corosync.conf"_s)->data, answer->corosyncConf);
}

void tst_ClusterSetup::membersFollowTheStoresCorosyncConf()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    QCOMPARE(n.run([&](tasks::TaskContext &t) { return n.setup->create(lab(), t); }), u"OK"_s);
    const auto answer = n.setup->addNode({u"node2"_s, {{0, u"10.77.0.2"_s}, {1, u"10.77.1.2"_s}}, {}, {}, false});
    VERIFY_OK(answer);
    // The store's change reaches this node's files, and corosync reloads.
    QTRY_COMPARE(n.corosync.installedConfig(), answer->corosyncConf);
    QVERIFY(n.corosync.calls().contains(u"reload"_s));
}

void tst_ClusterSetup::removeNode()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    QCOMPARE(n.run([&](tasks::TaskContext &t) { return n.setup->create(lab(), t); }), u"OK"_s);
    VERIFY_OK(n.setup->addNode({u"node2"_s, {{0, u"10.77.0.2"_s}, {1, u"10.77.1.2"_s}}, {}, {}, false}));
    VERIFY_FAILS(n.setup->removeNode(u"node1"_s), Code::ClusterJoinFailed);
    VERIFY_FAILS(n.setup->removeNode(u"node9"_s), Code::NotFound);
    VERIFY_OK(n.setup->removeNode(u"node2"_s));
    const auto conf = config::CorosyncConfigFile::parse(n.store->read(u"corosync.conf"_s)->data, u"c"_s);
    QCOMPARE(conf.nodes().size(), 1);
    QCOMPARE(conf.configVersion().value_or(0), 3u);
}

void tst_ClusterSetup::changeLinksAndExpectedVotes()
{
    cluster::fake::FakeGroupBus bus;
    Node n(bus);
    VERIFY_FAILS(n.setup->setExpectedVotes(1), Code::ClusterJoinFailed); // standalone
    QCOMPARE(n.run([&](tasks::TaskContext &t) { return n.setup->create(lab({{0, u"10.77.0.1"_s}}), t); }), u"OK"_s);
    VERIFY_OK(n.setup->addNode({u"node2"_s, {{0, u"10.77.0.2"_s}}, {}, {}, false}));
    // A new link needs every node.
    VERIFY_FAILS(n.setup->setLinkAddresses(1, {{u"node1"_s, u"10.77.1.1"_s}}), Code::ClusterJoinFailed);
    VERIFY_FAILS(n.setup->setLinkAddresses(1, {{u"node9"_s, u"10.77.1.9"_s}}), Code::NotFound);
    const auto added = n.setup->setLinkAddresses(1, {{u"node1"_s, u"10.77.1.1"_s}, {u"node2"_s, u"10.77.1.2"_s}});
    VERIFY_OK(added);
    auto conf = config::CorosyncConfigFile::parse(n.store->read(u"corosync.conf"_s)->data, u"c"_s);
    QCOMPARE(conf.interfaceLinks(), (QList<int>{0, 1}));
    QCOMPARE(conf.nodes().at(1).ringAddrs.value(1), u"10.77.1.2"_s);
    QCOMPARE(conf.configVersion().value_or(0), *added);
    // An existing link changes for one node; another node's address is refused.
    VERIFY_OK(n.setup->setLinkAddresses(1, {{u"node2"_s, u"10.77.1.22"_s}}));
    VERIFY_FAILS(n.setup->setLinkAddresses(1, {{u"node2"_s, u"10.77.1.1"_s}}), Code::ClusterJoinFailed);
    conf = config::CorosyncConfigFile::parse(n.store->read(u"corosync.conf"_s)->data, u"c"_s);
    QCOMPARE(conf.nodes().at(1).ringAddrs.value(1), u"10.77.1.22"_s);
    QTRY_COMPARE(n.corosync.installedConfig(), n.store->read(u"corosync.conf"_s)->data);

    VERIFY_FAILS(n.setup->setExpectedVotes(0), Code::InvalidArgument);
    VERIFY_OK(n.setup->setExpectedVotes(1));
    QVERIFY(n.corosync.calls().contains(u"expected 1"_s));
}

void tst_ClusterSetup::linkAddresses()
{
    QCOMPARE(agent::ClusterSetup::linkAddress(u"10.0.0.1"_s).value(), u"10.0.0.1"_s);
    QCOMPARE(agent::ClusterSetup::linkAddress(u"address=fd00::1,priority=10"_s).value(), u"fd00::1"_s);
    VERIFY_FAILS(agent::ClusterSetup::linkAddress(u"address=10.0.0.1,colour=red"_s), Code::InvalidArgument);
    VERIFY_FAILS(agent::ClusterSetup::linkAddress(u"node1"_s), Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_ClusterSetup)
#include "tst_ClusterSetup.moc"
