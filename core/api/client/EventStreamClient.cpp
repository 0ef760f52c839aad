#include "EventStreamClient.h"

#include "Tr.h"

#include <QJsonDocument>
#include <QSslError>
#include <QWebSocket>

namespace atalaia::api::client {

namespace {
const QString kPath = QStringLiteral("/atalaia/events");
}

EventStreamClient::EventStreamClient(ApiClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &EventStreamClient::open);
}

EventStreamClient::~EventStreamClient()
{
    stop();
}

void EventStreamClient::start()
{
    m_wanted = true;
    if (!m_socket)
        open();
}

void EventStreamClient::stop()
{
    m_wanted = false;
    m_retry.stop();
    if (m_socket) {
        auto socket = std::move(m_socket);
        socket->disconnect(this);
        socket->abort();
    }
    m_open = false;
}

void EventStreamClient::open()
{
    if (!m_wanted)
        return;
    m_retry.stop();
    if (m_socket) {
        // An earlier attempt's socket (start() and the retry timer both
        // open): silenced before it goes, or its "disconnected" would take
        // the new socket for itself (onDisconnected releases m_socket).
        std::unique_ptr<QWebSocket> old = std::move(m_socket);
        old->disconnect(this);
        old->abort();
        old.release()->deleteLater();
    }
    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    QNetworkRequest request = m_client.authenticatedRequest(kPath);
    QUrl url = request.url();
    url.setScheme(QStringLiteral("wss"));
    request.setUrl(url);
    socket->setSslConfiguration(m_client.trustStore().sslConfiguration());
    const Endpoint endpoint = m_client.activeEndpoint();
    // The same rule as API calls: only a certificate the trust store accepts.
    connect(socket, &QWebSocket::sslErrors, this, [this, socket, endpoint](const QList<QSslError> &) {
        const Fingerprint presented = Fingerprint::of(socket->sslConfiguration().peerCertificate());
        if (m_client.trustStore().check(endpoint, presented, false) == TrustStore::Verdict::Trusted)
            socket->ignoreSslErrors();
    });
    connect(socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        emit opened();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isObject())
            emit event(doc.object());
    });
    connect(socket, &QWebSocket::disconnected, this, &EventStreamClient::onDisconnected);
    socket->open(request);
}

void EventStreamClient::onDisconnected()
{
    const bool wasOpen = m_open;
    m_open = false;
    QString reason = m_socket ? m_socket->errorString() : QString();
    if (reason.isEmpty())
        reason = Tr::tr("the event stream closed");
    // Deleting the socket inside its own signal is not allowed: let it go later.
    if (m_socket)
        m_socket.release()->deleteLater();
    emit unavailable(wasOpen ? reason : Tr::tr("no event stream at this server: %1").arg(reason));
    if (m_wanted)
        m_retry.start();
}

} // namespace atalaia::api::client
