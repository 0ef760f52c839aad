#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QList>
#include <QObject>

namespace atalaia::cluster {

// One process in a process group: corosync's (nodeid, pid) pair. A restarted
// agent is a new member (same nodeid, new pid).
struct GroupMember {
    quint32 nodeid = 0;
    quint32 pid = 0;

    friend bool operator==(const GroupMember &, const GroupMember &) = default;
    friend auto operator<=>(const GroupMember &, const GroupMember &) = default;
    friend size_t qHash(const GroupMember &m, size_t seed = 0) noexcept
    {
        return ::qHash((quint64(m.nodeid) << 32) | m.pid, seed);
    }
};

// A closed process group with virtual synchrony: corosync's CPG in a cluster,
// an in-process bus in unit tests. What the replicated store relies on:
//
// * send() multicasts to every member, the sender included, in agreed order:
//   every member delivers the same messages in the same order.
// * A configuration change is delivered at the same point of that order to
//   every member that stays; a message is delivered in the configuration it
//   was sent in, or to nobody who left.
// * delivered() and configurationChanged() are emitted from the channel's
//   dispatch thread (a fake: the sending thread), one at a time, never
//   concurrently; receivers connect with Qt::DirectConnection.
class GroupChannel : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~GroupChannel() override = default;

    // Joins the group; the first configurationChanged() tells the members.
    virtual Result<void> join() = 0;
    // Multicasts payload in agreed order. Fails (Code::Unavailable) when not
    // joined or the group communication is down; may block briefly under
    // flow control.
    virtual Result<void> send(const QByteArray &payload) = 0;
    // This process in the group (valid after join()).
    virtual GroupMember self() const = 0;
    // The largest payload send() accepts.
    virtual qsizetype maxPayload() const = 0;

signals:
    void delivered(atalaia::cluster::GroupMember from, const QByteArray &payload);
    // members: the new configuration, sorted; left/joined relative to the last.
    void configurationChanged(const QList<atalaia::cluster::GroupMember> &members,
                              const QList<atalaia::cluster::GroupMember> &left,
                              const QList<atalaia::cluster::GroupMember> &joined);
    // The channel lost the group (corosync stopped): no more deliveries until
    // it rejoins, which starts with a new configurationChanged().
    void lost(const QString &reason);
};

} // namespace atalaia::cluster
