#include "EventStream.h"

#include "ApiRequest.h"
#include "Services.h"
#include "access/Authenticator.h"
#include "access/TicketAuthority.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerWebSocketUpgradeResponse>
#include <QJsonDocument>
#include <QUrl>
#include <QWebSocket>

namespace atalaia::api {

namespace {

// The identity behind a handshake's credentials, or nothing.
std::optional<access::Identity> identify(Services &services, const QByteArray &authorization, const QByteArray &cookieHeader,
                                         const QString &peer)
{
    const access::AccessControl acl = services.accessControl();
    if (authorization.startsWith("PVEAPIToken")) {
        auto identity = services.authenticator().authenticateToken(acl, QString::fromUtf8(authorization), peer);
        return identity ? std::optional(*identity) : std::nullopt;
    }
    ApiRequest probe;
    probe.headers.insert("cookie", cookieHeader);
    const QByteArray cookie = probe.cookie("PVEAuthCookie");
    if (cookie.isEmpty())
        return std::nullopt;
    auto ticket = services.tickets().verify(QUrl::fromPercentEncoding(cookie));
    if (!ticket || !acl.checkUserEnabled(ticket->userid, services.clock()))
        return std::nullopt;
    return access::Identity::user(ticket->userid);
}

} // namespace

EventStream::EventStream(QHttpServer &http, EventBus &bus, Services *services)
    : m_http(http)
    , m_services(services)
{
    qRegisterMetaType<atalaia::api::Event>();
    m_http.addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) {
        if (request.url().path() != QLatin1String(kPath))
            return QHttpServerWebSocketUpgradeResponse::passToNext();
        if (!m_services || !identify(*m_services, request.value("authorization"), request.value("cookie"),
                                     request.remoteAddress().toString()))
            return QHttpServerWebSocketUpgradeResponse::deny(401, QByteArrayLiteral("authentication failure"));
        return QHttpServerWebSocketUpgradeResponse::accept();
    });
    connect(&m_http, &QHttpServer::newWebSocketConnection, this, &EventStream::accept);
    connect(&bus, &EventBus::published, this, &EventStream::deliver, Qt::QueuedConnection);
}

EventStream::~EventStream()
{
    // Destroying a connected socket emits disconnected(), whose handler
    // searches m_sockets: it must not run while m_sockets is being destroyed.
    for (const auto &socket : m_sockets)
        socket->disconnect(this);
    m_sessions.clear();
    m_sockets.clear();
}

void EventStream::accept()
{
    while (m_http.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http.nextPendingWebSocketConnection();
        const QNetworkRequest handshake = socket->request();
        auto identity = identify(*m_services, handshake.rawHeader("Authorization"), handshake.rawHeader("Cookie"),
                                 socket->peerAddress().toString());
        if (!identity) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("authentication failure"));
            continue;
        }
        QWebSocket *raw = socket.get();
        m_sessions.insert(raw, *identity);
        // Never delete a socket inside its own signal: hand it to deleteLater.
        connect(raw, &QWebSocket::disconnected, this, [this, raw] {
            m_sessions.remove(raw);
            const auto it = std::find_if(m_sockets.begin(), m_sockets.end(), [raw](const auto &s) { return s.get() == raw; });
            if (it != m_sockets.end()) {
                it->release()->deleteLater();
                m_sockets.erase(it);
            }
        });
        raw->sendTextMessage(QStringLiteral(R"({"topic":"hello"})"));
        m_sockets.push_back(std::move(socket));
    }
}

void EventStream::deliver(const Event &event)
{
    if (m_sessions.isEmpty())
        return;
    const access::AccessControl acl = m_services->accessControl();
    const QString text = QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact));
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        const access::Identity &who = it.value();
        const bool visible = who.isRoot() || (!event.owner.isEmpty() && event.owner == who.authId())
            || event.privileges.isEmpty() || acl.hasPrivileges(who, event.aclPath, event.privileges, /*any=*/true);
        if (visible)
            it.key()->sendTextMessage(text);
    }
}

} // namespace atalaia::api
