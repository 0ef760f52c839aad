// GuestService on a MemoryStore, the fake hypervisor and directory storages
// in a temporary directory, its actions run as real tasks: create (disks,
// MACs, rollback), start/stop, config edits (digest, pending, revert),
// destroy, VMIDs, the resource list, containers, and migration (preflight,
// live with progress, refusals, cancel).

#include "guests/GuestService.h"

#include "cluster/StatusBroadcast.h"
#include "cluster/fake/FakeGroupBus.h"
#include "cluster/fake/FakeMembership.h"
#include "storage/StorageManager.h"
#include "store/MemoryStore.h"
#include "tasks/TaskManager.h"
#include "virt/Migration.h"
#include "virt/fake/FakeHypervisor.h"

#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace atalaia;
using namespace atalaia::guests;
using namespace Qt::StringLiterals;
using model::GuestType;

namespace {

constexpr int kTimeoutMs = 10000;
constexpr qint64 kGiB = qint64(1) << 30;

// What a task left: the work's result, its log and its exit status.
struct TaskRun {
    Result<void> result;
    QStringList log;
    QString exitStatus;
    double progress = 0;

    bool logHas(const QString &text) const
    {
        for (const QString &line : log)
            if (line.contains(text))
                return true;
        return false;
    }
};

bool writeFile(const QString &path, const QByteArray &data = "x")
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

const model::ClusterResource *findResource(const QList<model::ClusterResource> &list, const QString &id)
{
    for (const model::ClusterResource &r : list)
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace

class tst_GuestService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::MemoryStore> m_store;
    std::unique_ptr<virt::fake::FakeHypervisor> m_hv;
    std::unique_ptr<virt::fake::FakeHypervisor> m_hv2; // node2's, for migrations to land
    std::unique_ptr<storage::StorageManager> m_storage;
    std::unique_ptr<cluster::fake::FakeMembership> m_membership;
    std::unique_ptr<GuestService> m_service;
    // node2's guest service (restart-mode migration starts containers there)
    std::unique_ptr<storage::StorageManager> m_storage2;
    std::unique_ptr<GuestService> m_service2;
    std::optional<Error> m_refuseStartOnNode; // set: node2 refuses to start
    std::unique_ptr<tasks::TaskManager> m_tasks;
    QString m_local;  // storage "local"
    QString m_shared; // storage "shared" (shared 1)

    TaskRun run(const QString &type, int vmid, const std::function<Result<void>(tasks::TaskContext &)> &work)
    {
        TaskRun out;
        auto result = std::make_shared<Result<void>>();
        const Result<model::Upid> upid = m_tasks->start(
            {type, QString::number(vmid), u"root@pam"_s, [work, result](tasks::TaskContext &context) {
                 *result = work(context);
                 return *result;
             }});
        if (!upid) {
            out.result = std::unexpected(upid.error());
            return out;
        }
        if (!m_tasks->waitForIdle(kTimeoutMs)) {
            out.result = fail(Code::Internal, u"task did not finish"_s);
            return out;
        }
        out.result = *result;
        if (const Result<tasks::TaskLog> log = m_tasks->log(*upid, 0, 0))
            for (const tasks::TaskLogLine &line : log->lines)
                out.log.append(line.t);
        if (const Result<model::Task> status = m_tasks->status(*upid))
            out.exitStatus = status->exitstatus.value_or(QString());
        out.progress = m_tasks->progress(*upid).value_or(-1);
        return out;
    }

    Result<void> create(int vmid, const QJsonObject &params, GuestType type = GuestType::Qemu)
    {
        return run(u"qmcreate"_s, vmid, [&](tasks::TaskContext &c) { return m_service->create(type, vmid, params, c); })
            .result;
    }
    Result<void> start(int vmid, GuestType type = GuestType::Qemu)
    {
        return run(u"qmstart"_s, vmid, [&](tasks::TaskContext &c) { return m_service->start(type, vmid, c); }).result;
    }
    Result<void> stop(int vmid, GuestType type = GuestType::Qemu)
    {
        return run(u"qmstop"_s, vmid, [&](tasks::TaskContext &c) { return m_service->stop(type, vmid, c); }).result;
    }
    Result<void> destroy(int vmid, GuestType type = GuestType::Qemu)
    {
        return run(u"qmdestroy"_s, vmid, [&](tasks::TaskContext &c) { return m_service->destroy(type, vmid, false, c); })
            .result;
    }

    // A small VM: 1 GiB disk on STORAGE, a NIC, no CD.
    Result<void> createVm(int vmid, const QString &storage = u"local"_s)
    {
        return create(vmid, QJsonObject{{u"vmid"_s, vmid},
                                        {u"name"_s, u"vm"_s + QString::number(vmid)},
                                        {u"memory"_s, 1024},
                                        {u"cores"_s, 2},
                                        {u"ostype"_s, u"l26"_s},
                                        {u"scsi0"_s, storage + u":1"_s},
                                        {u"net0"_s, u"virtio,bridge=vmbr0"_s}});
    }

    QByteArray storeBytes(const QString &path) const
    {
        const Result<store::StoreEntry> e = m_store->read(path);
        return e ? e->data : QByteArray();
    }

    GuestService::Config config(int vmid, GuestType type = GuestType::Qemu) const
    {
        return m_service->readConfig(type, vmid).value_or(GuestService::Config{});
    }

    QString runningStatus(int vmid, GuestType type = GuestType::Qemu) const
    {
        const auto g = m_hv->guest(type, vmid);
        return g ? g->status.value_or(QString()) : u"none"_s;
    }

    Result<void> update(int vmid, const GuestService::ConfigUpdate &u)
    {
        return m_service->updateConfig(GuestType::Qemu, vmid, u);
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_local = m_dir->path() + u"/vz"_s;
        m_shared = m_dir->path() + u"/shared"_s;
        QVERIFY(QDir().mkpath(m_local));
        QVERIFY(QDir().mkpath(m_shared));
        m_store = std::make_unique<store::MemoryStore>();
        VERIFY_OK(m_store->write(u"storage.cfg"_s, "dir: local\n\tpath " + m_local.toUtf8()
                                                        + "\n\tcontent iso,vztmpl,images,rootdir\n\n"
                                                          "dir: shared\n\tpath "
                                                        + m_shared.toUtf8()
                                                        + "\n\tcontent images,iso\n\tshared 1\n\n"
                                                          "dir: isos\n\tpath "
                                                        + m_shared.toUtf8()
                                                        + "\n\tcontent iso\n\tshared 1\n\tnodes node1,node3\n"));
        m_hv = std::make_unique<virt::fake::FakeHypervisor>(u"node1"_s);
        m_hv2 = std::make_unique<virt::fake::FakeHypervisor>(u"node2"_s);
        m_storage = std::make_unique<storage::StorageManager>(*m_store, u"node1"_s);
        const QJsonObject cluster = QJsonDocument::fromJson(R"({"name": "lab", "nodes": [
            {"name": "node1", "nodeid": 1, "ip": "10.0.0.1"},
            {"name": "node2", "nodeid": 2, "ip": "10.0.0.2",
             "links": [{"link": 0}, {"link": 1, "address": "fd00:9::2"}, {"link": 2, "address": "10.9.0.2"}]},
            {"name": "node3", "nodeid": 3, "ip": "10.0.0.3", "online": false}]})")
                                        .object();
        Result<std::unique_ptr<cluster::fake::FakeMembership>> membership =
            cluster::fake::FakeMembership::fromJson(cluster, u"node1"_s);
        VERIFY_OK(membership);
        m_membership = std::move(*membership);
        GuestService::Options options;
        options.containerRootfs = false;
        options.membership = m_membership.get();
        // As the agent does through node2's API (PeerCalls): node2's service starts it.
        options.startOnNode = [this](const QString &node, GuestType type, int vmid, tasks::TaskContext &task) -> Result<void> {
            if (node != u"node2"_s)
                return fail(Code::NotFound, u"no agent for %1 in this test"_s.arg(node));
            if (m_refuseStartOnNode)
                return std::unexpected(*m_refuseStartOnNode);
            return m_service2->start(type, vmid, task);
        };
        m_service = std::make_unique<GuestService>(u"node1"_s, *m_store, *m_hv, *m_storage, options);
        m_storage2 = std::make_unique<storage::StorageManager>(*m_store, u"node2"_s);
        GuestService::Options options2;
        options2.containerRootfs = false;
        m_service2 = std::make_unique<GuestService>(u"node2"_s, *m_store, *m_hv2, *m_storage2, options2);
        m_refuseStartOnNode.reset();
        Result<std::unique_ptr<tasks::TaskManager>> manager = tasks::TaskManager::open(
            {m_dir->path() + u"/tasks"_s, model::NodeId::parse(u"node1").value(), 2, nullptr});
        VERIFY_OK(manager);
        m_tasks = std::move(*manager);
    }

    void cleanup()
    {
        m_tasks.reset();
        m_service2.reset();
        m_storage2.reset();
        m_service.reset();
        m_membership.reset();
        m_storage.reset();
        m_hv2.reset();
        m_hv.reset();
        m_store.reset();
        m_dir.reset();
    }

    // --- create ---

    void createVmWithANewDisk()
    {
        const TaskRun r = run(u"qmcreate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->create(GuestType::Qemu, 100,
                                     QJsonObject{{u"vmid"_s, 100},
                                                 {u"node"_s, u"node1"_s},
                                                 {u"name"_s, u"web"_s},
                                                 {u"memory"_s, 1024},
                                                 {u"cores"_s, 2},
                                                 {u"ostype"_s, u"l26"_s},
                                                 {u"scsi0"_s, u"local:1"_s},
                                                 {u"net0"_s, u"virtio,bridge=vmbr0"_s}},
                                     c);
        });
        VERIFY_OK(r.result);
        QCOMPARE(r.exitStatus, u"OK"_s);
        QVERIFY(r.logHas(u"allocating"_s));
        QCOMPARE(m_store->list(u"nodes"_s), (QStringList{u"nodes/node1/qemu-server/100.conf"_s}));

        const GuestService::Config c = config(100);
        QCOMPARE(c.values.value(u"name"_s), u"web"_s);
        QCOMPARE(c.values.value(u"memory"_s), u"1024"_s);
        QCOMPARE(c.values.value(u"cores"_s), u"2"_s);
        QCOMPARE(c.values.value(u"scsi0"_s), u"local:100/vm-100-disk-0.raw,size=1G"_s);
        QVERIFY2(QRegularExpression(u"^virtio=BC:24:11(:[0-9A-F]{2}){3},bridge=vmbr0$"_s).match(c.values.value(u"net0"_s)).hasMatch(),
                 qPrintable(c.values.value(u"net0"_s)));
        QVERIFY2(QRegularExpression(u"^uuid=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s)
                     .match(c.values.value(u"smbios1"_s))
                     .hasMatch(),
                 qPrintable(c.values.value(u"smbios1"_s)));
        // Create-only parameters and the create lock are not in the config.
        QVERIFY(!c.values.contains(u"vmid"_s));
        QVERIFY(!c.values.contains(u"node"_s));
        QVERIFY(!c.values.contains(u"lock"_s));
        QVERIFY(c.pending.isEmpty());
        QVERIFY(!c.digest.isEmpty());

        const QFileInfo disk(m_local + u"/images/100/vm-100-disk-0.raw"_s);
        QVERIFY(disk.isFile());
        QCOMPARE(disk.size(), kGiB);
        QCOMPARE(runningStatus(100), u"none"_s); // not started
    }

    void newDiskSizes_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("size");
        QTest::newRow("whole GiB") << u"local:2"_s << 2 * kGiB << u"2G"_s;
        QTest::newRow("half GiB") << u"local:1.5"_s << qint64(1536) << u"1536M"_s;
        // 0.3 GiB is 307.2 MiB: rounded up to whole MiB, so size= is exact.
        QTest::newRow("fraction") << u"local:0.3"_s << qint64(308) << u"308M"_s;
    }
    void newDiskSizes()
    {
        QFETCH(QString, request);
        QFETCH(qint64, bytes);
        QFETCH(QString, size);
        if (bytes < kGiB)
            bytes <<= 20; // given in MiB
        VERIFY_OK(create(100, QJsonObject{{u"scsi0"_s, request}}));
        QCOMPARE(config(100).values.value(u"scsi0"_s), u"local:100/vm-100-disk-0.raw,size="_s + size);
        QCOMPARE(QFileInfo(m_local + u"/images/100/vm-100-disk-0.raw"_s).size(), bytes);
    }

    void createKeepsAGivenMac()
    {
        VERIFY_OK(create(100, QJsonObject{{u"memory"_s, 256}, {u"net0"_s, u"e1000=AA:BB:CC:DD:EE:01,bridge=vmbr0"_s}}));
        QCOMPARE(config(100).values.value(u"net0"_s), u"e1000=AA:BB:CC:DD:EE:01,bridge=vmbr0"_s);
    }

    void createNormalisesNics_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("stored"); // a pattern; MAC: a generated Proxmox MAC
        const QString mac = u"BC:24:11(:[0-9A-F]{2}){3}"_s;
        QTest::newRow("bare model") << u"virtio,bridge=vmbr0"_s << u"virtio="_s + mac + u",bridge=vmbr0"_s;
        QTest::newRow("model=") << u"model=virtio,bridge=vmbr0"_s << u"virtio="_s + mac + u",bridge=vmbr0"_s;
        QTest::newRow("model= later") << u"bridge=vmbr0,model=e1000,firewall=1"_s
                                      << u"e1000="_s + mac + u",bridge=vmbr0,firewall=1"_s;
        QTest::newRow("macaddr=") << u"virtio,bridge=vmbr0,macaddr=AA:BB:CC:DD:EE:01"_s
                                  << u"virtio=AA:BB:CC:DD:EE:01,bridge=vmbr0"_s;
        QTest::newRow("model=MAC") << u"e1000=AA:BB:CC:DD:EE:02,bridge=vmbr0,tag=5"_s
                                   << u"e1000=AA:BB:CC:DD:EE:02,bridge=vmbr0,tag=5"_s;
    }
    void createNormalisesNics()
    {
        QFETCH(QString, given);
        QFETCH(QString, stored);
        VERIFY_OK(create(100, QJsonObject{{u"memory"_s, 256}, {u"net0"_s, given}}));
        const QString net0 = config(100).values.value(u"net0"_s);
        QVERIFY2(QRegularExpression(u"^"_s + stored + u"$"_s).match(net0).hasMatch(), qPrintable(net0));
        // The domain gets the stored MAC.
        VERIFY_OK(start(100));
        const QString mac = net0.section(u',', 0, 0).section(u'=', 1).toLower();
        QVERIFY2(m_hv->lastDomainXml(GuestType::Qemu, 100).contains(mac.toUtf8()), qPrintable(mac));
    }

    void createTwoMacsDiffer()
    {
        VERIFY_OK(create(100, QJsonObject{{u"net0"_s, u"virtio,bridge=vmbr0"_s}, {u"net1"_s, u"virtio,bridge=vmbr0"_s}}));
        const GuestService::Config c = config(100);
        QVERIFY(c.values.value(u"net0"_s) != c.values.value(u"net1"_s));
    }

    void createRefusedWhenTheVmidExistsElsewhere()
    {
        VERIFY_OK(m_store->write(u"nodes/node2/qemu-server/100.conf"_s, "memory: 512\n"));
        const Result<void> r = createVm(100);
        VERIFY_FAILS(r, Code::AlreadyExists);
        QVERIFY2(r.error().message.contains(u"node 'node2'"_s), qPrintable(r.error().message));
        QCOMPARE(m_store->list(u"nodes"_s), (QStringList{u"nodes/node2/qemu-server/100.conf"_s}));
        QCOMPARE(storeBytes(u"nodes/node2/qemu-server/100.conf"_s), QByteArray("memory: 512\n"));
        QVERIFY(!QFileInfo::exists(m_local + u"/images/100"_s));

        // A container with that id counts too.
        VERIFY_OK(m_store->write(u"nodes/node1/lxc/101.conf"_s, "hostname: ct\n"));
        VERIFY_FAILS(createVm(101), Code::AlreadyExists);
    }

    void createFailureLeavesNothing_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("message");
        // ide0 comes before ide2: its disk is allocated, then the ISO fails.
        QTest::newRow("unknown ISO after a new disk")
            << QJsonObject{{u"ide0"_s, u"local:1"_s}, {u"ide2"_s, u"local:iso/missing.iso,media=cdrom"_s}}
            << u"ide2"_s;
        QTest::newRow("unknown ISO before a new disk")
            << QJsonObject{{u"ide2"_s, u"local:iso/missing.iso,media=cdrom"_s}, {u"scsi0"_s, u"local:1"_s}}
            << u"ide2"_s;
        // The domain is made after every disk was allocated.
        QTest::newRow("bad value") << QJsonObject{{u"scsi0"_s, u"local:1"_s}, {u"virtio0"_s, u"shared:1"_s}, {u"cores"_s, u"many"_s}}
                                   << u"cores"_s;
        QTest::newRow("unknown storage") << QJsonObject{{u"scsi0"_s, u"local:1"_s}, {u"scsi1"_s, u"nfs:1"_s}} << u"nfs"_s;
        QTest::newRow("storage without images") << QJsonObject{{u"scsi0"_s, u"isos:1"_s}} << u"does not hold images"_s;
    }
    void createFailureLeavesNothing()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, message);
        const TaskRun r = run(u"qmcreate"_s, 100,
                              [&](tasks::TaskContext &c) { return m_service->create(GuestType::Qemu, 100, params, c); });
        QVERIFY(!r.result);
        QVERIFY2(r.result.error().message.contains(message), qPrintable(r.result.error().message));
        QVERIFY(r.exitStatus.contains(message));
        QCOMPARE(m_store->list(u"nodes"_s), QStringList());
        QVERIFY(!QFileInfo::exists(m_local + u"/images/100"_s));
        QVERIFY(!QFileInfo::exists(m_shared + u"/images/100"_s));
        QCOMPARE(*m_service->nextFreeId(), 100);
        VERIFY_FAILS(m_service->locate(100), Code::NotFound);
    }

    void concurrentCreatesOfOneVmid()
    {
        // Two API calls for VMID 100 at once: one wins, the other is told it exists.
        auto first = std::make_shared<Result<void>>(), second = std::make_shared<Result<void>>();
        const QJsonObject params{{u"scsi0"_s, u"local:1"_s}};
        for (const auto &slot : {first, second})
            VERIFY_OK(m_tasks->start({u"qmcreate"_s, u"100"_s, u"root@pam"_s, [this, slot, params](tasks::TaskContext &c) {
                                          *slot = m_service->create(GuestType::Qemu, 100, params, c);
                                          return *slot;
                                      }}));
        QVERIFY(m_tasks->waitForIdle(kTimeoutMs));
        QCOMPARE(int(first->has_value()) + int(second->has_value()), 1);
        const Result<void> &loser = *first ? *second : *first;
        QCOMPARE(loser.error().code, Code::AlreadyExists);
        QCOMPARE(QDir(m_local + u"/images/100"_s).entryList(QDir::Files), QStringList{u"vm-100-disk-0.raw"_s});
        QCOMPARE(config(100).values.value(u"scsi0"_s), u"local:100/vm-100-disk-0.raw,size=1G"_s);
    }

    void createWithAnExistingIso()
    {
        QVERIFY(writeFile(m_local + u"/template/iso/tiny.iso"_s));
        VERIFY_OK(create(100, QJsonObject{{u"ide2"_s, u"local:iso/tiny.iso,media=cdrom"_s}, {u"scsi0"_s, u"local:1"_s}}));
        QCOMPARE(config(100).values.value(u"ide2"_s), u"local:iso/tiny.iso,media=cdrom"_s);
    }

    void createAndStart()
    {
        VERIFY_OK(create(100, QJsonObject{{u"scsi0"_s, u"local:1"_s}, {u"start"_s, true}}));
        QCOMPARE(runningStatus(100), u"running"_s);
        QVERIFY(!config(100).values.contains(u"start"_s));
    }

    // --- start, stop and friends ---

    void startPassesTheDomain()
    {
        VERIFY_OK(createVm(100));
        const TaskRun r = run(u"qmstart"_s, 100, [&](tasks::TaskContext &c) { return m_service->start(GuestType::Qemu, 100, c); });
        VERIFY_OK(r.result);
        QVERIFY(r.logHas(u"starting VM 100"_s));
        QCOMPARE(runningStatus(100), u"running"_s);
        const QByteArray xml = m_hv->lastDomainXml(GuestType::Qemu, 100);
        QVERIFY2(xml.contains((m_local + u"/images/100/vm-100-disk-0.raw"_s).toUtf8()), xml.constData());
        QVERIFY(xml.contains("vm100"));
        // The fake read memory and CPUs from the domain.
        QCOMPARE(m_hv->guest(GuestType::Qemu, 100)->maxmem, std::optional<qint64>(qint64(1024) << 20));
        QCOMPARE(m_hv->guest(GuestType::Qemu, 100)->maxcpu, std::optional<double>(2));

        const Result<void> again = start(100);
        VERIFY_FAILS(again, Code::GuestRunning);
        QVERIFY2(again.error().message.contains(u"already running"_s), qPrintable(again.error().message));

        VERIFY_OK(stop(100));
        QCOMPARE(runningStatus(100), u"none"_s); // a transient domain: gone once stopped
        QVERIFY(!stop(100)); // not running
        VERIFY_OK(start(100)); // a stopped guest starts again
    }

    void startOfAnUnknownOrForeignGuest()
    {
        VERIFY_FAILS(start(100), Code::NotFound);
        VERIFY_OK(m_store->write(u"nodes/node2/qemu-server/101.conf"_s, "memory: 512\n"));
        const Result<void> foreign = start(101);
        QVERIFY(!foreign);
        QVERIFY2(foreign.error().message.contains(u"node 'node2'"_s), qPrintable(foreign.error().message));
        QCOMPARE(runningStatus(101), u"none"_s);
    }

    void startOfALockedGuestIsRefused()
    {
        VERIFY_OK(createVm(100));
        const QByteArray bytes = storeBytes(u"nodes/node1/qemu-server/100.conf"_s);
        VERIFY_OK(m_store->write(u"nodes/node1/qemu-server/100.conf"_s, bytes + "lock: backup\n"));
        const Result<void> r = start(100);
        VERIFY_FAILS(r, Code::Conflict);
        QVERIFY(r.error().message.contains(u"backup"_s));
        QCOMPARE(runningStatus(100), u"none"_s);
    }

    void suspendResumeShutdown()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        VERIFY_OK(run(u"qmsuspend"_s, 100, [&](tasks::TaskContext &c) { return m_service->suspend(GuestType::Qemu, 100, c); }).result);
        QCOMPARE(runningStatus(100), u"paused"_s);
        VERIFY_OK(run(u"qmresume"_s, 100, [&](tasks::TaskContext &c) { return m_service->resume(GuestType::Qemu, 100, c); }).result);
        QCOMPARE(runningStatus(100), u"running"_s);
        VERIFY_OK(run(u"qmreboot"_s, 100, [&](tasks::TaskContext &c) { return m_service->reboot(GuestType::Qemu, 100, c); }).result);
        QCOMPARE(runningStatus(100), u"running"_s);
        VERIFY_OK(run(u"qmshutdown"_s, 100, [&](tasks::TaskContext &c) {
                      return m_service->shutdown(GuestType::Qemu, 100, 5, false, c);
                  }).result);
        QCOMPARE(runningStatus(100), u"none"_s);
    }

    void fixtureGuestsStayListedWhenStopped()
    {
        // The fake backend's fixture guests have no config: stopping one keeps it, stopped.
        model::ClusterResource g;
        g.id = u"qemu/300"_s;
        g.type = model::ResourceType::Qemu;
        g.vmid = model::VmId::fromInt(300).value();
        g.node = model::NodeId::parse(u"node1").value();
        g.status = u"running"_s;
        g.maxmem = qint64(512) << 20;
        m_hv->setGuest(g);
        VERIFY_OK(stop(300));
        QCOMPARE(runningStatus(300), u"stopped"_s);
        const QList<model::ClusterResource> all = m_service->resources();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.at(0).status, std::optional<QString>(u"stopped"_s));
    }

    // --- config ---

    void digestMismatchIsRefused()
    {
        VERIFY_OK(createVm(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        const QByteArray before = storeBytes(path);
        const QString digest = config(100).digest;
        QCOMPARE(digest, store::ConfigStore::contentDigest(before));
        GuestService::ConfigUpdate u;
        u.set.insert(u"memory"_s, u"2048"_s);
        u.digest = u"0123456789abcdef0123456789abcdef01234567"_s;
        const Result<void> stale = update(100, u);
        VERIFY_FAILS(stale, Code::StoreConflict);
        QCOMPARE(stale.error().message, u"detected modified configuration - file changed by other user? Try again."_s);
        QCOMPARE(storeBytes(path), before);
        u.digest = digest;
        VERIFY_OK(update(100, u));
        QCOMPARE(config(100).values.value(u"memory"_s), u"2048"_s);
        // The old digest is stale now.
        u.set.insert(u"memory"_s, u"4096"_s);
        VERIFY_FAILS(update(100, u), Code::StoreConflict);
        QCOMPARE(config(100).values.value(u"memory"_s), u"2048"_s);
    }

    void stoppedGuestChangesAtOnce()
    {
        VERIFY_OK(createVm(100));
        GuestService::ConfigUpdate u;
        u.set.insert(u"memory"_s, u"2048"_s);
        u.set.insert(u"sockets"_s, u"2"_s);
        u.set.insert(u"description"_s, u"first line\nsecond line"_s);
        u.remove.append(u"name"_s);
        VERIFY_OK(update(100, u));
        const GuestService::Config c = config(100);
        QCOMPARE(c.values.value(u"memory"_s), u"2048"_s);
        QCOMPARE(c.values.value(u"sockets"_s), u"2"_s);
        QVERIFY(!c.values.contains(u"name"_s));
        QCOMPARE(c.description, u"first line\nsecond line"_s);
        QVERIFY(c.pending.isEmpty());
        QVERIFY(c.pendingDeletes.isEmpty());
    }

    void runningGuestGetsPendingChanges()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        GuestService::ConfigUpdate u;
        u.set.insert(u"memory"_s, u"2048"_s);
        u.set.insert(u"name"_s, u"renamed"_s);
        u.set.insert(u"description"_s, u"notes"_s);
        u.remove.append(u"cores"_s);
        VERIFY_OK(update(100, u));
        GuestService::Config c = config(100);
        // name and description change live; memory and the deletion wait for the next start.
        QCOMPARE(c.values.value(u"name"_s), u"renamed"_s);
        QCOMPARE(c.description, u"notes"_s);
        QCOMPARE(c.values.value(u"memory"_s), u"1024"_s);
        QCOMPARE(c.pending.value(u"memory"_s), u"2048"_s);
        QCOMPARE(c.values.value(u"cores"_s), u"2"_s);
        QCOMPARE(c.pendingDeletes, QStringList{u"cores"_s});

        // Revert drops a pending change.
        GuestService::ConfigUpdate revert;
        revert.revert.append(u"cores"_s);
        VERIFY_OK(update(100, revert));
        c = config(100);
        QVERIFY(c.pendingDeletes.isEmpty());
        QCOMPARE(c.pending.value(u"memory"_s), u"2048"_s);

        // Pending changes apply at the next start.
        VERIFY_OK(stop(100));
        QCOMPARE(config(100).pending.value(u"memory"_s), u"2048"_s); // stopping does not apply them
        VERIFY_OK(start(100));
        c = config(100);
        QCOMPARE(c.values.value(u"memory"_s), u"2048"_s);
        QVERIFY(c.pending.isEmpty());
        QCOMPARE(c.values.value(u"cores"_s), u"2"_s);
        QCOMPARE(m_hv->guest(GuestType::Qemu, 100)->maxmem, std::optional<qint64>(qint64(2048) << 20));
    }

    void aChangeWhileStoppedOverridesWhatWasPending()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        GuestService::ConfigUpdate pending;
        pending.set.insert(u"memory"_s, u"2048"_s);
        pending.set.insert(u"cores"_s, u"4"_s);
        VERIFY_OK(update(100, pending));
        QCOMPARE(config(100).pending.value(u"memory"_s), u"2048"_s);
        VERIFY_OK(stop(100));
        // Stopped now: this applies at once, and what was pending with it.
        GuestService::ConfigUpdate now;
        now.set.insert(u"memory"_s, u"4096"_s);
        VERIFY_OK(update(100, now));
        GuestService::Config c = config(100);
        QCOMPARE(c.values.value(u"memory"_s), u"4096"_s);
        QCOMPARE(c.values.value(u"cores"_s), u"4"_s);
        QVERIFY(c.pending.isEmpty());
        VERIFY_OK(start(100));
        QCOMPARE(config(100).values.value(u"memory"_s), u"4096"_s);
        QCOMPARE(m_hv->guest(GuestType::Qemu, 100)->maxmem, std::optional<qint64>(qint64(4096) << 20));
    }

    void aLiveChangeDropsAnOlderPendingValue()
    {
        VERIFY_OK(createVm(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        VERIFY_OK(m_store->write(path, storeBytes(path) + "\n[PENDING]\nname: old-pending\ndelete: description\n"));
        QCOMPARE(config(100).pending.value(u"name"_s), u"old-pending"_s);
        VERIFY_OK(start(100)); // applies it
        QCOMPARE(config(100).values.value(u"name"_s), u"old-pending"_s);
        // Running: a pending name (as an older version or another tool left it) ...
        VERIFY_OK(m_store->write(path, storeBytes(path) + "\n[PENDING]\nname: stale\n"));
        GuestService::ConfigUpdate u;
        u.set.insert(u"name"_s, u"live"_s);
        VERIFY_OK(update(100, u));
        // ... does not undo the live change at the next start.
        QCOMPARE(config(100).values.value(u"name"_s), u"live"_s);
        QVERIFY(!config(100).pending.contains(u"name"_s));
        VERIFY_OK(stop(100));
        VERIFY_OK(start(100));
        QCOMPARE(config(100).values.value(u"name"_s), u"live"_s);
    }

    void aPendingSetCancelsAPendingDelete()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        GuestService::ConfigUpdate del;
        del.remove.append(u"cores"_s);
        VERIFY_OK(update(100, del));
        QCOMPARE(config(100).pendingDeletes, QStringList{u"cores"_s});
        GuestService::ConfigUpdate set;
        set.set.insert(u"cores"_s, u"4"_s);
        VERIFY_OK(update(100, set));
        QVERIFY(config(100).pendingDeletes.isEmpty());
        QCOMPARE(config(100).pending.value(u"cores"_s), u"4"_s);
    }

    void revertOfAllPending()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        GuestService::ConfigUpdate u;
        u.set.insert(u"memory"_s, u"2048"_s);
        u.set.insert(u"cores"_s, u"4"_s);
        VERIFY_OK(update(100, u));
        QCOMPARE(config(100).pending.size(), 2);
        GuestService::ConfigUpdate revert;
        revert.revert = QStringList{u"memory"_s, u"cores"_s};
        VERIFY_OK(update(100, revert));
        const GuestService::Config c = config(100);
        QVERIFY(c.pending.isEmpty());
        QCOMPARE(c.values.value(u"memory"_s), u"1024"_s);
        QCOMPARE(c.values.value(u"cores"_s), u"2"_s);
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<bool>("running");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("cores, stopped") << false << u"cores"_s << u"lots"_s;
        QTest::newRow("cores, running") << true << u"cores"_s << u"lots"_s;
        QTest::newRow("memory, stopped") << false << u"memory"_s << u"1"_s;
        QTest::newRow("bios, running") << true << u"bios"_s << u"uefi"_s;
        QTest::newRow("disk on unknown storage") << false << u"scsi1"_s << u"nfs:100/vm-100-disk-1.raw"_s;
        QTest::newRow("nic without model") << false << u"net1"_s << u"bridge=vmbr0"_s;
        QTest::newRow("lock") << false << u"lock"_s << u"backup"_s;
    }
    void badValuesAreRefused()
    {
        QFETCH(bool, running);
        QFETCH(QString, key);
        QFETCH(QString, value);
        VERIFY_OK(createVm(100));
        if (running)
            VERIFY_OK(start(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        const QByteArray before = storeBytes(path);
        GuestService::ConfigUpdate u;
        u.set.insert(key, value);
        const Result<void> r = update(100, u);
        VERIFY_FAILS(r, Code::InvalidArgument);
        QVERIFY2(r.error().message.contains(key), qPrintable(r.error().message));
        QCOMPARE(storeBytes(path), before);
    }

    void aLockedGuestsConfigIsNotChanged()
    {
        VERIFY_OK(createVm(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        VERIFY_OK(m_store->write(path, storeBytes(path) + "lock: migrate\n"));
        GuestService::ConfigUpdate u;
        u.set.insert(u"memory"_s, u"2048"_s);
        VERIFY_FAILS(update(100, u), Code::Conflict);
    }

    // --- destroy ---

    void destroyFreesOwnedVolumesOnly()
    {
        QVERIFY(writeFile(m_shared + u"/template/iso/shared.iso"_s));
        VERIFY_OK(createVm(101));
        VERIFY_OK(create(100, QJsonObject{{u"scsi0"_s, u"local:1"_s},
                                          {u"virtio0"_s, u"shared:1,format=raw"_s},
                                          {u"scsi1"_s, u"local:101/vm-101-disk-0.raw"_s},
                                          {u"ide2"_s, u"shared:iso/shared.iso,media=cdrom"_s}}));
        QCOMPARE(config(100).values.value(u"virtio0"_s), u"shared:100/vm-100-disk-0.raw,size=1G"_s);
        VERIFY_OK(start(100));
        const Result<void> running = destroy(100);
        VERIFY_FAILS(running, Code::GuestRunning);
        QVERIFY(QFileInfo::exists(m_local + u"/images/100/vm-100-disk-0.raw"_s));
        QVERIFY(m_service->locate(100).has_value());

        VERIFY_OK(stop(100));
        const TaskRun r = run(u"qmdestroy"_s, 100,
                              [&](tasks::TaskContext &c) { return m_service->destroy(GuestType::Qemu, 100, true, c); });
        VERIFY_OK(r.result);
        QCOMPARE(r.exitStatus, u"OK"_s);
        VERIFY_FAILS(m_service->locate(100), Code::NotFound);
        QCOMPARE(m_store->list(u"nodes/node1/qemu-server"_s), (QStringList{u"nodes/node1/qemu-server/101.conf"_s}));
        QVERIFY(!QFileInfo::exists(m_local + u"/images/100"_s));
        QVERIFY(!QFileInfo::exists(m_shared + u"/images/100"_s));
        // Not its own: the ISO and VM 101's disk stay.
        QVERIFY(QFileInfo::exists(m_shared + u"/template/iso/shared.iso"_s));
        QVERIFY(QFileInfo::exists(m_local + u"/images/101/vm-101-disk-0.raw"_s));
    }

    void destroyPurgeRemovesPermissionsAndHa()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(createVm(101));
        VERIFY_OK(m_store->write(u"user.cfg"_s,
                                 "user:ana@pve:1:0::::::\n"
                                 "acl:1:/vms/100:ana@pve:PVEVMUser:\n"
                                 "acl:1:/vms/101:ana@pve:PVEVMUser:\n"));
        VERIFY_OK(m_store->write(u"ha/resources.cfg"_s, "vm: 100\n\tstate started\n\nvm: 101\n\tstate started\n"));
        // Without purge both stay.
        VERIFY_OK(destroy(101));
        QVERIFY(m_store->read(u"user.cfg"_s)->data.contains("/vms/101"));
        const TaskRun r = run(u"qmdestroy"_s, 100,
                              [&](tasks::TaskContext &c) { return m_service->destroy(GuestType::Qemu, 100, true, c); });
        VERIFY_OK(r.result);
        const QByteArray users = m_store->read(u"user.cfg"_s)->data;
        QVERIFY2(!users.contains("/vms/100"), users.constData());
        QVERIFY(users.contains("/vms/101"));
        const QByteArray ha = m_store->read(u"ha/resources.cfg"_s)->data;
        QVERIFY2(!ha.contains("vm: 100"), ha.constData());
        QVERIFY(ha.contains("vm: 101"));
    }

    void destroyFreesPendingAndUnusedVolumes()
    {
        VERIFY_OK(createVm(100));
        Result<std::unique_ptr<storage::StorageBackend>> local = m_storage->backend(u"local"_s);
        VERIFY_OK(local);
        const QString extra = *(*local)->allocate(100, u"raw"_s, kGiB);
        const QString unused = *(*local)->allocate(100, u"raw"_s, kGiB);
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        VERIFY_OK(m_store->write(path, storeBytes(path) + "unused0: local:" + unused.toUtf8() + "\n"));
        VERIFY_OK(start(100));
        GuestService::ConfigUpdate u;
        u.set.insert(u"scsi1"_s, u"local:"_s + extra);
        VERIFY_OK(update(100, u));
        QCOMPARE(config(100).pending.value(u"scsi1"_s), u"local:"_s + extra);
        VERIFY_OK(stop(100));
        VERIFY_OK(destroy(100));
        QVERIFY(!QFileInfo::exists(m_local + u"/images/100"_s));
    }

    void aDestroyedVmLeavesNoTrace()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(start(100));
        VERIFY_OK(stop(100));
        // Stopped: listed from its config alone, once.
        QList<model::ClusterResource> all = m_service->resources();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.at(0).status, std::optional<QString>(u"stopped"_s));
        VERIFY_OK(destroy(100));
        // As with libvirt's transient domains: nothing of it is left running or listed.
        QVERIFY(m_service->resources().isEmpty());
        QCOMPARE(*m_service->nextFreeId(), 100);
        VERIFY_OK(createVm(100));
    }

    void destroyOfAnUnknownGuest()
    {
        VERIFY_FAILS(destroy(100), Code::NotFound);
    }

    // --- VMIDs ---

    void nextFreeIdSkipsUsedIdsOnEveryNode()
    {
        QCOMPARE(*m_service->nextFreeId(), 100);
        VERIFY_OK(m_store->write(u"nodes/node1/qemu-server/100.conf"_s, "memory: 512\n"));
        VERIFY_OK(m_store->write(u"nodes/node2/lxc/101.conf"_s, "hostname: ct\n"));
        VERIFY_OK(m_store->write(u"nodes/node3/qemu-server/103.conf"_s, "memory: 512\n"));
        QCOMPARE(*m_service->nextFreeId(), 102);
        // A guest the hypervisor runs without a config is not free either.
        model::ClusterResource stray;
        stray.id = u"qemu/102"_s;
        stray.type = model::ResourceType::Qemu;
        stray.vmid = model::VmId::fromInt(102).value();
        stray.status = u"running"_s;
        m_hv->setGuest(stray);
        QCOMPARE(*m_service->nextFreeId(), 104);
        VERIFY_OK(m_service->checkFree(104));
        VERIFY_FAILS(m_service->checkFree(101), Code::AlreadyExists);
    }

    void locate()
    {
        VERIFY_OK(m_store->write(u"nodes/node2/lxc/101.conf"_s, "hostname: ct\n"));
        VERIFY_OK(m_store->write(u"nodes/node1/qemu-server/100.conf"_s, "memory: 512\n"));
        const Result<GuestService::Location> ct = m_service->locate(101);
        VERIFY_OK(ct);
        QCOMPARE(ct->node, u"node2"_s);
        QCOMPARE(ct->type, GuestType::Lxc);
        QCOMPARE(ct->path, u"nodes/node2/lxc/101.conf"_s);
        const Result<GuestService::Location> vm = m_service->locate(100);
        VERIFY_OK(vm);
        QCOMPARE(vm->node, u"node1"_s);
        QCOMPARE(vm->type, GuestType::Qemu);
        VERIFY_FAILS(m_service->locate(1000), Code::NotFound);
        VERIFY_FAILS(m_service->locate(10), Code::NotFound);
        // 100 must not match 1100 or 2100.
        VERIFY_OK(m_store->write(u"nodes/node1/qemu-server/1100.conf"_s, "memory: 512\n"));
        QCOMPARE(m_service->locate(1100)->path, u"nodes/node1/qemu-server/1100.conf"_s);
        VERIFY_FAILS(m_service->locate(200), Code::NotFound);
        // readConfig of a guest elsewhere is refused, naming the node.
        const Result<GuestService::Config> foreign = m_service->readConfig(GuestType::Lxc, 101);
        QVERIFY(!foreign);
        QVERIFY(foreign.error().message.contains(u"node2"_s));
        VERIFY_FAILS(m_service->readConfig(GuestType::Qemu, 101), Code::NotFound);
    }

    // --- listing ---

    void resourcesJoinConfigsWithRunningFigures()
    {
        VERIFY_OK(createVm(100));
        VERIFY_OK(m_store->write(u"nodes/node1/qemu-server/102.conf"_s, "name: idle\ncores: 2\nsockets: 2\n"));
        VERIFY_OK(m_store->write(u"nodes/node2/qemu-server/101.conf"_s, "name: far\nmemory: 4096\n"));
        VERIFY_OK(m_store->write(u"nodes/node1/lxc/200.conf"_s, "hostname: ct200\nmemory: 256\nrootfs: local:200/vm-200-disk-0.raw,size=4G\n"));
        VERIFY_OK(start(100));

        const QList<model::ClusterResource> all = m_service->resources();
        QCOMPARE(all.size(), 4);
        const model::ClusterResource *vm100 = findResource(all, u"qemu/100"_s);
        QVERIFY(vm100);
        QCOMPARE(vm100->status, std::optional<QString>(u"running"_s));
        QCOMPARE(vm100->name, std::optional<QString>(u"vm100"_s));
        QCOMPARE(vm100->maxmem, std::optional<qint64>(qint64(1024) << 20));
        QCOMPARE(vm100->maxdisk, std::optional<qint64>(kGiB));
        QCOMPARE(vm100->cpu, std::optional<double>(0.01)); // the fake's figure
        QCOMPARE(vm100->node->toString(), u"node1"_s);

        const model::ClusterResource *vm102 = findResource(all, u"qemu/102"_s);
        QVERIFY(vm102);
        QCOMPARE(vm102->status, std::optional<QString>(u"stopped"_s));
        QCOMPARE(vm102->maxcpu, std::optional<double>(4));
        QCOMPARE(vm102->maxmem, std::optional<qint64>(qint64(2048) << 20)); // qemu-server's default
        QCOMPARE(vm102->cpu, std::optional<double>(0));

        const model::ClusterResource *ct = findResource(all, u"lxc/200"_s);
        QVERIFY(ct);
        QCOMPARE(ct->name, std::optional<QString>(u"ct200"_s));
        QCOMPARE(ct->maxmem, std::optional<qint64>(qint64(256) << 20));
        QCOMPARE(ct->maxdisk, std::optional<qint64>(4 * kGiB));

        // Another node's guest, with nobody reporting for that node.
        const model::ClusterResource *far = findResource(all, u"qemu/101"_s);
        QVERIFY(far);
        QCOMPARE(far->status, std::optional<QString>(u"unknown"_s));
        QCOMPARE(far->node->toString(), u"node2"_s);
        QCOMPARE(far->maxmem, std::optional<qint64>(qint64(4096) << 20));

        // GET /nodes/node1/qemu: this node's VMs only, in its shape.
        const QJsonArray vms = m_service->list(GuestType::Qemu);
        QCOMPARE(vms.size(), 2);
        QJsonObject byVmid[2];
        for (const QJsonValue &v : vms) {
            const QJsonObject o = v.toObject();
            QVERIFY(!o.contains(u"id"_s));
            QVERIFY(!o.contains(u"node"_s));
            QVERIFY(!o.contains(u"type"_s));
            QVERIFY(!o.contains(u"maxcpu"_s));
            QVERIFY(o.contains(u"cpus"_s));
            const int vmid = o.value(u"vmid"_s).toInt();
            QVERIFY(vmid == 100 || vmid == 102);
            byVmid[vmid == 100 ? 0 : 1] = o;
        }
        QCOMPARE(byVmid[0].value(u"status"_s).toString(), u"running"_s);
        QCOMPARE(byVmid[1].value(u"status"_s).toString(), u"stopped"_s);
        QCOMPARE(byVmid[1].value(u"cpus"_s).toInt(), 4);
        QCOMPARE(m_service->list(GuestType::Lxc).size(), 1);

        const Result<QJsonObject> status = m_service->currentStatus(GuestType::Qemu, 100);
        VERIFY_OK(status);
        QCOMPARE(status->value(u"status"_s).toString(), u"running"_s);
        QCOMPARE(status->value(u"qmpstatus"_s).toString(), u"running"_s);
    }

    void remoteGuestsTakeTheirNodesReport()
    {
        VERIFY_OK(m_store->write(u"nodes/node2/qemu-server/101.conf"_s, "name: far\nmemory: 4096\n"));
        VERIFY_OK(m_store->write(u"nodes/node2/qemu-server/105.conf"_s, "name: far-off\n"));
        VERIFY_OK(m_store->write(u"nodes/node3/qemu-server/106.conf"_s, "name: silent\n"));
        cluster::fake::FakeGroupBus bus;
        cluster::StatusBroadcast own(u"node1"_s, bus.channel(1), [] { return cluster::NodeReport{}; });
        cluster::StatusBroadcast node2(u"node2"_s, bus.channel(2), [] {
            cluster::NodeReport r;
            model::ClusterResource g;
            g.id = u"qemu/101"_s;
            g.type = model::ResourceType::Qemu;
            g.vmid = model::VmId::fromInt(101).value();
            g.node = model::NodeId::parse(u"node2").value();
            g.status = u"running"_s;
            g.cpu = 0.5;
            g.mem = 1000;
            g.uptime = 77;
            r.guests.append(g);
            return r;
        });
        own.start();
        node2.start();
        QTRY_VERIFY_WITH_TIMEOUT(own.report(u"node2"_s).has_value(), kTimeoutMs);
        m_service->setRemoteStatus(&own);
        const QList<model::ClusterResource> all = m_service->resources();
        QCOMPARE(findResource(all, u"qemu/101"_s)->status, std::optional<QString>(u"running"_s));
        QCOMPARE(findResource(all, u"qemu/101"_s)->cpu, std::optional<double>(0.5));
        QCOMPARE(findResource(all, u"qemu/101"_s)->uptime, std::optional<qint64>(77));
        QCOMPARE(findResource(all, u"qemu/101"_s)->maxmem, std::optional<qint64>(qint64(4096) << 20));
        // A reporting node's guest it does not list is stopped; a silent node's is unknown.
        QCOMPARE(findResource(all, u"qemu/105"_s)->status, std::optional<QString>(u"stopped"_s));
        QCOMPARE(findResource(all, u"qemu/106"_s)->status, std::optional<QString>(u"unknown"_s));
        m_service->setRemoteStatus(nullptr);
    }

    // A target refused, before anything moves, for what its status report
    // says it lacks: the guest's bridge, its CPU model, KVM for CPU type
    // host, free memory for a running guest.
    void preflightRefusesWhatTheTargetLacks_data()
    {
        QTest::addColumn<QString>("key");   // set in the config first (empty: nothing)
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("running");
        QTest::addColumn<bool>("kvmOnTarget");
        QTest::addColumn<QString>("reason"); // empty: node2 is allowed
        QTest::newRow("everything there") << QString() << QString() << true << false << QString();
        QTest::newRow("missing bridge") << u"net1"_s << u"virtio=BC:24:11:00:00:01,bridge=vmbr7"_s << false << false
                                        << u"net1: bridge 'vmbr7' does not exist on node 'node2'"_s;
        QTest::newRow("CPU model not there") << u"cpu"_s << u"Skylake-Server"_s << false << false
                                             << u"CPU model 'Skylake-Server' is not available on node 'node2'"_s;
        QTest::newRow("CPU model there") << u"cpu"_s << u"cputype=Nehalem,flags=+aes"_s << false << false << QString();
        // Under TCG "host" is QEMU's qemu64: any node can take it.
        QTest::newRow("host CPU from a TCG node") << u"cpu"_s << u"host"_s << true << false << QString();
        QTest::newRow("not enough memory, running") << u"memory"_s << u"3000"_s << true << false
                                                    << u"not enough memory on node 'node2': the guest needs 3000 MiB, 2048 MiB are free"_s;
        QTest::newRow("not enough memory, stopped: fine") << u"memory"_s << u"3000"_s << false << false << QString();
    }

    void preflightRefusesWhatTheTargetLacks()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, running);
        QFETCH(bool, kvmOnTarget);
        QFETCH(QString, reason);
        VERIFY_OK(createVm(100, u"shared"_s));
        if (!key.isEmpty()) {
            GuestService::ConfigUpdate update;
            update.set.insert(key, value);
            VERIFY_OK(m_service->updateConfig(GuestType::Qemu, 100, update));
        }
        if (running)
            VERIFY_OK(start(100));
        cluster::fake::FakeGroupBus bus;
        cluster::StatusBroadcast own(u"node1"_s, bus.channel(1), [] { return cluster::NodeReport{}; });
        cluster::StatusBroadcast node2(u"node2"_s, bus.channel(2), [kvmOnTarget] {
            cluster::NodeReport r;
            r.status.memTotal = qint64(3) << 30;
            r.status.memUsed = qint64(1) << 30;
            r.bridges = QStringList{u"vmbr0"_s};
            r.cpuModels = QStringList{u"qemu64"_s, u"Nehalem"_s};
            r.kvm = kvmOnTarget;
            return r;
        });
        own.start();
        node2.start();
        QTRY_VERIFY_WITH_TIMEOUT(own.report(u"node2"_s).has_value(), kTimeoutMs);
        m_service->setRemoteStatus(&own);
        Result<QJsonObject> check = m_service->migrationPreflight(GuestType::Qemu, 100, u"node2"_s);
        m_service->setRemoteStatus(nullptr);
        VERIFY_OK(check);
        const QJsonObject notAllowed = check->value(u"not_allowed_nodes"_s).toObject();
        if (reason.isEmpty()) {
            QVERIFY2(check->value(u"allowed_nodes"_s).toArray().contains(u"node2"_s),
                     qPrintable(QString::fromUtf8(QJsonDocument(*check).toJson())));
        } else {
            QCOMPARE(notAllowed.value(u"node2"_s).toObject().value(u"reason"_s).toString(), reason);
        }
    }

    void volumeUserNamesTheGuestAndKey()
    {
        VERIFY_OK(createVm(100, u"shared"_s));
        QCOMPARE(m_service->volumeUser(u"shared:100/vm-100-disk-0.raw"_s), std::optional<QString>(u"VM 100 (scsi0)"_s));
        QCOMPARE(m_service->volumeUser(u"shared:100/vm-100-disk-9.raw"_s), std::nullopt);
        VERIFY_OK(m_store->write(u"nodes/node2/lxc/200.conf"_s, "arch: amd64\nrootfs: local:200/vm-200-disk-0.raw,size=1G\n"
                                                                 "mp0: shared:200/vm-200-disk-1.raw,mp=/srv\n"));
        QCOMPARE(m_service->volumeUser(u"shared:200/vm-200-disk-1.raw"_s), std::optional<QString>(u"CT 200 (mp0)"_s));
    }

    // --- containers ---

    void createUnprivilegedContainerOnASubvol()
    {
        QVERIFY(writeFile(m_local + u"/template/cache/debian-12-standard_12.7-1_amd64.tar.zst"_s));
        const TaskRun r = run(u"vzcreate"_s, 200, [&](tasks::TaskContext &c) {
            return m_service->create(GuestType::Lxc, 200,
                                     QJsonObject{{u"vmid"_s, 200},
                                                 {u"ostemplate"_s, u"local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"_s},
                                                 {u"hostname"_s, u"ct200"_s},
                                                 {u"memory"_s, 256},
                                                 {u"rootfs"_s, u"local:2"_s},
                                                 {u"unprivileged"_s, true},
                                                 {u"password"_s, u"s3cret-Pass"_s},
                                                 {u"net0"_s, u"name=eth0,bridge=vmbr0,ip=dhcp"_s}},
                                     c);
        });
        VERIFY_OK(r.result);
        QCOMPARE(m_store->list(u"nodes"_s), (QStringList{u"nodes/node1/lxc/200.conf"_s}));
        const GuestService::Config c = config(200, GuestType::Lxc);
        QCOMPARE(c.values.value(u"rootfs"_s), u"local:200/subvol-200-disk-0,size=2G"_s);
        QVERIFY(QFileInfo(m_local + u"/images/200/subvol-200-disk-0"_s).isDir());
        QCOMPARE(c.values.value(u"unprivileged"_s), u"1"_s);
        QCOMPARE(c.values.value(u"ostype"_s), u"debian"_s);
        QCOMPARE(c.values.value(u"arch"_s), u"amd64"_s);
        QVERIFY2(QRegularExpression(u"^name=eth0,bridge=vmbr0,ip=dhcp,hwaddr=BC:24:11(:[0-9A-F]{2}){3}$"_s)
                     .match(c.values.value(u"net0"_s))
                     .hasMatch(),
                 qPrintable(c.values.value(u"net0"_s)));
        QVERIFY(!c.values.contains(u"password"_s));
        QVERIFY(!c.values.contains(u"ostemplate"_s));
        QVERIFY(!storeBytes(u"nodes/node1/lxc/200.conf"_s).contains("s3cret"));

        VERIFY_OK(start(200, GuestType::Lxc));
        QCOMPARE(runningStatus(200, GuestType::Lxc), u"running"_s);
        VERIFY_OK(stop(200, GuestType::Lxc));
        VERIFY_OK(destroy(200, GuestType::Lxc));
        QVERIFY(!QFileInfo::exists(m_local + u"/images/200"_s));
    }

    void createPrivilegedContainerOnARawImage()
    {
        QVERIFY(writeFile(m_local + u"/template/cache/alpine.tar.xz"_s));
        VERIFY_OK(create(201,
                         QJsonObject{{u"ostemplate"_s, u"local:vztmpl/alpine.tar.xz"_s}, {u"rootfs"_s, u"local:1"_s}},
                         GuestType::Lxc));
        const GuestService::Config c = config(201, GuestType::Lxc);
        QCOMPARE(c.values.value(u"rootfs"_s), u"local:201/vm-201-disk-0.raw,size=1G"_s);
        QCOMPARE(QFileInfo(m_local + u"/images/201/vm-201-disk-0.raw"_s).size(), kGiB);
    }

    void createContainerWithAMissingTemplateLeavesNothing()
    {
        const Result<void> r = create(
            200, QJsonObject{{u"ostemplate"_s, u"local:vztmpl/missing.tar.zst"_s}, {u"rootfs"_s, u"local:1"_s}},
            GuestType::Lxc);
        VERIFY_FAILS(r, Code::NotFound);
        QVERIFY(r.error().message.contains(u"ostemplate"_s));
        QCOMPARE(m_store->list(u"nodes"_s), QStringList());
        QVERIFY(!QFileInfo::exists(m_local + u"/images/200"_s));
    }

    // --- migration ---

    void preflightNamesWhatStopsAMigration()
    {
        QVERIFY(writeFile(m_local + u"/template/iso/local.iso"_s));
        VERIFY_OK(create(100, QJsonObject{{u"scsi0"_s, u"shared:1"_s}, {u"ide2"_s, u"local:iso/local.iso,media=cdrom"_s}}));
        Result<QJsonObject> check = m_service->migrationPreflight(GuestType::Qemu, 100, QString());
        VERIFY_OK(check);
        QCOMPARE(check->value(u"running"_s).toInt(), 0);
        QCOMPARE(check->value(u"allowed_nodes"_s).toArray(), QJsonArray());
        QJsonObject notAllowed = check->value(u"not_allowed_nodes"_s).toObject();
        QCOMPARE(notAllowed.keys(), (QStringList{u"node2"_s, u"node3"_s}));
        const QString reason2 = notAllowed.value(u"node2"_s).toObject().value(u"reason"_s).toString();
        QVERIFY2(reason2.contains(u"can't migrate local cdrom 'local:iso/local.iso'"_s), qPrintable(reason2));
        QCOMPARE(notAllowed.value(u"node3"_s).toObject().value(u"reason"_s).toString(), u"node 'node3' is offline"_s);
        const QJsonArray localDisks = check->value(u"local_disks"_s).toArray();
        QCOMPARE(localDisks.size(), 1);
        QCOMPARE(localDisks.at(0).toObject().value(u"volid"_s).toString(), u"local:iso/local.iso"_s);
        QCOMPARE(localDisks.at(0).toObject().value(u"cdrom"_s).toBool(), true);

        // Ejected: only shared storage is left, node2 may take it.
        GuestService::ConfigUpdate eject;
        eject.set.insert(u"ide2"_s, u"none,media=cdrom"_s);
        VERIFY_OK(m_service->updateConfig(GuestType::Qemu, 100, eject));
        VERIFY_OK(start(100));
        check = m_service->migrationPreflight(GuestType::Qemu, 100, u"node2"_s);
        VERIFY_OK(check);
        QCOMPARE(check->value(u"running"_s).toInt(), 1);
        QCOMPARE(check->value(u"allowed_nodes"_s).toArray(), (QJsonArray{u"node2"_s}));
        notAllowed = check->value(u"not_allowed_nodes"_s).toObject();
        QCOMPARE(notAllowed.keys(), QStringList{u"node3"_s});
        QCOMPARE(check->value(u"local_disks"_s).toArray(), QJsonArray());
        QVERIFY(!check->contains(u"target_unknown"_s));

        check = m_service->migrationPreflight(GuestType::Qemu, 100, u"node9"_s);
        VERIFY_OK(check);
        QVERIFY(check->value(u"target_unknown"_s).toString().contains(u"node9"_s));
    }

    void preflightOfALocalDiskAndARestrictedStorage()
    {
        QVERIFY(writeFile(m_shared + u"/template/iso/n13.iso"_s));
        VERIFY_OK(create(100, QJsonObject{{u"scsi0"_s, u"local:1"_s}}));
        Result<QJsonObject> check = m_service->migrationPreflight(GuestType::Qemu, 100, QString());
        VERIFY_OK(check);
        const QString reason = check->value(u"not_allowed_nodes"_s).toObject().value(u"node2"_s).toObject().value(u"reason"_s).toString();
        QVERIFY2(reason.contains(u"local disk 'local:100/vm-100-disk-0.raw'"_s), qPrintable(reason));
        QCOMPARE(check->value(u"local_disks"_s).toArray().at(0).toObject().value(u"cdrom"_s).toBool(), false);

        // "isos" is shared, but only among node1 and node3.
        VERIFY_OK(create(101, QJsonObject{{u"scsi0"_s, u"shared:1"_s}, {u"ide2"_s, u"isos:iso/n13.iso,media=cdrom"_s}}));
        check = m_service->migrationPreflight(GuestType::Qemu, 101, QString());
        VERIFY_OK(check);
        QCOMPARE(check->value(u"not_allowed_nodes"_s).toObject().value(u"node2"_s).toObject().value(u"reason"_s).toString(),
                 u"storage 'isos' is not available on node 'node2'"_s);
        QCOMPARE(check->value(u"allowed_nodes"_s).toArray(), QJsonArray());
    }

    void migrateARunningVm()
    {
        VERIFY_OK(createVm(100, u"shared"_s));
        VERIFY_OK(start(100));
        QList<virt::MigrationProgress> samples;
        QMutex samplesMutex;
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            GuestService::MigrationRequest request;
            request.target = u"node2"_s;
            return m_service->migrate(GuestType::Qemu, 100, request,
                                      [&](const virt::MigrationProgress &p) {
                                          const QMutexLocker lock(&samplesMutex);
                                          samples.append(p);
                                      },
                                      c);
        });
        VERIFY_OK(r.result);
        QCOMPARE(r.exitStatus, u"OK"_s);
        QCOMPARE(samples.size(), 3);
        QList<qint64> percents;
        for (const virt::MigrationProgress &p : std::as_const(samples))
            percents.append(qRound64(double(p.dataProcessed) * 100 / double(p.dataTotal)));
        QCOMPARE(percents, (QList<qint64>{25, 60, 100}));
        QCOMPARE(samples.at(0).phase, virt::MigrationProgress::Phase::Active);
        QCOMPARE(samples.at(1).phase, virt::MigrationProgress::Phase::Active);
        QCOMPARE(samples.at(2).phase, virt::MigrationProgress::Phase::Completed);
        QCOMPARE(samples.at(2).downtimeMs, 42);
        QVERIFY(r.logHas(u"starting migration of VM 100 to node 'node2' (10.0.0.2)"_s));
        QVERIFY(r.logHas(u"downtime 42 ms"_s));
        QVERIFY(r.logHas(u"migration finished successfully"_s));
        QCOMPARE(r.progress, 1.0);

        // The config moved, without the lock; the guest runs on node2.
        QCOMPARE(m_store->list(u"nodes"_s), (QStringList{u"nodes/node2/qemu-server/100.conf"_s}));
        QVERIFY(!storeBytes(u"nodes/node2/qemu-server/100.conf"_s).contains("lock"));
        QVERIFY(storeBytes(u"nodes/node2/qemu-server/100.conf"_s).contains("scsi0: shared:100/vm-100-disk-0.raw"));
        QCOMPARE(runningStatus(100), u"none"_s);
        const auto moved = m_hv2->guest(GuestType::Qemu, 100);
        QVERIFY(moved);
        QCOMPARE(moved->status, std::optional<QString>(u"running"_s));
        QCOMPARE(moved->node->toString(), u"node2"_s);
        QCOMPARE(m_service->locate(100)->node, u"node2"_s);
        QVERIFY(QFileInfo::exists(m_shared + u"/images/100/vm-100-disk-0.raw"_s));
        // There, too, it is a transient domain.
        VERIFY_OK(m_hv2->stop(GuestType::Qemu, 100));
        QVERIFY(!m_hv2->guest(GuestType::Qemu, 100));
    }

    void migrationNetworkAndSpeed_data()
    {
        QTest::addColumn<QString>("network");
        QTest::addColumn<qint64>("bwlimit");
        QTest::addColumn<QString>("migrateSpeed"); // the VM's migrate_speed (MB/s)
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("speedLine"); // empty: no limit logged
        QTest::addColumn<QByteArray>("datacenterCfg"); // empty: none
        QTest::newRow("link0") << QString() << qint64(0) << QString() << u"tcp://10.0.0.2"_s << QString() << QByteArray();
        QTest::newRow("datacenter.cfg's network and limit")
            << QString() << qint64(0) << QString() << u"tcp://10.9.0.2"_s << u"migration speed limit: 30 MiB/s"_s
            << QByteArray("keyboard: en-us\nmigration: secure,network=10.9.0.0/24\nbwlimit: migration=30720,default=1000\n");
        QTest::newRow("parameters win over datacenter.cfg")
            << u"fd00:9::/64"_s << qint64(4096) << QString() << u"tcp://[fd00:9::2]"_s << u"migration speed limit: 4 MiB/s"_s
            << QByteArray("migration: type=insecure,network=10.9.0.0/24\nbwlimit: migration=30720\n");
        QTest::newRow("migration network") << u"10.9.0.0/24"_s << qint64(0) << QString() << u"tcp://10.9.0.2"_s << QString() << QByteArray();
        QTest::newRow("IPv6 network") << u"fd00:9::/64"_s << qint64(0) << QString() << u"tcp://[fd00:9::2]"_s << QString() << QByteArray();
        QTest::newRow("no link there") << u"192.168.77.0/24"_s << qint64(0) << QString() << u"tcp://10.0.0.2"_s << QString() << QByteArray();
        QTest::newRow("bwlimit") << QString() << qint64(2048) << u"50"_s << u"tcp://10.0.0.2"_s
                                 << u"migration speed limit: 2 MiB/s"_s << QByteArray();
        QTest::newRow("migrate_speed") << QString() << qint64(0) << u"50"_s << u"tcp://10.0.0.2"_s
                                       << u"migration speed limit: 50 MiB/s"_s << QByteArray();
    }
    void migrationNetworkAndSpeed()
    {
        QFETCH(QString, network);
        QFETCH(qint64, bwlimit);
        QFETCH(QString, migrateSpeed);
        QFETCH(QString, uri);
        QFETCH(QString, speedLine);
        QFETCH(QByteArray, datacenterCfg);
        if (!datacenterCfg.isEmpty())
            VERIFY_OK(m_store->write(u"datacenter.cfg"_s, datacenterCfg));
        VERIFY_OK(createVm(100, u"shared"_s));
        if (!migrateSpeed.isEmpty()) {
            GuestService::ConfigUpdate u;
            u.set.insert(u"migrate_speed"_s, migrateSpeed);
            VERIFY_OK(update(100, u));
        }
        VERIFY_OK(start(100));
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {u"node2"_s, true, bwlimit, network}, {}, c);
        });
        VERIFY_OK(r.result);
        QVERIFY2(r.logHas(u"starting online/live migration on "_s + uri), qPrintable(r.log.join(u'\n')));
        if (speedLine.isEmpty())
            QVERIFY(!r.logHas(u"migration speed limit"_s));
        else
            QVERIFY2(r.logHas(speedLine), qPrintable(r.log.join(u'\n')));
    }

    void migrateAStoppedVmMovesItsConfig()
    {
        VERIFY_OK(createVm(100, u"shared"_s));
        const QByteArray before = storeBytes(u"nodes/node1/qemu-server/100.conf"_s);
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {u"node2"_s, false, 0, QString()}, {}, c);
        });
        VERIFY_OK(r.result);
        QVERIFY(r.logHas(u"moving its configuration only"_s));
        QCOMPARE(m_store->list(u"nodes"_s), (QStringList{u"nodes/node2/qemu-server/100.conf"_s}));
        QCOMPARE(storeBytes(u"nodes/node2/qemu-server/100.conf"_s), before);
        QVERIFY(!m_hv2->guest(GuestType::Qemu, 100));
    }

    void migrateRefusals_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("online");
        QTest::addColumn<QString>("message");
        QTest::newRow("offline target") << u"node3"_s << true << u"node 'node3' is offline"_s;
        QTest::newRow("unknown target") << u"node9"_s << true << u"no such cluster node 'node9'"_s;
        QTest::newRow("itself") << u"node1"_s << true << u"target is local node."_s;
        QTest::newRow("running, offline mode") << u"node2"_s << false << u"use online migration"_s;
    }
    void migrateRefusals()
    {
        QFETCH(QString, target);
        QFETCH(bool, online);
        QFETCH(QString, message);
        VERIFY_OK(createVm(100, u"shared"_s));
        VERIFY_OK(start(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        const QByteArray before = storeBytes(path);
        const quint64 version = m_store->storeVersion();
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {target, online, 0, QString()}, {}, c);
        });
        VERIFY_FAILS(r.result, Code::MigrationFailed);
        QVERIFY2(r.result.error().message.contains(message), qPrintable(r.result.error().message));
        // Refused before touching anything.
        QCOMPARE(m_store->storeVersion(), version);
        QCOMPARE(storeBytes(path), before);
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{path});
        QCOMPARE(runningStatus(100), u"running"_s);
        QVERIFY(!m_hv2->guest(GuestType::Qemu, 100));
    }

    void migrationNeedsQuorum()
    {
        VERIFY_OK(createVm(100, u"shared"_s));
        VERIFY_OK(m_membership->setOnline(u"node2"_s, false)); // 1 of 3 votes
        const Result<QJsonObject> check = m_service->migrationPreflight(GuestType::Qemu, 100, QString());
        VERIFY_OK(check);
        QCOMPARE(check->value(u"allowed_nodes"_s).toArray(), QJsonArray());
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {u"node2"_s, true, 0, QString()}, {}, c);
        });
        VERIFY_FAILS(r.result, Code::MigrationFailed);
        QVERIFY2(r.result.error().message.contains(u"not quorate"_s), qPrintable(r.result.error().message));
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node1/qemu-server/100.conf"_s});
    }

    void aRunningContainerDoesNotMigrateLive()
    {
        QVERIFY(QDir().mkpath(m_shared + u"/images/200/subvol-200-disk-0"_s));
        const QString path = u"nodes/node1/lxc/200.conf"_s;
        VERIFY_OK(m_store->write(path, "arch: amd64\nhostname: ct200\nostype: debian\n"
                                       "rootfs: shared:200/subvol-200-disk-0,size=1G\nunprivileged: 1\n"));
        VERIFY_OK(start(200, GuestType::Lxc));
        const QByteArray before = storeBytes(path);
        const TaskRun r = run(u"vzmigrate"_s, 200, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Lxc, 200, {u"node2"_s, true, 0, QString()}, {}, c);
        });
        VERIFY_FAILS(r.result, Code::MigrationFailed);
        QVERIFY2(r.result.error().message.contains(u"restart mode"_s), qPrintable(r.result.error().message));
        QCOMPARE(storeBytes(path), before);
        // Stopped, it moves by its config.
        VERIFY_OK(stop(200, GuestType::Lxc));
        VERIFY_OK(run(u"vzmigrate"_s, 200, [&](tasks::TaskContext &c) {
                      return m_service->migrate(GuestType::Lxc, 200, {u"node2"_s, false, 0, QString()}, {}, c);
                  }).result);
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node2/lxc/200.conf"_s});
    }

    void aRunningContainerMovesInRestartMode()
    {
        QVERIFY(QDir().mkpath(m_shared + u"/images/200/subvol-200-disk-0"_s));
        VERIFY_OK(m_store->write(u"nodes/node1/lxc/200.conf"_s, "arch: amd64\nhostname: ct200\nostype: debian\n"
                                                                 "rootfs: shared:200/subvol-200-disk-0,size=1G\n"));
        VERIFY_OK(start(200, GuestType::Lxc));
        GuestService::MigrationRequest request{u"node2"_s, false, 0, QString()};
        request.restart = true;
        request.shutdownTimeoutSeconds = 5;
        const TaskRun r = run(u"vzmigrate"_s, 200, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Lxc, 200, request, {}, c);
        });
        VERIFY_OK(r.result);
        QVERIFY2(r.logHas(u"shutdown CT 200"_s), qPrintable(r.log.join(u'\n')));
        QVERIFY2(r.logHas(u"start container on target node 'node2'"_s), qPrintable(r.log.join(u'\n')));
        QVERIFY2(r.logHas(u"starting CT 200"_s), qPrintable(r.log.join(u'\n'))); // node2's start, in this log
        QCOMPARE(r.exitStatus, u"OK"_s);
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node2/lxc/200.conf"_s});
        QVERIFY(!storeBytes(u"nodes/node2/lxc/200.conf"_s).contains("lock:"));
        const auto there = m_hv2->guest(GuestType::Lxc, 200);
        QVERIFY(there);
        QCOMPARE(there->status, u"running"_s);
        const auto here = m_hv->guest(GuestType::Lxc, 200);
        QVERIFY(!here || here->status == u"stopped"_s);
    }

    void aRestartMigrationAsksAgainThenStops_data()
    {
        QTest::addColumn<int>("refusals");
        QTest::addColumn<bool>("ignored");
        QTest::addColumn<bool>("forced");
        QTest::newRow("refused twice, then taken") << 2 << false << false;
        QTest::newRow("ignored: stopped after the timeout") << 0 << true << true;
        QTest::newRow("always refused: stopped after the timeout") << 1000 << false << true;
    }

    void aRestartMigrationAsksAgainThenStops()
    {
        QFETCH(int, refusals);
        QFETCH(bool, ignored);
        QFETCH(bool, forced);
        QVERIFY(QDir().mkpath(m_shared + u"/images/200/subvol-200-disk-0"_s));
        VERIFY_OK(m_store->write(u"nodes/node1/lxc/200.conf"_s, "arch: amd64\nhostname: ct200\nostype: debian\n"
                                                                 "rootfs: shared:200/subvol-200-disk-0,size=1G\n"));
        VERIFY_OK(start(200, GuestType::Lxc));
        m_hv->setShutdownBehaviour(refusals, ignored);
        GuestService::MigrationRequest request{u"node2"_s, false, 0, QString()};
        request.restart = true;
        request.shutdownTimeoutSeconds = 2;
        const TaskRun r = run(u"vzmigrate"_s, 200, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Lxc, 200, request, {}, c);
        });
        VERIFY_OK(r.result);
        QCOMPARE(r.logHas(u": stopping it"_s), forced);
        QCOMPARE(r.exitStatus, forced ? u"WARNINGS: 1"_s : u"OK"_s);
        QCOMPARE(m_hv2->guest(GuestType::Lxc, 200)->status, u"running"_s);
    }

    void aRestartMigrationWhoseStartFailsSaysWhereTheContainerIs()
    {
        QVERIFY(QDir().mkpath(m_shared + u"/images/200/subvol-200-disk-0"_s));
        VERIFY_OK(m_store->write(u"nodes/node1/lxc/200.conf"_s, "arch: amd64\nhostname: ct200\nostype: debian\n"
                                                                 "rootfs: shared:200/subvol-200-disk-0,size=1G\n"));
        VERIFY_OK(start(200, GuestType::Lxc));
        m_refuseStartOnNode = Error{Code::MigrationFailed, u"task UPID:node2:x on node 'node2' failed: no space"_s};
        GuestService::MigrationRequest request{u"node2"_s, false, 0, QString()};
        request.restart = true;
        const TaskRun r = run(u"vzmigrate"_s, 200, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Lxc, 200, request, {}, c);
        });
        VERIFY_FAILS(r.result, Code::MigrationFailed);
        QVERIFY2(r.result.error().message.contains(u"CT 200 moved to node 'node2', but did not start there: task"_s),
                 qPrintable(r.result.error().message));
        // It is node2's now (stopped), unlocked: start it there once fixed.
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node2/lxc/200.conf"_s});
        QVERIFY(!storeBytes(u"nodes/node2/lxc/200.conf"_s).contains("lock:"));
    }

    void migrateWithALocalDiskIsRefused()
    {
        VERIFY_OK(createVm(100, u"local"_s));
        VERIFY_OK(start(100));
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {u"node2"_s, true, 0, QString()}, {}, c);
        });
        VERIFY_FAILS(r.result, Code::MigrationFailed);
        QVERIFY2(r.result.error().message.contains(u"local disk"_s), qPrintable(r.result.error().message));
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node1/qemu-server/100.conf"_s});
    }

    void cancelledMigrationLeavesTheVmWhereItWas()
    {
        VERIFY_OK(createVm(100, u"shared"_s));
        VERIFY_OK(start(100));
        const QString path = u"nodes/node1/qemu-server/100.conf"_s;
        const QByteArray before = storeBytes(path);
        QList<virt::MigrationProgress::Phase> phases;
        QMutex phasesMutex;
        const TaskRun r = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            GuestService::MigrationRequest request;
            request.target = u"node2"_s;
            return m_service->migrate(GuestType::Qemu, 100, request,
                                      [&](const virt::MigrationProgress &p) {
                                          {
                                              const QMutexLocker lock(&phasesMutex);
                                              phases.append(p.phase);
                                          }
                                          // Stopped as the first sample comes, as a user
                                          // pressing Stop in the task viewer.
                                          if (p.phase == virt::MigrationProgress::Phase::Active)
                                              (void)m_tasks->stop(c.upid());
                                      },
                                      c);
        });
        QVERIFY(!r.result);
        QCOMPARE(r.exitStatus, u"interrupted by signal"_s);
        QCOMPARE(phases, (QList<virt::MigrationProgress::Phase>{virt::MigrationProgress::Phase::Active,
                                                                 virt::MigrationProgress::Phase::Cancelled}));
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{path});
        QCOMPARE(storeBytes(path), before); // the lock is gone again
        QCOMPARE(runningStatus(100), u"running"_s);
        QVERIFY(!m_hv2->guest(GuestType::Qemu, 100));
        // It can go again.
        const TaskRun again = run(u"qmigrate"_s, 100, [&](tasks::TaskContext &c) {
            return m_service->migrate(GuestType::Qemu, 100, {u"node2"_s, true, 0, QString()}, {}, c);
        });
        VERIFY_OK(again.result);
        QCOMPARE(m_store->list(u"nodes"_s), QStringList{u"nodes/node2/qemu-server/100.conf"_s});
    }
};

QTEST_GUILESS_MAIN(tst_GuestService)
#include "tst_GuestService.moc"
