#pragma once

#include "base/Error.h"

#include <QString>
#include <QStringList>

namespace atalaia::virt {

// Where a Proxmox volume ID ("local:iso/debian.iso", "local:100/vm-100-disk-0.qcow2",
// "ceph-vm:vm-100-disk-0") lives, as QEMU opens it. The storage layer
// (storage.cfg, and Ceph later) implements it; tests use a table.
struct VolumeSource {
    // Directory: a directory tree (a container's "subvol" volume, or a
    // mounted image), usable by containers only.
    enum class Kind { File, Block, Rbd, Directory };
    Kind kind = Kind::File;
    QString path;           // File/Block/Directory: the path; Rbd: "pool/image"
    QString format = QStringLiteral("raw"); // raw | qcow2
    QStringList monitors;   // Rbd: "host:port" of the Ceph monitors
    QString user;           // Rbd: the cephx user ("admin")
    QString secretUuid;     // Rbd: libvirt secret holding that user's key
};

class StorageResolver
{
public:
    virtual ~StorageResolver() = default;
    // Code::NotFound for an unknown storage or volume.
    virtual Result<VolumeSource> resolve(const QString &volumeId) const = 0;
};

} // namespace atalaia::virt
