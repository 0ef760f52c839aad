#pragma once

#include "ExternalCommand.h"
#include "base/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace atalaia::virt {

// A stopped container's root file system as its setup reads and writes it,
// without mounting anything:
//  - a directory tree, through file descriptors resolved *inside* the tree
//    (openat2 RESOLVE_IN_ROOT), so a symlink in the guest can never make us
//    write a host file;
//  - an ext4 image file or block device, through debugfs (e2fsprogs). No loop
//    mount: that needs mount privileges in the agent's namespace and a kernel
//    that lets us mount ext4, and a mounted image must be unmounted again on
//    every error path. debugfs touches only the image, needs no kernel help,
//    and is what Proxmox's own tools leave alone: the image must not be in
//    use (the container is stopped).
// Paths are absolute inside the container. Owners are container ids (root =
// 0); an unprivileged container's ids are shifted by ID_SHIFT on disk.
class RootfsAccess
{
public:
    virtual ~RootfsAccess() = default;

    // The content of the regular file PATH; nothing when it does not exist or
    // is not a regular file.
    virtual Result<std::optional<QByteArray>> read(const QString &path) = 0;
    // Replaces PATH's content. An existing regular file keeps its mode and
    // owner; a new file (or one that replaces a symlink) is root's with MODE.
    virtual Result<void> write(const QString &path, const QByteArray &data, unsigned mode) = 0;
    // Creates the directory PATH (root's, MODE) unless it exists; its parent must exist.
    virtual Result<void> makeDirectory(const QString &path, unsigned mode) = 0;
    // Makes the writes durable. The image access queues its writes and runs
    // them here in one debugfs call; reads before commit() see the old content.
    virtual Result<void> commit() = 0;

    static Result<std::unique_ptr<RootfsAccess>> directory(const QString &root, unsigned idShift);
    static Result<std::unique_ptr<RootfsAccess>> ext4(const QString &image, unsigned idShift, TaskHooks hooks);
};

} // namespace atalaia::virt
