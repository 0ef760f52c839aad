#include "ClusterStatus.h"

#include <QJsonObject>

#include <algorithm>

namespace atalaia::ui {

namespace {

// Proxmox answers 0/1; fixtures and other servers may say true/false.
bool flag(const QJsonValue &v)
{
    return v.isBool() ? v.toBool() : v.toInt() != 0;
}

} // namespace

const ClusterStatus::Node *ClusterStatus::localNode() const
{
    for (const Node &n : nodes)
        if (n.local)
            return &n;
    return nodes.size() == 1 ? &nodes.first() : nullptr;
}

ClusterStatus ClusterStatus::fromJson(const QJsonArray &answer)
{
    ClusterStatus status;
    for (const QJsonValue &v : answer) {
        const QJsonObject o = v.toObject();
        const QString type = o.value(QLatin1String("type")).toString();
        if (type == QLatin1String("cluster")) {
            status.inCluster = true;
            status.name = o.value(QLatin1String("name")).toString();
            status.nodeCount = o.value(QLatin1String("nodes")).toInt();
            status.quorate = flag(o.value(QLatin1String("quorate")));
            status.version = o.value(QLatin1String("version")).toInt();
        } else if (type == QLatin1String("node")) {
            Node n;
            n.name = o.value(QLatin1String("name")).toString();
            n.nodeid = o.value(QLatin1String("nodeid")).toInt();
            n.votes = o.value(QLatin1String("quorum_votes")).toInt(1);
            n.online = flag(o.value(QLatin1String("online")));
            n.local = flag(o.value(QLatin1String("local")));
            n.ip = o.value(QLatin1String("ip")).toString();
            for (const QJsonValue &l : o.value(QLatin1String("links")).toArray()) {
                const QJsonObject link = l.toObject();
                n.links.append(Link{link.value(QLatin1String("link")).toInt(), flag(link.value(QLatin1String("connected"))),
                                    link.value(QLatin1String("address")).toString()});
            }
            std::sort(n.links.begin(), n.links.end(), [](const Link &a, const Link &b) { return a.link < b.link; });
            status.nodes.append(n);
        }
    }
    if (status.inCluster && status.nodeCount == 0)
        status.nodeCount = int(status.nodes.size());
    return status;
}

} // namespace atalaia::ui
