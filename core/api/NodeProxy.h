#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QByteArray>
#include <QString>

namespace atalaia::api {

// Passes a call for another node (/nodes/{node}/... where {node} is not this
// one) on to that node's agent, as Proxmox's "proxyto": same method, path,
// parameters and credentials (the cluster shares its ticket keys, so the
// other node accepts them and checks permissions itself). The other node's
// TLS certificate must be the one the cluster's configuration holds for it.
// Blocking (up to TIMEOUTMS): called on a request's worker thread.
struct ProxyTarget {
    QString node;
    QString address;          // its link0 address
    quint16 port = 8006;
    QByteArray certificatePem; // nodes/<node>/pve-ssl.pem
};

// The header that marks a proxied call: the receiving node never passes it
// on again (no loops when two nodes disagree about who is who).
inline constexpr char kProxiedHeader[] = "x-atalaia-proxied";

ApiResponse forwardToNode(const ApiRequest &request, const ProxyTarget &target, int timeoutMs = 60'000);

} // namespace atalaia::api
