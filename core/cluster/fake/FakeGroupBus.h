#pragma once

#include "cluster/GroupChannel.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>

#include <deque>
#include <memory>
#include <variant>

namespace atalaia::cluster::fake {

class FakeGroupChannel;

// An in-process process group for unit tests and simulations: the CPG
// guarantees the replicated store relies on (GroupChannel.h), and the
// failures a test wants to cause: a member crashing, the network splitting
// into partitions and healing.
//
// Delivery is synchronous: whoever sends (or changes the topology) drains the
// bus's queue on its own thread, one event at a time, so every member sees
// one total order. A send from inside a delivery is queued and delivered by
// the drain already running. Members in different partitions live in
// different configurations, as with corosync.
class FakeGroupBus
{
public:
    FakeGroupBus();
    ~FakeGroupBus();
    FakeGroupBus(const FakeGroupBus &) = delete;
    FakeGroupBus &operator=(const FakeGroupBus &) = delete;

    // A new member (nodeid, next pid for that node). Joins on join().
    std::unique_ptr<FakeGroupChannel> channel(quint32 nodeid);

    // The network splits: each list of nodeids only reaches its own members.
    // Nodes not named are alone. heal() joins everything again.
    void partition(const QList<QList<quint32>> &groups);
    void heal();

    // Messages delivered so far (all recipients of one send count once).
    quint64 messagesDelivered() const;

private:
    friend class FakeGroupChannel;
    struct Message {
        GroupMember from;
        QByteArray payload;
        QList<GroupMember> recipients;
    };
    struct ConfChange {
        GroupMember to;
        QList<GroupMember> members, left, joined;
    };
    using Event = std::variant<Message, ConfChange>;

    Result<void> join(FakeGroupChannel *channel);
    void leave(FakeGroupChannel *channel);
    Result<void> send(const FakeGroupChannel *channel, const QByteArray &payload);

    // With m_mutex held: the configurations every member should be in now,
    // and the events that take them there.
    int groupOf(quint32 nodeid) const;
    QList<GroupMember> configurationOf(const GroupMember &member) const;
    void reconfigureLocked();
    void drain();

    mutable QMutex m_mutex;          // the members, partitions and the queue
    QMutex m_drainMutex;             // held by the one thread delivering
    QHash<quint32, quint32> m_nextPid;
    QList<FakeGroupChannel *> m_joined;
    QHash<quint32, int> m_group;     // nodeid -> partition number (absent: 0)
    QHash<GroupMember, QList<GroupMember>> m_configuration; // as each member last saw it
    std::deque<Event> m_queue;
    quint64 m_delivered = 0;
};

// One member of a FakeGroupBus.
class FakeGroupChannel final : public GroupChannel
{
    Q_OBJECT
public:
    ~FakeGroupChannel() override;

    Result<void> join() override;
    Result<void> send(const QByteArray &payload) override;
    GroupMember self() const override { return m_self; }
    qsizetype maxPayload() const override { return m_maxPayload; }

    // Test control: this member's group connection dies (it leaves the
    // others' configuration without a goodbye, and is told it lost the group).
    void crash();
    void setMaxPayload(qsizetype bytes) { m_maxPayload = bytes; }

private:
    friend class FakeGroupBus;
    FakeGroupChannel(FakeGroupBus &bus, GroupMember self);

    FakeGroupBus &m_bus;
    GroupMember m_self;
    qsizetype m_maxPayload = 1024 * 1024;
    bool m_joined = false;
};

} // namespace atalaia::cluster::fake

