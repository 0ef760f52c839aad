#pragma once

#include "ContainerSetup.h"
#include "ExternalCommand.h"
#include "StorageResolver.h"
#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace atalaia::virt {

// What Proxmox does to a container's root file system, without mounting it:
// make it from a template at creation (pct create), and apply the config's
// host name, DNS and network settings before every start (PVE::LXC::Setup).
// Blocking and long-running (seconds to minutes): call it from a task's
// worker thread with HOOKS for progress and cancellation.
//
// Programs used: tar with zstd, gzip or xz (by the template's extension),
// mkfs.ext4 and debugfs (e2fsprogs). Run as root: the template's owners are
// kept (and shifted for unprivileged containers).

struct ContainerRootfsRequest {
    QString templatePath;   // a .tar.zst, .tar.gz (.tgz) or .tar.xz of "./..." paths
    // File: a raw ext4 image to make (must not exist yet);
    // Block: a device to format (its whole size);
    // Directory: a directory to fill (must be absent or empty).
    VolumeSource target;
    qint64 sizeBytes = 0;   // File: the image's size
    bool unprivileged = false; // shift owners by kUnprivilegedIdShift
    QByteArray rootPassword;   // plain text (hashed SHA-512) or a crypt hash; empty: leave it
    QStringList sshPublicKeys; // root's authorized_keys; empty: leave it
};

// Creates the root file system of REQUEST.target from the template and applies
// SETUP to it. On any failure (or cancellation) nothing is left behind: the
// image file is removed, the directory is not created (it is built aside and
// renamed into place); a Block device is left as it was or half-formatted.
Result<void> createContainerRootfs(const ContainerRootfsRequest &request, const ContainerSetup &setup,
                                   const TaskHooks &hooks = {});

// Before a start (and after a config change of a stopped container): writes
// SETUP into the stopped container's ROOTFS (File or Block: an ext4 file
// system, changed with debugfs; Directory: changed in place). Never pass an
// image that is mounted (debugfs would corrupt it): when the caller has
// mounted it on the host (an unprivileged container, see LxcDomainXml), pass
// the mount point as a Directory. Nothing is
// written for ostype "unmanaged"; /etc/network/interfaces only for Debian,
// Ubuntu, Devuan and Alpine (detected from /etc when the config has no ostype).
Result<void> setupContainerRootfs(const VolumeSource &rootfs, bool unprivileged, const ContainerSetup &setup,
                                  const TaskHooks &hooks = {});

} // namespace atalaia::virt
