#pragma once

#include <QMutex>
#include <QSslConfiguration>
#include <QSslServer>

#include <chrono>
#include <functional>
#include <optional>

namespace atalaia::api {

// A QSslServer that limits every connection it hands to QHttpServer, which
// Qt HttpServer 6.8 cannot do itself: the bytes of one request (header and
// body), the time from a request's first byte to its answer (slow clients),
// and idle time (keep-alive connections, and clients that stop reading a
// large answer). See docs/decisions/0002-http-library.md.
class GuardedSslServer : public QSslServer
{
    Q_OBJECT
public:
    struct Limits {
        qint64 maxRequestBytes = 1024 * 1024 + 64 * 1024; // uploads take their own path (Diversion)
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds idleTimeout = std::chrono::seconds(60);
        // From TCP accept to a finished TLS handshake (QSslServer's own
        // limit; 5 s is its default).
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(5);
        // For uploads (core/api/upload): their size, and how long one may
        // pause before it is dropped.
        qint64 maxUploadBytes = 16LL * 1024 * 1024 * 1024;
        std::chrono::milliseconds uploadIdleTimeout = std::chrono::seconds(60);
    };

    // Requests Qt's HTTP server must not see, as it keeps whole bodies in
    // memory: uploads. wants() gets the request line of each request that
    // starts on a connection; when it says yes, the connection leaves
    // QHttpServer for good (and the limits above) and take() gets its
    // socket, the request unread in it, this server its parent. Set before
    // listen(). The request line must come in the request's first read (a
    // client's one write of its head always does); one split across reads
    // goes to QHttpServer.
    struct Diversion {
        std::function<bool(QByteArrayView requestLine)> wants;
        std::function<void(QSslSocket *socket)> take;
    };
    void setDiversion(Diversion diversion) { m_diversion = std::move(diversion); }

    explicit GuardedSslServer(Limits limits, QObject *parent = nullptr);

    // QAbstractHttpServer takes each connection through this virtual; the
    // guard is attached before QHttpServer connects its own slots, so it sees
    // every readyRead first.
    QTcpSocket *nextPendingConnection() override;

    // The TLS configuration (certificate, key) for every connection accepted
    // after this returns; open connections keep theirs. Thread-safe, unlike
    // QSslServer::setSslConfiguration, which belongs to the server's thread:
    // the configuration waits here and that thread takes it up before it
    // accepts the next connection.
    void replaceSslConfiguration(const QSslConfiguration &configuration);

protected:
    void incomingConnection(qintptr socket) override;

private:
    void divert(QSslSocket *socket);

    Limits m_limits;
    Diversion m_diversion;
    QMutex m_replacementMutex;                       // guards m_replacement
    std::optional<QSslConfiguration> m_replacement;  // not yet taken up
};

} // namespace atalaia::api
