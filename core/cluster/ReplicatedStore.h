#pragma once

#include "GroupChannel.h"
#include "base/Clock.h"
#include "store/ConfigStore.h"
#include "store/LocalStore.h"

#include <QHash>
#include <QMutex>
#include <QWaitCondition>

#include <functional>
#include <memory>

namespace atalaia::cluster {

// The cluster configuration store (our pmxcfs): every node keeps a full copy
// in a LocalStore (SQLite on a node), and every write goes through a process
// group (corosync CPG) in agreed order, applied by every member in that order.
//
// * Standalone (no channel attached): writes go straight to the local copy.
// * apply() in a cluster multicasts the batch and returns when this node has
//   applied it after ordering, with the result every member computed (the
//   same checks on the same state give the same answer everywhere).
// * Without quorum (setQuorate(false)), or while the group is down, writes
//   are refused (Code::StoreReadOnly with the reason); reads keep working.
// * On every configuration change the members exchange state summaries
//   (version and digest) and converge on the newest state before applying
//   writes again: the sync source is a member that is not joining, with the
//   highest version, then the lowest (nodeid, pid). It multicasts its whole
//   state in chunks when any member's digest differs. A write ordered while
//   the members synchronise is applied by nobody and resent by its submitter
//   once they are done, so every copy sees the same sequence.
// * A node that joins an existing cluster marks itself "joining" (a marker
//   file that survives a crash): its own state never wins, and it stays
//   read-only until it has adopted the cluster's.
// * Locks with leases (tryLock/unlock) are store entries under priv/lock/,
//   granted in the same total order; lease time is the submitter's clock
//   carried in the message, so every member decides alike.
class ReplicatedStore final : public store::ConfigStore
{
    Q_OBJECT
public:
    // How long apply() waits for its batch to be ordered and applied.
    static constexpr int kApplyTimeoutMs = 30'000;
    // The largest request: a batch bigger than one group message travels in
    // fragments, reassembled in order by every member.
    static constexpr qsizetype kMaxRequestBytes = 64 * 1024 * 1024;

    ReplicatedStore(std::unique_ptr<store::LocalStore> local, const Clock &clock = SystemClock::instance(),
                    QObject *parent = nullptr);
    ~ReplicatedStore() override;

    // Joins the group through channel. joiningMarker: a file whose existence
    // means "this copy still has to adopt the cluster's state"; created here
    // when joining is true, removed after the first synchronisation.
    Result<void> attach(std::unique_ptr<GroupChannel> channel, const QString &joiningMarker, bool joining);
    bool isAttached() const;

    // Quorum as the membership reports it (votequorum). Standalone ignores it.
    void setQuorate(bool quorate);
    // Where writes read quorum when they are checked (the membership's view,
    // read live), so that they follow the same view as /cluster/status
    // rather than the moment setQuorate() is called from the membership's
    // change signal. Empty: setQuorate()'s value. Thread-safe; SOURCE must
    // not call into this store.
    void setQuorumSource(std::function<bool()> source);

    // ConfigStore
    Result<store::StoreEntry> read(const QString &path) const override;
    QStringList list(const QString &prefix = QString()) const override;
    Result<quint64> apply(const QList<store::StoreChange> &changes) override;
    quint64 storeVersion() const override;
    bool isWritable() const override;
    QString readOnlyReason() const override;
    Result<qsizetype> exportTo(const QString &directory) const override;

    // A cluster-wide lock held by owner until leaseSeconds after the grant
    // (or renewal by the same owner). false: someone else holds it.
    Result<bool> tryLock(const QString &name, const QString &owner, int leaseSeconds);
    Result<void> unlock(const QString &name, const QString &owner);

    // SHA-256 over every entry and the version: equal digests, equal copies.
    Result<QByteArray> stateDigest() const;
    bool isSynchronised() const;

    // Statistics for benchmarks and status pages.
    struct Stats {
        quint64 syncRounds = 0;       // configuration changes handled
        quint64 snapshotsAdopted = 0; // times this copy took another's state
        quint64 writesResent = 0;     // batches ordered during a sync, resent
    };
    Stats stats() const;

signals:
    // A synchronisation round finished: members agree on one state.
    void synchronised();

private:
    enum class Kind : quint8 { Write = 1, State, SnapshotChunk, SnapshotEnd, Lock, Unlock, Fragment };
    struct Pending;
    struct MemberState {
        quint64 version = 0;
        QByteArray digest;
        bool joining = false;
    };

    Result<quint64> submit(Kind kind, const QByteArray &body);
    void onDelivered(GroupMember from, const QByteArray &payload);
    void onConfigurationChanged(const QList<GroupMember> &members);
    void onLost(const QString &reason);

    void handleWrite(GroupMember from, QDataStream &in);
    void handleLock(GroupMember from, Kind kind, QDataStream &in);
    void handleState(GroupMember from, QDataStream &in);
    void handleSnapshotChunk(GroupMember from, QDataStream &in);
    void handleSnapshotEnd(GroupMember from, QDataStream &in);
    void handleFragment(GroupMember from, QDataStream &in);
    Result<void> sendFragmented(GroupChannel &channel, quint64 requestId, const QByteArray &payload);
    void finishSync(GroupMember leader);
    bool droppedWhileSyncing(GroupMember from, quint64 requestId);
    void markResendLocked(GroupMember from, quint64 requestId);
    void finish(quint64 requestId, GroupMember from, Result<quint64> result);
    void updateWritable();
    QString readOnlyReasonLocked() const;

    std::unique_ptr<store::LocalStore> m_local;
    const Clock &m_clock;
    std::unique_ptr<GroupChannel> m_channel;

    mutable QMutex m_mutex;        // everything below
    QWaitCondition m_wake;         // a request finished, or a sync ended
    bool m_quorate = true;
    std::function<bool()> m_quorumSource; // guarded by m_mutex
    bool m_groupUp = false;        // joined, and the channel not lost
    bool m_syncing = false;
    bool m_joining = false;
    QString m_joiningMarker;
    QByteArray m_configKey;        // identifies the current configuration
    QList<GroupMember> m_members;
    QHash<GroupMember, MemberState> m_states;
    std::optional<GroupMember> m_leader;
    QByteArray m_snapshotBuffer;
    struct Reassembly {
        quint32 next = 0;   // the index expected next
        QByteArray bytes;
    };
    QHash<std::pair<quint64, quint64>, Reassembly> m_fragments; // (member, request) -> parts so far
    quint64 m_nextRequest = 0;
    QHash<quint64, std::shared_ptr<Pending>> m_pending;
    bool m_lastWritable = true;
    Stats m_stats;
};

} // namespace atalaia::cluster
