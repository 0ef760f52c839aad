#include "TaskContext.h"

#include "ExitStatus.h"
#include "RunningTask.h"
#include "TaskManager.h"

#include <algorithm>
#include <cmath>

namespace atalaia::tasks {

TaskContext::TaskContext(TaskManager &manager, std::shared_ptr<RunningTask> task, const Clock &clock)
    : m_manager(manager), m_task(std::move(task)), m_clock(clock)
{
}

const model::Upid &TaskContext::upid() const
{
    return m_task->upid();
}

void TaskContext::log(const QString &line)
{
    for (const auto &[n, text] : m_task->append(line))
        emit m_manager.taskLogLine(m_task->upid(), n, text);
}

void TaskContext::warn(const QString &line)
{
    for (const auto &[n, text] : m_task->append(line, true))
        emit m_manager.taskLogLine(m_task->upid(), n, text);
}

void TaskContext::setProgress(double progress)
{
    const double value = std::isnan(progress) ? 0.0 : std::clamp(progress, 0.0, 1.0);
    m_task->progress = value;
    emit m_manager.taskProgress(m_task->upid(), value);
}

bool TaskContext::isCancelled() const
{
    return m_task->isCancelled();
}

bool TaskContext::waitForCancel(int timeoutMs) const
{
    return m_task->waitForCancel(timeoutMs);
}

std::unexpected<Error> TaskContext::interrupted()
{
    // PVE's exact words, not translated: clients compare exit statuses.
    return fail(Code::Internal, QString(ExitStatus::kInterrupted));
}

} // namespace atalaia::tasks
