// ConfigStore semantics, run against every implementation: each test runs
// once per row of initTestCase_data() ("memory", "sqlite").

#include "store/ConfigStore.h"
#include "store/LocalStore.h"
#include "cluster/ReplicatedStore.h"
#include "cluster/fake/FakeGroupBus.h"
#include "store/MemoryStore.h"
#include "store/SqliteStore.h"
#include "store/StorePath.h"

#include "base/Clock.h"

#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

#include <atomic>
#include <barrier>
#include <cstdio>
#include <memory>

using namespace atalaia;
using namespace atalaia::store;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kCrashWriterEnv = "ATALAIA_TST_STORE_CRASH_WRITER";

// A store of the kind under test, with a fake clock and a way to make it
// read-only and to reopen it (SqliteStore only).
class Fixture
{
public:
    explicit Fixture(QString backend) : m_backend(std::move(backend)) { open(); }

    ConfigStore &store() { return m_replicas.empty() ? static_cast<ConfigStore &>(*m_store) : *m_replicas.front(); }
    FakeClock &clock() { return m_clock; }
    bool isSqlite() const { return m_backend == u"sqlite"; }
    QString dir() const { return m_dir.path(); }
    QString dbFile() const { return m_dir.filePath(u"store.db"_s); }

    void setReadOnly(const QString &reason) { m_store->setReadOnly(reason); }
    void setWritable() { m_store->setWritable(); }

    // Closes and opens the same database again (an agent restart).
    void reopen()
    {
        Q_ASSERT(isSqlite());
        m_store.reset();
        open();
    }

private:
    void open()
    {
        if (m_backend == u"replicated") {
            // Three copies on an in-process group; the tests use the first.
            for (quint32 node = 1; node <= 3; ++node) {
                auto replica = std::make_unique<cluster::ReplicatedStore>(std::make_unique<MemoryStore>(m_clock), m_clock);
                if (!replica->attach(m_bus.channel(node), QString(), false))
                    qFatal("cannot attach replica %u", node);
                m_replicas.push_back(std::move(replica));
            }
            return;
        }
        if (m_backend == u"memory") {
            m_store = std::make_unique<MemoryStore>(m_clock);
            return;
        }
        Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(dbFile(), m_clock);
        if (!store)
            qFatal("cannot open the SQLite store: %s", qPrintable(store.error().message));
        m_store = std::move(*store);
    }

    QString m_backend;
    QTemporaryDir m_dir;
    FakeClock m_clock;
    std::unique_ptr<LocalStore> m_store;
    cluster::fake::FakeGroupBus m_bus; // before the replicas: they leave it first
    std::vector<std::unique_ptr<cluster::ReplicatedStore>> m_replicas;
};

// The child process of crashKeepsOldOrNewState: commits pairs of files with
// equal contents forever, printing each acknowledged version.
int runCrashWriter(const QString &dbFile)
{
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(dbFile);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return 2;
    }
    for (quint64 n = 1;; ++n) {
        const QByteArray data = QByteArray::number(n).repeated(1000);
        Result<quint64> version = (*store)->apply({StoreChange::write(u"pair/a"_s, data),
                                                   StoreChange::write(u"pair/b"_s, data)});
        if (!version) {
            std::fprintf(stderr, "%s\n", qPrintable(version.error().message));
            return 3;
        }
        std::printf("%llu\n", static_cast<unsigned long long>(*version));
        std::fflush(stdout);
    }
}

} // namespace

class tst_ConfigStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();

    void writeAndRead();
    void emptyFile();
    void versionsGrowAndAreNeverReused();
    void expectedVersion_data();
    void expectedVersion();
    void conflictMessageNamesPathAndVersions();
    void remove();
    void list();
    void applyIsAllOrNothing();
    void batchValidation();
    void fileAndDirectoryCannotClash();
    void readOnlyMode();
    void rejectsBadPaths_data();
    void rejectsBadPaths();
    void acceptsGoodPaths_data();
    void acceptsGoodPaths();
    void sizeLimit();
    void digestIsSha1Hex();
    void changedSignal();
    void changedSignalQueuedAcrossThreads();
    void concurrentIncrementsLoseNothing();
    void staleWriterGetsConflict();
    void exportWritesFilesAtomically();
    void exportRemovesOnlyWhatItWrote();
    void exportFollowsFileDirectorySwap();
    void survivesRestart();
    void crashKeepsOldOrNewState();
};

void tst_ConfigStore::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("memory") << u"memory"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("replicated") << u"replicated"_s;
}

void tst_ConfigStore::writeAndRead()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    QCOMPARE(store.storeVersion(), 0u);

    const Result<quint64> v1 = store.write(u"user.cfg"_s, "user:root@pam:1:0:::::\n");
    VERIFY_OK(v1);
    QVERIFY(*v1 > 0);
    Result<StoreEntry> entry = store.read(u"user.cfg"_s);
    VERIFY_OK(entry);
    QCOMPARE(entry->path, u"user.cfg"_s);
    QCOMPARE(entry->data, QByteArray("user:root@pam:1:0:::::\n"));
    QCOMPARE(entry->version, *v1);
    QCOMPARE(entry->mtime, f.clock().nowSeconds());
    QCOMPARE(store.storeVersion(), *v1);

    f.clock().advanceMs(5000);
    const Result<quint64> v2 = store.write(u"user.cfg"_s, "changed\n", *v1);
    VERIFY_OK(v2);
    QVERIFY(*v2 > *v1);
    entry = store.read(u"user.cfg"_s);
    VERIFY_OK(entry);
    QCOMPARE(entry->data, QByteArray("changed\n"));
    QCOMPARE(entry->version, *v2);
    QCOMPARE(entry->mtime, f.clock().nowSeconds());

    VERIFY_FAILS(store.read(u"datacenter.cfg"_s), Code::NotFound);
}

void tst_ConfigStore::emptyFile()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    VERIFY_OK(f.store().write(u"empty.cfg"_s, QByteArray()));
    const Result<StoreEntry> entry = f.store().read(u"empty.cfg"_s);
    VERIFY_OK(entry);
    QVERIFY(entry->data.isEmpty());
    QCOMPARE(f.store().list(), QStringList{u"empty.cfg"_s});
}

void tst_ConfigStore::versionsGrowAndAreNeverReused()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const quint64 a1 = store.write(u"a.cfg"_s, "1").value();
    const quint64 b1 = store.write(u"b.cfg"_s, "1").value();
    QVERIFY(b1 > a1);
    VERIFY_OK(store.remove(u"a.cfg"_s));
    VERIFY_FAILS(store.read(u"a.cfg"_s), Code::NotFound);
    // Re-created: a version it never had before, and create-only works again.
    const quint64 a2 = store.write(u"a.cfg"_s, "2", 0).value();
    QVERIFY(a2 > b1);
    QCOMPARE(store.read(u"a.cfg"_s)->version, a2);
    // A stale version from before the removal is a conflict, not a match.
    VERIFY_FAILS(store.write(u"a.cfg"_s, "3", a1), Code::StoreConflict);
}

void tst_ConfigStore::expectedVersion_data()
{
    QTest::addColumn<bool>("exists");
    QTest::addColumn<int>("expected"); // -1: none, -2: the current version, -3: current - 1 (stale)
    QTest::addColumn<bool>("succeeds");

    QTest::newRow("no check, missing") << false << -1 << true;
    QTest::newRow("no check, existing") << true << -1 << true;
    QTest::newRow("create-only, missing") << false << 0 << true;
    QTest::newRow("create-only, existing") << true << 0 << false;
    QTest::newRow("current version") << true << -2 << true;
    QTest::newRow("stale version") << true << -3 << false;
    QTest::newRow("version of a missing file") << false << 7 << false;
    QTest::newRow("future version") << true << 1000 << false;
}

void tst_ConfigStore::expectedVersion()
{
    QFETCH_GLOBAL(QString, backend);
    QFETCH(bool, exists);
    QFETCH(int, expected);
    QFETCH(bool, succeeds);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_OK(store.write(u"other.cfg"_s, "x")); // so that "current - 1" is a real, older version
    quint64 current = 0;
    if (exists) {
        VERIFY_OK(store.write(u"vm.conf"_s, "old"));
        current = store.write(u"vm.conf"_s, "current").value();
    }
    std::optional<quint64> expectedVersion;
    if (expected == -2)
        expectedVersion = current;
    else if (expected == -3)
        expectedVersion = current - 1;
    else if (expected >= 0)
        expectedVersion = quint64(expected);

    const quint64 before = store.storeVersion();
    QSignalSpy spy(&store, &ConfigStore::changed);
    const Result<quint64> result = store.write(u"vm.conf"_s, "new", expectedVersion);
    if (succeeds) {
        VERIFY_OK(result);
        QCOMPARE(store.read(u"vm.conf"_s)->data, QByteArray("new"));
        QCOMPARE(spy.size(), 1);
    } else {
        VERIFY_FAILS(result, Code::StoreConflict);
        QCOMPARE(store.storeVersion(), before);
        QCOMPARE(spy.size(), 0);
        if (exists) {
            QCOMPARE(store.read(u"vm.conf"_s)->data, QByteArray("current"));
            QCOMPARE(store.read(u"vm.conf"_s)->version, current);
        } else {
            VERIFY_FAILS(store.read(u"vm.conf"_s), Code::NotFound);
        }
    }
}

void tst_ConfigStore::conflictMessageNamesPathAndVersions()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const quint64 v1 = store.write(u"nodes/n1/qemu-server/100.conf"_s, "a").value();
    const quint64 v2 = store.write(u"nodes/n1/qemu-server/100.conf"_s, "b", v1).value();
    const Result<quint64> stale = store.write(u"nodes/n1/qemu-server/100.conf"_s, "c", v1);
    VERIFY_FAILS(stale, Code::StoreConflict);
    const QString message = stale.error().message;
    QVERIFY2(message.contains(u"nodes/n1/qemu-server/100.conf"_s), qPrintable(message));
    QVERIFY2(message.contains(QString::number(v1)), qPrintable(message));
    QVERIFY2(message.contains(QString::number(v2)), qPrintable(message));
    QCOMPARE(stale.error().domain(), Domain::Store);
}

void tst_ConfigStore::remove()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const quint64 v = store.write(u"storage.cfg"_s, "dir: local\n").value();
    VERIFY_FAILS(store.remove(u"storage.cfg"_s, v + 100), Code::StoreConflict);
    VERIFY_OK(store.read(u"storage.cfg"_s));
    VERIFY_FAILS(store.remove(u"storage.cfg"_s, 0), Code::InvalidArgument);
    VERIFY_OK(store.remove(u"storage.cfg"_s, v));
    VERIFY_FAILS(store.read(u"storage.cfg"_s), Code::NotFound);
    VERIFY_FAILS(store.remove(u"storage.cfg"_s), Code::NotFound);
    VERIFY_FAILS(store.remove(u"storage.cfg"_s, v), Code::StoreConflict);
    QVERIFY(store.list().isEmpty());
}

void tst_ConfigStore::list()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const QStringList paths = {
        u"user.cfg"_s,
        u"nodes/node1/qemu-server/100.conf"_s,
        u"nodes/node1/lxc/101.conf"_s,
        u"nodes/node10/qemu-server/200.conf"_s,
        u"nodes/node1-b/qemu-server/300.conf"_s,
        u"priv/shadow.cfg"_s,
        u"ha/groups.cfg"_s,
    };
    for (const QString &path : paths)
        VERIFY_OK(store.write(path, path.toUtf8()));

    QStringList all = paths;
    all.sort();
    QCOMPARE(store.list(), all);
    QCOMPARE(store.list(u""_s), all);
    const QStringList node1 = {u"nodes/node1/lxc/101.conf"_s, u"nodes/node1/qemu-server/100.conf"_s};
    QCOMPARE(store.list(u"nodes/node1"_s), node1);
    QCOMPARE(store.list(u"nodes/node1/"_s), node1);
    QCOMPARE(store.list(u"nodes/node1/qemu-server"_s), QStringList{u"nodes/node1/qemu-server/100.conf"_s});
    QCOMPARE(store.list(u"nodes"_s).size(), 4);
    QCOMPARE(store.list(u"priv"_s), QStringList{u"priv/shadow.cfg"_s});
    QVERIFY(store.list(u"nodes/node2"_s).isEmpty());
    // A file is not a directory.
    QVERIFY(store.list(u"user.cfg"_s).isEmpty());
    // Invalid prefixes list nothing.
    QVERIFY(store.list(u"../nodes"_s).isEmpty());
    QVERIFY(store.list(u"/nodes"_s).isEmpty());
    QVERIFY(store.list(u"nodes//node1"_s).isEmpty());
}

void tst_ConfigStore::applyIsAllOrNothing()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const quint64 groups = store.write(u"ha/groups.cfg"_s, "g1").value();
    const quint64 resources = store.write(u"ha/resources.cfg"_s, "r1").value();
    const quint64 before = store.storeVersion();
    QSignalSpy spy(&store, &ConfigStore::changed);

    // The last change conflicts: nothing of the batch may land.
    Result<quint64> result = store.apply({
        StoreChange::write(u"ha/groups.cfg"_s, "g2", groups),
        StoreChange::write(u"ha/rules.cfg"_s, "new", 0),
        StoreChange::remove(u"ha/resources.cfg"_s, resources + 1),
    });
    VERIFY_FAILS(result, Code::StoreConflict);
    QCOMPARE(store.storeVersion(), before);
    QCOMPARE(store.read(u"ha/groups.cfg"_s)->data, QByteArray("g1"));
    VERIFY_FAILS(store.read(u"ha/rules.cfg"_s), Code::NotFound);
    QCOMPARE(store.read(u"ha/resources.cfg"_s)->version, resources);
    QCOMPARE(spy.size(), 0);

    // The same batch with the right versions commits as one version.
    result = store.apply({
        StoreChange::write(u"ha/groups.cfg"_s, "g2", groups),
        StoreChange::write(u"ha/rules.cfg"_s, "new", 0),
        StoreChange::remove(u"ha/resources.cfg"_s, resources),
    });
    VERIFY_OK(result);
    QVERIFY(*result > before);
    QCOMPARE(store.storeVersion(), *result);
    QCOMPARE(store.read(u"ha/groups.cfg"_s)->version, *result);
    QCOMPARE(store.read(u"ha/rules.cfg"_s)->version, *result);
    VERIFY_FAILS(store.read(u"ha/resources.cfg"_s), Code::NotFound);
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(0).at(0).toString(), u"ha/groups.cfg"_s);
    QCOMPARE(spy.at(1).at(0).toString(), u"ha/rules.cfg"_s);
    QCOMPARE(spy.at(2).at(0).toString(), u"ha/resources.cfg"_s);
    for (const QList<QVariant> &args : std::as_const(spy))
        QCOMPARE(args.at(1).toULongLong(), *result);

    // An empty batch changes nothing.
    QCOMPARE(store.apply({}).value(), *result);
}

void tst_ConfigStore::batchValidation()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_FAILS(store.apply({StoreChange::write(u"a"_s, "1"), StoreChange::write(u"a"_s, "2")}),
                 Code::InvalidArgument);
    VERIFY_FAILS(store.apply({StoreChange::write(u"a"_s, "1"), StoreChange::write(u"../b"_s, "2")}),
                 Code::InvalidArgument);
    QCOMPARE(store.storeVersion(), 0u);
    QVERIFY(store.list().isEmpty());
}

void tst_ConfigStore::fileAndDirectoryCannotClash()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_OK(store.write(u"nodes/node1"_s, "a file"));
    const quint64 before = store.storeVersion();
    VERIFY_FAILS(store.write(u"nodes/node1/lxc/101.conf"_s, "x"), Code::InvalidArgument);
    VERIFY_OK(store.write(u"nodes/node2/lxc/102.conf"_s, "x"));
    VERIFY_FAILS(store.write(u"nodes/node2"_s, "x"), Code::InvalidArgument);
    VERIFY_FAILS(store.write(u"nodes"_s, "x"), Code::InvalidArgument);
    // Inside one batch too, both ways.
    VERIFY_FAILS(store.apply({StoreChange::write(u"x/y"_s, "1"), StoreChange::write(u"x"_s, "2")}),
                 Code::InvalidArgument);
    VERIFY_FAILS(store.read(u"x/y"_s), Code::NotFound);
    // Replacing the file by a directory in one batch is fine.
    VERIFY_OK(store.apply({StoreChange::remove(u"nodes/node1"_s),
                           StoreChange::write(u"nodes/node1/lxc/101.conf"_s, "x")}));
    QVERIFY(store.storeVersion() > before);
    QCOMPARE(store.list(u"nodes"_s),
             (QStringList{u"nodes/node1/lxc/101.conf"_s, u"nodes/node2/lxc/102.conf"_s}));
}

void tst_ConfigStore::readOnlyMode()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend == u"replicated")
        QSKIP("read-only follows quorum there: tst_ReplicatedStore::minorityIsReadOnly");
    Fixture f(backend);
    ConfigStore &store = f.store();
    const quint64 v = store.write(u"datacenter.cfg"_s, "keyboard: en-us\n").value();
    QVERIFY(store.isWritable());
    QVERIFY(store.readOnlyReason().isEmpty());

    QSignalSpy writable(&store, &ConfigStore::writableChanged);
    QSignalSpy changed(&store, &ConfigStore::changed);
    f.setReadOnly(u"no quorum"_s);
    QVERIFY(!store.isWritable());
    QCOMPARE(store.readOnlyReason(), u"no quorum"_s);
    QCOMPARE(writable.size(), 1);
    QCOMPARE(writable.at(0).at(0).toBool(), false);

    const Result<quint64> refused = store.write(u"datacenter.cfg"_s, "x", v);
    VERIFY_FAILS(refused, Code::StoreReadOnly);
    QVERIFY2(refused.error().message.contains(u"no quorum"_s), qPrintable(refused.error().message));
    VERIFY_FAILS(store.remove(u"datacenter.cfg"_s), Code::StoreReadOnly);
    VERIFY_FAILS(store.write(u"new.cfg"_s, "x"), Code::StoreReadOnly);
    // Reads go on.
    QCOMPARE(store.read(u"datacenter.cfg"_s)->data, QByteArray("keyboard: en-us\n"));
    QCOMPARE(store.list(), QStringList{u"datacenter.cfg"_s});
    QCOMPARE(store.storeVersion(), v);
    QCOMPARE(changed.size(), 0);

    f.setWritable();
    QVERIFY(store.isWritable());
    QCOMPARE(writable.size(), 2);
    QCOMPARE(writable.at(1).at(0).toBool(), true);
    VERIFY_OK(store.write(u"datacenter.cfg"_s, "x", v));
}

void tst_ConfigStore::rejectsBadPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("empty") << QString();
    QTest::newRow("absolute") << u"/etc/passwd"_s;
    QTest::newRow("parent") << u"../etc/passwd"_s;
    QTest::newRow("parent inside") << u"nodes/../../etc/shadow"_s;
    QTest::newRow("parent at end") << u"nodes/.."_s;
    QTest::newRow("dot") << u"./user.cfg"_s;
    QTest::newRow("dot inside") << u"nodes/./x"_s;
    QTest::newRow("double slash") << u"nodes//x"_s;
    QTest::newRow("trailing slash") << u"nodes/"_s;
    QTest::newRow("only slash") << u"/"_s;
    QTest::newRow("newline") << u"user.cfg\nx"_s;
    QTest::newRow("tab") << u"a\tb"_s;
    QTest::newRow("space") << u"my file.cfg"_s;
    QTest::newRow("nul") << QString(u"a\0b"_s);
    QTest::newRow("escape") << u"a\x1b[31m"_s;
    QTest::newRow("DEL") << u"a\x7f"_s;
    QTest::newRow("lone surrogate") << QString(QChar(0xD800));
    QTest::newRow("reserved manifest") << u".atalaia-export"_s;
    QTest::newRow("reserved inside") << u"nodes/.atalaia-tmp-1-x"_s;
    QTest::newRow("long segment") << QString(256, u'a');
    QTest::newRow("long path") << (QString(200, u'a') + u'/').repeated(6).chopped(1);
}

void tst_ConfigStore::rejectsBadPaths()
{
    QFETCH_GLOBAL(QString, backend);
    QFETCH(QString, path);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_FAILS(store.write(path, "x"), Code::InvalidArgument);
    VERIFY_FAILS(store.read(path), Code::InvalidArgument);
    VERIFY_FAILS(store.remove(path), Code::InvalidArgument);
    VERIFY_FAILS(store.digest(path), Code::InvalidArgument);
    VERIFY_FAILS(store.apply({StoreChange::write(u"fine.cfg"_s, "x"), StoreChange::write(path, "x")}),
                 Code::InvalidArgument);
    QVERIFY(store.list().isEmpty());
    QCOMPARE(store.storeVersion(), 0u);
}

void tst_ConfigStore::acceptsGoodPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("top level") << u"user.cfg"_s;
    QTest::newRow("guest") << u"nodes/node-1/qemu-server/100.conf"_s;
    QTest::newRow("secret") << u"priv/shadow.cfg"_s;
    QTest::newRow("dot file") << u".version"_s;
    QTest::newRow("dots in name") << u"priv/lock/ha_agent_node1.lock..bak"_s;
    QTest::newRow("unicode") << u"notas/café.txt"_s;
    QTest::newRow("non-BMP") << u"x/\U0001F600.txt"_s;
    QTest::newRow("long but legal") << (QString(200, u'a') + u'/').repeated(5).chopped(1);
}

void tst_ConfigStore::acceptsGoodPaths()
{
    QFETCH_GLOBAL(QString, backend);
    QFETCH(QString, path);
    Fixture f(backend);
    VERIFY_OK(StorePath::validate(path));
    VERIFY_OK(f.store().write(path, "x"));
    QCOMPARE(f.store().read(path)->data, QByteArray("x"));
    QCOMPARE(f.store().list(), QStringList{path});
}

void tst_ConfigStore::sizeLimit()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    const QByteArray largest(ConfigStore::kMaxFileSize, 'x');
    VERIFY_OK(f.store().write(u"big.bin"_s, largest));
    QCOMPARE(f.store().read(u"big.bin"_s)->data.size(), ConfigStore::kMaxFileSize);
    const Result<quint64> tooBig = f.store().write(u"big.bin"_s, largest + 'x');
    VERIFY_FAILS(tooBig, Code::InvalidArgument);
    QCOMPARE(f.store().read(u"big.bin"_s)->data.size(), ConfigStore::kMaxFileSize);
}

void tst_ConfigStore::digestIsSha1Hex()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    // SHA-1 test vectors (FIPS 180), in PVE's lower-case hex.
    QCOMPARE(ConfigStore::contentDigest(QByteArray()), u"da39a3ee5e6b4b0d3255bfef95601890afd80709"_s);
    VERIFY_OK(f.store().write(u"abc.cfg"_s, "abc"));
    QCOMPARE(f.store().digest(u"abc.cfg"_s).value(), u"a9993e364706816aba3e25717850c26c9cd0d89d"_s);
    VERIFY_FAILS(f.store().digest(u"missing.cfg"_s), Code::NotFound);
}

void tst_ConfigStore::changedSignal()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    QSignalSpy spy(&store, &ConfigStore::changed);
    // A direct receiver may call the store: the signal comes after the commit,
    // outside the lock, and shows the committed state.
    QByteArray seen;
    connect(&store, &ConfigStore::changed, this, [&](const QString &path, quint64) {
        const Result<StoreEntry> entry = store.read(path);
        seen = entry ? entry->data : QByteArray("<removed>");
    });
    const quint64 v1 = store.write(u"a.cfg"_s, "1").value();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"a.cfg"_s);
    QCOMPARE(spy.at(0).at(1).toULongLong(), v1);
    QCOMPARE(seen, QByteArray("1"));
    VERIFY_OK(store.remove(u"a.cfg"_s));
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), u"a.cfg"_s);
    QVERIFY(spy.at(1).at(1).toULongLong() > v1);
    QCOMPARE(spy.at(1).at(1).toULongLong(), store.storeVersion());
    QCOMPARE(seen, QByteArray("<removed>"));
    // Failed writes are silent.
    VERIFY_FAILS(store.remove(u"a.cfg"_s), Code::NotFound);
    QCOMPARE(spy.size(), 2);
}

void tst_ConfigStore::changedSignalQueuedAcrossThreads()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    QList<std::pair<QString, quint64>> received;
    QObject receiver; // lives in this thread: AutoConnection queues
    connect(&store, &ConfigStore::changed, &receiver,
            [&](const QString &path, quint64 version) { received.append({path, version}); });
    std::atomic<quint64> written = 0;
    std::unique_ptr<QThread> writer(QThread::create([&] {
        for (int i = 0; i < 20; ++i)
            written = store.write(u"thread/%1.cfg"_s.arg(i), "x").value_or(0);
    }));
    writer->start();
    QVERIFY(writer->wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 20, 30000);
    QCOMPARE(received.last().first, u"thread/19.cfg"_s);
    QCOMPARE(received.last().second, written.load());
}

void tst_ConfigStore::concurrentIncrementsLoseNothing()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_OK(store.write(u"counter"_s, "0"));
    constexpr int kThreads = 4;
    constexpr int kIncrements = 50;
    std::atomic<int> conflicts = 0;
    std::atomic<int> failures = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < kIncrements; ++i) {
                // Read, modify, write with the version read; on conflict
                // read again: the optimistic loop every API handler runs.
                for (;;) {
                    const Result<StoreEntry> entry = store.read(u"counter"_s);
                    if (!entry) {
                        ++failures;
                        return;
                    }
                    const QByteArray next = QByteArray::number(entry->data.toInt() + 1);
                    const Result<quint64> written = store.write(u"counter"_s, next, entry->version);
                    if (written)
                        break;
                    if (written.error().code != Code::StoreConflict) {
                        ++failures;
                        return;
                    }
                    ++conflicts;
                }
            }
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(120000));
    QCOMPARE(failures.load(), 0);
    QCOMPARE(store.read(u"counter"_s)->data, QByteArray::number(kThreads * kIncrements));
    qDebug() << "conflicts retried:" << conflicts.load();
}

void tst_ConfigStore::staleWriterGetsConflict()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    constexpr int kRounds = 30;
    // Two writers read the same version, meet at a barrier, then both write
    // with it: in every round exactly one wins, the other gets a conflict,
    // and the file holds the winner's data.
    std::barrier sync(2);
    std::atomic<int> wins[2] = {0, 0};
    std::atomic<int> conflicts = 0;
    std::atomic<int> other = 0;
    QList<QByteArray> winners(kRounds);
    VERIFY_OK(store.write(u"vm.conf"_s, "start"));
    auto writer = [&](int id) {
        for (int round = 0; round < kRounds; ++round) {
            const quint64 version = store.read(u"vm.conf"_s)->version;
            sync.arrive_and_wait();
            const QByteArray data = "round " + QByteArray::number(round) + " writer " + QByteArray::number(id);
            const Result<quint64> written = store.write(u"vm.conf"_s, data, version);
            if (written) {
                ++wins[id];
                winners[round] = data;
            } else if (written.error().code == Code::StoreConflict) {
                ++conflicts;
            } else {
                ++other;
            }
            sync.arrive_and_wait(); // both done before the next round reads
            if (id == 0 && store.read(u"vm.conf"_s)->data != winners[round])
                ++other;
            sync.arrive_and_wait();
        }
    };
    std::unique_ptr<QThread> a(QThread::create(writer, 0));
    std::unique_ptr<QThread> b(QThread::create(writer, 1));
    a->start();
    b->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));
    QCOMPARE(other.load(), 0);
    QCOMPARE(conflicts.load(), kRounds);
    QCOMPARE(wins[0].load() + wins[1].load(), kRounds);
}

void tst_ConfigStore::exportWritesFilesAtomically()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    VERIFY_OK(store.write(u"user.cfg"_s, "user:root@pam:1:0:::::\n"));
    VERIFY_OK(store.write(u"priv/shadow.cfg"_s, "secret\n"));
    VERIFY_OK(store.write(u"nodes/node1/qemu-server/100.conf"_s, "memory: 2048\n"));
    VERIFY_OK(store.write(u"empty"_s, QByteArray()));

    const QString out = f.dir() + u"/export"_s;
    const Result<qsizetype> count = store.exportTo(out);
    VERIFY_OK(count);
    QCOMPARE(*count, 4);

    const auto readFile = [&](const QString &path) {
        QFile file(out + u'/' + path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    };
    const auto modeOf = [&](const QString &path) {
        struct stat st {};
        return ::lstat(QFile::encodeName(out + u'/' + path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
    };
    QCOMPARE(readFile(u"user.cfg"_s), QByteArray("user:root@pam:1:0:::::\n"));
    QCOMPARE(readFile(u"priv/shadow.cfg"_s), QByteArray("secret\n"));
    QCOMPARE(readFile(u"nodes/node1/qemu-server/100.conf"_s), QByteArray("memory: 2048\n"));
    QCOMPARE(readFile(u"empty"_s), QByteArray());
    QCOMPARE(modeOf(u"user.cfg"_s), 0444);
    QCOMPARE(modeOf(u"priv/shadow.cfg"_s), 0400);
    QCOMPARE(modeOf(u"priv"_s), 0700);
    QCOMPARE(modeOf(u"nodes/node1"_s), 0755);
    QCOMPARE(QFileInfo(out + u"/user.cfg"_s).lastModified().toSecsSinceEpoch(), f.clock().nowSeconds());
    // No temporary file is left behind.
    const QStringList top = QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(top, (QStringList{u".atalaia-export"_s, u"empty"_s, u"nodes"_s, u"priv"_s, u"user.cfg"_s}));

    // A second export replaces files that are read-only (0444) in place.
    VERIFY_OK(store.write(u"user.cfg"_s, "changed\n"));
    VERIFY_OK(store.exportTo(out));
    QCOMPARE(readFile(u"user.cfg"_s), QByteArray("changed\n"));
}

void tst_ConfigStore::exportRemovesOnlyWhatItWrote()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const QString out = f.dir() + u"/export"_s;
    QVERIFY(QDir().mkpath(out + u"/nodes"_s));
    // Files of someone else, in and next to the export.
    QFile mine(out + u"/nodes/admin-notes.txt"_s);
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("keep me");
    mine.close();
    QFile outside(f.dir() + u"/outside.txt"_s);
    QVERIFY(outside.open(QIODevice::WriteOnly));
    outside.close();

    VERIFY_OK(store.write(u"nodes/node1/lxc/101.conf"_s, "x"));
    VERIFY_OK(store.write(u"ha/groups.cfg"_s, "x"));
    VERIFY_OK(store.exportTo(out));
    QVERIFY(QFile::exists(out + u"/nodes/node1/lxc/101.conf"_s));

    VERIFY_OK(store.remove(u"nodes/node1/lxc/101.conf"_s));
    VERIFY_OK(store.exportTo(out));
    QVERIFY(!QFile::exists(out + u"/nodes/node1/lxc/101.conf"_s));
    QVERIFY(!QFileInfo::exists(out + u"/nodes/node1"_s)); // left empty, removed
    QVERIFY(QFile::exists(out + u"/nodes/admin-notes.txt"_s));
    QVERIFY(QFile::exists(out + u"/ha/groups.cfg"_s));

    // A doctored manifest cannot make the export delete outside its tree.
    const QString manifest = out + u"/.atalaia-export"_s;
    QVERIFY(QFile::setPermissions(manifest, QFile::ReadOwner | QFile::WriteOwner));
    QFile doctored(manifest);
    QVERIFY(doctored.open(QIODevice::Append));
    doctored.write("../outside.txt\n/etc/hostname\nnodes/admin-notes.txt/../../../outside.txt\n");
    doctored.close();
    VERIFY_OK(store.exportTo(out));
    QVERIFY(QFile::exists(f.dir() + u"/outside.txt"_s));
    QVERIFY(QFile::exists(out + u"/nodes/admin-notes.txt"_s));
}

void tst_ConfigStore::exportFollowsFileDirectorySwap()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    ConfigStore &store = f.store();
    const QString out = f.dir() + u"/export"_s;
    const auto contents = [&](const QString &path) {
        QFile file(out + u'/' + path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    };

    // A file becomes a directory...
    VERIFY_OK(store.write(u"sdn/zones"_s, "file"));
    VERIFY_OK(store.exportTo(out));
    VERIFY_OK(store.apply({StoreChange::remove(u"sdn/zones"_s), StoreChange::write(u"sdn/zones/z1.cfg"_s, "zone")}));
    VERIFY_OK(store.exportTo(out));
    QCOMPARE(contents(u"sdn/zones/z1.cfg"_s), QByteArray("zone"));

    // ... and back to a file.
    VERIFY_OK(store.apply({StoreChange::remove(u"sdn/zones/z1.cfg"_s), StoreChange::write(u"sdn/zones"_s, "file again")}));
    VERIFY_OK(store.exportTo(out));
    QCOMPARE(contents(u"sdn/zones"_s), QByteArray("file again"));

    // A directory holding someone else's file stays, and the export says so.
    VERIFY_OK(store.apply({StoreChange::remove(u"sdn/zones"_s), StoreChange::write(u"sdn/zones/z2.cfg"_s, "zone")}));
    VERIFY_OK(store.exportTo(out));
    QFile foreign(out + u"/sdn/zones/notes.txt"_s);
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.close();
    VERIFY_OK(store.apply({StoreChange::remove(u"sdn/zones/z2.cfg"_s), StoreChange::write(u"sdn/zones"_s, "x")}));
    VERIFY_FAILS(store.exportTo(out), Code::StoreIo);
    QVERIFY(QFile::exists(out + u"/sdn/zones/notes.txt"_s));
}

void tst_ConfigStore::survivesRestart()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    if (!f.isSqlite())
        QSKIP("only SqliteStore persists");
    ConfigStore *store = &f.store();
    VERIFY_OK(store->write(u"user.cfg"_s, "users"));
    const quint64 vm = store->write(u"nodes/node1/qemu-server/100.conf"_s, "vm").value();
    VERIFY_OK(store->write(u"gone.cfg"_s, "x"));
    VERIFY_OK(store->remove(u"gone.cfg"_s));
    const quint64 last = store->storeVersion();
    f.setReadOnly(u"testing"_s);

    f.reopen();
    store = &f.store();
    QVERIFY(store->isWritable()); // read-only mode is not persisted
    QCOMPARE(store->storeVersion(), last);
    QCOMPARE(store->list(), (QStringList{u"nodes/node1/qemu-server/100.conf"_s, u"user.cfg"_s}));
    QCOMPARE(store->read(u"user.cfg"_s)->data, QByteArray("users"));
    QCOMPARE(store->read(u"nodes/node1/qemu-server/100.conf"_s)->version, vm);
    VERIFY_FAILS(store->read(u"gone.cfg"_s), Code::NotFound);
    // Versions go on from where they were, never reused.
    const quint64 next = store->write(u"gone.cfg"_s, "again", 0).value();
    QVERIFY(next > last);
    QCOMPARE(QFileInfo(f.dbFile()).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
}

void tst_ConfigStore::crashKeepsOldOrNewState()
{
    QFETCH_GLOBAL(QString, backend);
    Fixture f(backend);
    if (!f.isSqlite())
        QSKIP("only SqliteStore persists");
    const QString dbFile = f.dir() + u"/crash.db"_s;

    // A child process commits two-file batches in a loop and prints each
    // acknowledged version; we kill it (SIGKILL) mid-stream.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kCrashWriterEnv), dbFile);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(child.waitForStarted(30000), qPrintable(child.errorString()));
    quint64 acknowledged = 0;
    QByteArray pending;
    while (acknowledged < 40) {
        QVERIFY2(child.waitForReadyRead(60000), child.readAllStandardError().constData());
        pending += child.readAllStandardOutput();
        const qsizetype end = pending.lastIndexOf('\n');
        if (end < 0)
            continue;
        const QList<QByteArray> lines = pending.left(end).split('\n');
        acknowledged = lines.last().toULongLong();
        pending = pending.mid(end + 1);
    }
    child.kill();
    QVERIFY(child.waitForFinished(30000));

    Result<std::unique_ptr<SqliteStore>> reopened = SqliteStore::open(dbFile);
    VERIFY_OK(reopened);
    SqliteStore &store = **reopened;
    const StoreEntry a = store.read(u"pair/a"_s).value();
    const StoreEntry b = store.read(u"pair/b"_s).value();
    // Never half a batch, and nothing acknowledged is lost.
    QCOMPARE(a.version, b.version);
    QCOMPARE(a.data, b.data);
    QVERIFY2(a.version >= acknowledged,
             qPrintable(u"stored %1, acknowledged %2"_s.arg(a.version).arg(acknowledged)));
    QCOMPARE(store.storeVersion(), a.version);
    VERIFY_OK(store.write(u"pair/a"_s, "after", a.version));
}

int main(int argc, char *argv[])
{
    if (const QByteArray db = qgetenv(kCrashWriterEnv); !db.isEmpty())
        return runCrashWriter(QString::fromLocal8Bit(db));
    QCoreApplication app(argc, argv);
    tst_ConfigStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_ConfigStore.moc"
