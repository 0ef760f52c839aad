#include "CorosyncConnection.h"

#include <corosync/cfg.h>
#include <corosync/cmap.h>
#include <corosync/corotypes.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>

#include <QByteArray>
#include <QMap>

#include <cstring>

namespace atalaia::cluster::corosync {

namespace {

QString describe(const char *call, cs_error_t error)
{
    return QStringLiteral("%1: %2 (%3)").arg(QLatin1String(call), QString::fromUtf8(cs_strerror(error))).arg(int(error));
}

CorosyncConnection::Outcome outcome(const char *call, cs_error_t error)
{
    if (error == CS_OK)
        return {};
    return {error == CS_ERR_TRY_AGAIN ? CorosyncConnection::Status::TryAgain : CorosyncConnection::Status::Lost,
            describe(call, error)};
}

// A cmap value of any type as text (integers in decimal).
QString cmapValueText(cmap_value_types_t type, const QByteArray &data)
{
    auto as = [&data]<typename T>(T) {
        T v{};
        if (data.size() >= qsizetype(sizeof(T)))
            std::memcpy(&v, data.constData(), sizeof(T));
        return v;
    };
    switch (type) {
    case CMAP_VALUETYPE_INT8: return QString::number(as(qint8()));
    case CMAP_VALUETYPE_UINT8: return QString::number(as(quint8()));
    case CMAP_VALUETYPE_INT16: return QString::number(as(qint16()));
    case CMAP_VALUETYPE_UINT16: return QString::number(as(quint16()));
    case CMAP_VALUETYPE_INT32: return QString::number(as(qint32()));
    case CMAP_VALUETYPE_UINT32: return QString::number(as(quint32()));
    case CMAP_VALUETYPE_INT64: return QString::number(as(qint64()));
    case CMAP_VALUETYPE_UINT64: return QString::number(as(quint64()));
    case CMAP_VALUETYPE_STRING: {
        const qsizetype end = data.indexOf('\0');
        return QString::fromUtf8(end < 0 ? data : data.left(end));
    }
    case CMAP_VALUETYPE_FLOAT:
    case CMAP_VALUETYPE_DOUBLE:
    case CMAP_VALUETYPE_BINARY:
        break;
    }
    return {};
}

// cmap's value for KEY as text; CS_ERR_NOT_EXIST when absent.
cs_error_t cmapText(cmap_handle_t handle, const char *key, QString *text)
{
    size_t length = 0;
    cmap_value_types_t type{};
    cs_error_t error = cmap_get(handle, key, nullptr, &length, &type);
    if (error != CS_OK)
        return error;
    QByteArray data(qsizetype(length), '\0');
    error = cmap_get(handle, key, data.data(), &length, &type);
    if (error == CS_OK)
        *text = cmapValueText(type, data.left(qsizetype(length)));
    return error;
}

// Whether a per-node query's error is about the connection (then the whole
// read fails) rather than about that node (then the node's values stay unknown).
bool aboutConnection(cs_error_t error)
{
    return error == CS_ERR_TRY_AGAIN || error == CS_ERR_LIBRARY || error == CS_ERR_BAD_HANDLE;
}

QString knetAddress(const char *text)
{
    return QString::fromUtf8(text, qsizetype(strnlen(text, CFG_MAX_HOST_LEN)));
}

} // namespace

// The C callbacks: every notification means "read again"; a cmap change
// under nodelist./totem. also means the cached settings are stale.
struct CorosyncCallbacks {
    static void quorum(quorum_handle_t, uint32_t, uint64_t, uint32_t, uint32_t *) {}
    static void votequorumQuorum(votequorum_handle_t, uint64_t, uint32_t, uint32_t, votequorum_node_t *) {}
    static void votequorumExpected(votequorum_handle_t, uint64_t, uint32_t) {}
    static void votequorumNodes(votequorum_handle_t, uint64_t, votequorum_ring_id_t, uint32_t, uint32_t *) {}
    static void cmapChanged(cmap_handle_t, cmap_track_handle_t, int32_t, const char *, cmap_notify_value,
                            cmap_notify_value, void *self)
    {
        static_cast<CorosyncConnection *>(self)->m_configStale = true;
    }
};

std::unique_ptr<CorosyncConnection> CorosyncConnection::open(QString *why)
{
    std::unique_ptr<CorosyncConnection> c(new CorosyncConnection);
    auto failed = [why](const char *call, cs_error_t error) {
        *why = describe(call, error);
        return nullptr;
    };

    quorum_callbacks_t quorumCallbacks{};
    quorumCallbacks.quorum_notify_fn = &CorosyncCallbacks::quorum;
    uint32_t quorumType = 0;
    if (cs_error_t e = quorum_initialize(&c->m_quorum, &quorumCallbacks, &quorumType); e != CS_OK)
        return failed("quorum_initialize", e);
    c->m_quorumOpen = true;
    if (cs_error_t e = quorum_trackstart(c->m_quorum, CS_TRACK_CHANGES); e != CS_OK)
        return failed("quorum_trackstart", e);

    votequorum_callbacks_t votequorumCallbacks{};
    votequorumCallbacks.votequorum_quorum_notify_fn = &CorosyncCallbacks::votequorumQuorum;
    votequorumCallbacks.votequorum_expectedvotes_notify_fn = &CorosyncCallbacks::votequorumExpected;
    votequorumCallbacks.votequorum_nodelist_notify_fn = &CorosyncCallbacks::votequorumNodes;
    if (cs_error_t e = votequorum_initialize(&c->m_votequorum, &votequorumCallbacks); e != CS_OK)
        return failed("votequorum_initialize", e);
    c->m_votequorumOpen = true;
    if (cs_error_t e = votequorum_trackstart(c->m_votequorum, 0, CS_TRACK_CHANGES); e != CS_OK)
        return failed("votequorum_trackstart", e);

    if (cs_error_t e = cmap_initialize(&c->m_cmap); e != CS_OK)
        return failed("cmap_initialize", e);
    c->m_cmapOpen = true;
    const int32_t track = CMAP_TRACK_ADD | CMAP_TRACK_DELETE | CMAP_TRACK_MODIFY | CMAP_TRACK_PREFIX;
    if (cs_error_t e = cmap_track_add(c->m_cmap, "nodelist.", track, &CorosyncCallbacks::cmapChanged, c.get(),
                                      &c->m_nodelistTrack);
        e != CS_OK)
        return failed("cmap_track_add(nodelist.)", e);
    if (cs_error_t e = cmap_track_add(c->m_cmap, "totem.", track, &CorosyncCallbacks::cmapChanged, c.get(),
                                      &c->m_totemTrack);
        e != CS_OK)
        return failed("cmap_track_add(totem.)", e);

    corosync_cfg_callbacks_t cfgCallbacks{};
    if (cs_error_t e = corosync_cfg_initialize(&c->m_cfg, &cfgCallbacks); e != CS_OK)
        return failed("corosync_cfg_initialize", e);
    c->m_cfgOpen = true;
    unsigned int local = 0;
    if (cs_error_t e = corosync_cfg_local_get(c->m_cfg, &local); e != CS_OK)
        return failed("corosync_cfg_local_get", e);
    c->m_localNodeId = local;
    return c;
}

CorosyncConnection::~CorosyncConnection()
{
    // Finalizing a handle whose corosync is gone only frees it locally.
    if (m_cfgOpen)
        corosync_cfg_finalize(m_cfg);
    if (m_cmapOpen)
        cmap_finalize(m_cmap);
    if (m_votequorumOpen)
        votequorum_finalize(m_votequorum);
    if (m_quorumOpen)
        quorum_finalize(m_quorum);
}

QList<int> CorosyncConnection::fds() const
{
    QList<int> fds;
    int fd = -1;
    if (quorum_fd_get(m_quorum, &fd) == CS_OK)
        fds.append(fd);
    if (votequorum_fd_get(m_votequorum, &fd) == CS_OK)
        fds.append(fd);
    if (cmap_fd_get(m_cmap, &fd) == CS_OK)
        fds.append(fd);
    return fds;
}

CorosyncConnection::Outcome CorosyncConnection::dispatch()
{
    // CS_DISPATCH_ALL returns as soon as nothing more is pending.
    if (Outcome o = outcome("quorum_dispatch", quorum_dispatch(m_quorum, CS_DISPATCH_ALL)); o.status != Status::Ok)
        return o;
    if (Outcome o = outcome("votequorum_dispatch", votequorum_dispatch(m_votequorum, CS_DISPATCH_ALL));
        o.status != Status::Ok)
        return o;
    return outcome("cmap_dispatch", cmap_dispatch(m_cmap, CS_DISPATCH_ALL));
}

CorosyncConnection::Outcome CorosyncConnection::readConfig()
{
    CorosyncSnapshot config;
    QString text;
    if (cs_error_t e = cmapText(m_cmap, "totem.cluster_name", &text); e == CS_OK)
        config.clusterName = text;
    else if (e != CS_ERR_NOT_EXIST)
        return outcome("cmap_get(totem.cluster_name)", e);
    if (cs_error_t e = cmapText(m_cmap, "totem.config_version", &text); e == CS_OK)
        config.configVersion = text.toULongLong();
    else if (e != CS_ERR_NOT_EXIST)
        return outcome("cmap_get(totem.config_version)", e);

    // nodelist.node.<index>.<field>, in index order.
    QMap<int, QMap<QString, QString>> entries;
    cmap_iter_handle_t iter = 0;
    if (cs_error_t e = cmap_iter_init(m_cmap, "nodelist.node.", &iter); e != CS_OK)
        return outcome("cmap_iter_init(nodelist.node.)", e);
    cs_error_t e = CS_OK;
    for (;;) {
        char key[CMAP_KEYNAME_MAXLEN + 1] = {};
        size_t length = 0;
        cmap_value_types_t type{};
        e = cmap_iter_next(m_cmap, iter, key, &length, &type);
        if (e != CS_OK)
            break;
        const QStringList parts = QString::fromUtf8(key).split(QLatin1Char('.'));
        bool isIndex = false;
        const int index = parts.size() == 4 ? parts.at(2).toInt(&isIndex) : -1;
        if (!isIndex)
            continue;
        e = cmapText(m_cmap, key, &text);
        if (e == CS_ERR_NOT_EXIST) // deleted meanwhile; cmap's tracking will tell
            continue;
        if (e != CS_OK)
            break;
        entries[index].insert(parts.at(3), text);
    }
    cmap_iter_finalize(m_cmap, iter);
    if (e != CS_ERR_NO_SECTIONS && e != CS_OK)
        return outcome("cmap_iter_next(nodelist.node.)", e);

    for (const QMap<QString, QString> &fields : std::as_const(entries)) {
        CorosyncSnapshot::Node node;
        node.nodeid = fields.value(QStringLiteral("nodeid")).toUInt();
        node.name = fields.value(QStringLiteral("name"));
        bool ok = false;
        if (const quint32 votes = fields.value(QStringLiteral("quorum_votes")).toUInt(&ok); ok)
            node.configuredVotes = votes;
        for (int link = 0; link < CFG_MAX_LINKS; ++link)
            if (const QString addr = fields.value(QStringLiteral("ring%1_addr").arg(link)); !addr.isEmpty())
                node.ringAddrs.insert(link, addr);
        config.nodes.append(node);
    }
    m_config = config;
    return {};
}

CorosyncConnection::Outcome CorosyncConnection::read(CorosyncSnapshot &out)
{
    if (m_configStale) {
        // Cleared before reading: a change reported while we read marks it again.
        m_configStale = false;
        if (Outcome o = readConfig(); o.status != Status::Ok) {
            m_configStale = true;
            return o;
        }
    }
    CorosyncSnapshot s = m_config;
    s.source = CorosyncSnapshot::Source::Corosync;
    s.localNodeId = m_localNodeId;

    int quorate = 0;
    if (Outcome o = outcome("quorum_getquorate", quorum_getquorate(m_quorum, &quorate)); o.status != Status::Ok)
        return o;
    s.quorate = quorate != 0;

    votequorum_info info{};
    if (cs_error_t e = votequorum_getinfo(m_votequorum, m_localNodeId, &info); e == CS_OK) {
        s.expectedVotes = info.node_expected_votes;
        s.totalVotes = info.total_votes;
    } else if (e != CS_ERR_NOT_EXIST) {
        return outcome("votequorum_getinfo", e);
    }

    for (CorosyncSnapshot::Node &node : s.nodes) {
        info = {};
        if (cs_error_t e = votequorum_getinfo(m_votequorum, node.nodeid, &info); e == CS_OK) {
            node.member = info.node_state == VOTEQUORUM_NODESTATE_MEMBER;
            node.votes = info.node_votes;
        } else if (aboutConnection(e)) {
            return outcome("votequorum_getinfo", e);
        }

        corosync_cfg_node_status_v1 status{};
        if (cs_error_t e = corosync_cfg_node_status_get(m_cfg, node.nodeid, CFG_NODE_STATUS_V1, &status); e == CS_OK) {
            QList<CorosyncSnapshot::KnetLink> links;
            const bool local = node.nodeid == m_localNodeId;
            for (int link = 0; link < CFG_MAX_LINKS; ++link) {
                const corosync_knet_link_status_v1 &l = status.link_status[link];
                if (!l.enabled)
                    continue;
                links.append({link, l.enabled != 0, l.connected != 0,
                              knetAddress(local ? l.src_ipaddr : l.dst_ipaddr)});
            }
            node.links = links;
        } else if (aboutConnection(e)) {
            return outcome("corosync_cfg_node_status_get", e);
        }
    }
    out = s;
    return {};
}

} // namespace atalaia::cluster::corosync
