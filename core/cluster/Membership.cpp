#include "Membership.h"

namespace atalaia::cluster {

const MemberNode *ClusterView::node(const QString &nodeName) const
{
    for (const MemberNode &n : nodes)
        if (n.name == nodeName)
            return &n;
    return nullptr;
}

int ClusterView::expectedVotes() const
{
    int votes = 0;
    for (const MemberNode &n : nodes)
        votes += n.votes;
    return votes;
}

int ClusterView::onlineVotes() const
{
    int votes = 0;
    for (const MemberNode &n : nodes)
        if (n.online)
            votes += n.votes;
    return votes;
}

} // namespace atalaia::cluster
