#pragma once

#include "GuardedSslServer.h"
#include "base/Error.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QSslConfiguration>
#include <QThreadPool>

#include <memory>

namespace atalaia::api {

class Dispatcher;
class EventBus;
class EventStream;
class Services;

// The agent's HTTPS front: Qt HttpServer on a guarded QSslServer (HTTPS only;
// a plain-HTTP client fails the TLS handshake). Every /api2/json call is
// turned into an ApiRequest and handed to the Dispatcher on a worker pool, so
// a slow handler never stalls other connections; /api2/json/atalaia/events
// upgrades to the WebSocket event stream. Uploads (POST .../upload) bypass
// Qt HttpServer, which keeps whole bodies in memory: core/api/upload/.
class HttpsServer : public QObject
{
    Q_OBJECT
public:
    HttpsServer(Dispatcher &dispatcher, EventBus &events, Services *services, QObject *parent = nullptr);
    ~HttpsServer() override;

    Result<void> listen(const QHostAddress &address, quint16 port, const QString &certificateFile,
                        const QString &keyFile, const GuardedSslServer::Limits &limits = {});
    quint16 port() const;
    qsizetype eventSubscribers() const;

    // The server's TLS configuration for a PEM key and certificate: checked
    // (PEM, the key belongs to the certificate, Qt can use them), so applying
    // it cannot fail.
    static Result<QSslConfiguration> tlsConfiguration(const QByteArray &keyPem, const QByteArray &certificatePem);

    // Serves a new certificate to every connection accepted after this
    // returns, without a restart; open connections keep the one they
    // negotiated. Thread-safe once listen() has succeeded (it is an error
    // before). setCertificate checks the pair first and changes nothing when
    // it fails; setTlsConfiguration takes one from tlsConfiguration().
    Result<void> setCertificate(const QByteArray &keyPem, const QByteArray &certificatePem);
    void setTlsConfiguration(const QSslConfiguration &configuration);

    static constexpr int kWorkerThreads = 4;

private:
    Dispatcher &m_dispatcher;
    Services *m_services;                       // null: no uploads
    QHttpServer m_http;
    QThreadPool m_workers;
    GuardedSslServer *m_tcp = nullptr;          // child of this
    std::unique_ptr<EventStream> m_eventStream;
};

} // namespace atalaia::api
