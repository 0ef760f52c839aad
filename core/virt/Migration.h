#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

namespace atalaia::virt {

// Where and how to live-migrate a running VM (Hypervisor::migrate).
struct MigrationRequest {
    QString targetNode;
    // The target's hypervisor, as the source's hypervisor reaches it
    // (peer to peer): libvirt "qemu+tcp://node2/system" in the lab.
    QString targetUri;
    // Where QEMU sends the VM's state ("tcp://10.77.0.2"): the migration
    // network. Empty: the hypervisor's choice (the target's host name).
    QString migrateUri;
    qint64 bandwidthMiBps = 0; // 0: unlimited
    qint64 maxDowntimeMs = 0;  // 0: the hypervisor's default (300 ms for QEMU)
    // Every disk is on a storage the cluster's configuration declares
    // shared (a directory the admin mounts from NFS on every node, say):
    // the hypervisor's own guess from the file system type is overruled.
    bool storageDeclaredShared = false;
};

// One sample of a migration's progress, as virDomainGetJobStats reports it.
// Sizes in bytes, rates per second.
struct MigrationProgress {
    enum class Phase { Setup, Active, Completed, Cancelled, Failed };
    Phase phase = Phase::Setup;
    qint64 elapsedMs = 0;
    qint64 dataTotal = 0;
    qint64 dataProcessed = 0;
    qint64 dataRemaining = 0;
    qint64 memoryTotal = 0;
    qint64 memoryProcessed = 0;
    qint64 memoryRemaining = 0;
    qint64 memoryBps = 0;        // transfer rate of the memory stream
    qint64 dirtyRate = 0;        // pages per second
    qint64 pageSize = 4096;
    qint64 iteration = 0;        // memory passes
    qint64 expectedDowntimeMs = 0;
    qint64 downtimeMs = -1;      // the real one, once completed (-1: unknown)

    static QString phaseName(Phase phase);
    // The event-stream shape: {"phase", "elapsed_ms", "data_total", ...}.
    QJsonObject toJson() const;
    static MigrationProgress fromJson(const QJsonObject &json);
};

// Called about once a second from the migrating thread.
using MigrationObserver = std::function<void(const MigrationProgress &)>;
// Polled while migrating; true aborts the migration (the VM stays on the source).
using CancelCheck = std::function<bool()>;

} // namespace atalaia::virt
