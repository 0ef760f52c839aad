#pragma once

#include "base/Error.h"
#include "virt/StorageResolver.h"

#include <QList>
#include <QString>

namespace atalaia::storage {

// One volume of a storage, as GET /nodes/{node}/storage/{storage}/content lists it.
struct VolumeInfo {
    QString volid;   // "local:iso/tiny.iso", "local:100/vm-100-disk-0.qcow2"
    QString content; // iso | vztmpl | images | rootdir
    QString format;  // iso, tzst/tgz/txz, raw, qcow2, subvol
    qint64 size = 0; // bytes (virtual size for disk images)
    qint64 used = 0; // bytes on the storage
    int vmid = 0;    // owner of a disk image; 0 for iso/templates
    qint64 ctime = 0;
};

struct StorageStatus {
    qint64 total = 0;
    qint64 used = 0;
    qint64 avail = 0;
    bool active = false;
};

// What a storage can do on this node: where its volumes are for QEMU,
// allocating and freeing guest disks, listing content, taking uploads.
// Implementations: DirStorage (a directory, Proxmox's "dir" plugin; the
// same directory mounted on every node makes a shared one); Ceph RBD comes
// with the Ceph work. Volume names are the part after "storage:".
// Blocking (file system work): call from task or worker threads.
class StorageBackend
{
public:
    virtual ~StorageBackend() = default;

    virtual Result<virt::VolumeSource> resolve(const QString &volname) const = 0;
    // A new, empty disk image of SIZEBYTES for VMID (raw or qcow2 where the
    // storage can hold files); returns its volume name.
    virtual Result<QString> allocate(int vmid, const QString &format, qint64 sizeBytes) = 0;
    virtual Result<void> free(const QString &volname) = 0;
    // CONTENT empty: everything.
    virtual Result<QList<VolumeInfo>> list(const QString &content) const = 0;
    virtual Result<StorageStatus> status() const = 0;
    // Moves the file at SOURCE into the storage as an ISO image or a
    // container template named FILENAME; returns its volume name.
    // Never replaces an existing volume (AlreadyExists).
    virtual Result<QString> import(const QString &content, const QString &filename, const QString &source) = 0;
    // A directory on the storage's own file system where an upload can be
    // written before import() takes it (then a rename, not a copy). Created
    // when missing; its files are not volumes (list() does not show them).
    virtual Result<QString> stagingDirectory() const = 0;
    // The local path of a file volume (ISO, template, image), for tools that
    // need one (container rootfs creation).
    virtual Result<QString> path(const QString &volname) const = 0;
};

} // namespace atalaia::storage
