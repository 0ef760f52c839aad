#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace atalaia::access {
class PamBackend;
}
namespace atalaia::cluster {
class Membership;
}
namespace atalaia::metrics {
class NetworkInterfaces;
class NodeMetrics;
}
namespace atalaia::virt {
class Hypervisor;
}

namespace atalaia::agent {

// The registry of the agent's external systems, real or fake, chosen by
// --backend: "real" (libpam, /proc, and no hypervisor connection yet) or
// "fake:FIXTURE.json" (in-memory, seeded from the fixture's "node", "guests",
// "pam" objects and its "network" array). Later work adds corosync, libvirt
// and Ceph here, each with its real and fake implementation.
struct Backends {
    std::unique_ptr<access::PamBackend> pam;
    std::unique_ptr<metrics::NodeMetrics> nodeMetrics;
    std::unique_ptr<metrics::NetworkInterfaces> networkInterfaces; // the kernel's, or the fixture's "network"
    std::unique_ptr<virt::Hypervisor> hypervisor;
    std::unique_ptr<cluster::Membership> membership; // standalone, or a fake cluster from "cluster"
    QJsonObject fixture;       // the fake's fixture (its "store" seeds an empty store)

    Backends();
    Backends(Backends &&) noexcept;
    Backends &operator=(Backends &&) noexcept;
    ~Backends();

    static Result<Backends> create(const QString &spec, const QString &nodeName);
};

} // namespace atalaia::agent
