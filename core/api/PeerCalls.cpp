#include "PeerCalls.h"

#include "NodeProxy.h"
#include "Services.h"
#include "access/TicketAuthority.h"
#include "cluster/Membership.h"
#include "store/ConfigStore.h"
#include "tasks/TaskContext.h"

#include <QJsonArray>
#include <QThread>
#include <QUrl>

namespace atalaia::api {

namespace {

constexpr char kPeerUser[] = "root@pam";
constexpr int kPollMs = 300;

QString messageOf(const ApiResponse &response)
{
    QString message = response.message;
    if (message.isEmpty())
        message = response.data.toString();
    for (auto it = response.errors.constBegin(); it != response.errors.constEnd(); ++it)
        message += QStringLiteral(" %1: %2").arg(it.key(), it.value().toString());
    return message.trimmed().isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : message.trimmed();
}

} // namespace

PeerCalls::PeerCalls(const Services &services)
    : m_services(services)
{
}

ApiResponse PeerCalls::call(const QString &node, const QString &method, const QString &path,
                            const QJsonObject &params) const
{
    const cluster::ClusterView view = m_services.membership().view();
    const cluster::MemberNode *member = view.node(node);
    if (!member || member->local)
        return ApiResponse::error(500, QStringLiteral("'%1' is not another node of this cluster").arg(node));
    if (!member->online)
        return ApiResponse::error(595, QStringLiteral("node '%1' is offline").arg(node));
    Result<QString> ticket = m_services.tickets().create(QString::fromLatin1(kPeerUser));
    Result<QString> csrf = m_services.tickets().csrfToken(QString::fromLatin1(kPeerUser));
    if (!ticket || !csrf)
        return ApiResponse::error(500, QStringLiteral("cannot sign a ticket for node '%1': %2")
                                           .arg(node, (!ticket ? ticket.error() : csrf.error()).message));
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.params = params;
    request.headers.insert("cookie", "PVEAuthCookie=" + QUrl::toPercentEncoding(*ticket));
    request.headers.insert("csrfpreventiontoken", csrf->toUtf8());
    const auto certificate = m_services.store().read(QStringLiteral("nodes/%1/pve-ssl.pem").arg(node));
    return forwardToNode(request, ProxyTarget{node, member->address, m_services.node().apiPort,
                                              certificate ? certificate->data : QByteArray()});
}

Result<void> PeerCalls::runTask(const QString &node, const QString &path, const QJsonObject &params,
                                tasks::TaskContext &task) const
{
    const ApiResponse started = call(node, QStringLiteral("POST"), path, params);
    if (started.status != 200 || !started.data.isString())
        return fail(Code::MigrationFailed,
                    QStringLiteral("node '%1' refused POST %2: %3").arg(node, path, messageOf(started)));
    const QString upid = started.data.toString();
    // Paths are decoded here (as the Dispatcher sees them); forwardToNode encodes.
    const QString taskPath = QStringLiteral("/nodes/%1/tasks/%2").arg(node, upid);
    task.log(QStringLiteral("task on node '%1': %2").arg(node, upid));
    qint64 linesSeen = 0;
    bool stopRequested = false;
    auto copyLog = [&] {
        const ApiResponse log = call(node, QStringLiteral("GET"), taskPath + QStringLiteral("/log"),
                                     {{QStringLiteral("start"), linesSeen}, {QStringLiteral("limit"), 500}});
        const QJsonArray lines = log.data.toArray();
        // An empty log reads as one line "no content" (Proxmox's shape): not a line.
        if (lines.size() == 1 && lines.first()[QLatin1String("t")].toString() == u"no content")
            return;
        for (const QJsonValue &line : lines) {
            const QJsonObject entry = line.toObject();
            linesSeen = std::max<qint64>(linesSeen, entry.value(QLatin1String("n")).toInteger());
            task.log(QStringLiteral("  ") + entry.value(QLatin1String("t")).toString());
        }
    };
    for (;;) {
        const ApiResponse status = call(node, QStringLiteral("GET"), taskPath + QStringLiteral("/status"));
        if (status.status != 200)
            return fail(Code::MigrationFailed, QStringLiteral("cannot follow task %1 on node '%2': %3")
                                                   .arg(upid, node, messageOf(status)));
        const QJsonObject state = status.data.toObject();
        if (state.value(QLatin1String("status")).toString() == u"stopped") {
            copyLog();
            const QString exit = state.value(QLatin1String("exitstatus")).toString();
            if (exit == u"OK")
                return {};
            return fail(Code::MigrationFailed,
                        QStringLiteral("task %1 on node '%2' failed: %3").arg(upid, node, exit));
        }
        copyLog();
        if (task.isCancelled() && !stopRequested) {
            stopRequested = true;
            (void)call(node, QStringLiteral("DELETE"), taskPath);
        }
        QThread::msleep(kPollMs);
    }
}

} // namespace atalaia::api
