#include "TaskFollower.h"

#include "api/client/ApiClient.h"
#include "model/Upid.h"
#include "session/ClusterSession.h"

#include <QJsonObject>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

TaskFollower::TaskFollower(ClusterSession &session, const QString &upid, QObject *parent)
    : QObject(parent)
    , m_session(&session)
    , m_upid(upid)
{
    if (auto parsed = model::Upid::parse(upid))
        m_node = parsed->node().toString();
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &TaskFollower::poll);
    m_timer.start();
    poll();
}

void TaskFollower::poll()
{
    if (m_busy)
        return;
    if (!m_session) {
        m_timer.stop();
        emit finished(false, tr("the connection went away"));
        return;
    }
    m_busy = true;
    // Decoded: the client encodes the path (a UPID's ':' and '@' stay, as Proxmox clients send them).
    const QString path = QStringLiteral("/nodes/%1/tasks/%2/status").arg(m_node, m_upid);
    m_session->client().send(ApiClient::Method::Get, path).then(this, [this](const Response &r) {
        m_busy = false;
        // A failed poll (a node restarting) is tried again on the next tick.
        if (!r.isOk() || !m_timer.isActive())
            return;
        const QJsonObject status = r.data.toObject();
        if (status.value(QLatin1String("status")).toString() != QLatin1String("stopped"))
            return;
        m_timer.stop();
        const QString exit = status.value(QLatin1String("exitstatus")).toString();
        emit finished(exit == QLatin1String("OK"), exit);
    });
}

} // namespace atalaia::ui
