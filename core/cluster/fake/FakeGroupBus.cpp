#include "FakeGroupBus.h"

#include <algorithm>

namespace atalaia::cluster::fake {

FakeGroupBus::FakeGroupBus() = default;

FakeGroupBus::~FakeGroupBus()
{
    const QMutexLocker locker(&m_mutex);
    for (FakeGroupChannel *c : std::as_const(m_joined))
        c->m_joined = false;
}

std::unique_ptr<FakeGroupChannel> FakeGroupBus::channel(quint32 nodeid)
{
    const QMutexLocker locker(&m_mutex);
    const quint32 pid = 1000 + m_nextPid.value(nodeid, 0);
    m_nextPid[nodeid] = pid - 1000 + 1;
    return std::unique_ptr<FakeGroupChannel>(new FakeGroupChannel(*this, GroupMember{nodeid, pid}));
}

int FakeGroupBus::groupOf(quint32 nodeid) const
{
    return m_group.value(nodeid, 0);
}

QList<GroupMember> FakeGroupBus::configurationOf(const GroupMember &member) const
{
    QList<GroupMember> members;
    const int group = groupOf(member.nodeid);
    for (const FakeGroupChannel *c : m_joined)
        if (groupOf(c->m_self.nodeid) == group)
            members.append(c->m_self);
    std::sort(members.begin(), members.end());
    return members;
}

// Every joined member whose configuration differs from the one it last saw
// gets a configuration change, in one round, before any later message.
void FakeGroupBus::reconfigureLocked()
{
    QHash<GroupMember, QList<GroupMember>> next;
    for (const FakeGroupChannel *c : std::as_const(m_joined))
        next.insert(c->m_self, configurationOf(c->m_self));
    QList<GroupMember> order = next.keys();
    std::sort(order.begin(), order.end());
    for (const GroupMember &m : std::as_const(order)) {
        const QList<GroupMember> before = m_configuration.value(m);
        const QList<GroupMember> &now = next[m];
        if (before == now)
            continue;
        ConfChange change{m, now, {}, {}};
        for (const GroupMember &b : before)
            if (!now.contains(b))
                change.left.append(b);
        for (const GroupMember &n : now)
            if (!before.contains(n))
                change.joined.append(n);
        m_queue.emplace_back(std::move(change));
    }
    m_configuration = std::move(next);
}

Result<void> FakeGroupBus::join(FakeGroupChannel *channel)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (channel->m_joined)
            return fail(Code::InvalidArgument, QStringLiteral("already joined"));
        channel->m_joined = true;
        m_joined.append(channel);
        reconfigureLocked();
    }
    drain();
    return {};
}

void FakeGroupBus::leave(FakeGroupChannel *channel)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (!channel->m_joined)
            return;
        channel->m_joined = false;
        m_joined.removeOne(channel);
        m_configuration.remove(channel->m_self);
        // Queued events for it are dropped: a dead process receives nothing.
        std::erase_if(m_queue, [&](const Event &e) {
            const auto *c = std::get_if<ConfChange>(&e);
            return c && c->to == channel->m_self;
        });
        for (Event &e : m_queue)
            if (auto *m = std::get_if<Message>(&e))
                m->recipients.removeOne(channel->m_self);
        reconfigureLocked();
    }
    drain();
}

Result<void> FakeGroupBus::send(const FakeGroupChannel *channel, const QByteArray &payload)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (!channel->m_joined)
            return fail(Code::ClusterUnavailable, QStringLiteral("not a member of the group"));
        if (payload.size() > channel->m_maxPayload)
            return fail(Code::InvalidArgument, QStringLiteral("message too large"));
        m_queue.emplace_back(Message{channel->m_self, payload, configurationOf(channel->m_self)});
    }
    drain();
    return {};
}

void FakeGroupBus::partition(const QList<QList<quint32>> &groups)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_group.clear();
        int next = 1;
        for (const QList<quint32> &g : groups) {
            for (quint32 n : g)
                m_group.insert(n, next);
            ++next;
        }
        // Nodes not named are alone: each gets a group of its own.
        for (const FakeGroupChannel *c : std::as_const(m_joined))
            if (!m_group.contains(c->m_self.nodeid))
                m_group.insert(c->m_self.nodeid, next++);
        reconfigureLocked();
    }
    drain();
}

void FakeGroupBus::heal()
{
    {
        const QMutexLocker locker(&m_mutex);
        m_group.clear();
        reconfigureLocked();
    }
    drain();
}

quint64 FakeGroupBus::messagesDelivered() const
{
    const QMutexLocker locker(&m_mutex);
    return m_delivered;
}

// One thread delivers at a time. A thread that finds another delivering
// leaves its event queued for it; the check after unlocking closes the window
// in which the deliverer finished just before the event was queued.
void FakeGroupBus::drain()
{
    for (;;) {
        if (!m_drainMutex.tryLock())
            return;
        for (;;) {
            Event event;
            QPointer<FakeGroupChannel> target;
            QList<QPointer<FakeGroupChannel>> targets;
            {
                const QMutexLocker locker(&m_mutex);
                if (m_queue.empty())
                    break;
                event = std::move(m_queue.front());
                m_queue.pop_front();
                if (const auto *c = std::get_if<ConfChange>(&event)) {
                    for (FakeGroupChannel *ch : std::as_const(m_joined))
                        if (ch->m_self == c->to)
                            target = ch;
                } else {
                    const auto &m = std::get<Message>(event);
                    for (FakeGroupChannel *ch : std::as_const(m_joined))
                        if (m.recipients.contains(ch->m_self))
                            targets.append(ch);
                    ++m_delivered;
                }
            }
            if (const auto *c = std::get_if<ConfChange>(&event)) {
                if (target)
                    emit target->configurationChanged(c->members, c->left, c->joined);
            } else {
                const auto &m = std::get<Message>(event);
                for (const auto &t : std::as_const(targets))
                    if (t && t->m_joined)
                        emit t->delivered(m.from, m.payload);
            }
        }
        m_drainMutex.unlock();
        const QMutexLocker locker(&m_mutex);
        if (m_queue.empty())
            return;
    }
}

FakeGroupChannel::FakeGroupChannel(FakeGroupBus &bus, GroupMember self) : m_bus(bus), m_self(self) {}

FakeGroupChannel::~FakeGroupChannel()
{
    m_bus.leave(this);
}

Result<void> FakeGroupChannel::join()
{
    return m_bus.join(this);
}

Result<void> FakeGroupChannel::send(const QByteArray &payload)
{
    return m_bus.send(this, payload);
}

void FakeGroupChannel::crash()
{
    m_bus.leave(this);
    emit lost(QStringLiteral("the group connection crashed"));
}

} // namespace atalaia::cluster::fake
