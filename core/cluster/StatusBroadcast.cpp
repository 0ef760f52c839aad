#include "StatusBroadcast.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtEndian>

namespace atalaia::cluster {

namespace {

Q_LOGGING_CATEGORY(lcStatus, "atalaia.cluster.status")

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject statusJson(const metrics::NodeStatus &s)
{
    QJsonObject o{{QStringLiteral("cpu"), s.cpu},           {QStringLiteral("wait"), s.wait},
                  {QStringLiteral("cpus"), s.cpus},         {QStringLiteral("sockets"), s.sockets},
                  {QStringLiteral("model"), s.cpuModel},    {QStringLiteral("mhz"), s.mhz},
                  {QStringLiteral("memTotal"), s.memTotal}, {QStringLiteral("memUsed"), s.memUsed},
                  {QStringLiteral("memFree"), s.memFree},   {QStringLiteral("swapTotal"), s.swapTotal},
                  {QStringLiteral("swapUsed"), s.swapUsed}, {QStringLiteral("swapFree"), s.swapFree},
                  {QStringLiteral("rootTotal"), s.rootfsTotal}, {QStringLiteral("rootUsed"), s.rootfsUsed},
                  {QStringLiteral("rootAvail"), s.rootfsAvail}, {QStringLiteral("uptime"), s.uptime},
                  {QStringLiteral("loadavg"), QJsonArray::fromStringList(s.loadavg)},
                  {QStringLiteral("kernel"), s.kernel}};
    if (s.netIn)
        o.insert(QStringLiteral("netIn"), *s.netIn);
    if (s.netOut)
        o.insert(QStringLiteral("netOut"), *s.netOut);
    return o;
}

metrics::NodeStatus statusFrom(const QJsonObject &o)
{
    metrics::NodeStatus s;
    s.cpu = o.value(QLatin1String("cpu")).toDouble();
    s.wait = o.value(QLatin1String("wait")).toDouble();
    s.cpus = o.value(QLatin1String("cpus")).toInt();
    s.sockets = o.value(QLatin1String("sockets")).toInt(1);
    s.cpuModel = o.value(QLatin1String("model")).toString();
    s.mhz = o.value(QLatin1String("mhz")).toDouble();
    s.memTotal = o.value(QLatin1String("memTotal")).toInteger();
    s.memUsed = o.value(QLatin1String("memUsed")).toInteger();
    s.memFree = o.value(QLatin1String("memFree")).toInteger();
    s.swapTotal = o.value(QLatin1String("swapTotal")).toInteger();
    s.swapUsed = o.value(QLatin1String("swapUsed")).toInteger();
    s.swapFree = o.value(QLatin1String("swapFree")).toInteger();
    s.rootfsTotal = o.value(QLatin1String("rootTotal")).toInteger();
    s.rootfsUsed = o.value(QLatin1String("rootUsed")).toInteger();
    s.rootfsAvail = o.value(QLatin1String("rootAvail")).toInteger();
    s.uptime = o.value(QLatin1String("uptime")).toInteger();
    for (const QJsonValue &v : o.value(QLatin1String("loadavg")).toArray())
        s.loadavg.append(v.toString());
    s.kernel = o.value(QLatin1String("kernel")).toString();
    if (o.contains(QLatin1String("netIn")))
        s.netIn = o.value(QLatin1String("netIn")).toInteger();
    if (o.contains(QLatin1String("netOut")))
        s.netOut = o.value(QLatin1String("netOut")).toInteger();
    return s;
}

} // namespace

StatusBroadcast::StatusBroadcast(QString node, std::unique_ptr<GroupChannel> channel, Source source, int intervalMs)
    : m_node(std::move(node))
    , m_channel(std::move(channel))
    , m_source(std::move(source))
    , m_intervalMs(intervalMs)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatusBroadcast::send);
    m_soon.setSingleShot(true);
    m_soon.setInterval(200);
    connect(&m_soon, &QTimer::timeout, this, &StatusBroadcast::send);
    m_rejoin.setInterval(2000);
    connect(&m_rejoin, &QTimer::timeout, this, &StatusBroadcast::tryJoin);
    // Deliveries come on the channel's dispatch thread: only the maps are touched there.
    connect(m_channel.get(), &GroupChannel::delivered, this,
            [this](GroupMember from, const QByteArray &payload) {
                std::optional<NodeReport> r = decode(payload);
                if (!r || r->node == m_node)
                    return;
                r->receivedMs = nowMs();
                const QString sender = r->node;
                {
                    const QMutexLocker lock(&m_mutex);
                    m_senderOf.insert(sender, from);
                    m_reports.insert(sender, std::move(*r));
                }
                emit updated(sender);
            },
            Qt::DirectConnection);
    connect(m_channel.get(), &GroupChannel::configurationChanged, this,
            [this](const QList<GroupMember> &, const QList<GroupMember> &left, const QList<GroupMember> &joined) {
                QStringList gone;
                {
                    const QMutexLocker lock(&m_mutex);
                    for (auto it = m_senderOf.begin(); it != m_senderOf.end();) {
                        if (left.contains(it.value())) {
                            m_reports.remove(it.key());
                            gone.append(it.key());
                            it = m_senderOf.erase(it);
                        } else {
                            ++it;
                        }
                    }
                }
                for (const QString &name : std::as_const(gone))
                    emit updated(name);
                // Newcomers learn about us at once, not an interval later.
                if (!joined.isEmpty())
                    QMetaObject::invokeMethod(this, &StatusBroadcast::publishNow, Qt::QueuedConnection);
            },
            Qt::DirectConnection);
}

StatusBroadcast::~StatusBroadcast() = default;

void StatusBroadcast::start()
{
    tryJoin();
    m_timer.start();
}

void StatusBroadcast::tryJoin()
{
    if (m_joined)
        return;
    if (Result<void> ok = m_channel->join(); ok) {
        m_joined = true;
        m_rejoin.stop();
        publishNow();
    } else if (!m_rejoin.isActive()) {
        qCDebug(lcStatus) << "cannot join the status group yet:" << ok.error().message;
        m_rejoin.start();
    }
}

void StatusBroadcast::publishNow()
{
    if (!m_soon.isActive())
        m_soon.start();
}

void StatusBroadcast::send()
{
    if (!m_joined)
        return;
    NodeReport report = m_source();
    report.node = m_node;
    if (Result<void> ok = m_channel->send(encode(report)); !ok)
        qCDebug(lcStatus) << "status not sent:" << ok.error().message;
}

std::optional<NodeReport> StatusBroadcast::report(const QString &node) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_reports.constFind(node);
    if (it == m_reports.cend() || nowMs() - it->receivedMs > 3 * qint64(m_intervalMs))
        return std::nullopt;
    return *it;
}

QList<NodeReport> StatusBroadcast::reports() const
{
    QList<NodeReport> out;
    const QMutexLocker lock(&m_mutex);
    const qint64 now = nowMs();
    for (const NodeReport &r : m_reports)
        if (now - r.receivedMs <= 3 * qint64(m_intervalMs))
            out.append(r);
    return out;
}

QByteArray StatusBroadcast::encode(const NodeReport &report)
{
    QJsonArray guests;
    for (const model::ClusterResource &g : report.guests)
        guests.append(g.toJson());
    const QJsonObject o{{QStringLiteral("v"), 1},
                        {QStringLiteral("node"), report.node},
                        {QStringLiteral("status"), statusJson(report.status)},
                        {QStringLiteral("guests"), guests},
                        {QStringLiteral("bridges"), QJsonArray::fromStringList(report.bridges)},
                        {QStringLiteral("cpumodels"), QJsonArray::fromStringList(report.cpuModels)},
                        {QStringLiteral("kvm"), report.kvm}};
    return qCompress(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<NodeReport> StatusBroadcast::decode(const QByteArray &payload)
{
    // qUncompress() allocates what the 4-byte size header says up front: a
    // payload that is not ours (or corrupt) could ask for gigabytes. A report
    // is a few KiB per guest.
    constexpr quint32 kMaxReportBytes = 64 * 1024 * 1024;
    if (payload.size() < 4 || qFromBigEndian<quint32>(payload.constData()) > kMaxReportBytes)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(qUncompress(payload));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("v")).toInt() != 1 || o.value(QLatin1String("node")).toString().isEmpty())
        return std::nullopt;
    NodeReport r;
    r.node = o.value(QLatin1String("node")).toString();
    r.status = statusFrom(o.value(QLatin1String("status")).toObject());
    for (const QJsonValue &v : o.value(QLatin1String("guests")).toArray())
        if (Result<model::ClusterResource> g = model::ClusterResource::fromJson(v.toObject()))
            r.guests.append(*g);
    for (const QJsonValue &v : o.value(QLatin1String("bridges")).toArray())
        r.bridges.append(v.toString());
    for (const QJsonValue &v : o.value(QLatin1String("cpumodels")).toArray())
        r.cpuModels.append(v.toString());
    r.kvm = o.value(QLatin1String("kvm")).toBool();
    return r;
}

} // namespace atalaia::cluster
