#pragma once

#include "cluster/GroupChannel.h"

#include <QMutex>
#include <QRecursiveMutex>
#include <QString>

#include <memory>

class QThread;

namespace atalaia::cluster::corosync {

class CpgDispatcher;

// The replicated store's process group on corosync's CPG: agreed (total)
// order and virtual synchrony, as GroupChannel promises.
//
// Deliveries and configuration changes come from a dispatch thread of its
// own (a QSocketNotifier on libcpg's descriptor). When corosync is not
// running, or stops, the channel says so (lost()) and tries again every
// second; a reconnection rejoins the group as a new member.
class CpgChannel final : public GroupChannel
{
    Q_OBJECT
public:
    // corosync carries larger messages (it fragments them), but its IPC
    // buffers are sized around 1 MiB: the store fragments above this.
    static constexpr qsizetype kMaxPayload = 1000 * 1024;

    explicit CpgChannel(QString groupName = QStringLiteral("atalaia_store"));
    ~CpgChannel() override;

    Result<void> join() override;
    Result<void> send(const QByteArray &payload) override;
    GroupMember self() const override;
    qsizetype maxPayload() const override { return kMaxPayload; }

private:
    friend class CpgDispatcher;

    // Called on the dispatch thread.
    Result<void> connectGroup();
    void disconnectGroup(const QString &reason);
    bool dispatch();
    void deliver(quint32 nodeid, quint32 pid, const QByteArray &payload);
    void configurationChange(QList<GroupMember> members, QList<GroupMember> left, QList<GroupMember> joined);

    const QString m_groupName;
    std::unique_ptr<QThread> m_thread;
    CpgDispatcher *m_dispatcher = nullptr; // lives in m_thread, deleted with it

    // libcpg's handle; every call on it holds this lock (deliveries send from
    // inside dispatch, hence recursive).
    mutable QRecursiveMutex m_handleMutex;
    quint64 m_handle = 0;
    bool m_connected = false;
    // Its own lock: the store asks for self() while holding its lock, and a
    // delivery holds the handle's lock while it waits for the store's.
    mutable QMutex m_selfMutex;
    GroupMember m_self;
};

} // namespace atalaia::cluster::corosync
