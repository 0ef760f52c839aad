#pragma once

// A QSslServer that puts limits on each connection it hands to QHttpServer,
// which Qt HttpServer 6.8 does not have (QHttpServerConfiguration with
// keep-alive timeout and body/header limits arrives in Qt 6.10/6.11). The
// prototype of what atalaiad's server must do on Debian 13; see
// docs/decisions/0002-http-library.md and bench/http/probe-limits.py.

#include <QSslServer>

#include <chrono>

namespace atalaia::bench::http {

class GuardedSslServer : public QSslServer
{
    Q_OBJECT

public:
    struct Limits {
        // Bytes a client may send for one request before it gets an answer:
        // headers plus the largest body an API call takes.
        qint64 maxRequestBytes = 1024 * 1024 + 64 * 1024;
        // Time from the first byte of a request to the first byte of its
        // answer (slow-header and slow-body clients).
        std::chrono::milliseconds requestTimeout = std::chrono::seconds(30);
        // Time without any byte read or written: idle keep-alive connections,
        // and clients that stop reading a large answer while it pins memory.
        std::chrono::milliseconds idleTimeout = std::chrono::seconds(30);
    };

    explicit GuardedSslServer(Limits limits, QObject *parent = nullptr);

    // QAbstractHttpServer takes each connection through this virtual; the
    // guard is attached before QHttpServer connects its own slots, so it sees
    // every readyRead first.
    QTcpSocket *nextPendingConnection() override;

private:
    Limits m_limits;
};

} // namespace atalaia::bench::http
