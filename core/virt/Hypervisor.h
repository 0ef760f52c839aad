#pragma once

#include "Migration.h"
#include "base/Error.h"
#include "model/ClusterResource.h"
#include "model/GuestType.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <optional>

namespace atalaia::virt {

// The guests (VMs and containers) that run on this node, as the node's
// hypervisor sees them, and the actions on them. libvirt::LibvirtHypervisor
// talks to libvirtd (qemu and lxc drivers); fake::FakeHypervisor is an
// in-memory one for tests, demos and benchmarks.
//
// Guests are transient on the hypervisor: their configuration lives in the
// cluster store, and start() hands over a domain made from it
// (QemuDomainXml, LxcDomainXml); a stopped guest is unknown here. A guest is
// named by its type and VMID.
//
// Thread-safe. Actions block for as long as the hypervisor takes (seconds
// at most, except migrate()): call them from task threads, never the GUI's.
class Hypervisor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Hypervisor() override = default;

    // One /cluster/resources entry per guest the hypervisor knows ("qemu" or
    // "lxc", status running or paused, with usage figures: cpu, mem, netin,
    // ...). A snapshot refreshed every few seconds and on every lifecycle
    // event: never blocks for long.
    virtual QList<model::ClusterResource> guests() const = 0;
    std::optional<model::ClusterResource> guest(model::GuestType type, int vmid) const
    {
        const QString id = QString(model::enumName(type)) + u'/' + QString::number(vmid);
        for (model::ClusterResource &g : guests())
            if (g.id == id)
                return std::move(g);
        return std::nullopt;
    }

    // Whether guests of this type can run here (the lxc driver may be
    // missing), and why not.
    virtual Result<void> supports(model::GuestType type) const = 0;
    // Hardware virtualisation (KVM) is available: VMs get <domain type='kvm'>.
    virtual bool hasKvm() const = 0;
    // The CPU models VMs can use here (libvirt's usable custom models for
    // this node's virtualisation type), for migration checks; empty when not
    // known. Does not change while the agent runs.
    virtual QStringList cpuModels() const = 0;

    // Starts a guest from a domain description (libvirt domain XML).
    // GuestRunning if it already runs.
    virtual Result<void> start(model::GuestType type, int vmid, const QByteArray &domainXml) = 0;
    // Pulls the plug. GuestNotRunning if it does not run.
    virtual Result<void> stop(model::GuestType type, int vmid) = 0;
    // Asks the guest OS to power off (ACPI / SIGPWR to the container's
    // init) and returns at once; the caller waits for the guest to go.
    virtual Result<void> shutdown(model::GuestType type, int vmid) = 0;
    virtual Result<void> reboot(model::GuestType type, int vmid) = 0;
    virtual Result<void> suspend(model::GuestType type, int vmid) = 0;
    virtual Result<void> resume(model::GuestType type, int vmid) = 0;

    // Live-migrates a running VM to another node's hypervisor, peer to peer;
    // blocks until done. Reports progress about once a second, and aborts
    // (MigrationCancelled, the VM still running here) when CANCELLED says so.
    // The last report is Completed, with the real downtime when known.
    virtual Result<void> migrate(int vmid, const MigrationRequest &request, const MigrationObserver &progress,
                                 const CancelCheck &cancelled) = 0;

signals:
    // A guest appeared, changed status or went away (for the event stream).
    void guestChanged(int vmid);
};

} // namespace atalaia::virt
