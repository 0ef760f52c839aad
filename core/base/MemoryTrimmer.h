#pragma once

#include <QObject>
#include <QTimer>

namespace atalaia::base {

// Gives memory the allocator holds but no longer uses back to the system.
//
// glibc keeps freed heap pages (and a whole arena per worker thread) mapped,
// so after one burst of large answers an idle agent stays at its peak RSS.
// This checks every few seconds how much free memory the allocator holds and
// trims it when that is worth a system call. Elsewhere than glibc it does nothing.
class MemoryTrimmer : public QObject
{
    Q_OBJECT
public:
    explicit MemoryTrimmer(QObject *parent = nullptr, int intervalMs = 5000);

    // Limits malloc to two arenas: worker threads then share memory instead
    // of each keeping its own high-water mark. Call before threads start.
    static void limitArenas();

    // Trims now if the allocator holds at least THRESHOLD free bytes; returns
    // the bytes it held free before trimming.
    static qint64 trimIfWorthIt(qint64 threshold = kThreshold);

    static constexpr qint64 kThreshold = 256 * 1024;

private:
    QTimer m_timer;
};

} // namespace atalaia::base
