#include "TaskManager.h"

#include "ExitStatus.h"
#include "ProcessInfo.h"
#include "RunningTask.h"
#include "TaskIndex.h"
#include "Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <exception>

#include <fcntl.h>
#include <unistd.h>

namespace atalaia::tasks {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTasks, "atalaia.tasks")

namespace {

// How many following seconds start() tries when a UPID is taken.
constexpr int kMaxStartAttempts = 3600;

std::unexpected<Error> taskNotFound(const model::Upid &upid)
{
    return fail(Code::TaskNotFound, Tr::tr("no such task: %1").arg(upid.toString()));
}

// The last line of a log file, as PVE's read_status finds it (the tail's last
// non-empty line); empty if unreadable.
QString lastLineOf(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 kTail = 4096;
    if (file.size() > kTail)
        file.seek(file.size() - kTail);
    QByteArray tail = file.readAll();
    while (tail.endsWith('\n'))
        tail.chop(1);
    return QString::fromUtf8(tail.mid(tail.lastIndexOf('\n') + 1));
}

} // namespace

TaskManager::TaskManager(const Options &options, std::unique_ptr<TaskIndex> index)
    : m_node(options.node),
      m_tasksDir(options.dataDir + u"/tasks"_s),
      m_clock(options.clock ? *options.clock : SystemClock::instance()),
      m_index(std::move(index))
{
    m_pool.setMaxThreadCount(qMax(1, options.maxThreads));
    m_pool.setObjectName(u"atalaia-tasks"_s);
}

TaskManager::~TaskManager()
{
    m_closing = true;
    {
        const QMutexLocker locker(&m_mutex);
        for (const auto &task : std::as_const(m_running))
            task->cancel();
    }
    m_pool.waitForDone();
}

Result<std::unique_ptr<TaskManager>> TaskManager::open(const Options &options)
{
    if (options.node.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("the task manager needs the node name"));
    if (options.dataDir.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("the task manager needs a data directory"));
    const QString tasksDir = options.dataDir + u"/tasks"_s;
    if (!QDir().mkpath(tasksDir))
        return fail(Code::Io, Tr::tr("cannot create the task directory %1").arg(tasksDir));
    Result<std::unique_ptr<TaskIndex>> index = TaskIndex::open(tasksDir + u"/index.db"_s);
    if (!index)
        return std::unexpected(index.error());
    std::unique_ptr<TaskManager> manager(new TaskManager(options, std::move(*index)));
    if (Result<void> ok = manager->recover(); !ok)
        return std::unexpected(ok.error());
    return manager;
}

Result<void> TaskManager::recover()
{
    Result<QList<model::Upid>> running = m_index->running();
    if (!running)
        return std::unexpected(running.error());
    const quint32 ourPid = ProcessInfo::currentPid();
    const quint64 ourStart = ProcessInfo::currentStartTicks();
    for (const model::Upid &upid : std::as_const(*running)) {
        // Still running in another live agent process (the same pid and
        // start time): not ours to close. Our own process's entries are
        // leftovers of an earlier TaskManager.
        const bool ours = upid.pid() == ourPid && upid.pstart() == ourStart;
        if (!ours && ProcessInfo::isAlive(upid.pid(), upid.pstart()))
            continue;
        const QString file = logFilePath(upid);
        // The agent may have died after writing "TASK OK" but before the
        // index said so; the log's last line decides, as in PVE.
        const QString status = ExitStatus::fromLastLine(lastLineOf(file));
        const QFileInfo info(file);
        const qint64 endtime = info.exists() ? info.lastModified().toSecsSinceEpoch() : m_clock.nowSeconds();
        if (Result<void> ok = m_index->finish(upid, endtime, status); !ok)
            return ok;
        qCInfo(lcTasks) << "task" << upid.toString() << "was running when the agent stopped:" << status;
    }
    return {};
}

QString TaskManager::logFilePath(const model::Upid &upid) const
{
    // PVE: the last character of the 8-digit upper-case hex starttime.
    const QString subdir = QString::number(upid.starttime() & 0xF, 16).toUpper();
    return m_tasksDir + u'/' + subdir + u'/' + upid.toString();
}

Result<void> TaskManager::checkNode(const model::Upid &upid) const
{
    if (upid.node() != m_node)
        return taskNotFound(upid);
    return {};
}

Result<model::Upid> TaskManager::start(TaskSpec spec)
{
    if (!spec.work)
        return fail(Code::InvalidArgument, Tr::tr("task %1 has nothing to do").arg(spec.type));
    if (m_closing)
        return fail(Code::Internal, Tr::tr("the task manager is shutting down"));
    const quint32 pid = ProcessInfo::currentPid();
    const quint64 pstart = ProcessInfo::currentStartTicks();
    const quint32 now = quint32(qBound<qint64>(0, m_clock.nowSeconds(), 0xFFFFFFFF));

    for (int attempt = 0; attempt < kMaxStartAttempts; ++attempt) {
        Result<model::Upid> upid =
            model::Upid::create(m_node, pid, pstart, now + quint32(attempt), spec.type, spec.id, spec.user);
        if (!upid)
            return upid;
        const QString file = logFilePath(*upid);
        if (!QDir().mkpath(QFileInfo(file).path()))
            return fail(Code::Io, Tr::tr("cannot create the task log directory %1").arg(QFileInfo(file).path()));
        const QByteArray fileName = QFile::encodeName(file);
        // O_EXCL: the log file claims the UPID, as PVE's open_log does.
        const int fd = ::open(fileName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0640);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return fail(Code::Io, Tr::tr("cannot create the task log %1: %2")
                                      .arg(file, QString::fromLocal8Bit(strerror(errno))));
        Result<bool> inserted = m_index->insert(*upid);
        if (!inserted || !*inserted) {
            ::close(fd);
            ::unlink(fileName.constData());
            if (!inserted)
                return std::unexpected(inserted.error());
            continue;
        }
        auto task = std::make_shared<RunningTask>(*upid, fd);
        {
            const QMutexLocker locker(&m_mutex);
            m_running.insert(*upid, task);
        }
        emit taskStarted(*upid);
        m_pool.start([this, task, work = std::move(spec.work)] { run(task, work); });
        return upid;
    }
    return fail(Code::Io, Tr::tr("no free task id for %1:%2:%3").arg(spec.type, spec.id, spec.user));
}

void TaskManager::run(const std::shared_ptr<RunningTask> &task,
                      const std::function<Result<void>(TaskContext &)> &work)
{
    TaskContext context(*this, task, m_clock);
    Result<void> result;
    if (task->isCancelled()) {
        result = TaskContext::interrupted();
    } else {
        // An exception must not take the agent down, nor leave the task
        // "running" forever.
        try {
            result = work(context);
        } catch (const std::exception &e) {
            result = fail(Code::Internal, Tr::tr("unexpected exception: %1").arg(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            result = fail(Code::Internal, Tr::tr("unexpected exception"));
        }
    }

    QString lastLine;
    QString exitStatus;
    if (!result) {
        exitStatus = ExitStatus::oneLine(result.error().message);
        lastLine = ExitStatus::errorLine(exitStatus);
    } else if (task->isCancelled()) {
        exitStatus = ExitStatus::kInterrupted;
        lastLine = ExitStatus::errorLine(exitStatus);
    } else if (const int warnings = task->warnings(); warnings > 0) {
        lastLine = ExitStatus::warningsLine(warnings);
        exitStatus = ExitStatus::fromLastLine(lastLine);
    } else {
        lastLine = ExitStatus::okLine();
        exitStatus = ExitStatus::kOk;
    }
    const qsizetype n = task->finish(lastLine);
    emit taskLogLine(task->upid(), n, lastLine);
    task->progress = 1.0;
    // The log is synced first, so the index never says "stopped" for a log
    // without its result line.
    if (Result<void> ok = m_index->finish(task->upid(), m_clock.nowSeconds(), exitStatus); !ok)
        qCWarning(lcTasks) << "cannot record the end of" << task->upid().toString() << ":" << ok.error().message;
    {
        const QMutexLocker locker(&m_mutex);
        m_running.remove(task->upid());
    }
    emit taskFinished(task->upid(), exitStatus);
}

std::shared_ptr<RunningTask> TaskManager::findRunning(const model::Upid &upid) const
{
    const QMutexLocker locker(&m_mutex);
    return m_running.value(upid);
}

Result<void> TaskManager::stop(const model::Upid &upid)
{
    if (Result<void> ok = checkNode(upid); !ok)
        return ok;
    if (const std::shared_ptr<RunningTask> task = findRunning(upid)) {
        task->cancel();
        return {};
    }
    Result<std::optional<model::Task>> task = m_index->find(upid);
    if (!task)
        return std::unexpected(task.error());
    if (!*task)
        return taskNotFound(upid);
    if (!(*task)->endtime)
        return fail(Code::Conflict, Tr::tr("task %1 belongs to another agent process (pid %2)")
                                        .arg(upid.toString())
                                        .arg(upid.pid()));
    return {};
}

Result<model::Task> TaskManager::status(const model::Upid &upid) const
{
    if (Result<void> ok = checkNode(upid); !ok)
        return std::unexpected(ok.error());
    Result<std::optional<model::Task>> found = m_index->find(upid);
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return taskNotFound(upid);
    model::Task task = **found;
    // The status call's shape: running | stopped, the result in exitstatus,
    // no endtime (PVE's read_task_status returns none).
    if (task.endtime) {
        task.exitstatus = task.status;
        task.status = u"stopped"_s;
    } else {
        task.status = u"running"_s;
    }
    task.endtime.reset();
    return task;
}

Result<TaskList> TaskManager::list(const TaskFilter &filter) const
{
    return m_index->query(filter);
}

Result<TaskLog> TaskManager::log(const model::Upid &upid, qsizetype start, qsizetype limit) const
{
    if (Result<void> ok = checkNode(upid); !ok)
        return std::unexpected(ok.error());
    QFile file(logFilePath(upid));
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return taskNotFound(upid);
        return fail(Code::Io, Tr::tr("cannot read the task log %1: %2").arg(file.fileName(), file.errorString()));
    }
    TaskLog result;
    qsizetype count = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++count;
        if (count <= start || (limit > 0 && result.lines.size() >= limit))
            continue;
        if (line.endsWith('\n'))
            line.chop(1);
        result.lines.append(TaskLogLine{count, QString::fromUtf8(line)});
    }
    if (count == 0) {
        // PVE's answer for an empty log (its web UI cannot page an empty array).
        count = 1;
        result.lines.append(TaskLogLine{1, u"no content"_s});
    }
    result.total = count;
    return result;
}

Result<double> TaskManager::progress(const model::Upid &upid) const
{
    if (Result<void> ok = checkNode(upid); !ok)
        return std::unexpected(ok.error());
    if (const std::shared_ptr<RunningTask> task = findRunning(upid))
        return task->progress.load();
    Result<std::optional<model::Task>> task = m_index->find(upid);
    if (!task)
        return std::unexpected(task.error());
    if (!*task)
        return taskNotFound(upid);
    return (*task)->endtime ? 1.0 : 0.0;
}

qsizetype TaskManager::runningCount() const
{
    const QMutexLocker locker(&m_mutex);
    return m_running.size();
}

bool TaskManager::waitForIdle(int timeoutMs)
{
    return m_pool.waitForDone(timeoutMs);
}

} // namespace atalaia::tasks
