#include "CpgChannel.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <corosync/cpg.h>

#include <algorithm>
#include <cstring>
#include <sys/uio.h>
#include <unistd.h>

namespace atalaia::cluster::corosync {

Q_LOGGING_CATEGORY(lcCpg, "atalaia.cluster.cpg")

namespace {

QString csError(cs_error_t e)
{
    switch (e) {
    case CS_ERR_LIBRARY: return QStringLiteral("cannot reach corosync (is it running?)");
    case CS_ERR_TRY_AGAIN: return QStringLiteral("corosync is busy (try again)");
    case CS_ERR_ACCESS: return QStringLiteral("permission denied by corosync");
    case CS_ERR_BAD_HANDLE: return QStringLiteral("the corosync connection is gone");
    case CS_ERR_NOT_EXIST: return QStringLiteral("not a member of the group");
    case CS_ERR_TOO_BIG: return QStringLiteral("message too large for corosync");
    default: return QStringLiteral("corosync error %1").arg(int(e));
    }
}

QList<GroupMember> members(const cpg_address *list, size_t n)
{
    QList<GroupMember> out;
    out.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        out.append(GroupMember{list[i].nodeid, list[i].pid});
    std::sort(out.begin(), out.end());
    return out;
}

CpgChannel *channelOf(cpg_handle_t handle)
{
    void *context = nullptr;
    if (cpg_context_get(handle, &context) != CS_OK)
        return nullptr;
    return static_cast<CpgChannel *>(context);
}

} // namespace

// The dispatch thread's object: the notifier on libcpg's descriptor and the
// reconnect timer.
class CpgDispatcher : public QObject
{
public:
    explicit CpgDispatcher(CpgChannel &channel) : m_channel(channel)
    {
        // A child, so that it moves to the dispatch thread with us.
        m_retry = new QTimer(this);
        m_retry->setInterval(1000);
        m_retry->setSingleShot(true);
        connect(m_retry, &QTimer::timeout, this, &CpgDispatcher::tryConnect);
    }

    void tryConnect()
    {
        Result<void> ok = m_channel.connectGroup();
        if (!ok) {
            if (!m_warned)
                qCWarning(lcCpg) << "cannot join the store's process group:" << ok.error().message
                                 << "(retrying every second)";
            m_warned = true;
            m_retry->start();
            return;
        }
        m_warned = false;
        m_retry->stop();
        int fd = -1;
        {
            const QMutexLocker locker(&m_channel.m_handleMutex);
            cpg_fd_get(m_channel.m_handle, &fd);
        }
        m_notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
            if (!m_channel.dispatch()) {
                m_notifier.reset();
                m_channel.disconnectGroup(QStringLiteral("corosync closed the connection"));
                m_retry->start();
            }
        });
    }

    void stop()
    {
        m_retry->stop();
        m_notifier.reset();
    }

private:
    CpgChannel &m_channel;
    QTimer *m_retry = nullptr;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_warned = false;
};

CpgChannel::CpgChannel(QString groupName) : m_groupName(std::move(groupName)) {}

CpgChannel::~CpgChannel()
{
    if (m_thread) {
        QMetaObject::invokeMethod(m_dispatcher, [this] {
            m_dispatcher->stop();
            const QMutexLocker locker(&m_handleMutex);
            if (m_connected)
                cpg_finalize(m_handle);
            m_connected = false;
            delete m_dispatcher;
            m_dispatcher = nullptr;
        }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

Result<void> CpgChannel::join()
{
    if (m_thread)
        return fail(Code::InvalidArgument, QStringLiteral("already joined"));
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("cpg-dispatch"));
    m_dispatcher = new CpgDispatcher(*this);
    m_dispatcher->moveToThread(m_thread.get());
    m_thread->start();
    QMetaObject::invokeMethod(m_dispatcher, &CpgDispatcher::tryConnect, Qt::QueuedConnection);
    return {};
}

GroupMember CpgChannel::self() const
{
    const QMutexLocker locker(&m_selfMutex);
    return m_self;
}

Result<void> CpgChannel::connectGroup()
{
    const QMutexLocker locker(&m_handleMutex);
    static cpg_model_v1_data_t model = [] {
        cpg_model_v1_data_t m{};
        m.model = CPG_MODEL_V1;
        m.cpg_deliver_fn = [](cpg_handle_t handle, const cpg_name *, uint32_t nodeid, uint32_t pid, void *msg,
                              size_t len) {
            if (CpgChannel *self = channelOf(handle))
                self->deliver(nodeid, pid, QByteArray(static_cast<const char *>(msg), qsizetype(len)));
        };
        m.cpg_confchg_fn = [](cpg_handle_t handle, const cpg_name *, const cpg_address *member, size_t nMember,
                              const cpg_address *left, size_t nLeft, const cpg_address *joined, size_t nJoined) {
            if (CpgChannel *self = channelOf(handle))
                self->configurationChange(members(member, nMember), members(left, nLeft), members(joined, nJoined));
        };
        m.flags = 0;
        return m;
    }();
    cpg_handle_t handle = 0;
    cs_error_t e = cpg_model_initialize(&handle, CPG_MODEL_V1, reinterpret_cast<cpg_model_data_t *>(&model), this);
    if (e != CS_OK)
        return fail(Code::ClusterUnavailable, csError(e));
    unsigned int nodeid = 0;
    if ((e = cpg_local_get(handle, &nodeid)) != CS_OK) {
        cpg_finalize(handle);
        return fail(Code::ClusterUnavailable, csError(e));
    }
    cpg_name name{};
    const QByteArray group = m_groupName.toUtf8().left(CPG_MAX_NAME_LENGTH);
    name.length = uint32_t(group.size());
    std::memcpy(name.value, group.constData(), size_t(group.size()));
    for (int attempt = 0; (e = cpg_join(handle, &name)) == CS_ERR_TRY_AGAIN && attempt < 100; ++attempt)
        QThread::msleep(10);
    if (e != CS_OK) {
        cpg_finalize(handle);
        return fail(Code::ClusterUnavailable, csError(e));
    }
    m_handle = handle;
    m_connected = true;
    {
        const QMutexLocker selfLocker(&m_selfMutex);
        m_self = GroupMember{nodeid, quint32(getpid())};
    }
    qCInfo(lcCpg) << "joined process group" << m_groupName << "as node" << nodeid;
    return {};
}

void CpgChannel::disconnectGroup(const QString &reason)
{
    {
        const QMutexLocker locker(&m_handleMutex);
        if (!m_connected)
            return;
        cpg_finalize(m_handle);
        m_connected = false;
    }
    emit lost(reason);
}

bool CpgChannel::dispatch()
{
    const QMutexLocker locker(&m_handleMutex);
    if (!m_connected)
        return false;
    const cs_error_t e = cpg_dispatch(m_handle, CS_DISPATCH_ALL);
    return e == CS_OK || e == CS_ERR_TRY_AGAIN;
}

Result<void> CpgChannel::send(const QByteArray &payload)
{
    if (payload.size() > kMaxPayload)
        return fail(Code::InvalidArgument, QStringLiteral("message of %1 bytes is over the limit").arg(payload.size()));
    iovec iov{const_cast<char *>(payload.constData()), size_t(payload.size())};
    // Flow control: corosync asks us to wait while its queues drain.
    for (int attempt = 0;; ++attempt) {
        cs_error_t e = CS_OK;
        {
            const QMutexLocker locker(&m_handleMutex);
            if (!m_connected)
                return fail(Code::ClusterUnavailable, QStringLiteral("not connected to corosync"));
            e = cpg_mcast_joined(m_handle, CPG_TYPE_AGREED, &iov, 1);
        }
        if (e == CS_OK)
            return {};
        if (e != CS_ERR_TRY_AGAIN || attempt >= 1000)
            return fail(Code::ClusterUnavailable, csError(e));
        QThread::msleep(attempt < 10 ? 1 : 10);
    }
}

void CpgChannel::deliver(quint32 nodeid, quint32 pid, const QByteArray &payload)
{
    emit delivered(GroupMember{nodeid, pid}, payload);
}

void CpgChannel::configurationChange(QList<GroupMember> members, QList<GroupMember> left, QList<GroupMember> joined)
{
    if (!members.contains(self()))
        return; // our own leave
    emit configurationChanged(members, left, joined);
}

} // namespace atalaia::cluster::corosync
