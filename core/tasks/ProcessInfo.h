#pragma once

#include <QtGlobal>

#include <optional>

namespace atalaia::tasks {

// The process facts a UPID carries, from /proc (Linux).
class ProcessInfo
{
public:
    static quint32 currentPid();
    // The start time of pid in clock ticks since boot (field 22 of
    // /proc/<pid>/stat), as PVE's UPIDs carry it; nullopt if there is no
    // such process.
    static std::optional<quint64> startTicks(quint32 pid);
    // startTicks(currentPid()), read once.
    static quint64 currentStartTicks();
    // Whether the process a UPID names is still the same live process.
    static bool isAlive(quint32 pid, quint64 pstart);
};

} // namespace atalaia::tasks
