#include "StandaloneMembership.h"

namespace atalaia::cluster {

StandaloneMembership::StandaloneMembership(QString nodeName, QObject *parent)
    : Membership(parent)
    , m_node(std::move(nodeName))
{
}

ClusterView StandaloneMembership::view() const
{
    ClusterView v;
    MemberNode self;
    self.name = m_node;
    self.address = QStringLiteral("127.0.0.1");
    self.online = true;
    self.local = true;
    v.nodes.append(self);
    return v;
}

} // namespace atalaia::cluster
