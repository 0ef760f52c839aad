#pragma once

#include "cluster/Membership.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QMutex>

#include <memory>

namespace atalaia::cluster::fake {

// A cluster membership seeded from a fixture's "cluster" object:
//   {"name": "lab", "nodes": [{"name": "pve1", "nodeid": 1, "ip": "10.0.0.1",
//     "online": true, "votes": 1, "figures": {...as the fixture's "node"...},
//     "links": [{"link": 0, "address": "10.0.0.1", "connected": true}, ...]}]}
// The local node must be listed; quorum follows votequorum's rule (more than
// half of the expected votes online). "links" are the corosync links to that
// node as the local node sees them ("connected" defaults to true, "address"
// to "ip" for link 0); no "links", none known. Test controls change
// membership and link states live.
class FakeMembership final : public Membership
{
    Q_OBJECT
public:
    static Result<std::unique_ptr<FakeMembership>> fromJson(const QJsonObject &cluster, const QString &localNode);

    ClusterView view() const override;

    // Test controls: a node goes offline or comes back (changed() follows);
    // the links to it go down or come back with it.
    Result<void> setOnline(const QString &node, bool online);
    // A link to a node goes down or comes back; the link must be in the fixture.
    Result<void> setLinkConnected(const QString &node, int link, bool connected);

private:
    FakeMembership() = default;
    static bool quorate(const ClusterView &view);

    mutable QMutex m_mutex;
    ClusterView m_view;
};

} // namespace atalaia::cluster::fake
