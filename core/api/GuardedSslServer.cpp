#include "GuardedSslServer.h"

#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace atalaia::api {

namespace {

// Per-connection state; lives as long as the socket (its QObject parent).
struct Guard {
    qint64 received = 0;    // bytes of the open request window
    qint64 unread = 0;      // bytes QHttpServer left unread after its last readyRead
    bool requestOpen = false;
    bool diverted = false;  // the connection left QHttpServer (Diversion)
    QTimer *requestTimer = nullptr;
    QTimer *idleTimer = nullptr;
};

} // namespace

GuardedSslServer::GuardedSslServer(Limits limits, QObject *parent)
    : QSslServer(parent)
    , m_limits(limits)
{
    setHandshakeTimeout(int(limits.handshakeTimeout.count()));
}

void GuardedSslServer::replaceSslConfiguration(const QSslConfiguration &configuration)
{
    const QMutexLocker lock(&m_replacementMutex);
    m_replacement = configuration;
}

void GuardedSslServer::incomingConnection(qintptr socket)
{
    // QSslServer::incomingConnection gives the new socket the server's
    // configuration; a replacement becomes that configuration first.
    std::optional<QSslConfiguration> replacement;
    {
        const QMutexLocker lock(&m_replacementMutex);
        replacement.swap(m_replacement);
    }
    if (replacement)
        setSslConfiguration(*replacement);
    QSslServer::incomingConnection(socket);
}

QTcpSocket *GuardedSslServer::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (!socket)
        return nullptr;
    // No setReadBufferSize() here: with QSslSocket under QHttpServer 6.8.2 a
    // bounded read buffer stalls the connection for good once it fills.

    auto guard = std::make_shared<Guard>();
    guard->requestTimer = new QTimer(socket);
    guard->requestTimer->setSingleShot(true);
    guard->idleTimer = new QTimer(socket);
    guard->idleTimer->setSingleShot(true);
    connect(guard->requestTimer, &QTimer::timeout, socket, &QAbstractSocket::abort);
    connect(guard->idleTimer, &QTimer::timeout, socket, &QAbstractSocket::abort);
    guard->idleTimer->start(m_limits.idleTimeout);

    const Limits limits = m_limits;
    // Before QHttpServer reads: count the new bytes of the request.
    connect(socket, &QIODevice::readyRead, socket, [this, socket, guard, limits] {
        // QHttpServer emits readyRead itself after each answer, whether or not
        // anything is left to read: with nothing, no request has begun (it
        // would otherwise close the quiet keep-alive connection after the
        // request timeout, and under a client that just started a request).
        if (guard->diverted || socket->bytesAvailable() == 0)
            return;
        if (!guard->requestOpen && m_diversion.wants) {
            // QHttpServer has not read any of this request yet.
            constexpr qint64 kLongestRequestLine = 8192;
            const QByteArray start = socket->peek(kLongestRequestLine);
            const qsizetype end = start.indexOf("\r\n");
            auto *ssl = qobject_cast<QSslSocket *>(socket);
            if (ssl && end > 0 && m_diversion.wants(QByteArrayView(start).first(end))) {
                guard->diverted = true;
                guard->requestTimer->stop();
                guard->idleTimer->stop();
                divert(ssl);
                return;
            }
        }
        guard->idleTimer->start(limits.idleTimeout);
        if (!guard->requestOpen) {
            guard->requestOpen = true;
            guard->received = 0;
            guard->requestTimer->start(limits.requestTimeout);
        }
        guard->received += qMax<qint64>(0, socket->bytesAvailable() - guard->unread);
        if (guard->received > limits.maxRequestBytes) {
            // 413 and close; a client still sending may see a reset instead.
            socket->write(QByteArrayLiteral("HTTP/1.1 413 Content Too Large\r\n"
                                            "Content-Length: 0\r\nConnection: close\r\n\r\n"));
            socket->flush();
            socket->abort();
        }
    });
    // After QHttpServer has read: what it left in the buffer is not new next
    // time. Queued, so it runs once every slot of this readyRead has: a
    // direct connection would run before QHttpServer's slot from the second
    // request of a keep-alive connection on (QHttpServer connects its slot
    // again after each answer, behind this one), and count nothing new.
    connect(
        socket, &QIODevice::readyRead, socket, [socket, guard] { guard->unread = socket->bytesAvailable(); },
        Qt::QueuedConnection);
    // An answer is going out: the request window closes. QSslSocket reports
    // plain bytesWritten as soon as it has encrypted them; only
    // encryptedBytesWritten tells that the client is still taking data.
    connect(socket, &QIODevice::bytesWritten, socket, [guard] {
        guard->requestOpen = false;
        guard->requestTimer->stop();
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        connect(ssl, &QSslSocket::encryptedBytesWritten, socket, [guard, limits] {
            if (!guard->diverted)
                guard->idleTimer->start(limits.idleTimeout);
        });
    }
    return socket;
}

void GuardedSslServer::divert(QSslSocket *socket)
{
    // QHttpServer's HTTP/1 handler is the socket's parent and its only
    // receiver besides the guard; between requests it holds no state of
    // its own. Without its connections and the socket it is nothing.
    if (QObject *handler = socket->parent(); handler && handler != this) {
        socket->disconnect(handler);
        socket->setParent(this);
        handler->deleteLater();
    }
    m_diversion.take(socket);
}

} // namespace atalaia::api
