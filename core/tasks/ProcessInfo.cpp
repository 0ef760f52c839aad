#include "ProcessInfo.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace atalaia::tasks {

quint32 ProcessInfo::currentPid()
{
    return quint32(::getpid());
}

std::optional<quint64> ProcessInfo::startTicks(quint32 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = stat.readAll();
    // "pid (comm) state ppid ...": comm may hold spaces and ')', so split
    // after its last ')'. The first field after it is field 3 (state), so
    // field 22 (starttime) is the 20th.
    const qsizetype paren = text.lastIndexOf(')');
    if (paren < 0)
        return std::nullopt;
    const QList<QByteArray> fields = text.mid(paren + 1).simplified().split(' ');
    if (fields.size() < 20)
        return std::nullopt;
    bool ok = false;
    const quint64 ticks = fields.at(19).toULongLong(&ok);
    return ok ? std::optional<quint64>(ticks) : std::nullopt;
}

quint64 ProcessInfo::currentStartTicks()
{
    static const quint64 ticks = startTicks(currentPid()).value_or(0);
    return ticks;
}

bool ProcessInfo::isAlive(quint32 pid, quint64 pstart)
{
    const std::optional<quint64> ticks = startTicks(pid);
    return ticks && *ticks == pstart;
}

} // namespace atalaia::tasks
