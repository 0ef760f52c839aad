#include "RunningTask.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace atalaia::tasks {

Q_LOGGING_CATEGORY(lcRunningTask, "atalaia.tasks")

RunningTask::RunningTask(model::Upid upid, int fd) : m_upid(std::move(upid)), m_fd(fd) {}

RunningTask::~RunningTask()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RunningTask::writeLine(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            qCWarning(lcRunningTask) << "cannot write the log of" << m_upid.toString() << ":" << strerror(errno);
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

QList<std::pair<qsizetype, QString>> RunningTask::append(const QString &text, bool warning)
{
    QList<std::pair<qsizetype, QString>> written;
    const QMutexLocker locker(&m_mutex);
    if (m_fd < 0)
        return written;
    // One trailing newline ends the last line rather than adding an empty one.
    QStringView body(text);
    if (body.endsWith(u'\n'))
        body.chop(1);
    if (body.endsWith(u'\r'))
        body.chop(1);
    const QList<QStringView> lines = body.split(u'\n');
    for (QStringView part : lines) {
        const QString line = warning ? QStringLiteral("WARN: ") + part.toString() : part.toString();
        if (!writeLine(line))
            break;
        written.append({++m_lines, line});
    }
    if (warning && !written.isEmpty())
        ++m_warnings;
    return written;
}

qsizetype RunningTask::finish(const QString &lastLine)
{
    const QMutexLocker locker(&m_mutex);
    if (m_fd < 0)
        return m_lines;
    if (writeLine(lastLine))
        ++m_lines;
    // The result must survive a crash right after the index says "stopped".
    if (::fsync(m_fd) != 0)
        qCWarning(lcRunningTask) << "cannot sync the log of" << m_upid.toString() << ":" << strerror(errno);
    ::close(m_fd);
    m_fd = -1;
    return m_lines;
}

void RunningTask::cancel()
{
    const QMutexLocker locker(&m_cancelMutex);
    m_cancelled = true;
    m_cancelWake.wakeAll();
}

bool RunningTask::waitForCancel(int timeoutMs) const
{
    QMutexLocker locker(&m_cancelMutex);
    const QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                                : QDeadlineTimer(timeoutMs));
    while (!m_cancelled) {
        if (!m_cancelWake.wait(&m_cancelMutex, deadline))
            break;
    }
    return m_cancelled;
}

int RunningTask::warnings() const
{
    const QMutexLocker locker(&m_mutex);
    return m_warnings;
}

} // namespace atalaia::tasks
