#pragma once

#include "StorageBackend.h"
#include "virt/StorageResolver.h"

#include <QStringList>

#include <memory>

namespace atalaia::store {
class ConfigStore;
}

namespace atalaia::storage {

// One storage.cfg entry, the parts this node acts on.
struct StorageDefinition {
    QString id;
    QString type;           // dir (rbd with the Ceph work)
    QString path;           // dir
    QStringList content;    // iso, vztmpl, images, rootdir, backup, ...
    QStringList nodes;      // empty: every node
    bool shared = false;
    bool disabled = false;

    bool availableOn(const QString &node) const { return !disabled && (nodes.isEmpty() || nodes.contains(node)); }
    bool holds(const QString &kind) const { return content.contains(kind); }
};

// The storages of the cluster (storage.cfg in the configuration store) as
// this node uses them: volume IDs ("local:iso/x.iso") to backends, and to
// QEMU's view of them (virt::StorageResolver). Without a storage.cfg the
// node has Proxmox's default "local" directory storage at /var/lib/vz.
// Reads storage.cfg on every call: edits elsewhere apply at once.
class StorageManager final : public virt::StorageResolver
{
public:
    // PATHROOT: where the fake backend keeps a storage at DEFAULTPATH (a
    // fixture's "local" at /var/lib/vz lands below it); empty: nowhere else.
    StorageManager(store::ConfigStore &store, QString node, QString defaultPath = QStringLiteral("/var/lib/vz"),
                   QString pathRoot = {});

    static constexpr const char *kStorageCfg = "storage.cfg";

    Result<QList<StorageDefinition>> definitions() const;
    Result<StorageDefinition> definition(const QString &storage) const;
    // The backend of a storage usable on this node.
    Result<std::unique_ptr<StorageBackend>> backend(const QString &storage) const;

    // "storage:volname" -> (storage, volname), checked.
    static Result<std::pair<QString, QString>> splitVolumeId(const QString &volid);
    Result<virt::VolumeSource> resolve(const QString &volumeId) const override;
    Result<QString> localPath(const QString &volumeId) const;
    Result<void> free(const QString &volumeId) const;

    const QString &node() const { return m_node; }

private:
    // A volume id's backend (usable on this node) and the name within it.
    struct Volume {
        std::unique_ptr<StorageBackend> backend;
        QString name;
    };
    Result<Volume> volume(const QString &volumeId) const;

    store::ConfigStore &m_store;
    QString m_node;
    QString m_defaultPath;
    QString m_pathRoot;
};

} // namespace atalaia::storage
