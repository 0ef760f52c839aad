#include "ReplicatedStore.h"

#include "Tr.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QFile>
#include <QIODevice>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

namespace atalaia::cluster {

Q_LOGGING_CATEGORY(lcReplicatedStore, "atalaia.cluster.store")

using store::StoreChange;
using store::StoreEntry;

namespace {

// Every message starts with these three bytes: a magic, the protocol version
// and the kind. A member that cannot read a message ignores it and logs why.
constexpr quint8 kMagic = 0xA7;
constexpr quint8 kProtocol = 1;
constexpr QDataStream::Version kStreamVersion = QDataStream::Qt_6_5;

// Room for the header and the framing around a snapshot chunk.
constexpr qsizetype kChunkOverhead = 256;

const QString kLockDir = QStringLiteral("priv/lock/");

QByteArray configurationKey(const QList<GroupMember> &members)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const GroupMember &m : members) {
        const quint32 words[2] = {m.nodeid, m.pid};
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(words), sizeof words));
    }
    return hash.result();
}

QByteArray digestOf(const store::LocalStore::Snapshot &snapshot)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer;
    QDataStream out(&buffer, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    for (const StoreEntry &e : snapshot.entries)
        out << e.path << e.version << e.mtime << e.data;
    out << snapshot.version;
    hash.addData(buffer);
    return hash.result();
}

QByteArray encodeSnapshot(const store::LocalStore::Snapshot &snapshot)
{
    QByteArray buffer;
    QDataStream out(&buffer, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << snapshot.version << quint32(snapshot.entries.size());
    for (const StoreEntry &e : snapshot.entries)
        out << e.path << e.data << e.version << e.mtime;
    return qCompress(buffer, 1);
}

std::optional<store::LocalStore::Snapshot> decodeSnapshot(const QByteArray &compressed)
{
    const QByteArray buffer = qUncompress(compressed);
    if (buffer.isEmpty())
        return std::nullopt;
    QDataStream in(buffer);
    in.setVersion(kStreamVersion);
    store::LocalStore::Snapshot snapshot;
    quint32 count = 0;
    in >> snapshot.version >> count;
    snapshot.entries.reserve(qsizetype(std::min<quint32>(count, 1u << 20)));
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        StoreEntry e;
        in >> e.path >> e.data >> e.version >> e.mtime;
        snapshot.entries.append(std::move(e));
    }
    if (in.status() != QDataStream::Ok)
        return std::nullopt;
    return snapshot;
}

QByteArray header(quint8 kind)
{
    return QByteArray{reinterpret_cast<const char *>(&kMagic), 1} + char(kProtocol) + char(kind);
}

// A lock entry's contents: "owner\nexpiry in ms since the epoch\n".
struct LockEntry {
    QString owner;
    qint64 expiresMs = 0;
};

std::optional<LockEntry> parseLock(const QByteArray &data)
{
    const QList<QByteArray> lines = data.split('\n');
    if (lines.size() < 2)
        return std::nullopt;
    bool ok = false;
    const qint64 expires = lines.at(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return LockEntry{QString::fromUtf8(lines.at(0)), expires};
}

bool validLockName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"));
    return re.match(name).hasMatch();
}

} // namespace

struct ReplicatedStore::Pending {
    bool done = false;
    bool resend = false; // ordered during a sync: nobody applied it
    Result<quint64> result = quint64(0);
};

ReplicatedStore::ReplicatedStore(std::unique_ptr<store::LocalStore> local, const Clock &clock, QObject *parent)
    : ConfigStore(parent), m_local(std::move(local)), m_clock(clock)
{
    connect(m_local.get(), &ConfigStore::changed, this, &ConfigStore::changed, Qt::DirectConnection);
}

ReplicatedStore::~ReplicatedStore()
{
    // The channel first: no delivery may reach a half-destroyed store.
    if (m_channel)
        m_channel->disconnect(this);
    m_channel.reset();
}

Result<void> ReplicatedStore::attach(std::unique_ptr<GroupChannel> channel, const QString &joiningMarker, bool joining)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (m_channel)
            return fail(Code::InvalidArgument, Tr::tr("the store is already part of a cluster"));
        m_joiningMarker = joiningMarker;
        if (joining && !joiningMarker.isEmpty()) {
            QFile marker(joiningMarker);
            if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate) || !marker.flush())
                return fail(Code::StoreIo, Tr::tr("cannot write %1: %2").arg(joiningMarker, marker.errorString()));
        }
        m_joining = joining || (!joiningMarker.isEmpty() && QFile::exists(joiningMarker));
        m_channel = std::move(channel);
        m_groupUp = false;
    }
    GroupChannel *ch = m_channel.get();
    connect(ch, &GroupChannel::delivered, this, &ReplicatedStore::onDelivered, Qt::DirectConnection);
    connect(ch, &GroupChannel::configurationChanged, this,
            [this](const QList<GroupMember> &members, const QList<GroupMember> &, const QList<GroupMember> &) {
                onConfigurationChanged(members);
            },
            Qt::DirectConnection);
    connect(ch, &GroupChannel::lost, this, &ReplicatedStore::onLost, Qt::DirectConnection);
    updateWritable();
    if (Result<void> joined = ch->join(); !joined) {
        qCWarning(lcReplicatedStore) << "cannot join the store's process group yet:" << joined.error().message;
        return joined;
    }
    return {};
}

bool ReplicatedStore::isAttached() const
{
    const QMutexLocker locker(&m_mutex);
    return m_channel != nullptr;
}

void ReplicatedStore::setQuorate(bool quorate)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_quorate = quorate;
    }
    updateWritable();
}

void ReplicatedStore::setQuorumSource(std::function<bool()> source)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_quorumSource = std::move(source);
    }
    updateWritable();
}

Result<StoreEntry> ReplicatedStore::read(const QString &path) const
{
    return m_local->read(path);
}

QStringList ReplicatedStore::list(const QString &prefix) const
{
    return m_local->list(prefix);
}

quint64 ReplicatedStore::storeVersion() const
{
    return m_local->storeVersion();
}

Result<qsizetype> ReplicatedStore::exportTo(const QString &directory) const
{
    return m_local->exportTo(directory);
}

Result<QByteArray> ReplicatedStore::stateDigest() const
{
    Result<store::LocalStore::Snapshot> snapshot = m_local->snapshot();
    if (!snapshot)
        return std::unexpected(snapshot.error());
    return digestOf(*snapshot);
}

bool ReplicatedStore::isSynchronised() const
{
    const QMutexLocker locker(&m_mutex);
    return !m_channel || (m_groupUp && !m_syncing);
}

ReplicatedStore::Stats ReplicatedStore::stats() const
{
    const QMutexLocker locker(&m_mutex);
    return m_stats;
}

bool ReplicatedStore::isWritable() const
{
    return readOnlyReason().isEmpty();
}

QString ReplicatedStore::readOnlyReason() const
{
    const QMutexLocker locker(&m_mutex);
    return readOnlyReasonLocked();
}

QString ReplicatedStore::readOnlyReasonLocked() const
{
    if (!m_channel)
        return m_local->readOnlyReason();
    if (!m_groupUp)
        return Tr::tr("corosync is not running on this node (or this node has not joined its process group yet): "
                      "the cluster configuration is read-only here");
    if (m_joining)
        return Tr::tr("this node is still copying the cluster's configuration after joining: wait until it "
                      "has synchronised with a cluster member");
    if (!(m_quorumSource ? m_quorumSource() : m_quorate))
        return Tr::tr("the cluster is not quorate (this node sees too few votes): the configuration is read-only "
                      "until quorum returns");
    return {};
}

void ReplicatedStore::updateWritable()
{
    bool changedState = false;
    bool writable = false;
    {
        const QMutexLocker locker(&m_mutex);
        writable = readOnlyReasonLocked().isEmpty();
        changedState = writable != m_lastWritable;
        m_lastWritable = writable;
    }
    if (changedState)
        emit writableChanged(writable);
}

// --- Writes ----------------------------------------------------------------------

Result<quint64> ReplicatedStore::apply(const QList<StoreChange> &changes)
{
    if (Result<void> ok = checkBatch(changes); !ok)
        return std::unexpected(ok.error());
    {
        const QMutexLocker locker(&m_mutex);
        if (!m_channel)
            return m_local->apply(changes);
        if (QString reason = readOnlyReasonLocked(); !reason.isEmpty())
            return readOnlyError(reason);
    }
    if (changes.isEmpty())
        return storeVersion();
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << quint32(changes.size());
    for (const StoreChange &c : changes)
        out << quint8(c.kind) << c.path << c.data << c.expectedVersion.has_value()
            << c.expectedVersion.value_or(0);
    return submit(Kind::Write, body);
}

Result<bool> ReplicatedStore::tryLock(const QString &name, const QString &owner, int leaseSeconds)
{
    if (!validLockName(name) || owner.isEmpty() || owner.contains(u'\n') || leaseSeconds <= 0)
        return fail(Code::InvalidArgument, Tr::tr("invalid lock request '%1' for '%2' (%3 s)")
                                               .arg(name, owner).arg(leaseSeconds));
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << name << owner << qint32(leaseSeconds);
    Result<quint64> granted = submit(Kind::Lock, body);
    if (!granted)
        return std::unexpected(granted.error());
    return *granted != 0;
}

Result<void> ReplicatedStore::unlock(const QString &name, const QString &owner)
{
    if (!validLockName(name) || owner.isEmpty())
        return fail(Code::InvalidArgument, Tr::tr("invalid lock '%1'").arg(name));
    QByteArray body;
    QDataStream out(&body, QIODevice::WriteOnly);
    out.setVersion(kStreamVersion);
    out << name << owner << qint32(0);
    Result<quint64> released = submit(Kind::Unlock, body);
    if (!released)
        return std::unexpected(released.error());
    if (*released == 0)
        return fail(Code::Conflict, Tr::tr("lock '%1' is not held by %2").arg(name, owner));
    return {};
}

// Multicasts one request and waits until this node has applied it. A request
// ordered during a synchronisation is applied by nobody: it is sent again
// once the members agree, until the deadline.
Result<quint64> ReplicatedStore::submit(Kind kind, const QByteArray &body)
{
    const QDeadlineTimer deadline(kApplyTimeoutMs);
    for (;;) {
        auto pending = std::make_shared<Pending>();
        quint64 id = 0;
        GroupChannel *channel = nullptr;
        {
            QMutexLocker locker(&m_mutex);
            if (!m_channel) {
                // Standalone: lock requests are decided on the local copy.
                locker.unlock();
                QDataStream in(body);
                in.setVersion(kStreamVersion);
                QString name, owner;
                qint32 lease = 0;
                in >> name >> owner >> lease;
                Q_ASSERT(kind == Kind::Lock || kind == Kind::Unlock);
                const qint64 nowMs = m_clock.nowMs();
                const QString path = kLockDir + name;
                auto current = m_local->read(path);
                std::optional<LockEntry> held = current ? parseLock(current->data) : std::nullopt;
                if (kind == Kind::Unlock) {
                    if (!held || held->owner != owner)
                        return quint64(0);
                    Result<quint64> r = m_local->applyOrdered({StoreChange::remove(path)}, nowMs / 1000);
                    return r ? Result<quint64>(quint64(1)) : r;
                }
                if (held && held->owner != owner && held->expiresMs > nowMs)
                    return quint64(0);
                const QByteArray data = owner.toUtf8() + '\n' + QByteArray::number(nowMs + qint64(lease) * 1000) + '\n';
                Result<quint64> r = m_local->applyOrdered({StoreChange::write(path, data)}, nowMs / 1000);
                return r ? Result<quint64>(quint64(1)) : r;
            }
            while (m_groupUp && m_syncing && !m_joining && !deadline.hasExpired())
                m_wake.wait(&m_mutex, deadline);
            if (QString reason = readOnlyReasonLocked(); !reason.isEmpty())
                return readOnlyError(reason);
            if (m_syncing)
                return fail(Code::ClusterTimeout,
                            Tr::tr("the cluster members did not finish synchronising within %1 s; try again")
                                .arg(kApplyTimeoutMs / 1000));
            id = ++m_nextRequest;
            m_pending.insert(id, pending);
            channel = m_channel.get();
        }
        QByteArray payload = header(quint8(kind));
        {
            QDataStream out(&payload, QIODevice::WriteOnly | QIODevice::Append);
            out.setVersion(kStreamVersion);
            out << id << m_clock.nowMs();
        }
        payload += body;
        auto forget = [&] {
            const QMutexLocker locker(&m_mutex);
            m_pending.remove(id);
        };
        if (payload.size() > kMaxRequestBytes) {
            forget();
            return fail(Code::InvalidArgument,
                        Tr::tr("this change is too large to replicate (%1 bytes; the limit is %2 bytes): write "
                               "fewer files at once")
                            .arg(payload.size())
                            .arg(kMaxRequestBytes));
        }
        const Result<void> sent = payload.size() > channel->maxPayload() ? sendFragmented(*channel, id, payload)
                                                                          : channel->send(payload);
        if (!sent) {
            forget();
            return fail(Code::ClusterUnavailable,
                        Tr::tr("cannot send the change to the cluster: %1").arg(sent.error().message));
        }
        QMutexLocker locker(&m_mutex);
        while (!pending->done && !deadline.hasExpired())
            m_wake.wait(&m_mutex, deadline);
        m_pending.remove(id);
        if (!pending->done)
            return fail(Code::ClusterTimeout,
                        Tr::tr("the cluster did not apply the change within %1 s; it may still be applied: read the "
                               "configuration again before retrying")
                            .arg(kApplyTimeoutMs / 1000));
        if (pending->resend) {
            ++m_stats.writesResent;
            continue;
        }
        return pending->result;
    }
}

void ReplicatedStore::finish(quint64 requestId, GroupMember from, Result<quint64> result)
{
    const QMutexLocker locker(&m_mutex);
    if (!m_channel || from != m_channel->self())
        return;
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend())
        return;
    (*it)->done = true;
    (*it)->result = std::move(result);
    m_wake.wakeAll();
}

// --- Deliveries (the channel's dispatch thread, one at a time) -------------------

void ReplicatedStore::onDelivered(GroupMember from, const QByteArray &payload)
{
    if (payload.size() < 3 || quint8(payload[0]) != kMagic || quint8(payload[1]) != kProtocol) {
        qCWarning(lcReplicatedStore) << "ignoring a message of" << payload.size() << "bytes from node" << from.nodeid
                                     << "that is not of our protocol version";
        return;
    }
    const auto kind = Kind(quint8(payload[2]));
    QDataStream in(payload.sliced(3));
    in.setVersion(kStreamVersion);
    switch (kind) {
    case Kind::Write: handleWrite(from, in); break;
    case Kind::Lock:
    case Kind::Unlock: handleLock(from, kind, in); break;
    case Kind::State: handleState(from, in); break;
    case Kind::SnapshotChunk: handleSnapshotChunk(from, in); break;
    case Kind::SnapshotEnd: handleSnapshotEnd(from, in); break;
    case Kind::Fragment: handleFragment(from, in); break;
    default: qCWarning(lcReplicatedStore) << "ignoring an unknown message kind" << int(kind);
    }
}

namespace {
quint64 memberKey(GroupMember m)
{
    return (quint64(m.nodeid) << 32) | m.pid;
}
} // namespace

// A request larger than one message: fragments of the whole payload, in
// order, the last one marked. Every member reassembles them and handles the
// request where its last fragment falls in the total order.
Result<void> ReplicatedStore::sendFragmented(GroupChannel &channel, quint64 requestId, const QByteArray &payload)
{
    const qsizetype chunk = std::max<qsizetype>(channel.maxPayload() - kChunkOverhead, 1024);
    quint32 index = 0;
    for (qsizetype offset = 0; offset < payload.size(); offset += chunk, ++index) {
        QByteArray fragment = header(quint8(Kind::Fragment));
        QDataStream out(&fragment, QIODevice::WriteOnly | QIODevice::Append);
        out.setVersion(kStreamVersion);
        out << requestId << index << bool(offset + chunk >= payload.size()) << payload.mid(offset, chunk);
        if (Result<void> sent = channel.send(fragment); !sent)
            return sent;
    }
    return {};
}

void ReplicatedStore::handleFragment(GroupMember from, QDataStream &in)
{
    quint64 id = 0;
    quint32 index = 0;
    bool last = false;
    QByteArray bytes;
    in >> id >> index >> last >> bytes;
    if (in.status() != QDataStream::Ok)
        return;
    QByteArray whole;
    {
        const QMutexLocker locker(&m_mutex);
        const std::pair key{memberKey(from), id};
        Reassembly &r = m_fragments[key];
        const bool inOrder = r.next == index && r.bytes.size() + bytes.size() <= kMaxRequestBytes;
        if (inOrder) {
            r.bytes += bytes;
            ++r.next;
        }
        if (!last && inOrder)
            return;
        whole = inOrder ? std::exchange(r.bytes, {}) : QByteArray();
        m_fragments.remove(key);
        if (whole.isEmpty()) {
            // Parts went missing (a configuration change in between): nobody
            // applies it; its submitter sends it again.
            if (last)
                markResendLocked(from, id);
            return;
        }
    }
    onDelivered(from, whole);
}

// A request ordered while the members synchronise is applied by nobody (they
// all see it at the same point); its submitter is told to send it again.
bool ReplicatedStore::droppedWhileSyncing(GroupMember from, quint64 requestId)
{
    const QMutexLocker locker(&m_mutex);
    if (!m_syncing)
        return false;
    markResendLocked(from, requestId);
    return true;
}

void ReplicatedStore::markResendLocked(GroupMember from, quint64 requestId)
{
    if (!m_channel || from != m_channel->self())
        return;
    if (const auto it = m_pending.constFind(requestId); it != m_pending.cend()) {
        (*it)->done = (*it)->resend = true;
        m_wake.wakeAll();
    }
}

void ReplicatedStore::handleWrite(GroupMember from, QDataStream &in)
{
    quint64 id = 0;
    qint64 mtimeMs = 0;
    quint32 count = 0;
    in >> id >> mtimeMs >> count;
    QList<StoreChange> changes;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        quint8 kind = 0;
        StoreChange c;
        bool hasExpected = false;
        quint64 expected = 0;
        in >> kind >> c.path >> c.data >> hasExpected >> expected;
        c.kind = StoreChange::Kind(kind);
        if (hasExpected)
            c.expectedVersion = expected;
        changes.append(std::move(c));
    }
    if (in.status() != QDataStream::Ok) {
        qCWarning(lcReplicatedStore) << "ignoring a malformed write from node" << from.nodeid;
        return;
    }
    if (droppedWhileSyncing(from, id))
        return;
    Result<quint64> result = m_local->applyOrdered(changes, mtimeMs / 1000);
    if (!result && result.error().code == Code::StoreIo)
        qCCritical(lcReplicatedStore) << "this node's copy failed to apply an ordered write; it will be replaced at the "
                                         "next synchronisation:" << result.error().message;
    finish(id, from, std::move(result));
}

void ReplicatedStore::handleLock(GroupMember from, Kind kind, QDataStream &in)
{
    quint64 id = 0;
    qint64 nowMs = 0;
    QString name, owner;
    qint32 lease = 0;
    in >> id >> nowMs >> name >> owner >> lease;
    if (in.status() != QDataStream::Ok || !validLockName(name))
        return;
    if (droppedWhileSyncing(from, id))
        return;
    const QString path = kLockDir + name;
    auto current = m_local->read(path);
    const std::optional<LockEntry> held = current ? parseLock(current->data) : std::nullopt;
    Result<quint64> result = quint64(0);
    if (kind == Kind::Unlock) {
        if (held && held->owner == owner) {
            Result<quint64> removed = m_local->applyOrdered({StoreChange::remove(path)}, nowMs / 1000);
            result = removed ? Result<quint64>(quint64(1)) : removed;
        }
    } else if (!held || held->owner == owner || held->expiresMs <= nowMs) {
        const QByteArray data = owner.toUtf8() + '\n' + QByteArray::number(nowMs + qint64(lease) * 1000) + '\n';
        Result<quint64> written = m_local->applyOrdered({StoreChange::write(path, data)}, nowMs / 1000);
        result = written ? Result<quint64>(quint64(1)) : written;
    }
    finish(id, from, std::move(result));
}

// --- Synchronisation ---------------------------------------------------------------

void ReplicatedStore::onConfigurationChanged(const QList<GroupMember> &members)
{
    Result<store::LocalStore::Snapshot> snapshot = m_local->snapshot();
    QByteArray key = configurationKey(members);
    bool joining = false;
    {
        const QMutexLocker locker(&m_mutex);
        m_members = members;
        m_configKey = key;
        m_states.clear();
        m_leader.reset();
        m_snapshotBuffer.clear();
        m_fragments.clear();
        m_syncing = true;
        m_groupUp = true;
        ++m_stats.syncRounds;
        joining = m_joining;
    }
    updateWritable();
    if (!snapshot) {
        qCCritical(lcReplicatedStore) << "cannot read this node's copy to synchronise:" << snapshot.error().message;
        return;
    }
    QByteArray payload = header(quint8(Kind::State));
    QDataStream out(&payload, QIODevice::WriteOnly | QIODevice::Append);
    out.setVersion(kStreamVersion);
    out << key << snapshot->version << digestOf(*snapshot) << joining;
    if (Result<void> sent = m_channel->send(payload); !sent)
        qCWarning(lcReplicatedStore) << "cannot send this node's state summary:" << sent.error().message;
}

void ReplicatedStore::handleState(GroupMember from, QDataStream &in)
{
    QByteArray key;
    MemberState state;
    in >> key >> state.version >> state.digest >> state.joining;
    if (in.status() != QDataStream::Ok)
        return;
    GroupMember leader;
    bool allEqual = true;
    bool leaderJoining = false;
    QByteArray myDigest;
    {
        const QMutexLocker locker(&m_mutex);
        if (key != m_configKey || !m_members.contains(from))
            return; // a summary of an earlier configuration
        m_states.insert(from, state);
        if (m_states.size() < m_members.size())
            return;
        // Every summary is in, in the same order everywhere: all decide alike.
        auto better = [&](const GroupMember &a, const GroupMember &b) {
            const MemberState &sa = m_states[a], &sb = m_states[b];
            if (sa.joining != sb.joining)
                return !sa.joining;
            if (sa.version != sb.version)
                return sa.version > sb.version;
            return a < b;
        };
        leader = *std::min_element(m_members.cbegin(), m_members.cend(), better);
        m_leader = leader;
        const MemberState &ls = m_states[leader];
        leaderJoining = ls.joining;
        for (const MemberState &s : std::as_const(m_states))
            allEqual = allEqual && s.digest == ls.digest;
        myDigest = m_states.value(m_channel->self()).digest;
        if (!leaderJoining && allEqual)
            ; // finish below, outside the lock
        else if (leaderJoining) {
            qCInfo(lcReplicatedStore) << "every member is joining: waiting for a member that holds the cluster's state";
            return;
        }
    }
    if (allEqual) {
        finishSync(leader);
        return;
    }
    if (leader != m_channel->self())
        return; // wait for the leader's snapshot
    Result<store::LocalStore::Snapshot> snapshot = m_local->snapshot();
    if (!snapshot) {
        qCCritical(lcReplicatedStore) << "cannot read this node's copy to send it:" << snapshot.error().message;
        return;
    }
    const QByteArray encoded = encodeSnapshot(*snapshot);
    const qsizetype chunk = std::max<qsizetype>(m_channel->maxPayload() - kChunkOverhead, 1024);
    qCInfo(lcReplicatedStore) << "sending this node's state (version" << snapshot->version << "," << encoded.size()
                              << "bytes compressed) to" << m_members.size() - 1 << "member(s)";
    for (qsizetype offset = 0; offset < encoded.size(); offset += chunk) {
        QByteArray payload = header(quint8(Kind::SnapshotChunk));
        QDataStream out(&payload, QIODevice::WriteOnly | QIODevice::Append);
        out.setVersion(kStreamVersion);
        out << key << encoded.mid(offset, chunk);
        if (Result<void> sent = m_channel->send(payload); !sent) {
            qCWarning(lcReplicatedStore) << "cannot send the state:" << sent.error().message;
            return;
        }
    }
    QByteArray payload = header(quint8(Kind::SnapshotEnd));
    QDataStream out(&payload, QIODevice::WriteOnly | QIODevice::Append);
    out.setVersion(kStreamVersion);
    out << key << digestOf(*snapshot);
    if (Result<void> sent = m_channel->send(payload); !sent)
        qCWarning(lcReplicatedStore) << "cannot send the end of the state:" << sent.error().message;
}

void ReplicatedStore::handleSnapshotChunk(GroupMember from, QDataStream &in)
{
    QByteArray key, bytes;
    in >> key >> bytes;
    const QMutexLocker locker(&m_mutex);
    if (in.status() != QDataStream::Ok || key != m_configKey || m_leader != from)
        return;
    m_snapshotBuffer += bytes;
}

void ReplicatedStore::handleSnapshotEnd(GroupMember from, QDataStream &in)
{
    QByteArray key, digest;
    in >> key >> digest;
    QByteArray buffer, myDigest;
    {
        const QMutexLocker locker(&m_mutex);
        if (in.status() != QDataStream::Ok || key != m_configKey || m_leader != from)
            return;
        buffer = std::exchange(m_snapshotBuffer, {});
        myDigest = m_states.value(m_channel->self()).digest;
    }
    if (myDigest != digest) {
        const std::optional<store::LocalStore::Snapshot> snapshot = decodeSnapshot(buffer);
        if (!snapshot || digestOf(*snapshot) != digest) {
            qCCritical(lcReplicatedStore) << "the state received from node" << from.nodeid
                                          << "is damaged; keeping this node's copy";
        } else if (Result<qsizetype> replaced = m_local->replaceAll(*snapshot); !replaced) {
            qCCritical(lcReplicatedStore) << "cannot adopt the cluster's state:" << replaced.error().message;
            return; // stays synchronising: read-only until the next round
        } else {
            qCInfo(lcReplicatedStore) << "adopted the state of node" << from.nodeid << "(version"
                                      << snapshot->version << "," << *replaced << "file(s) changed)";
            const QMutexLocker locker(&m_mutex);
            ++m_stats.snapshotsAdopted;
        }
    }
    finishSync(from);
}

void ReplicatedStore::finishSync(GroupMember leader)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_syncing = false;
        if (m_joining) {
            // The leader is never a joining member (handleState waits then):
            // this copy now holds the cluster's state.
            m_joining = false;
            if (!m_joiningMarker.isEmpty())
                QFile::remove(m_joiningMarker);
        }
        m_wake.wakeAll();
    }
    qCDebug(lcReplicatedStore) << "synchronised; source node" << leader.nodeid;
    updateWritable();
    emit synchronised();
}

void ReplicatedStore::onLost(const QString &reason)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_groupUp = false;
        m_syncing = false;
        // Nothing more will be delivered in this configuration.
        for (const auto &p : std::as_const(m_pending)) {
            if (p->done)
                continue;
            p->done = true;
            p->result = fail(Code::ClusterUnavailable,
                             Tr::tr("the cluster connection was lost before the change was applied (%1); it may or "
                                    "may not have been applied on other nodes")
                                 .arg(reason));
        }
        m_wake.wakeAll();
    }
    qCWarning(lcReplicatedStore) << "lost the store's process group:" << reason;
    updateWritable();
}

} // namespace atalaia::cluster
