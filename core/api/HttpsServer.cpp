#include "HttpsServer.h"

#include <QCoreApplication>

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "Dispatcher.h"
#include "EventStream.h"
#include "GuardedSslServer.h"
#include "RequestParameters.h"
#include "cluster/ClusterCertificates.h"
#include "upload/RequestHead.h"
#include "upload/UploadReceiver.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace atalaia::api {

namespace {

const QString kApiPrefix = QStringLiteral("/api2/json");

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    default: return QStringLiteral("OTHER");
    }
}

QHttpServerResponse toHttp(const ApiResponse &response)
{
    const bool gzipped = !response.gzipBody.isEmpty();
    QHttpServerResponse http(QByteArrayLiteral("application/json;charset=UTF-8"),
                             gzipped ? response.gzipBody : response.body(),
                             static_cast<QHttpServerResponse::StatusCode>(response.status));
    QHttpHeaders headers = http.headers();
    if (gzipped)
        headers.append(QHttpHeaders::WellKnownHeader::ContentEncoding, "gzip");
    for (const auto &[name, value] : response.headers)
        headers.append(name, value);
    // Proxmox's own headers; the reason phrase is not settable in Qt 6.8, so
    // the message also travels in the body and in this header.
    if (response.status != 200)
        headers.append(QByteArrayLiteral("X-Atalaia-Reason"), response.reasonPhrase());
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "max-age=0");
    http.setHeaders(std::move(headers));
    return http;
}

} // namespace

HttpsServer::HttpsServer(Dispatcher &dispatcher, EventBus &events, Services *services, QObject *parent)
    : QObject(parent)
    , m_dispatcher(dispatcher)
    , m_services(services)
{
    m_workers.setMaxThreadCount(kWorkerThreads);
    m_eventStream = std::make_unique<EventStream>(m_http, events, services);

    m_http.route(kApiPrefix + QStringLiteral("/<arg>"), [this](const QUrl &, const QHttpServerRequest &request) {
        ApiRequest api;
        api.method = methodName(request.method());
        api.path = request.url().path(QUrl::FullyDecoded).mid(kApiPrefix.size());
        api.peer = request.remoteAddress().toString();
        const QHttpHeaders headers = request.headers();
        for (qsizetype i = 0; i < headers.size(); ++i)
        {
            const QLatin1StringView name = headers.nameAt(i);
            api.headers.insert(QByteArray(name.data(), name.size()).toLower(), headers.valueAt(i).toByteArray());
        }
        auto params = requestParameters(QUrlQuery(request.url()), request.value("content-type"), request.body());
        std::optional<QString> bodyError;
        if (params)
            api.params = std::move(*params);
        else
            bodyError = params.error();
        // The request object dies with this call: the worker gets copies.
        return QtConcurrent::run(&m_workers, [this, api = std::move(api), bodyError] {
            if (bodyError)
                return toHttp(ApiResponse::parameterErrors({{QStringLiteral("body"), *bodyError}}));
            return toHttp(m_dispatcher.handle(api));
        });
    });
    m_http.setMissingHandler(this, [](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        responder.write(ApiResponse::error(404, QStringLiteral("no such path: %1").arg(request.url().path())).body(),
                        QByteArrayLiteral("application/json;charset=UTF-8"), QHttpServerResponder::StatusCode::NotFound);
    });
}

HttpsServer::~HttpsServer()
{
    if (m_tcp)
        m_tcp->close(); // no new connections while stopping
    m_workers.waitForDone();
    // Every finished handler's answer is now a queued call on this thread,
    // holding a responder bound to its connection. QHttpServer deletes the
    // connections before it discards its queued calls, and a responder then
    // destroyed touches its dead connection (a crash when an agent stops
    // under load). Deliver the answers now, while the connections live.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
}

Result<QSslConfiguration> HttpsServer::tlsConfiguration(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    // Qt takes any key with any certificate; a pair that does not match
    // would fail every handshake instead.
    if (auto pair = cluster::ClusterCertificates::checkKeyPair(keyPem, certificatePem); !pair)
        return std::unexpected(pair.error());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setLocalCertificateChain(QSslCertificate::fromData(certificatePem, QSsl::Pem));
    QSslKey privateKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    tls.setPrivateKey(privateKey);
    if (tls.localCertificate().isNull() || tls.privateKey().isNull())
        return fail(Code::Crypto, QStringLiteral("Qt's TLS backend cannot use this certificate and private key "
                                                 "(an EC or RSA key is needed)"));
    return tls;
}

Result<void> HttpsServer::listen(const QHostAddress &address, quint16 port, const QString &certificateFile,
                                 const QString &keyFile, const GuardedSslServer::Limits &limits)
{
    QFile cert(certificateFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return fail(Code::Io, QStringLiteral("cannot read the TLS certificate %1 or key %2").arg(certificateFile, keyFile));
    auto tls = tlsConfiguration(key.readAll(), cert.readAll());
    if (!tls)
        return fail(tls.error().code, QStringLiteral("%1 / %2: %3").arg(certificateFile, keyFile, tls.error().message));
    m_tcp = new GuardedSslServer(limits, this);
    m_tcp->setSslConfiguration(*tls);
    if (m_services) {
        // Uploads stream to their storage instead of into QHttpServer's memory.
        const upload::UploadLimits uploadLimits{limits.maxUploadBytes, limits.uploadIdleTimeout};
        m_tcp->setDiversion({&upload::RequestHead::isUpload, [this, uploadLimits](QSslSocket *socket) {
                                 new upload::UploadReceiver(socket, m_dispatcher, *m_services, uploadLimits);
                             }});
    }
    if (!m_tcp->listen(address, port))
        return fail(Code::Io, QStringLiteral("cannot listen on %1 port %2: %3")
                                  .arg(address.toString()).arg(port).arg(m_tcp->errorString()));
    if (!m_http.bind(m_tcp))
        return fail(Code::Internal, QStringLiteral("cannot bind the HTTP server to its TLS listener"));
    return {};
}

void HttpsServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    if (m_tcp) // before listen(), listen's own files decide
        m_tcp->replaceSslConfiguration(configuration);
}

Result<void> HttpsServer::setCertificate(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    if (!m_tcp)
        return fail(Code::Internal, QStringLiteral("the HTTPS server is not listening: no certificate to replace"));
    auto tls = tlsConfiguration(keyPem, certificatePem);
    if (!tls)
        return std::unexpected(tls.error());
    setTlsConfiguration(*tls);
    return {};
}

qsizetype HttpsServer::eventSubscribers() const
{
    return m_eventStream->subscriberCount();
}

quint16 HttpsServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

} // namespace atalaia::api
