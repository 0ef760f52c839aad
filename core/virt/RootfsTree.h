#pragma once

#include "ExternalCommand.h"
#include "base/Error.h"

#include <QString>

namespace atalaia::virt {

// What an extracted root file system holds: for sizing its image.
struct TreeUsage {
    qint64 bytes = 0;  // allocated blocks of every file (hard links once)
    qint64 inodes = 0;
};

// Walks the tree at ROOT (not following symlinks, not leaving its file
// system) and, when SHIFT is not 0, moves every owner and group from
// container id N to host id N + SHIFT, as an unprivileged container's user
// namespace maps them. Ids must be below COUNT. What chown(2) drops is put
// back: setuid/setgid bits and file capabilities (security.capability).
// Hard links are shifted once. Polls HOOKS for cancellation.
Result<TreeUsage> walkRootfsTree(const QString &root, unsigned shift, unsigned count, const TaskHooks &hooks);

} // namespace atalaia::virt
