#pragma once

#include "CorosyncSnapshot.h"
#include "cluster/Membership.h"

#include <QString>

#include <memory>

class QThread;

namespace atalaia::cluster::corosync {

// Membership and quorum from the local corosync 3 (votequorum, cmap; knet
// link states from cfg), for a node whose cluster is described by CONFIGPATH:
//  - no such file: exactly StandaloneMembership (a node of its own, quorate);
//  - the file, but corosync does not answer: the file's nodes, all offline,
//    not quorate; a connection is tried every second;
//  - corosync: its members, quorum and votes, and each node's links as seen
//    from here. A corosync restart is a lost connection, then a new one; the
//    file appearing (create/join) or going is noticed within a second.
// It needs votequorum (quorum.provider: corosync_votequorum, as pvecm and the
// agent write it): without it the connection fails and the nodes stay offline.
// All corosync calls run on a thread of its own (they block while corosync
// does not answer), so the thread this object lives on never waits for
// corosync. view() is thread-safe and cheap (a copy under a mutex); changed()
// is emitted on this object's thread.
class CorosyncMembership final : public Membership
{
    Q_OBJECT
public:
    static QString defaultConfigPath() { return QStringLiteral("/etc/corosync/corosync.conf"); }

    // Starts watching at once. Until the first pass (ready()), view() is what
    // the file alone says (read here: one small local file).
    explicit CorosyncMembership(QString localNodeName, QString configPath = defaultConfigPath(),
                                QObject *parent = nullptr);
    // Waits up to 5 s for the worker to stop; if corosync holds it in a call
    // longer than that, the thread is left behind rather than waited for.
    ~CorosyncMembership() override;

    ClusterView view() const override;

    // The raw values behind view(), for diagnostics (tests/lab/membership-probe).
    CorosyncSnapshot snapshot() const;
    // True once the worker has looked at the file and corosync; changed()
    // is emitted then even if the view stayed the same.
    bool ready() const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
};

} // namespace atalaia::cluster::corosync
