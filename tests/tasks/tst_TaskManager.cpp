// TaskManager: UPIDs, PVE task logs and statuses, listing, paging,
// cancellation, restart recovery and concurrency.

#include "tasks/ExitStatus.h"
#include "tasks/ProcessInfo.h"
#include "tasks/TaskManager.h"

#include "base/Clock.h"

#include "ResultChecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <unistd.h>

using namespace atalaia;
using namespace atalaia::tasks;
using namespace Qt::StringLiterals;
using model::Upid;

namespace {

constexpr auto kCrashTaskEnv = "ATALAIA_TST_TASKS_CRASH_DIR";
constexpr int kTimeoutMs = 60000;

model::NodeId nodeId(const QString &name)
{
    return model::NodeId::parse(name).value();
}

// Records a manager's signals in the test thread. Signals from worker
// threads arrive queued, as they would in the agent's event stream.
class Recorder : public QObject
{
public:
    explicit Recorder(TaskManager &manager)
    {
        connect(&manager, &TaskManager::taskStarted, this, [this](const Upid &upid) { started.append(upid); });
        connect(&manager, &TaskManager::taskLogLine, this, [this](const Upid &upid, qsizetype n, const QString &line) {
            lines[upid].append({n, line});
        });
        connect(&manager, &TaskManager::taskProgress, this,
                [this](const Upid &upid, double value) { progress[upid].append(value); });
        connect(&manager, &TaskManager::taskFinished, this,
                [this](const Upid &upid, const QString &exitStatus) { finished.insert(upid, exitStatus); });
    }

    bool hasLine(const Upid &upid, const QString &text) const
    {
        for (const auto &[n, line] : lines.value(upid))
            if (line == text)
                return true;
        return false;
    }

    QList<Upid> started;
    QHash<Upid, QList<std::pair<qsizetype, QString>>> lines;
    QHash<Upid, QList<double>> progress;
    QHash<Upid, QString> finished;
};

QStringList fileLines(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {u"<unreadable>"_s};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

TaskSpec spec(const QString &type, const QString &id, const QString &user,
              std::function<Result<void>(TaskContext &)> work = [](TaskContext &) { return Result<void>(); })
{
    return TaskSpec{type, id, user, std::move(work)};
}

// The child process of restartMarksCrashedTaskUnexpected: starts a task that
// logs and blocks, prints its UPID, and waits to be killed.
int runCrashTask(const QString &dataDir)
{
    Result<std::unique_ptr<TaskManager>> manager =
        TaskManager::open({dataDir, model::NodeId::parse(u"node1").value(), 2, nullptr});
    if (!manager) {
        std::fprintf(stderr, "%s\n", qPrintable(manager.error().message));
        return 2;
    }
    Result<Upid> upid = (*manager)->start(spec(u"qmigrate"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"starting migration of VM 100"_s);
        std::printf("%s\n", qPrintable(context.upid().toString()));
        std::fflush(stdout);
        context.waitForCancel(-1);
        return Result<void>();
    }));
    if (!upid) {
        std::fprintf(stderr, "%s\n", qPrintable(upid.error().message));
        return 3;
    }
    for (;;)
        ::pause();
}

} // namespace

class tst_TaskManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void succeedsWithLog();
    void failsWithTaskError();
    void multiLineErrorIsOneLine();
    void warnings();
    void exceptionBecomesError();
    void progressIsClamped();
    void cancellation();
    void cancellationOfIgnoringWork();
    void cancellationKeepsOwnError();
    void queuedTaskStoppedBeforeItRuns();
    void emptyLogReadsNoContent();
    void rejectsBadSpecsAndUnknownTasks();
    void sameSecondGetsDistinctUpids();
    void listFiltersAndOrder();
    void logPaging();
    void restartKeepsFinishedTasks();
    void shutdownStopsRunningTasks();
    void restartMarksCrashedTaskUnexpected();
    void exitStatusParsing_data();
    void exitStatusParsing();
    void manyTasksAtOnce();

private:
    std::unique_ptr<TaskManager> open(int maxThreads = 4);
    // Runs spec to the end; returns its UPID (empty on failure to start).
    Upid runToEnd(TaskManager &manager, Recorder &recorder, TaskSpec taskSpec);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeClock> m_clock;
};

void tst_TaskManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<FakeClock>(1764150000000); // 2025-11-26, starttime 0x69270C70
}

void tst_TaskManager::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<TaskManager> tst_TaskManager::open(int maxThreads)
{
    Result<std::unique_ptr<TaskManager>> manager =
        TaskManager::open({m_dir->path(), nodeId(u"node1"_s), maxThreads, m_clock.get()});
    if (!manager)
        qFatal("cannot open the task manager: %s", qPrintable(manager.error().message));
    return std::move(*manager);
}

Upid tst_TaskManager::runToEnd(TaskManager &manager, Recorder &recorder, TaskSpec taskSpec)
{
    Result<Upid> upid = manager.start(std::move(taskSpec));
    if (!upid) {
        qWarning() << "start failed:" << upid.error().message;
        return {};
    }
    if (!QTest::qWaitFor([&] { return recorder.finished.contains(*upid); }, kTimeoutMs))
        qWarning() << "task did not finish in time:" << upid->toString();
    return *upid;
}

void tst_TaskManager::succeedsWithLog()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"starting VM 100"_s);
        context.setProgress(0.5);
        context.log(u"line two\nline three\n"_s); // a trailing newline adds no empty line
        return Result<void>();
    }));
    QVERIFY(!upid.isEmpty());
    QCOMPARE(recorder.finished.value(upid), u"OK"_s);

    // The UPID, as PVE builds it.
    QCOMPARE(upid.node().toString(), u"node1"_s);
    QCOMPARE(upid.pid(), quint32(::getpid()));
    QCOMPARE(upid.pstart(), ProcessInfo::startTicks(quint32(::getpid())).value());
    QVERIFY(upid.pstart() > 0);
    QCOMPARE(qint64(upid.starttime()), m_clock->nowSeconds());
    QCOMPARE(upid.type(), u"qmstart"_s);
    QCOMPARE(upid.id(), u"100"_s);
    QCOMPARE(upid.user(), u"root@pam"_s);

    // The log file: <dataDir>/tasks/<last hex digit of starttime>/<UPID>.
    const QString hex = u"%1"_s.arg(upid.starttime(), 8, 16, QChar(u'0')).toUpper();
    const QString expectedPath = m_dir->path() + u"/tasks/"_s + hex.right(1) + u'/' + upid.toString();
    QCOMPARE(manager->logFilePath(upid), expectedPath);
    QCOMPARE(fileLines(expectedPath),
             (QStringList{u"starting VM 100"_s, u"line two"_s, u"line three"_s, u"TASK OK"_s}));

    const model::Task status = manager->status(upid).value();
    QCOMPARE(status.status, u"stopped"_s);
    QCOMPARE(status.exitstatus, u"OK"_s);
    QCOMPARE(status.toJson().value("pid"_L1).toInteger(), qint64(::getpid()));

    const TaskList list = manager->list().value();
    QCOMPARE(list.total, 1);
    QCOMPARE(list.tasks.at(0).upid, upid);
    QCOMPARE(list.tasks.at(0).status, u"OK"_s);
    QCOMPARE(list.tasks.at(0).endtime, m_clock->nowSeconds());

    // Signals: started, each line with its number, progress, finished.
    QCOMPARE(recorder.started, QList<Upid>{upid});
    QTRY_COMPARE_WITH_TIMEOUT(recorder.lines.value(upid).size(), 4, kTimeoutMs);
    const auto &lines = recorder.lines.value(upid);
    QCOMPARE(lines.at(0), (std::pair<qsizetype, QString>{1, u"starting VM 100"_s}));
    QCOMPARE(lines.at(2), (std::pair<qsizetype, QString>{3, u"line three"_s}));
    QCOMPARE(lines.at(3), (std::pair<qsizetype, QString>{4, u"TASK OK"_s}));
    QCOMPARE(recorder.progress.value(upid), QList<double>{0.5});
    QCOMPARE(manager->progress(upid).value(), 1.0);
    QCOMPARE(manager->runningCount(), 0);
}

void tst_TaskManager::failsWithTaskError()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"vzcreate"_s, u"101"_s, u"roma@pve"_s, [](TaskContext &context) {
        context.log(u"extracting template"_s);
        return Result<void>(fail(Code::Io, u"unable to create CT 101 - no space left on device"_s));
    }));
    QVERIFY(!upid.isEmpty());
    const QString message = u"unable to create CT 101 - no space left on device"_s;
    QCOMPARE(recorder.finished.value(upid), message);
    QCOMPARE(fileLines(manager->logFilePath(upid)),
             (QStringList{u"extracting template"_s, u"TASK ERROR: "_s + message}));
    const model::Task status = manager->status(upid).value();
    QCOMPARE(status.status, u"stopped"_s);
    QCOMPARE(status.exitstatus, message);
    QCOMPARE(manager->list()->tasks.at(0).status, message);
}

void tst_TaskManager::multiLineErrorIsOneLine()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s, [](TaskContext &) {
        return Result<void>(fail(Code::Internal, u"first line\nsecond line\n"_s));
    }));
    QCOMPARE(fileLines(manager->logFilePath(upid)).last(), u"TASK ERROR: first line second line"_s);
    QCOMPARE(manager->status(upid)->exitstatus, u"first line second line"_s);
}

void tst_TaskManager::warnings()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"vzdump"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"backup started"_s);
        context.warn(u"low free space"_s);
        context.warn(u"guest agent not running"_s);
        return Result<void>();
    }));
    QCOMPARE(fileLines(manager->logFilePath(upid)),
             (QStringList{u"backup started"_s, u"WARN: low free space"_s, u"WARN: guest agent not running"_s,
                          u"TASK WARNINGS: 2"_s}));
    QCOMPARE(manager->status(upid)->exitstatus, u"WARNINGS: 2"_s);
    QCOMPARE(recorder.finished.value(upid), u"WARNINGS: 2"_s);
    TaskFilter errors;
    errors.errorsOnly = true;
    QCOMPARE(manager->list(errors)->total, 0); // warnings are not errors
}

void tst_TaskManager::exceptionBecomesError()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s,
                                                        [](TaskContext &) -> Result<void> {
                                                            throw std::runtime_error("boom");
                                                        }));
    QVERIFY(!upid.isEmpty());
    QCOMPARE(manager->status(upid)->exitstatus, u"unexpected exception: boom"_s);
}

void tst_TaskManager::progressIsClamped()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"x"_s, QString(), u"root@pam"_s, [](TaskContext &context) {
        context.setProgress(-1);
        context.setProgress(0.25);
        context.setProgress(1.7);
        return Result<void>();
    }));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.progress.value(upid), (QList<double>{0.0, 0.25, 1.0}), kTimeoutMs);
}

void tst_TaskManager::cancellation()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = manager->start(spec(u"qmigrate"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"migration started"_s);
        context.setProgress(0.3);
        if (context.waitForCancel(kTimeoutMs))
            return Result<void>(TaskContext::interrupted());
        return Result<void>();
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(upid, u"migration started"_s), kTimeoutMs);

    // Running: status, active list, progress.
    const model::Task running = manager->status(upid).value();
    QCOMPARE(running.status, u"running"_s);
    QVERIFY(!running.exitstatus);
    TaskFilter active;
    active.source = TaskFilter::Source::Active;
    QCOMPARE(manager->list(active)->total, 1);
    QVERIFY(!manager->list(active)->tasks.at(0).status);
    QVERIFY(!manager->list(active)->tasks.at(0).endtime);
    TaskFilter archive;
    archive.source = TaskFilter::Source::Archive;
    QCOMPARE(manager->list(archive)->total, 0);
    QTRY_COMPARE_WITH_TIMEOUT(manager->progress(upid).value(), 0.3, kTimeoutMs);
    QCOMPARE(manager->runningCount(), 1);

    VERIFY_OK(manager->stop(upid));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.contains(upid), kTimeoutMs);
    QCOMPARE(recorder.finished.value(upid), u"interrupted by signal"_s);
    QCOMPARE(fileLines(manager->logFilePath(upid)).last(), u"TASK ERROR: interrupted by signal"_s);
    QCOMPARE(manager->status(upid)->status, u"stopped"_s);
    QCOMPARE(manager->list(active)->total, 0);
    QCOMPARE(manager->list(archive)->total, 1);
    // Stopping a finished task does nothing.
    VERIFY_OK(manager->stop(upid));
}

void tst_TaskManager::cancellationOfIgnoringWork()
{
    // A stopped task cannot end "OK", even if its work returns success.
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = manager->start(spec(u"x"_s, QString(), u"root@pam"_s, [](TaskContext &context) {
        context.log(u"waiting"_s);
        context.waitForCancel(kTimeoutMs);
        return Result<void>();
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(upid, u"waiting"_s), kTimeoutMs);
    VERIFY_OK(manager->stop(upid));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished.value(upid), u"interrupted by signal"_s, kTimeoutMs);
}

void tst_TaskManager::cancellationKeepsOwnError()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = manager->start(spec(u"x"_s, QString(), u"root@pam"_s, [](TaskContext &context) {
        context.log(u"waiting"_s);
        context.waitForCancel(kTimeoutMs);
        return Result<void>(fail(Code::Internal, u"migration aborted"_s));
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(upid, u"waiting"_s), kTimeoutMs);
    VERIFY_OK(manager->stop(upid));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished.value(upid), u"migration aborted"_s, kTimeoutMs);
}

void tst_TaskManager::queuedTaskStoppedBeforeItRuns()
{
    auto manager = open(1); // one worker: the second task waits
    Recorder recorder(*manager);
    const Upid first = manager->start(spec(u"x"_s, u"1"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"busy"_s);
        context.waitForCancel(kTimeoutMs);
        return Result<void>();
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(first, u"busy"_s), kTimeoutMs);
    std::atomic<bool> ran = false;
    const Upid second = manager->start(spec(u"x"_s, u"2"_s, u"root@pam"_s, [&ran](TaskContext &) {
        ran = true;
        return Result<void>();
    })).value();
    QCOMPARE(manager->status(second)->status, u"running"_s); // queued counts as running
    QCOMPARE(manager->runningCount(), 2);
    VERIFY_OK(manager->stop(second));
    VERIFY_OK(manager->stop(first));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.contains(second), kTimeoutMs);
    QVERIFY(!ran);
    QCOMPARE(recorder.finished.value(second), u"interrupted by signal"_s);
    QCOMPARE(fileLines(manager->logFilePath(second)), QStringList{u"TASK ERROR: interrupted by signal"_s});
}

void tst_TaskManager::emptyLogReadsNoContent()
{
    auto manager = open();
    Recorder recorder(*manager);
    std::atomic<bool> started = false;
    const Upid upid = manager->start(spec(u"x"_s, QString(), u"root@pam"_s, [&started](TaskContext &context) {
        started = true;
        context.waitForCancel(kTimeoutMs);
        return Result<void>();
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), kTimeoutMs);
    const TaskLog log = manager->log(upid).value();
    QCOMPARE(log.total, 1);
    QCOMPARE(log.lines, QList<TaskLogLine>{(TaskLogLine{1, u"no content"_s})});
    VERIFY_OK(manager->stop(upid));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.contains(upid), kTimeoutMs);
}

void tst_TaskManager::rejectsBadSpecsAndUnknownTasks()
{
    auto manager = open();
    VERIFY_FAILS(manager->start(spec(u"qm:start"_s, u"100"_s, u"root@pam"_s)), Code::ModelInvalidUpid);
    VERIFY_FAILS(manager->start(spec(QString(), u"100"_s, u"root@pam"_s)), Code::ModelInvalidUpid);
    VERIFY_FAILS(manager->start(spec(u"qmstart"_s, u"1 00"_s, u"root@pam"_s)), Code::ModelInvalidUpid);
    VERIFY_FAILS(manager->start(spec(u"qmstart"_s, u"100"_s, QString())), Code::ModelInvalidUpid);
    VERIFY_FAILS(manager->start(TaskSpec{u"qmstart"_s, u"100"_s, u"root@pam"_s, {}}), Code::InvalidArgument);
    QCOMPARE(manager->list()->total, 0);
    QVERIFY(QDir(m_dir->path() + u"/tasks"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());

    const Upid unknown = Upid::create(nodeId(u"node1"_s), 1, 2, 3, u"x"_s, QString(), u"root@pam"_s).value();
    VERIFY_FAILS(manager->status(unknown), Code::TaskNotFound);
    VERIFY_FAILS(manager->log(unknown), Code::TaskNotFound);
    VERIFY_FAILS(manager->stop(unknown), Code::TaskNotFound);
    VERIFY_FAILS(manager->progress(unknown), Code::TaskNotFound);

    // A task of another node is not found here, even if the log existed.
    Recorder recorder(*manager);
    const Upid ours = runToEnd(*manager, recorder, spec(u"x"_s, QString(), u"root@pam"_s));
    const Upid elsewhere = Upid::create(nodeId(u"node2"_s), ours.pid(), ours.pstart(), ours.starttime(), ours.type(),
                                        ours.id(), ours.user())
                               .value();
    VERIFY_FAILS(manager->status(elsewhere), Code::TaskNotFound);
    VERIFY_FAILS(manager->log(elsewhere), Code::TaskNotFound);
}

void tst_TaskManager::sameSecondGetsDistinctUpids()
{
    auto manager = open();
    Recorder recorder(*manager);
    QList<Upid> upids;
    for (int i = 0; i < 3; ++i)
        upids.append(runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s)));
    const quint32 now = quint32(m_clock->nowSeconds());
    QCOMPARE(upids.at(0).starttime(), now);
    QCOMPARE(upids.at(1).starttime(), now + 1);
    QCOMPARE(upids.at(2).starttime(), now + 2);
    QCOMPARE(manager->list()->total, 3);
    // Different ids in the same second keep the real time.
    QCOMPARE(runToEnd(*manager, recorder, spec(u"qmstart"_s, u"101"_s, u"root@pam"_s)).starttime(), now);
}

void tst_TaskManager::listFiltersAndOrder()
{
    auto manager = open();
    Recorder recorder(*manager);
    const auto ok = [](TaskContext &) { return Result<void>(); };
    const auto error = [](TaskContext &) { return Result<void>(fail(Code::Internal, u"failed"_s)); };
    const auto warning = [](TaskContext &context) {
        context.warn(u"careful"_s);
        return Result<void>();
    };
    const qint64 t0 = m_clock->nowSeconds();
    struct Row {
        QString type, id, user;
        std::function<Result<void>(TaskContext &)> work;
    };
    const QList<Row> rows = {
        {u"qmstart"_s, u"100"_s, u"root@pam"_s, ok},        // t0
        {u"qmstop"_s, u"100"_s, u"Roma@pve"_s, error},      // t0 + 10
        {u"vzcreate"_s, u"101"_s, u"roma@pve"_s, ok},       // t0 + 20
        {u"qmstart"_s, u"102"_s, u"admin@pam"_s, warning},  // t0 + 30
        {u"qmstart"_s, u"100"_s, u"roma@pve!ci"_s, error},  // t0 + 40
    };
    QList<Upid> upids;
    for (const Row &row : rows) {
        upids.append(runToEnd(*manager, recorder, spec(row.type, row.id, row.user, row.work)));
        m_clock->advanceMs(10000);
    }
    // Two tasks in the same second (different ids): the later start first.
    m_clock->advanceMs(5000);
    const Upid sameA = runToEnd(*manager, recorder, spec(u"srvreload"_s, u"a"_s, u"root@pam"_s));
    const Upid sameB = runToEnd(*manager, recorder, spec(u"srvreload"_s, u"b"_s, u"root@pam"_s));
    QCOMPARE(sameA.starttime(), sameB.starttime());
    // One still running.
    const Upid running = manager->start(spec(u"qmigrate"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
        context.log(u"go"_s);
        context.waitForCancel(kTimeoutMs);
        return Result<void>();
    })).value();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(running, u"go"_s), kTimeoutMs);

    const auto upidsOf = [&](const TaskFilter &filter) {
        QList<Upid> result;
        const Result<TaskList> list = manager->list(filter);
        if (list)
            for (const model::Task &task : list->tasks)
                result.append(task.upid);
        return result;
    };
    // Newest first; the running task started last.
    TaskFilter all;
    QCOMPARE(upidsOf(all), (QList<Upid>{running, sameB, sameA, upids[4], upids[3], upids[2], upids[1], upids[0]}));
    QCOMPARE(manager->list(all)->total, 8);

    TaskFilter user;
    user.user = u"ROMA"_s; // case-insensitive substring, as PVE's userfilter
    QCOMPARE(upidsOf(user), (QList<Upid>{upids[4], upids[2], upids[1]}));

    TaskFilter type;
    type.type = u"qmstart"_s;
    QCOMPARE(upidsOf(type), (QList<Upid>{upids[4], upids[3], upids[0]}));
    type.type = u"qmstar"_s; // exact, not a substring
    QCOMPARE(upidsOf(type), QList<Upid>{});

    TaskFilter id;
    id.id = u"100"_s;
    QCOMPARE(upidsOf(id), (QList<Upid>{running, upids[4], upids[1], upids[0]}));

    TaskFilter errors;
    errors.errorsOnly = true;
    QCOMPARE(upidsOf(errors), (QList<Upid>{upids[4], upids[1]}));

    TaskFilter statuses;
    statuses.statusTypes = {ExitStatus::Type::Warning, ExitStatus::Type::Error};
    QCOMPARE(upidsOf(statuses), (QList<Upid>{upids[4], upids[3], upids[1]}));
    statuses.statusTypes = {ExitStatus::Type::Unknown}; // a running task has no status yet
    QCOMPARE(upidsOf(statuses), QList<Upid>{running});

    TaskFilter window;
    window.since = t0 + 10;
    window.until = t0 + 30;
    QCOMPARE(upidsOf(window), (QList<Upid>{upids[3], upids[2], upids[1]}));

    TaskFilter active;
    active.source = TaskFilter::Source::Active;
    QCOMPARE(upidsOf(active), QList<Upid>{running});
    TaskFilter archive;
    archive.source = TaskFilter::Source::Archive;
    QCOMPARE(manager->list(archive)->total, 7);

    TaskFilter page;
    page.start = 2;
    page.limit = 3;
    QCOMPARE(upidsOf(page), (QList<Upid>{sameA, upids[4], upids[3]}));
    QCOMPARE(manager->list(page)->total, 8);
    page.start = 7;
    QCOMPARE(upidsOf(page), QList<Upid>{upids[0]});
    page.start = 8;
    QCOMPARE(upidsOf(page), QList<Upid>{});
    page.start = 0;
    page.limit = 0; // no limit
    QCOMPARE(upidsOf(page).size(), 8);

    TaskFilter combined;
    combined.type = u"qmstart"_s;
    combined.user = u"roma"_s;
    combined.errorsOnly = true;
    QCOMPARE(upidsOf(combined), QList<Upid>{upids[4]});

    VERIFY_OK(manager->stop(running));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.contains(running), kTimeoutMs);
}

void tst_TaskManager::logPaging()
{
    auto manager = open();
    Recorder recorder(*manager);
    const Upid upid = runToEnd(*manager, recorder, spec(u"x"_s, QString(), u"root@pam"_s, [](TaskContext &context) {
        for (int i = 1; i <= 120; ++i)
            context.log(u"line %1"_s.arg(i));
        return Result<void>();
    }));
    const auto numbers = [](const TaskLog &log) {
        QList<qsizetype> n;
        for (const TaskLogLine &line : log.lines)
            n.append(line.n);
        return n;
    };

    TaskLog log = manager->log(upid).value(); // PVE defaults: start 0, limit 50
    QCOMPARE(log.total, 121);
    QCOMPARE(log.lines.size(), 50);
    QCOMPARE(log.lines.first(), (TaskLogLine{1, u"line 1"_s}));
    QCOMPARE(log.lines.last(), (TaskLogLine{50, u"line 50"_s}));

    log = manager->log(upid, 50, 50).value();
    QCOMPARE(log.lines.first(), (TaskLogLine{51, u"line 51"_s}));
    QCOMPARE(log.lines.size(), 50);

    log = manager->log(upid, 100, 50).value();
    QCOMPARE(log.lines.size(), 21);
    QCOMPARE(log.lines.first(), (TaskLogLine{101, u"line 101"_s}));
    QCOMPARE(log.lines.last(), (TaskLogLine{121, u"TASK OK"_s}));

    log = manager->log(upid, 0, 0).value(); // limit 0: everything
    QCOMPARE(log.lines.size(), 121);
    QList<qsizetype> expected;
    for (qsizetype i = 1; i <= 121; ++i)
        expected.append(i);
    QCOMPARE(numbers(log), expected);

    log = manager->log(upid, 500, 50).value();
    QVERIFY(log.lines.isEmpty());
    QCOMPARE(log.total, 121);

    log = manager->log(upid, 119, 1).value();
    QCOMPARE(log.lines, QList<TaskLogLine>{(TaskLogLine{120, u"line 120"_s})});
}

void tst_TaskManager::restartKeepsFinishedTasks()
{
    Upid good;
    Upid bad;
    {
        auto manager = open();
        Recorder recorder(*manager);
        good = runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
            context.log(u"started"_s);
            return Result<void>();
        }));
        m_clock->advanceMs(1000);
        bad = runToEnd(*manager, recorder, spec(u"qmstop"_s, u"100"_s, u"root@pam"_s, [](TaskContext &) {
            return Result<void>(fail(Code::Internal, u"VM 100 not running"_s));
        }));
    }
    auto manager = open();
    const TaskList list = manager->list().value();
    QCOMPARE(list.total, 2);
    QCOMPARE(list.tasks.at(0).upid, bad);
    QCOMPARE(list.tasks.at(0).status, u"VM 100 not running"_s);
    QCOMPARE(list.tasks.at(1).upid, good);
    QCOMPARE(list.tasks.at(1).status, u"OK"_s);
    QCOMPARE(manager->status(good)->exitstatus, u"OK"_s);
    const TaskLog log = manager->log(good).value();
    QCOMPARE(log.lines, (QList<TaskLogLine>{{1, u"started"_s}, {2, u"TASK OK"_s}}));
    // New tasks go on next to the old ones.
    Recorder recorder(*manager);
    m_clock->advanceMs(1000);
    const Upid next = runToEnd(*manager, recorder, spec(u"qmstart"_s, u"100"_s, u"root@pam"_s));
    QCOMPARE(manager->list()->tasks.at(0).upid, next);
}

void tst_TaskManager::shutdownStopsRunningTasks()
{
    Upid upid;
    {
        auto manager = open();
        Recorder recorder(*manager);
        upid = manager->start(spec(u"qmigrate"_s, u"100"_s, u"root@pam"_s, [](TaskContext &context) {
            context.log(u"migrating"_s);
            context.waitForCancel(-1);
            return Result<void>(TaskContext::interrupted());
        })).value();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.hasLine(upid, u"migrating"_s), kTimeoutMs);
    } // the destructor stops the task and waits for it
    auto manager = open();
    QCOMPARE(manager->status(upid)->exitstatus, u"interrupted by signal"_s);
    QCOMPARE(fileLines(manager->logFilePath(upid)),
             (QStringList{u"migrating"_s, u"TASK ERROR: interrupted by signal"_s}));
}

void tst_TaskManager::restartMarksCrashedTaskUnexpected()
{
    // A child agent starts a task and is killed (SIGKILL) while it runs.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kCrashTaskEnv), m_dir->path());
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(child.waitForStarted(kTimeoutMs), qPrintable(child.errorString()));
    QByteArray output;
    while (!output.contains('\n')) {
        QVERIFY2(child.waitForReadyRead(kTimeoutMs), child.readAllStandardError().constData());
        output += child.readAllStandardOutput();
    }
    child.kill();
    QVERIFY(child.waitForFinished(kTimeoutMs));
    const Upid upid = Upid::parse(QString::fromUtf8(output.trimmed())).value();
    QVERIFY(upid.pid() != quint32(::getpid()));

    auto manager = open();
    const model::Task status = manager->status(upid).value();
    QCOMPARE(status.status, u"stopped"_s);
    QCOMPARE(status.exitstatus, u"unexpected status"_s);
    const TaskList list = manager->list().value();
    QCOMPARE(list.total, 1);
    QCOMPARE(list.tasks.at(0).status, u"unexpected status"_s);
    QVERIFY(list.tasks.at(0).endtime.has_value());
    // The log is kept as the task left it.
    QCOMPARE(manager->log(upid)->lines, QList<TaskLogLine>{(TaskLogLine{1, u"starting migration of VM 100"_s})});
    TaskFilter active;
    active.source = TaskFilter::Source::Active;
    QCOMPARE(manager->list(active)->total, 0);
    VERIFY_OK(manager->stop(upid)); // finished: nothing to stop
}

void tst_TaskManager::exitStatusParsing_data()
{
    QTest::addColumn<QString>("lastLine");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("type");
    QTest::newRow("ok") << u"TASK OK"_s << u"OK"_s << u"ok"_s;
    QTest::newRow("error") << u"TASK ERROR: command 'lxc-start' failed: exit code 1"_s
                           << u"command 'lxc-start' failed: exit code 1"_s << u"error"_s;
    QTest::newRow("warnings") << u"TASK WARNINGS: 3"_s << u"WARNINGS: 3"_s << u"warning"_s;
    QTest::newRow("bad warnings") << u"TASK WARNINGS: x"_s << u"unexpected status"_s << u"unknown"_s;
    QTest::newRow("empty error") << u"TASK ERROR: "_s << u"unexpected status"_s << u"unknown"_s;
    QTest::newRow("mid-task line") << u"copying disk 40%"_s << u"unexpected status"_s << u"unknown"_s;
    QTest::newRow("nothing") << QString() << u"unexpected status"_s << u"unknown"_s;
}

void tst_TaskManager::exitStatusParsing()
{
    QFETCH(QString, lastLine);
    QFETCH(QString, status);
    QFETCH(QString, type);
    QCOMPARE(ExitStatus::fromLastLine(lastLine), status);
    QCOMPARE(QString(ExitStatus::typeName(ExitStatus::type(status))), type);
    QCOMPARE(ExitStatus::typeFromName(type), ExitStatus::type(status));
}

void tst_TaskManager::manyTasksAtOnce()
{
    auto manager = open(4);
    Recorder recorder(*manager);
    constexpr int kStarters = 4;
    constexpr int kPerStarter = 15;
    constexpr int kLines = 20;
    std::atomic<int> startFailures = 0;
    // Several threads start tasks at once (API requests in parallel), all
    // in the same second.
    std::vector<std::unique_ptr<QThread>> starters;
    for (int s = 0; s < kStarters; ++s) {
        starters.emplace_back(QThread::create([&manager, &startFailures, s] {
            for (int i = 0; i < kPerStarter; ++i) {
                const Result<Upid> upid = manager->start(
                    spec(u"stress"_s, u"%1-%2"_s.arg(s).arg(i), u"root@pam"_s, [i](TaskContext &context) {
                        for (int line = 0; line < kLines; ++line)
                            context.log(u"line %1"_s.arg(line));
                        context.setProgress(1.0);
                        if (i % 5 == 4)
                            return Result<void>(fail(Code::Internal, u"planned failure"_s));
                        return Result<void>();
                    }));
                if (!upid)
                    ++startFailures;
            }
        }));
    }
    for (auto &starter : starters)
        starter->start();
    for (auto &starter : starters)
        QVERIFY(starter->wait(kTimeoutMs));
    QCOMPARE(startFailures.load(), 0);
    constexpr int kTotal = kStarters * kPerStarter;
    QTRY_COMPARE_WITH_TIMEOUT(recorder.finished.size(), kTotal, kTimeoutMs);
    QVERIFY(manager->waitForIdle(kTimeoutMs));
    QCOMPARE(manager->runningCount(), 0);

    TaskFilter everything;
    everything.limit = 0;
    const TaskList list = manager->list(everything).value();
    QCOMPARE(list.total, kTotal);
    QSet<Upid> unique;
    int failed = 0;
    for (const model::Task &task : list.tasks) {
        unique.insert(task.upid);
        QVERIFY(task.endtime.has_value());
        if (task.status != u"OK"_s) {
            QCOMPARE(task.status, u"planned failure"_s);
            ++failed;
        }
        const QStringList lines = fileLines(manager->logFilePath(task.upid));
        QCOMPARE(lines.size(), kLines + 1);
        QCOMPARE(lines.first(), u"line 0"_s);
        QCOMPARE(recorder.finished.value(task.upid), *task.status);
    }
    QCOMPARE(unique.size(), kTotal);
    QCOMPARE(failed, kStarters * kPerStarter / 5);
    QCOMPARE(recorder.started.size(), kTotal);
}

int main(int argc, char *argv[])
{
    if (const QByteArray dir = qgetenv(kCrashTaskEnv); !dir.isEmpty()) {
        QCoreApplication app(argc, argv);
        return runCrashTask(QString::fromLocal8Bit(dir));
    }
    QCoreApplication app(argc, argv);
    tst_TaskManager test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_TaskManager.moc"
