// The replicated configuration store on an in-process group (FakeGroupBus):
// total order, quorum, synchronisation after partitions and crashes, joining,
// locks. The same store runs over corosync CPG in the lab tests.
#include "cluster/ReplicatedStore.h"
#include "cluster/fake/FakeGroupBus.h"
#include "store/MemoryStore.h"
#include "store/SqliteStore.h"

#include "base/Clock.h"

#include "ResultChecks.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <QThread>

#include <memory>
#include <vector>

using namespace atalaia;
using namespace atalaia::cluster;
using namespace atalaia::store;
using namespace Qt::StringLiterals;

namespace {

// Nodes 1..n, each a ReplicatedStore over its own MemoryStore, on one bus.
struct Cluster {
    explicit Cluster(int n)
    {
        for (int i = 1; i <= n; ++i)
            add(quint32(i));
    }

    ReplicatedStore &add(quint32 node, bool joining = false, std::unique_ptr<LocalStore> local = {})
    {
        if (!local)
            local = std::make_unique<MemoryStore>(clock);
        auto s = std::make_unique<ReplicatedStore>(std::move(local), clock);
        auto channel = bus.channel(node);
        channels[node] = channel.get();
        if (!s->attach(std::move(channel), QString(), joining))
            qFatal("attach failed");
        stores[node] = std::move(s);
        return *stores[node];
    }

    ReplicatedStore &operator[](quint32 node) { return *stores.at(node); }

    // Every listed node's copy has the same digest.
    bool equal(const QList<quint32> &nodes) const
    {
        QByteArray first;
        for (quint32 n : nodes) {
            const QByteArray d = stores.at(n)->stateDigest().value();
            if (first.isEmpty())
                first = d;
            else if (d != first)
                return false;
        }
        return true;
    }

    FakeClock clock;
    fake::FakeGroupBus bus;
    std::map<quint32, fake::FakeGroupChannel *> channels;
    std::map<quint32, std::unique_ptr<ReplicatedStore>> stores;
};

} // namespace

class tst_ReplicatedStore : public QObject
{
    Q_OBJECT

private slots:
    void standaloneWritesLocally();
    void writeOnAnyNodeIsVisibleOnAll();
    void conflictsAreDecidedAlikeEverywhere();
    void concurrentWritersConverge();
    void minorityIsReadOnly();
    void writesReadQuorumFromTheSource();
    void partitionHealConverges();
    void crashedMemberCatchesUpOnReturn();
    void joiningNodeAdoptsTheClusterState();
    void joiningNodeAloneStaysReadOnly();
    void largeStateTravelsInChunks();
    void locksWithLeases();
    void sqliteCopiesStayEqual();
};

void tst_ReplicatedStore::standaloneWritesLocally()
{
    FakeClock clock;
    ReplicatedStore store(std::make_unique<MemoryStore>(clock), clock);
    QVERIFY(!store.isAttached());
    QSignalSpy changed(&store, &ConfigStore::changed);
    const quint64 v = store.write(u"datacenter.cfg"_s, "keyboard: pt\n").value();
    QCOMPARE(store.read(u"datacenter.cfg"_s)->version, v);
    QCOMPARE(changed.size(), 1);
    QVERIFY(store.isWritable());
    QCOMPARE(store.tryLock(u"ha_manager"_s, u"node1"_s, 120).value(), true);
    QCOMPARE(store.tryLock(u"ha_manager"_s, u"node2"_s, 120).value(), false);
}

void tst_ReplicatedStore::writeOnAnyNodeIsVisibleOnAll()
{
    Cluster c(3);
    for (quint32 n = 1; n <= 3; ++n)
        QVERIFY2(c[n].isSynchronised() && c[n].isWritable(), qPrintable(c[n].readOnlyReason()));
    QSignalSpy changedOn3(&c[3], &ConfigStore::changed);
    const quint64 v1 = c[1].write(u"user.cfg"_s, "users\n").value();
    const quint64 v2 = c[2].write(u"nodes/node2/lxc/200.conf"_s, "hostname: ct\n").value();
    QVERIFY(v2 > v1);
    for (quint32 n = 1; n <= 3; ++n) {
        QCOMPARE(c[n].read(u"user.cfg"_s)->data, QByteArray("users\n"));
        QCOMPARE(c[n].read(u"user.cfg"_s)->version, v1);
        QCOMPARE(c[n].read(u"nodes/node2/lxc/200.conf"_s)->version, v2);
        QCOMPARE(c[n].storeVersion(), v2);
    }
    QCOMPARE(changedOn3.size(), 2);
    QVERIFY(c.equal({1, 2, 3}));
}

void tst_ReplicatedStore::conflictsAreDecidedAlikeEverywhere()
{
    Cluster c(3);
    const quint64 v = c[1].write(u"datacenter.cfg"_s, "a\n").value();
    VERIFY_OK(c[2].write(u"datacenter.cfg"_s, "b\n", v));
    // node 3 still believes version v: refused, on every copy alike.
    const Result<quint64> stale = c[3].write(u"datacenter.cfg"_s, "c\n", v);
    VERIFY_FAILS(stale, Code::StoreConflict);
    VERIFY_FAILS(c[1].write(u"datacenter.cfg"_s, "new\n", 0), Code::StoreConflict);
    VERIFY_FAILS(c[2].remove(u"missing.cfg"_s), Code::NotFound);
    for (quint32 n = 1; n <= 3; ++n)
        QCOMPARE(c[n].read(u"datacenter.cfg"_s)->data, QByteArray("b\n"));
    QVERIFY(c.equal({1, 2, 3}));
}

void tst_ReplicatedStore::concurrentWritersConverge()
{
    Cluster c(3);
    constexpr int kWrites = 60;
    std::vector<std::unique_ptr<QThread>> threads;
    std::atomic<int> failures = 0;
    for (quint32 n = 1; n <= 3; ++n) {
        threads.emplace_back(QThread::create([&c, &failures, n] {
            for (int i = 0; i < kWrites; ++i)
                if (!c[n].write(u"w/%1/%2"_s.arg(n).arg(i), QByteArray::number(i)))
                    ++failures;
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        QVERIFY(t->wait(20000));
    QCOMPARE(failures.load(), 0);
    for (quint32 n = 1; n <= 3; ++n)
        QCOMPARE(c[n].list(u"w"_s).size(), 3 * kWrites);
    QCOMPARE(c[1].storeVersion(), quint64(3 * kWrites));
    QVERIFY(c.equal({1, 2, 3}));
}

void tst_ReplicatedStore::minorityIsReadOnly()
{
    Cluster c(3);
    VERIFY_OK(c[1].write(u"a.cfg"_s, "1"));
    QSignalSpy writable(&c[1], &ConfigStore::writableChanged);
    c.bus.partition({{1}, {2, 3}});
    c[1].setQuorate(false); // what votequorum reports to the minority
    QVERIFY(!c[1].isWritable());
    QCOMPARE(writable.size(), 1);
    const Result<quint64> refused = c[1].write(u"a.cfg"_s, "2");
    VERIFY_FAILS(refused, Code::StoreReadOnly);
    QVERIFY2(refused.error().message.contains(u"not quorate"_s), qPrintable(refused.error().message));
    QCOMPARE(c[1].read(u"a.cfg"_s)->data, QByteArray("1")); // reads go on
    VERIFY_OK(c[2].write(u"a.cfg"_s, "2"));
    QCOMPARE(c[3].read(u"a.cfg"_s)->data, QByteArray("2"));
    QCOMPARE(c[1].read(u"a.cfg"_s)->data, QByteArray("1"));
}

// With a quorum source, a write follows the membership's view at that
// moment, not the last setQuorate() (its change signal may still be queued).
void tst_ReplicatedStore::writesReadQuorumFromTheSource()
{
    Cluster c(3);
    std::atomic<bool> quorate = true;
    c[1].setQuorumSource([&quorate] { return quorate.load(); });
    c[1].setQuorate(false); // stale: the source says otherwise
    VERIFY_OK(c[1].write(u"a.cfg"_s, "1"));
    quorate = false;
    c[1].setQuorate(true); // stale the other way
    const Result<quint64> refused = c[1].write(u"a.cfg"_s, "2");
    VERIFY_FAILS(refused, Code::StoreReadOnly);
    QVERIFY2(refused.error().message.contains(u"not quorate"_s), qPrintable(refused.error().message));
    QVERIFY(!c[1].isWritable());
    c[1].setQuorumSource({}); // back to setQuorate()'s value
    QVERIFY(c[1].isWritable());
    QCOMPARE(c[1].read(u"a.cfg"_s)->data, QByteArray("1"));
}

void tst_ReplicatedStore::partitionHealConverges()
{
    Cluster c(3);
    VERIFY_OK(c[1].write(u"a.cfg"_s, "1"));
    c.bus.partition({{1}, {2, 3}});
    c[1].setQuorate(false);
    for (int i = 0; i < 5; ++i)
        VERIFY_OK(c[3].write(u"b/%1"_s.arg(i), "x"));
    VERIFY_OK(c[2].remove(u"a.cfg"_s));
    QVERIFY(!c.equal({1, 2}));
    QSignalSpy changedOn1(&c[1], &ConfigStore::changed);
    c.bus.heal();
    c[1].setQuorate(true);
    QVERIFY(c.equal({1, 2, 3}));
    QVERIFY(c[1].isSynchronised());
    VERIFY_FAILS(c[1].read(u"a.cfg"_s), Code::NotFound);
    QCOMPARE(c[1].list(u"b"_s).size(), 5);
    QCOMPARE(changedOn1.size(), 6); // five files appeared, one went
    QCOMPARE(c[1].stats().snapshotsAdopted, 1u);
    QCOMPARE(c[2].stats().snapshotsAdopted, 0u);
    VERIFY_OK(c[1].write(u"after.cfg"_s, "ok"));
    QVERIFY(c.equal({1, 2, 3}));
}

void tst_ReplicatedStore::crashedMemberCatchesUpOnReturn()
{
    Cluster c(3);
    VERIFY_OK(c[3].write(u"a.cfg"_s, "1"));
    c.channels[3]->crash(); // its corosync connection dies
    QVERIFY(!c[3].isWritable());
    VERIFY_FAILS(c[3].write(u"a.cfg"_s, "3"), Code::StoreReadOnly);
    VERIFY_OK(c[1].write(u"a.cfg"_s, "2"));
    VERIFY_OK(c[2].write(u"b.cfg"_s, "2"));
    // The node comes back with an empty copy (its disk lost): it adopts the
    // cluster's state, whose version is higher.
    c.stores.erase(3);
    c.add(3);
    QVERIFY(c.equal({1, 2, 3}));
    QCOMPARE(c[3].read(u"a.cfg"_s)->data, QByteArray("2"));
    QVERIFY(c[3].isWritable());
}

void tst_ReplicatedStore::joiningNodeAdoptsTheClusterState()
{
    Cluster c(2);
    VERIFY_OK(c[1].write(u"corosync.conf"_s, "cluster\n"));
    // A standalone node with a longer history of its own joins.
    FakeClock &clock = c.clock;
    auto local = std::make_unique<MemoryStore>(clock);
    for (int i = 0; i < 10; ++i)
        VERIFY_OK(local->write(u"mine/%1"_s.arg(i), "x"));
    QVERIFY(local->storeVersion() > c[1].storeVersion());
    QTemporaryDir dir;
    const QString marker = dir.filePath(u"joining"_s);
    auto s = std::make_unique<ReplicatedStore>(std::move(local), clock);
    VERIFY_OK(s->attach(c.bus.channel(3), marker, true));
    QVERIFY(!QFile::exists(marker)); // synchronised at once: the cluster was there
    QVERIFY(s->isWritable());
    QCOMPARE(s->read(u"corosync.conf"_s)->data, QByteArray("cluster\n"));
    QVERIFY(s->list(u"mine"_s).isEmpty());
    c.stores[3] = std::move(s);
    QVERIFY(c.equal({1, 2, 3}));
}

void tst_ReplicatedStore::joiningNodeAloneStaysReadOnly()
{
    FakeClock clock;
    fake::FakeGroupBus bus;
    QTemporaryDir dir;
    const QString marker = dir.filePath(u"joining"_s);
    ReplicatedStore joiner(std::make_unique<MemoryStore>(clock), clock);
    VERIFY_OK(joiner.attach(bus.channel(2), marker, true));
    QVERIFY(QFile::exists(marker));
    QVERIFY(!joiner.isWritable());
    QVERIFY2(joiner.readOnlyReason().contains(u"joining"_s), qPrintable(joiner.readOnlyReason()));
    VERIFY_FAILS(joiner.write(u"x.cfg"_s, "x"), Code::StoreReadOnly);
    // The cluster's member arrives: the joiner adopts its state.
    ReplicatedStore member(std::make_unique<MemoryStore>(clock), clock);
    VERIFY_OK(member.attach(bus.channel(1), QString(), false));
    QVERIFY(joiner.isWritable());
    QVERIFY(!QFile::exists(marker));
    VERIFY_OK(joiner.write(u"x.cfg"_s, "x"));
    QCOMPARE(member.read(u"x.cfg"_s)->data, QByteArray("x"));
}

void tst_ReplicatedStore::largeStateTravelsInChunks()
{
    Cluster c(2);
    c.bus.partition({{1}, {2}});
    // Incompressible contents, so the state needs many 4 KiB messages.
    QByteArray noise;
    quint32 x = 12345;
    for (int i = 0; i < 64 * 1024; ++i) {
        x = x * 1103515245u + 12345u;
        noise.append(char(x >> 24));
    }
    for (int i = 0; i < 8; ++i)
        VERIFY_OK(c[1].write(u"big/%1"_s.arg(i), noise.mid(i * 8192, 8192)));
    c.channels[1]->setMaxPayload(4096);
    c.channels[2]->setMaxPayload(4096);
    const quint64 before = c.bus.messagesDelivered();
    c.bus.heal();
    QVERIFY(c.bus.messagesDelivered() - before > 16);
    QVERIFY(c.equal({1, 2}));
    QCOMPARE(c[2].read(u"big/7"_s)->data, noise.mid(7 * 8192, 8192));
    // A write larger than one message travels in fragments.
    const quint64 sent = c.bus.messagesDelivered();
    VERIFY_OK(c[2].write(u"huge"_s, noise.left(20000)));
    QVERIFY(c.bus.messagesDelivered() - sent >= 5);
    QCOMPARE(c[1].read(u"huge"_s)->data, noise.left(20000));
    QVERIFY(c.equal({1, 2}));
}

void tst_ReplicatedStore::locksWithLeases()
{
    Cluster c(3);
    QCOMPARE(c[1].tryLock(u"ha_manager"_s, u"node1"_s, 120).value(), true);
    QCOMPARE(c[2].tryLock(u"ha_manager"_s, u"node2"_s, 120).value(), false);
    QCOMPARE(c[1].tryLock(u"ha_manager"_s, u"node1"_s, 120).value(), true); // renewal
    c.clock.advanceMs(119'000);
    QCOMPARE(c[2].tryLock(u"ha_manager"_s, u"node2"_s, 120).value(), false);
    c.clock.advanceMs(2'000);
    QCOMPARE(c[2].tryLock(u"ha_manager"_s, u"node2"_s, 120).value(), true); // expired
    VERIFY_FAILS(c[1].unlock(u"ha_manager"_s, u"node1"_s), Code::Conflict);
    VERIFY_OK(c[3].unlock(u"ha_manager"_s, u"node2"_s));
    QCOMPARE(c[3].tryLock(u"ha_manager"_s, u"node3"_s, 60).value(), true);
    VERIFY_FAILS(c[1].tryLock(u"../escape"_s, u"node1"_s, 60), Code::InvalidArgument);
    QVERIFY(c.equal({1, 2, 3}));
    QCOMPARE(c[1].list(u"priv/lock"_s), QStringList{u"priv/lock/ha_manager"_s});
}

void tst_ReplicatedStore::sqliteCopiesStayEqual()
{
    QTemporaryDir dir;
    FakeClock clock;
    fake::FakeGroupBus bus;
    std::vector<std::unique_ptr<ReplicatedStore>> nodes;
    std::vector<fake::FakeGroupChannel *> channels;
    for (int i = 1; i <= 3; ++i) {
        auto db = SqliteStore::open(dir.filePath(u"node%1.db"_s.arg(i)), clock);
        VERIFY_OK(db);
        nodes.push_back(std::make_unique<ReplicatedStore>(std::move(*db), clock));
        auto channel = bus.channel(quint32(i));
        channels.push_back(channel.get());
        VERIFY_OK(nodes.back()->attach(std::move(channel), QString(), false));
    }
    for (int i = 0; i < 20; ++i)
        VERIFY_OK(nodes[size_t(i % 3)]->write(u"f/%1"_s.arg(i % 7), QByteArray::number(i)));
    bus.partition({{1, 2}, {3}});
    nodes[2]->setQuorate(false);
    VERIFY_OK(nodes[0]->remove(u"f/1"_s));
    bus.heal();
    nodes[2]->setQuorate(true);
    const QByteArray d = nodes[0]->stateDigest().value();
    QCOMPARE(nodes[1]->stateDigest().value(), d);
    QCOMPARE(nodes[2]->stateDigest().value(), d);
    // Reopened from disk, node 3's copy is the same.
    nodes[2].reset();
    auto reopened = SqliteStore::open(dir.filePath(u"node3.db"_s), clock);
    VERIFY_OK(reopened);
    ReplicatedStore again(std::move(*reopened), clock);
    QCOMPARE(again.stateDigest().value(), d);
}

QTEST_GUILESS_MAIN(tst_ReplicatedStore)
#include "tst_ReplicatedStore.moc"
