#include "LibvirtMigration.h"

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace atalaia::virt::libvirt {

MigrationProgress progressFromJobStats(int jobType, const TypedParameters &stats, bool completed)
{
    MigrationProgress p;
    if (completed)
        p.phase = MigrationProgress::Phase::Completed;
    else if (jobType == VIR_DOMAIN_JOB_NONE)
        p.phase = MigrationProgress::Phase::Setup;
    else if (jobType == VIR_DOMAIN_JOB_CANCELLED)
        p.phase = MigrationProgress::Phase::Cancelled;
    else if (jobType == VIR_DOMAIN_JOB_FAILED)
        p.phase = MigrationProgress::Phase::Failed;
    else
        p.phase = MigrationProgress::Phase::Active;
    p.elapsedMs = stats.integer(VIR_DOMAIN_JOB_TIME_ELAPSED);
    p.dataTotal = stats.integer(VIR_DOMAIN_JOB_DATA_TOTAL);
    p.dataProcessed = stats.integer(VIR_DOMAIN_JOB_DATA_PROCESSED);
    p.dataRemaining = stats.integer(VIR_DOMAIN_JOB_DATA_REMAINING);
    p.memoryTotal = stats.integer(VIR_DOMAIN_JOB_MEMORY_TOTAL);
    p.memoryProcessed = stats.integer(VIR_DOMAIN_JOB_MEMORY_PROCESSED);
    p.memoryRemaining = stats.integer(VIR_DOMAIN_JOB_MEMORY_REMAINING);
    p.memoryBps = stats.integer(VIR_DOMAIN_JOB_MEMORY_BPS);
    p.dirtyRate = stats.integer(VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE);
    p.pageSize = stats.integer(VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE, 4096);
    p.iteration = stats.integer(VIR_DOMAIN_JOB_MEMORY_ITERATION);
    // libvirt reports the expected downtime while the job runs and the real
    // one once it has completed, under the same name.
    const qint64 downtime = stats.integer(VIR_DOMAIN_JOB_DOWNTIME, -1);
    if (completed)
        p.downtimeMs = downtime;
    else
        p.expectedDowntimeMs = std::max<qint64>(0, downtime);
    return p;
}

namespace {

// The target's record of the completed incoming job: the real downtime and the
// job's figures (a transient domain's record on the source goes with it). Kept
// there (KEEP_COMPLETED), so `virsh domjobinfo --completed` still shows it.
std::optional<MigrationProgress> completedOnTarget(const QString &targetUri, int vmid)
{
    ConnectionHandle target(virConnectOpen(targetUri.toUtf8().constData()));
    if (!target)
        return std::nullopt;
    DomainHandle d(virDomainLookupByName(target.get(), QByteArray::number(vmid).constData()));
    if (!d)
        return std::nullopt;
    TypedParameters stats;
    int type = 0;
    if (virDomainGetJobStats(d.get(), &type, &stats.params, &stats.count,
                             VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED)
        < 0)
        return std::nullopt;
    return progressFromJobStats(type, stats, true);
}

} // namespace

Result<void> migrateDomain(virDomainPtr domain, int vmid, const MigrationRequest &request,
                           const MigrationObserver &progress, const CancelCheck &cancelled)
{
    TypedParameters params;
    if (!request.migrateUri.isEmpty())
        virTypedParamsAddString(&params.params, &params.count, &params.capacity, VIR_MIGRATE_PARAM_URI,
                                request.migrateUri.toUtf8().constData());
    if (request.bandwidthMiBps > 0)
        virTypedParamsAddULLong(&params.params, &params.count, &params.capacity, VIR_MIGRATE_PARAM_BANDWIDTH,
                                static_cast<unsigned long long>(request.bandwidthMiBps));
    unsigned flags = VIR_MIGRATE_LIVE | VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_ABORT_ON_ERROR;
    // libvirt calls a migration with disks on a local file system "unsafe";
    // our storage layer knows better when the storage is declared shared.
    if (request.storageDeclaredShared)
        flags |= VIR_MIGRATE_UNSAFE;

    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    std::atomic<bool> aborted{false};
    // The maximum downtime goes to QEMU before the job starts (libvirt accepts it
    // for a running domain), so a migration shorter than the watcher's first tick
    // honours it too; if libvirt refuses it now, the watcher tries once the job runs.
    const bool downtimeSetNow = request.maxDowntimeMs > 0
                                && virDomainMigrateSetMaxDowntime(domain, quint64(request.maxDowntimeMs), 0) == 0;
    std::jthread watcher([&] {
        bool downtimeSet = request.maxDowntimeMs <= 0 || downtimeSetNow;
        std::unique_lock lock(mutex);
        while (!done.wait_for(lock, std::chrono::seconds(1), [&] { return finished; })) {
            lock.unlock();
            if (cancelled && cancelled() && !aborted.exchange(true))
                virDomainAbortJob(domain);
            TypedParameters stats;
            int type = VIR_DOMAIN_JOB_NONE;
            if (virDomainGetJobStats(domain, &type, &stats.params, &stats.count, 0) == 0) {
                if (!downtimeSet && type == VIR_DOMAIN_JOB_UNBOUNDED)
                    downtimeSet = virDomainMigrateSetMaxDowntime(domain, quint64(request.maxDowntimeMs), 0) == 0;
                if (progress && type != VIR_DOMAIN_JOB_NONE)
                    progress(progressFromJobStats(type, stats, false));
            }
            lock.lock();
        }
    });

    const int rc = virDomainMigrateToURI3(domain, request.targetUri.toUtf8().constData(), params.params,
                                          unsigned(params.count), flags);
    const QString why = rc < 0 ? lastLibvirtError() : QString();
    {
        const std::lock_guard lock(mutex);
        finished = true;
    }
    done.notify_all();
    watcher.join();

    if (rc < 0) {
        if (aborted.load()) {
            if (progress) {
                MigrationProgress p;
                p.phase = MigrationProgress::Phase::Cancelled;
                progress(p);
            }
            return fail(Code::MigrationCancelled,
                        QStringLiteral("migration of VM %1 cancelled; it keeps running here").arg(vmid));
        }
        return fail(Code::MigrationFailed, QStringLiteral("migration of VM %1 to %2 failed: %3")
                                               .arg(vmid)
                                               .arg(request.targetNode, why));
    }
    if (progress) {
        MigrationProgress p;
        TypedParameters stats;
        int type = 0;
        // The source keeps the completed job's figures only while the domain
        // object lives; ask the target for the downtime.
        if (virDomainGetJobStats(domain, &type, &stats.params, &stats.count, VIR_DOMAIN_JOB_STATS_COMPLETED) == 0)
            p = progressFromJobStats(type, stats, true);
        p.phase = MigrationProgress::Phase::Completed;
        if (p.downtimeMs < 0 || p.elapsedMs <= 0) {
            if (const std::optional<MigrationProgress> t = completedOnTarget(request.targetUri, vmid))
                p = *t;
        }
        progress(p);
    }
    return {};
}

} // namespace atalaia::virt::libvirt
