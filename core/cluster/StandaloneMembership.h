#pragma once

#include "Membership.h"

namespace atalaia::cluster {

// A node without a cluster: it is its own, always quorate, membership (what
// Proxmox VE shows before `pvecm create`).
class StandaloneMembership final : public Membership
{
    Q_OBJECT
public:
    explicit StandaloneMembership(QString nodeName, QObject *parent = nullptr);
    ClusterView view() const override;

private:
    QString m_node;
};

} // namespace atalaia::cluster
