#pragma once

#include "base/Error.h"
#include "virt/Hypervisor.h"

#include <QJsonArray>
#include <QMutex>

namespace atalaia::virt::fake {

// An in-memory hypervisor seeded from a fixture's "guests" array (entries in
// the /cluster/resources shape). Deterministic; for unit tests, the console
// demo and benchmarks.
class FakeHypervisor final : public Hypervisor
{
    Q_OBJECT
public:
    static Result<std::unique_ptr<FakeHypervisor>> fromJson(const QJsonArray &guests, const QString &node);
    // GENERATED more synthetic guests (ids from FIRSTVMID, 70 % VMs, mixed
    // states and sizes), deterministic: for benchmarks at scale.
    void generate(int count, int firstVmid, const QString &node);

    QList<model::ClusterResource> guests() const override;

    // Test controls.
    void setGuest(model::ClusterResource guest);
    void removeGuest(int vmid);

private:
    mutable QMutex m_mutex;
    QList<model::ClusterResource> m_guests;
};

} // namespace atalaia::virt::fake
