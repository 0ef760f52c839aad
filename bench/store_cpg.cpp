// Store write latency on real corosync CPG against a bare CPG round trip,
// measured by the same program in the same run (the cluster issue's goal:
// store median <= 2x CPG round trip), and writes/s sustained.
//
// One process per lab node: `--role follower` on node2 and node3, `--role
// leader` on node1 (tools/bench store runs all three). Every process runs a
// ReplicatedStore (SqliteStore in a temporary directory, as the agent does) on
// a CpgChannel, plus a plain CpgChannel group "atalaia_bench":
//   * followers acknowledge each probe ("P seq" -> "A seq") and every store
//     version they apply ("V version", from ConfigStore::changed);
//   * the leader measures (a) probe -> both acknowledgements, (b) store.write()
//     -> both followers applied that version, (c) writes/s with N threads,
//     counted up to the version both followers acknowledged; then says "Q".
#include "cluster/ReplicatedStore.h"
#include "cluster/corosync/CpgChannel.h"
#include "store/SqliteStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace atalaia;
using atalaia::cluster::GroupMember;
using atalaia::cluster::corosync::CpgChannel;

namespace {

enum class Msg : quint8 { Probe = 'P', Ack = 'A', Applied = 'V', Quit = 'Q' };

QByteArray message(Msg kind, quint64 value)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << quint8(kind) << value;
    return out;
}

bool parse(const QByteArray &payload, Msg &kind, quint64 &value)
{
    QDataStream s(payload);
    quint8 k = 0;
    s >> k >> value;
    kind = Msg(k);
    return s.status() == QDataStream::Ok;
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_store_cpg: %s\n", qPrintable(what));
    std::exit(1);
}

// The leader's view of the bench group: acknowledgements per follower node.
struct Acks {
    QMutex mutex;
    QWaitCondition wake;
    QList<GroupMember> members;
    QHash<quint32, quint64> lastProbe;   // follower nodeid -> last probe acknowledged
    QHash<quint32, quint64> applied;     // follower nodeid -> highest version applied
    quint32 selfNode = 0;

    // The lowest value over the two followers (0 until both are there).
    quint64 minOf(const QHash<quint32, quint64> &h) const
    {
        if (h.size() < 2)
            return 0;
        quint64 m = ~quint64(0);
        for (auto v : h)
            m = std::min(m, v);
        return m;
    }
    bool waitFor(const QHash<quint32, quint64> &h, quint64 value, QDeadlineTimer deadline)
    {
        while (minOf(h) < value)
            if (!wake.wait(&mutex, deadline))
                return minOf(h) >= value;
        return true;
    }
};

std::unique_ptr<cluster::ReplicatedStore> openStore(const QTemporaryDir &dir)
{
    auto local = store::SqliteStore::open(dir.filePath(QStringLiteral("config.db")));
    if (!local)
        die(QStringLiteral("cannot open the store: %1").arg(local.error().message));
    auto s = std::make_unique<cluster::ReplicatedStore>(std::move(*local));
    if (auto ok = s->attach(std::make_unique<CpgChannel>(), QString(), false); !ok)
        die(QStringLiteral("cannot attach the store: %1").arg(ok.error().message));
    return s;
}

int runFollower(QCoreApplication &app)
{
    QTemporaryDir dir;
    // Declared before the store, so the store (whose dispatch thread sends on
    // bench) is gone before bench is.
    CpgChannel bench(QStringLiteral("atalaia_bench"));
    auto store = openStore(dir);
    QObject::connect(&bench, &CpgChannel::delivered, &bench, [&](GroupMember from, const QByteArray &payload) {
        Msg kind;
        quint64 value = 0;
        if (from == bench.self() || !parse(payload, kind, value))
            return;
        if (kind == Msg::Probe)
            (void)bench.send(message(Msg::Ack, value));
        else if (kind == Msg::Quit)
            QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    }, Qt::DirectConnection);
    // Applied on the store's dispatch thread, in order: acknowledge each version once.
    auto lastAcked = std::make_shared<quint64>(0);
    QObject::connect(store.get(), &store::ConfigStore::changed, store.get(),
                     [&bench, lastAcked](const QString &, quint64 version) {
                         if (version <= *lastAcked)
                             return;
                         *lastAcked = version;
                         (void)bench.send(message(Msg::Applied, version));
                     }, Qt::DirectConnection);
    if (auto ok = bench.join(); !ok)
        die(ok.error().message);
    QTimer::singleShot(600'000, &app, &QCoreApplication::quit); // never outlive a lost leader for long
    std::fprintf(stderr, "bench_store_cpg: follower ready\n");
    const int rc = app.exec();
    QObject::disconnect(store.get(), &store::ConfigStore::changed, nullptr, nullptr);
    store.reset();
    return rc;
}

struct Summary {
    double median = 0, p95 = 0, p99 = 0;
};

Summary summarise(std::vector<double> us)
{
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us[std::min(us.size() - 1, size_t(q * double(us.size())))]; };
    return {at(0.5), at(0.95), at(0.99)};
}

int runLeader(int samples, int seconds, int threads)
{
    QTemporaryDir dir;
    Acks acks;
    CpgChannel bench(QStringLiteral("atalaia_bench"));
    QObject::connect(&bench, &CpgChannel::configurationChanged, &bench,
                     [&](const QList<GroupMember> &members, const QList<GroupMember> &, const QList<GroupMember> &) {
                         const QMutexLocker locker(&acks.mutex);
                         acks.members = members;
                         acks.wake.wakeAll();
                     }, Qt::DirectConnection);
    QObject::connect(&bench, &CpgChannel::delivered, &bench, [&](GroupMember from, const QByteArray &payload) {
        Msg kind;
        quint64 value = 0;
        if (!parse(payload, kind, value))
            return;
        const QMutexLocker locker(&acks.mutex);
        if (from.nodeid == acks.selfNode)
            return;
        if (kind == Msg::Ack)
            acks.lastProbe[from.nodeid] = std::max(acks.lastProbe.value(from.nodeid), value);
        else if (kind == Msg::Applied)
            acks.applied[from.nodeid] = std::max(acks.applied.value(from.nodeid), value);
        else
            return;
        acks.wake.wakeAll();
    }, Qt::DirectConnection);
    if (auto ok = bench.join(); !ok)
        die(ok.error().message);

    // Both followers in the bench group.
    {
        const QMutexLocker locker(&acks.mutex);
        QDeadlineTimer deadline(60'000);
        while (acks.members.size() < 3)
            if (!acks.wake.wait(&acks.mutex, deadline))
                die(QStringLiteral("the followers did not join the bench group within 60 s"));
        acks.selfNode = bench.self().nodeid;
    }
    auto store = openStore(dir);

    // Warm-up: until a write is applied by both followers (all three in the store's group, synchronised).
    {
        QDeadlineTimer deadline(60'000);
        for (;;) {
            if (deadline.hasExpired())
                die(QStringLiteral("the store's group did not form within 60 s"));
            auto v = store->write(QStringLiteral("bench/warmup"), QByteArray(100, 'w'));
            if (!v) {
                QThread::msleep(100);
                continue;
            }
            const QMutexLocker locker(&acks.mutex);
            if (acks.waitFor(acks.applied, *v, QDeadlineTimer(1000)))
                break;
        }
        for (int i = 0; i < 50; ++i) {
            (void)bench.send(message(Msg::Probe, quint64(i + 1)));
            const QMutexLocker locker(&acks.mutex);
            acks.waitFor(acks.lastProbe, quint64(i + 1), QDeadlineTimer(5000));
        }
    }

    QElapsedTimer clock;
    // (a) bare CPG round trip.
    std::vector<double> cpg;
    for (int i = 0; i < samples; ++i) {
        const quint64 seq = 1000 + quint64(i);
        clock.start();
        if (auto ok = bench.send(message(Msg::Probe, seq)); !ok)
            die(ok.error().message);
        const QMutexLocker locker(&acks.mutex);
        if (!acks.waitFor(acks.lastProbe, seq, QDeadlineTimer(10'000)))
            die(QStringLiteral("probe %1 not acknowledged within 10 s").arg(seq));
        cpg.push_back(double(clock.nsecsElapsed()) / 1000.0);
    }

    // (b) store write, applied on all three.
    std::vector<double> writes;
    const QByteArray data(100, 'x');
    for (int i = 0; i < samples; ++i) {
        clock.start();
        auto v = store->write(QStringLiteral("bench/latency"), data);
        if (!v)
            die(QStringLiteral("write failed: %1").arg(v.error().message));
        const QMutexLocker locker(&acks.mutex);
        if (!acks.waitFor(acks.applied, *v, QDeadlineTimer(10'000)))
            die(QStringLiteral("version %1 not applied by both followers within 10 s").arg(*v));
        writes.push_back(double(clock.nsecsElapsed()) / 1000.0);
    }

    // Context for (b): the same write on a bare SqliteStore (its fsync), no group.
    std::vector<double> local;
    {
        auto sqlite = store::SqliteStore::open(dir.filePath(QStringLiteral("local.db")));
        if (!sqlite)
            die(sqlite.error().message);
        for (int i = 0; i < samples; ++i) {
            clock.start();
            if (auto v = (*sqlite)->write(QStringLiteral("bench/latency"), data); !v)
                die(v.error().message);
            local.push_back(double(clock.nsecsElapsed()) / 1000.0);
        }
    }

    // (c) sustained: threads write for `seconds`; count what both followers applied.
    const quint64 before = store->storeVersion();
    std::atomic<bool> stop{false};
    std::atomic<quint64> maxVersion{before}, failures{0};
    std::vector<std::unique_ptr<QThread>> workers;
    clock.start();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&, t] {
            const QString path = QStringLiteral("bench/load/%1").arg(t);
            while (!stop.load()) {
                auto v = store->write(path, data);
                if (!v) {
                    failures.fetch_add(1);
                    continue;
                }
                quint64 cur = maxVersion.load();
                while (cur < *v && !maxVersion.compare_exchange_weak(cur, *v)) {}
            }
        }));
        workers.back()->start();
    }
    QThread::msleep(ulong(seconds) * 1000);
    stop = true;
    for (auto &w : workers)
        w->wait();
    {
        const QMutexLocker locker(&acks.mutex);
        if (!acks.waitFor(acks.applied, maxVersion.load(), QDeadlineTimer(30'000)))
            die(QStringLiteral("the followers did not catch up within 30 s"));
    }
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    const quint64 acknowledged = maxVersion.load() - before;

    (void)bench.send(message(Msg::Quit, 0));

    const Summary a = summarise(cpg), b = summarise(writes), l = summarise(local);
    const double ratio = b.median / a.median;
    std::printf("\nstore on corosync CPG, 3 nodes, %d samples each, 100-byte writes (SqliteStore)\n", samples);
    std::printf("%-44s %10s %10s %10s\n", "latency (us)", "median", "p95", "p99");
    std::printf("%-44s %10.0f %10.0f %10.0f\n", "(a) bare CPG round trip (probe -> 2 acks)", a.median, a.p95, a.p99);
    std::printf("%-44s %10.0f %10.0f %10.0f\n", "(b) store write -> applied on all 3", b.median, b.p95, b.p99);
    std::printf("%-44s %10.0f %10.0f %10.0f\n", "    for reference: bare SqliteStore write", l.median, l.p95, l.p99);
    std::printf("%-44s %9.2fx   goal <= 2.00x: %s\n", "ratio (b)/(a) medians", ratio, ratio <= 2.0 ? "met" : "NOT met");
    std::printf("%-44s %10.0f   (%llu writes acknowledged by both followers in %.2f s, %d threads, %llu failed)\n",
                "(c) sustained writes/s", double(acknowledged) / elapsed, (unsigned long long)acknowledged, elapsed,
                threads, (unsigned long long)failures.load());
    std::fflush(stdout);
    QThread::msleep(200); // let the quit message leave
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("role"), QStringLiteral("leader or follower"), QStringLiteral("role")});
    p.addOption({QStringLiteral("samples"), QStringLiteral("latency samples (500)"), QStringLiteral("n"), QStringLiteral("500")});
    p.addOption({QStringLiteral("seconds"), QStringLiteral("sustained phase (5)"), QStringLiteral("s"), QStringLiteral("5")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("sustained writers (4)"), QStringLiteral("n"), QStringLiteral("4")});
    p.addOption({QStringLiteral("verbose"), QStringLiteral("keep the cluster code's info messages")});
    p.process(app);
    if (!p.isSet(QStringLiteral("verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("atalaia.cluster.*.info=false\natalaia.cluster.*.debug=false"));
    const QString role = p.value(QStringLiteral("role"));
    if (role == u"follower")
        return runFollower(app);
    if (role == u"leader")
        return runLeader(std::max(1, p.value(QStringLiteral("samples")).toInt()),
                         std::max(1, p.value(QStringLiteral("seconds")).toInt()),
                         std::max(1, p.value(QStringLiteral("threads")).toInt()));
    die(QStringLiteral("--role leader|follower"));
}
