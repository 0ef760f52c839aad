#pragma once

#include "CorosyncSnapshot.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <memory>

namespace atalaia::cluster::corosync {

// One connection to the local corosync: a quorum, a votequorum, a cmap and a
// cfg handle (libqb IPC), and what is read through them.
//
// Every call is a synchronous IPC round trip to corosync and can block for as
// long as corosync does not answer (a stopped or stuck corosync blocks it
// forever: the libraries have no timeout). So only CorosyncMembership's worker
// thread uses a connection; it is not thread-safe and must be used and
// destroyed on the thread that opened it.
class CorosyncConnection
{
public:
    enum class Status {
        Ok,
        TryAgain, // corosync is busy (e.g. forming a membership): ask again shortly
        Lost,     // corosync went away or refused us: close and reconnect
    };
    struct Outcome {
        Status status = Status::Ok;
        QString message; // what failed, for logs; empty when Ok
    };

    // Connects; on failure says why (corosync not running is the usual case).
    static std::unique_ptr<CorosyncConnection> open(QString *why);
    ~CorosyncConnection();
    CorosyncConnection(const CorosyncConnection &) = delete;
    CorosyncConnection &operator=(const CorosyncConnection &) = delete;

    // The descriptors that become readable when corosync has news (quorum,
    // votequorum and cmap notifications) or hangs up.
    QList<int> fds() const;

    // Delivers what corosync sent without waiting for more. Notifications
    // only mark what must be read again by read().
    Outcome dispatch();

    // Reads the membership, quorum, votes and knet links (and the nodelist
    // and totem settings again when cmap reported a change) into OUT, as
    // Source::Corosync. OUT is untouched unless the outcome is Ok.
    Outcome read(CorosyncSnapshot &out);

private:
    CorosyncConnection() = default;
    Outcome readConfig();

    uint64_t m_quorum = 0;
    uint64_t m_votequorum = 0;
    uint64_t m_cmap = 0;
    uint64_t m_cfg = 0;
    uint64_t m_nodelistTrack = 0;
    uint64_t m_totemTrack = 0;
    bool m_quorumOpen = false;
    bool m_votequorumOpen = false;
    bool m_cmapOpen = false;
    bool m_cfgOpen = false;

    quint32 m_localNodeId = 0;
    // The nodelist and totem settings as cmap last gave them (read again
    // after cmap reports a change under "nodelist." or "totem.").
    bool m_configStale = true;
    CorosyncSnapshot m_config;

    friend struct CorosyncCallbacks;
};

} // namespace atalaia::cluster::corosync
