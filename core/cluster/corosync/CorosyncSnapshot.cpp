#include "CorosyncSnapshot.h"

#include "cluster/StandaloneMembership.h"
#include "config/CorosyncConfigFile.h"

#include <algorithm>
#include <limits>

namespace atalaia::cluster::corosync {

CorosyncSnapshot CorosyncSnapshot::fromConfigFile(const config::CorosyncConfigFile &file)
{
    CorosyncSnapshot s;
    s.source = Source::ConfigFile;
    for (const config::Diagnostic &d : file.diagnostics()) {
        if (d.isError()) {
            // The tree of a file with errors is incomplete: better no nodes
            // than a wrong list.
            s.problem = d.toString();
            return s;
        }
    }
    s.clusterName = file.clusterName();
    s.configVersion = file.configVersion().value_or(0);
    for (const config::CorosyncConfigFile::Node &n : file.nodes()) {
        Node node;
        node.nodeid = n.nodeid;
        node.name = n.name;
        node.configuredVotes = n.votes;
        node.ringAddrs = n.ringAddrs;
        s.nodes.append(node);
    }
    return s;
}

namespace {

QString nodeName(const CorosyncSnapshot::Node &n)
{
    if (!n.name.isEmpty())
        return n.name;
    if (const QString ring0 = n.ringAddrs.value(0); !ring0.isEmpty())
        return ring0;
    return QStringLiteral("node%1").arg(n.nodeid);
}

// Every configured link of a peer with knet's state from this side. A link
// knet reports but the nodelist does not name (it should not happen: knet's
// links come from the ringN_addr) is listed with knet's address.
QList<LinkStatus> peerLinks(const CorosyncSnapshot::Node &n, bool loopback = false)
{
    QMap<int, LinkStatus> links;
    for (auto it = n.ringAddrs.cbegin(); it != n.ringAddrs.cend(); ++it)
        links.insert(it.key(), LinkStatus{it.key(), false, it.value()});
    for (const CorosyncSnapshot::KnetLink &k : *n.links) {
        if (!k.enabled && !links.contains(k.link))
            continue; // a knet slot nobody configured
        LinkStatus &l = links[k.link];
        l.link = k.link;
        if (l.address.isEmpty())
            l.address = k.address;
        l.connected = k.enabled && (loopback || k.connected);
    }
    return links.values();
}

// This node's own links. knet's entry for the local node is a loopback (link
// 0 only), so it says nothing about the real links: one is up when it
// connects this node to at least one peer. Without peers (a cluster of one)
// there is only the loopback: up when enabled.
QList<LinkStatus> ownLinks(const CorosyncSnapshot::Node &self, const QList<CorosyncSnapshot::Node> &nodes)
{
    bool anyPeer = false;
    QMap<int, bool> reaches; // link -> reaches some peer
    for (const CorosyncSnapshot::Node &n : nodes) {
        if (n.nodeid == self.nodeid || !n.links)
            continue;
        anyPeer = true;
        for (const CorosyncSnapshot::KnetLink &k : *n.links)
            reaches[k.link] = reaches.value(k.link) || (k.enabled && k.connected);
    }
    if (!anyPeer)
        return peerLinks(self, true);
    QList<LinkStatus> links;
    for (auto it = self.ringAddrs.cbegin(); it != self.ringAddrs.cend(); ++it)
        links.append(LinkStatus{it.key(), reaches.value(it.key()), it.value()});
    return links;
}

} // namespace

ClusterView CorosyncSnapshot::toView(const QString &localNodeName) const
{
    if (source == Source::NoConfig)
        return StandaloneMembership(localNodeName).view();

    const bool live = source == Source::Corosync;
    ClusterView v;
    // A cluster always has a name (an empty one would read as standalone,
    // which is always quorate); corosync itself does not insist on one.
    v.name = clusterName.isEmpty() ? QStringLiteral("corosync") : clusterName;
    v.quorate = live && quorate;
    v.configVersion = int(std::min<quint64>(configVersion, std::numeric_limits<int>::max()));
    for (const Node &n : nodes) {
        MemberNode m;
        m.name = nodeName(n);
        m.nodeid = int(std::min<quint32>(n.nodeid, std::numeric_limits<int>::max()));
        m.address = n.ringAddrs.isEmpty() ? QString() : n.ringAddrs.first(); // link0's, or the lowest link's
        m.votes = int(std::min<quint32>(live && n.votes ? *n.votes : n.configuredVotes, std::numeric_limits<int>::max()));
        m.online = live && n.member;
        m.local = live && localNodeId != 0 ? n.nodeid == localNodeId : m.name == localNodeName;
        if (live && n.links)
            m.links = m.local ? ownLinks(n, nodes) : peerLinks(n);
        v.nodes.append(m);
    }
    std::sort(v.nodes.begin(), v.nodes.end(), [](const MemberNode &a, const MemberNode &b) { return a.name < b.name; });
    return v;
}

} // namespace atalaia::cluster::corosync
