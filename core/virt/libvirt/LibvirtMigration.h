#pragma once

#include "LibvirtHandles.h"
#include "base/Error.h"
#include "virt/Migration.h"

namespace atalaia::virt::libvirt {

// Live-migrates DOMAIN peer to peer (VIR_MIGRATE_LIVE | PEER2PEER) to
// request.targetUri, blocking. The maximum downtime is set before the job
// starts (or, if libvirt refuses it then, once the job runs). A watcher thread
// reads the job's statistics every second (virDomainGetJobStats) for PROGRESS
// and aborts the job (virDomainAbortJob) when CANCELLED says so. After success
// the real downtime and the job's figures come from the target's record of the
// completed job, which stays there for `virsh domjobinfo --completed`.
Result<void> migrateDomain(virDomainPtr domain, int vmid, const MigrationRequest &request,
                           const MigrationObserver &progress, const CancelCheck &cancelled);

// One MigrationProgress from job statistics (exposed for tests).
MigrationProgress progressFromJobStats(int jobType, const TypedParameters &stats, bool completed);

} // namespace atalaia::virt::libvirt
