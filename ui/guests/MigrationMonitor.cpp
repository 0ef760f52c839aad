#include "MigrationMonitor.h"

#include "api/client/ApiClient.h"
#include "api/client/EventStreamClient.h"
#include "model/Upid.h"
#include "session/ClusterSession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

namespace {

qint64 bytes(const QString &number, const QString &unit)
{
    static const QStringList units{QStringLiteral("B"), QStringLiteral("KiB"), QStringLiteral("MiB"), QStringLiteral("GiB"),
                                   QStringLiteral("TiB")};
    const qsizetype power = std::max<qsizetype>(0, units.indexOf(unit));
    double v = number.toDouble();
    for (qsizetype i = 0; i < power; ++i)
        v *= 1024;
    return qint64(v);
}

} // namespace

MigrationMonitor::MigrationMonitor(ClusterSession &session, QString upid, QObject *parent)
    : MigrationMonitor(session, std::move(upid), nullptr, {}, parent)
{
}

MigrationMonitor::MigrationMonitor(ClusterSession &session, QString upid,
                                   std::unique_ptr<api::client::EventStreamClient> stream, const QList<QJsonObject> &early,
                                   QObject *parent)
    : QObject(parent)
    , m_session(&session)
    , m_upid(std::move(upid))
    , m_events(std::move(stream))
{
    if (auto parsed = model::Upid::parse(m_upid))
        m_node = parsed->node().toString();
    const bool opened = m_events != nullptr;
    if (!m_events)
        m_events = std::make_unique<api::client::EventStreamClient>(session.client());
    connect(m_events.get(), &api::client::EventStreamClient::event, this, &MigrationMonitor::onEvent);
    // Lines that came while the stream was being opened: read the log once more.
    connect(m_events.get(), &api::client::EventStreamClient::opened, this, &MigrationMonitor::fetchLog);
    if (!opened)
        m_events->start();
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &MigrationMonitor::poll);
    m_timer.start();
    // Replayed after the timer is set up: an early "stopped" must find it.
    for (const QJsonObject &event : early)
        onEvent(event);
    fetchLog();
    poll();
}

MigrationMonitor::~MigrationMonitor() = default;

std::optional<virt::MigrationProgress> MigrationMonitor::parseLogLine(const QString &line)
{
    static const QRegularExpression kActive(QStringLiteral(
        R"(migration active, transferred ([\d.]+) (\w+) of ([\d.]+) (\w+) VM-state, ([\d.]+) (\w+)/s)"));
    static const QRegularExpression kDone(QStringLiteral(R"(average migration speed: ([\d.]+) (\w+)/s.*downtime (\d+) ms)"));
    if (const auto m = kActive.match(line); m.hasMatch()) {
        virt::MigrationProgress p;
        p.phase = virt::MigrationProgress::Phase::Active;
        p.memoryProcessed = p.dataProcessed = bytes(m.captured(1), m.captured(2));
        p.memoryTotal = p.dataTotal = bytes(m.captured(3), m.captured(4));
        p.memoryRemaining = p.dataRemaining = std::max<qint64>(0, p.dataTotal - p.dataProcessed);
        p.memoryBps = bytes(m.captured(5), m.captured(6));
        return p;
    }
    if (const auto m = kDone.match(line); m.hasMatch()) {
        virt::MigrationProgress p;
        p.phase = virt::MigrationProgress::Phase::Completed;
        p.memoryBps = bytes(m.captured(1), m.captured(2));
        p.downtimeMs = m.captured(3).toLongLong();
        return p;
    }
    return std::nullopt;
}

QString MigrationMonitor::parseTarget(const QString &line)
{
    static const QRegularExpression kTarget(QStringLiteral(R"(to node '([^']+)')"));
    const auto m = kTarget.match(line);
    return m.hasMatch() ? m.captured(1) : QString();
}

void MigrationMonitor::onEvent(const QJsonObject &event)
{
    if (event.value(QLatin1String("upid")).toString() != m_upid)
        return;
    const QString topic = event.value(QLatin1String("topic")).toString();
    if (topic == QLatin1String("migration")) {
        m_structured = true;
        const QString target = event.value(QLatin1String("target")).toString();
        if (!target.isEmpty() && target != m_target) {
            m_target = target;
            emit targetKnown(target);
        }
        addSample(virt::MigrationProgress::fromJson(event.value(QLatin1String("progress")).toObject()));
        return;
    }
    if (topic != QLatin1String("task"))
        return;
    if (event.contains(QLatin1String("log"))) {
        const QJsonObject log = event.value(QLatin1String("log")).toObject();
        addLine(log.value(QLatin1String("n")).toInt(), log.value(QLatin1String("t")).toString());
    }
    if (event.value(QLatin1String("status")).toString() == QLatin1String("stopped"))
        fetchLog(); // the last lines first; poll() then reads the exit status
}

void MigrationMonitor::addLine(int n, const QString &line)
{
    if (n > 0) {
        if (m_seen.contains(n))
            return; // seen already (the stream and a log read overlap)
        m_seen.insert(n);
        while (m_seen.contains(m_nextLine + 1))
            ++m_nextLine;
    }
    emit logLine(line);
    if (m_target.isEmpty()) {
        if (const QString target = parseTarget(line); !target.isEmpty()) {
            m_target = target;
            emit targetKnown(target);
        }
    }
    if (!m_structured)
        if (auto p = parseLogLine(line))
            addSample(*p);
}

void MigrationMonitor::addSample(const virt::MigrationProgress &sample)
{
    virt::MigrationProgress p = sample;
    // A line of the log has no clock: count from the samples before it.
    if (p.elapsedMs == 0 && !m_samples.isEmpty() && !m_structured)
        p.elapsedMs = m_samples.last().elapsedMs + 1000;
    // The final log line has no sizes: keep the last known ones.
    if (p.phase == virt::MigrationProgress::Phase::Completed && p.dataTotal == 0 && !m_samples.isEmpty()) {
        p.dataTotal = p.memoryTotal = m_samples.last().dataTotal;
        p.dataProcessed = p.memoryProcessed = p.dataTotal;
    }
    m_samples.append(p);
    emit progress(p);
}

void MigrationMonitor::fetchLog()
{
    if (!m_session || m_logBusy)
        return;
    m_logBusy = true;
    // Decoded: the client encodes the path (a UPID's ':' and '@' stay, as Proxmox clients send them).
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/log").arg(m_node, m_upid);
    m_session->client()
        .send(ApiClient::Method::Get, path, {{QStringLiteral("start"), m_nextLine}, {QStringLiteral("limit"), 1000}})
        .then(this, [this](const Response &r) {
            m_logBusy = false;
            if (!r.isOk())
                return;
            for (const QJsonValue &v : r.data.toArray()) {
                const QJsonObject o = v.toObject();
                addLine(o.value(QLatin1String("n")).toInt(), o.value(QLatin1String("t")).toString());
            }
        });
}

void MigrationMonitor::poll()
{
    if (!m_session || m_stopped)
        return;
    if (!(m_events && m_events->isOpen()))
        fetchLog();
    if (m_statusBusy)
        return;
    m_statusBusy = true;
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/status").arg(m_node, m_upid);
    m_session->client().send(ApiClient::Method::Get, path).then(this, [this](const Response &r) {
        m_statusBusy = false;
        if (!r.isOk() || m_stopped)
            return;
        const QJsonObject status = r.data.toObject();
        if (status.value(QLatin1String("status")).toString() == QLatin1String("stopped"))
            stopped(status.value(QLatin1String("exitstatus")).toString());
    });
}

void MigrationMonitor::stopped(const QString &exitStatus)
{
    m_stopped = true;
    m_timer.stop();
    // The last lines (the downtime, the error) before the end is told.
    if (!m_session) {
        emit finished(exitStatus == QLatin1String("OK"), exitStatus);
        return;
    }
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/log").arg(m_node, m_upid);
    m_session->client()
        .send(ApiClient::Method::Get, path, {{QStringLiteral("start"), m_nextLine}, {QStringLiteral("limit"), 1000}})
        .then(this, [this, exitStatus](const Response &r) {
            if (r.isOk())
                for (const QJsonValue &v : r.data.toArray()) {
                    const QJsonObject o = v.toObject();
                    addLine(o.value(QLatin1String("n")).toInt(), o.value(QLatin1String("t")).toString());
                }
            if (m_events)
                m_events->stop();
            if (m_session)
                m_session->refreshSoon(); // the guest is on another node now
            emit finished(exitStatus == QLatin1String("OK"), exitStatus);
        });
}

void MigrationMonitor::cancel()
{
    if (!m_session || m_stopped)
        return;
    const QString path = QStringLiteral("/nodes/%1/tasks/%2").arg(m_node, m_upid);
    m_session->client().send(ApiClient::Method::Delete, path).then(this, [this](const Response &r) {
        if (!r.isOk())
            emit cancelFailed(r.error().message);
        poll();
    });
}

} // namespace atalaia::ui
