#pragma once

#include "StorageBackend.h"

#include <QString>

namespace atalaia::storage {

// Proxmox's "dir" storage: volumes are files under one directory,
//   template/iso/<name>.iso            "iso/<name>.iso"
//   template/cache/<name>.tar.zst      "vztmpl/<name>.tar.zst"
//   images/<vmid>/vm-<vmid>-disk-N.F   "<vmid>/vm-<vmid>-disk-N.F" (F: raw, qcow2)
// Raw images are sparse files; qcow2 ones are made by qemu-img.
class DirStorage final : public StorageBackend
{
public:
    DirStorage(QString id, QString path);

    Result<virt::VolumeSource> resolve(const QString &volname) const override;
    Result<QString> allocate(int vmid, const QString &format, qint64 sizeBytes) override;
    Result<void> free(const QString &volname) override;
    Result<QList<VolumeInfo>> list(const QString &content) const override;
    Result<StorageStatus> status() const override;
    Result<QString> import(const QString &content, const QString &filename, const QString &source) override;
    Result<QString> path(const QString &volname) const override;
    Result<QString> stagingDirectory() const override;

    // The kind of content a volume name holds (iso, vztmpl, images), or an
    // error naming what is wrong with it.
    static Result<QString> contentOf(const QString &volname);

private:
    QString imageDir(int vmid) const;
    QList<VolumeInfo> listFiles(const QString &dir, const QString &content, const QString &prefix) const;

    QString m_id;
    QString m_path;
};

} // namespace atalaia::storage
