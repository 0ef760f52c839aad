#pragma once

#include "virt/Hypervisor.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace atalaia::virt::libvirt {

class DriverConnection;

// The Hypervisor on libvirtd: VMs through the qemu driver, containers
// through the lxc driver, one connection each (opened in the background,
// reopened when libvirtd restarts). Guests are transient domains named by
// their VMID. A poller refreshes the guests' figures every few seconds
// (virConnectGetAllDomainStats, or per-domain info where a driver lacks
// it) and at once on lifecycle events.
class LibvirtHypervisor final : public Hypervisor
{
    Q_OBJECT
public:
    struct Options {
        QString node;                                         // this node's name (resources' "node")
        QString qemuUri = QStringLiteral("qemu:///system");
        QString lxcUri = QStringLiteral("lxc:///system");
        QString runDir = QStringLiteral("/run/libvirt");      // where the drivers keep <name>.pid
        int pollMs = 2000;
    };

    explicit LibvirtHypervisor(Options options);
    ~LibvirtHypervisor() override;

    QList<model::ClusterResource> guests() const override;
    Result<void> supports(model::GuestType type) const override;
    bool hasKvm() const override;
    QStringList cpuModels() const override;
    Result<void> start(model::GuestType type, int vmid, const QByteArray &domainXml) override;
    Result<void> stop(model::GuestType type, int vmid) override;
    Result<void> shutdown(model::GuestType type, int vmid) override;
    Result<void> reboot(model::GuestType type, int vmid) override;
    Result<void> suspend(model::GuestType type, int vmid) override;
    Result<void> resume(model::GuestType type, int vmid) override;
    Result<void> migrate(int vmid, const MigrationRequest &request, const MigrationObserver &progress,
                         const CancelCheck &cancelled) override;

private:
    DriverConnection &driver(model::GuestType type) const;
    mutable QMutex m_cpuModelsMutex;
    mutable std::optional<QStringList> m_cpuModels; // asked once libvirtd answered
    void poll();
    void wake();
    // Figures of one running guest from its driver's numbers.
    struct Previous {
        qint64 cpuTimeNs = 0;
        qint64 atNs = 0;
    };

    Options m_options;
    std::unique_ptr<DriverConnection> m_qemu;
    std::unique_ptr<DriverConnection> m_lxc;

    mutable QMutex m_mutex; // guards m_guests, m_previous
    QList<model::ClusterResource> m_guests;
    QHash<QString, Previous> m_previous;

    std::mutex m_wakeMutex;
    std::condition_variable m_wakeCondition;
    bool m_wakeRequested = false;
    bool m_stopping = false;
    std::jthread m_poller;
};

} // namespace atalaia::virt::libvirt
