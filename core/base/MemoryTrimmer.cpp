#include "MemoryTrimmer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace atalaia::base {

MemoryTrimmer::MemoryTrimmer(QObject *parent, int intervalMs)
    : QObject(parent)
{
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [] { trimIfWorthIt(); });
    m_timer.start();
}

void MemoryTrimmer::limitArenas()
{
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 2);
#endif
}

qint64 MemoryTrimmer::trimIfWorthIt(qint64 threshold)
{
#if defined(__GLIBC__)
    const struct mallinfo2 info = mallinfo2();
    const auto held = qint64(info.fordblks);
    if (held >= threshold)
        malloc_trim(0);
    return held;
#else
    Q_UNUSED(threshold);
    return 0;
#endif
}

} // namespace atalaia::base
