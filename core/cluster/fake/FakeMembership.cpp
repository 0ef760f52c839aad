#include "FakeMembership.h"

#include "metrics/fake/FakeNodeMetrics.h"

#include <QJsonArray>

#include <algorithm>

namespace atalaia::cluster::fake {

Result<std::unique_ptr<FakeMembership>> FakeMembership::fromJson(const QJsonObject &cluster, const QString &localNode)
{
    std::unique_ptr<FakeMembership> m(new FakeMembership);
    m->m_view.name = cluster.value(QLatin1String("name")).toString();
    if (m->m_view.name.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("fixture \"cluster\": a cluster needs a \"name\""));
    m->m_view.configVersion = cluster.value(QLatin1String("config_version")).toInt(1);
    bool sawLocal = false;
    const QJsonArray nodes = cluster.value(QLatin1String("nodes")).toArray();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QJsonObject o = nodes.at(i).toObject();
        MemberNode n;
        n.name = o.value(QLatin1String("name")).toString();
        n.nodeid = o.value(QLatin1String("nodeid")).toInt(int(i) + 1);
        n.address = o.value(QLatin1String("ip")).toString();
        n.votes = o.value(QLatin1String("votes")).toInt(1);
        n.online = o.value(QLatin1String("online")).toBool(true);
        n.local = n.name == localNode;
        if (n.name.isEmpty())
            return fail(Code::InvalidArgument, QStringLiteral("fixture \"cluster\": node #%1 has no \"name\"").arg(i));
        const QJsonArray links = o.value(QLatin1String("links")).toArray();
        for (qsizetype k = 0; k < links.size(); ++k) {
            const QJsonObject l = links.at(k).toObject();
            if (!l.value(QLatin1String("link")).isDouble())
                return fail(Code::InvalidArgument,
                            QStringLiteral("fixture \"cluster\": node '%1', link #%2 has no \"link\" number").arg(n.name).arg(k));
            const int number = l.value(QLatin1String("link")).toInt();
            n.links.append(LinkStatus{number, l.value(QLatin1String("connected")).toBool(true),
                                      l.value(QLatin1String("address")).toString(number == 0 ? n.address : QString())});
        }
        std::sort(n.links.begin(), n.links.end(), [](const LinkStatus &a, const LinkStatus &b) { return a.link < b.link; });
        if (o.contains(QLatin1String("figures")))
            n.figures = metrics::fake::FakeNodeMetrics(o.value(QLatin1String("figures")).toObject()).sample();
        sawLocal = sawLocal || n.local;
        m->m_view.nodes.append(n);
    }
    if (!sawLocal)
        return fail(Code::InvalidArgument,
                    QStringLiteral("fixture \"cluster\": this node '%1' is not among the cluster's nodes").arg(localNode));
    std::sort(m->m_view.nodes.begin(), m->m_view.nodes.end(),
              [](const MemberNode &a, const MemberNode &b) { return a.name < b.name; });
    m->m_view.quorate = quorate(m->m_view);
    return m;
}

bool FakeMembership::quorate(const ClusterView &view)
{
    return view.onlineVotes() * 2 > view.expectedVotes();
}

ClusterView FakeMembership::view() const
{
    QMutexLocker lock(&m_mutex);
    return m_view;
}

Result<void> FakeMembership::setOnline(const QString &node, bool online)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = std::find_if(m_view.nodes.begin(), m_view.nodes.end(), [&](const MemberNode &n) { return n.name == node; });
        if (it == m_view.nodes.end())
            return fail(Code::NotFound, QStringLiteral("no node '%1' in the fake cluster").arg(node));
        it->online = online;
        // A node that is down is unreachable on every link; back up, on all.
        if (!it->local)
            for (LinkStatus &l : it->links)
                l.connected = online;
        m_view.quorate = quorate(m_view);
    }
    emit changed();
    return {};
}

Result<void> FakeMembership::setLinkConnected(const QString &node, int link, bool connected)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = std::find_if(m_view.nodes.begin(), m_view.nodes.end(), [&](const MemberNode &n) { return n.name == node; });
        if (it == m_view.nodes.end())
            return fail(Code::NotFound, QStringLiteral("no node '%1' in the fake cluster").arg(node));
        auto l = std::find_if(it->links.begin(), it->links.end(), [&](const LinkStatus &s) { return s.link == link; });
        if (l == it->links.end())
            return fail(Code::NotFound, QStringLiteral("node '%1' has no link %2 in the fake cluster").arg(node).arg(link));
        l->connected = connected;
    }
    emit changed();
    return {};
}

} // namespace atalaia::cluster::fake
