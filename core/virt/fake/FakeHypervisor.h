#pragma once

#include "base/Error.h"
#include "virt/Hypervisor.h"

#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QSet>

namespace atalaia::virt::fake {

// An in-memory hypervisor seeded from a fixture's "guests" array (entries in
// the /cluster/resources shape). Deterministic; for unit tests, the console
// demo and benchmarks. start() takes the name, memory and CPUs from the
// domain XML; a guest it started is gone from guests() once stopped (a
// libvirt domain made from XML is transient), fixture guests are kept; a
// migration reports scripted progress (25 %, 60 %, 100 %) and
// moves the guest to the fake hypervisor of the target node, when one lives
// in this process.
class FakeHypervisor final : public Hypervisor
{
    Q_OBJECT
public:
    explicit FakeHypervisor(QString node = QString());
    ~FakeHypervisor() override;

    static Result<std::unique_ptr<FakeHypervisor>> fromJson(const QJsonArray &guests, const QString &node);
    // GENERATED more synthetic guests (ids from FIRSTVMID, 70 % VMs, mixed
    // states and sizes), deterministic: for benchmarks at scale.
    void generate(int count, int firstVmid, const QString &node);

    QList<model::ClusterResource> guests() const override;
    Result<void> supports(model::GuestType type) const override;
    bool hasKvm() const override { return false; }
    // What libvirt lists under TCG, in part (tests choose models outside it).
    QStringList cpuModels() const override;
    Result<void> start(model::GuestType type, int vmid, const QByteArray &domainXml) override;
    Result<void> stop(model::GuestType type, int vmid) override;
    Result<void> shutdown(model::GuestType type, int vmid) override;
    Result<void> reboot(model::GuestType type, int vmid) override;
    Result<void> suspend(model::GuestType type, int vmid) override;
    Result<void> resume(model::GuestType type, int vmid) override;
    Result<void> migrate(int vmid, const MigrationRequest &request, const MigrationObserver &progress,
                         const CancelCheck &cancelled) override;

    // Test controls.
    void setGuest(model::ClusterResource guest);
    void removeGuest(int vmid);
    void setUnsupported(model::GuestType type, const QString &reason);
    // The next REFUSALS shutdown requests fail (as libvirt's for a container
    // whose init is not known yet); IGNORED: requests succeed but the guest
    // keeps running (a guest that does not react to ACPI or SIGPWR).
    void setShutdownBehaviour(int refusals, bool ignored);
    // The last domain XML start() got for a guest (empty if none).
    QByteArray lastDomainXml(model::GuestType type, int vmid) const;

private:
    static QString guestId(model::GuestType type, int vmid);
    Result<void> setStatus(model::GuestType type, int vmid, const QString &from, const QString &to);

    const QString m_node;
    mutable QMutex m_mutex;
    QList<model::ClusterResource> m_guests;
    QHash<QString, QByteArray> m_domainXml;
    // Guests start() made: transient, as libvirt's domains made from XML, so
    // they leave the list once stopped; fixture guests stay, stopped.
    QSet<QString> m_transient;
    QHash<model::GuestType, QString> m_unsupported;
    int m_shutdownRefusals = 0;
    bool m_shutdownIgnored = false;
};

} // namespace atalaia::virt::fake
