#pragma once

#include <QMutex>
#include <QSslConfiguration>
#include <QSslServer>

#include <chrono>
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
        qint64 maxRequestBytes = 1024 * 1024 + 64 * 1024; // uploads go through their own path later
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(30);
        std::chrono::milliseconds idleTimeout = std::chrono::seconds(60);
        // From TCP accept to a finished TLS handshake (QSslServer's own
        // limit; 5 s is its default).
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(5);
    };

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
    Limits m_limits;
    QMutex m_replacementMutex;                       // guards m_replacement
    std::optional<QSslConfiguration> m_replacement;  // not yet taken up
};

} // namespace atalaia::api
