#pragma once

#include "model/ClusterResource.h"

#include <QList>
#include <QObject>

namespace atalaia::virt {

// The guests (VMs and containers) that run on this node, as the node's
// hypervisor sees them. The libvirt implementation comes with the guests
// work; fake::FakeHypervisor serves fixtures for tests, demos and benchmarks.
// Thread-safe.
class Hypervisor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Hypervisor() override = default;

    // One /cluster/resources entry per guest of this node ("qemu" or "lxc"
    // type, with status and usage figures). Never blocks for long.
    virtual QList<model::ClusterResource> guests() const = 0;

signals:
    // A guest appeared, changed status or went away (for the event stream).
    void guestChanged(int vmid);
};

} // namespace atalaia::virt
