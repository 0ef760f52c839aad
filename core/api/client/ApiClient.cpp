#include "ApiClient.h"

#include "FormEncoder.h"
#include "Tr.h"
#include "base/Clock.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QSslError>
#include <QUrl>

#include <optional>

namespace atalaia::api::client {

namespace {

QString normalizedPath(QString path)
{
    path = path.trimmed();
    if (path.startsWith(QLatin1String("/api2/json")))
        path = path.mid(10);
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

qint64 nowMs()
{
    return SystemClock::instance().nowMs();
}

// What a transport error means for failover: was the request possibly seen
// by the server?
Response::Failure transportFailure(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::SslHandshakeFailedError: // no request data goes out before the handshake
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return Response::Failure::Unreachable;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout; our own aborts never get here
    case QNetworkReply::ProxyTimeoutError:
        return Response::Failure::Timeout;
    default:
        return Response::Failure::ConnectionLost;
    }
}

QString errorText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().trimmed();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

Result<Ticket> ticketFrom(const Response &response)
{
    if (!response.isOk())
        return std::unexpected(response.error());
    const QJsonObject data = response.data.toObject();
    if (data.value(QLatin1String("NeedTFA")).toInt() != 0 || data.value(QLatin1String("NeedTFA")).toBool())
        return fail(Code::AuthenticationFailed,
                    Tr::tr("%1 requires a second factor (TOTP, WebAuthn, recovery key), which Atalaia's client "
                           "does not support yet: use an API token instead")
                        .arg(data.value(QLatin1String("username")).toString()));
    Ticket ticket;
    ticket.userid = data.value(QLatin1String("username")).toString();
    ticket.ticket = data.value(QLatin1String("ticket")).toString();
    ticket.csrfToken = data.value(QLatin1String("CSRFPreventionToken")).toString();
    ticket.obtainedMs = nowMs();
    if (ticket.userid.isEmpty() || ticket.ticket.isEmpty() || ticket.csrfToken.isEmpty())
        return fail(Code::Internal, Tr::tr("%1 answered the login without a ticket or CSRF token")
                                        .arg(response.endpoint.toString()));
    return ticket;
}

} // namespace

// One call, across its attempts at the server's addresses.
struct ApiClient::Call {
    Method method = Method::Get;
    QString path;
    QJsonObject params;
    Credentials credentials = Credentials::Session;
    std::optional<UploadForm> upload; // a multipart/form-data body, made for each attempt
    QPromise<Response> promise;
    qsizetype first = 0;         // the address tried first
    qsizetype tried = 0;         // addresses tried so far
    QStringList attempts;        // "ADDRESS: what failed" for each failed one

    // The current attempt.
    qsizetype index = 0;
    Endpoint endpoint;
    QString ticketSent;          // the ticket this attempt carried (empty: none)
    bool certificateAccepted = false;
    std::optional<TrustStore::Verdict> refused; // the certificate was not accepted
    Fingerprint presented;
};

ApiClient::ApiClient(QList<Endpoint> endpoints, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
    , m_tls(m_trust.sslConfiguration())
    , m_network(new QNetworkAccessManager(this))
{
    m_renewalTimer.setSingleShot(true);
    connect(&m_renewalTimer, &QTimer::timeout, this, [this] {
        if (!m_renewing)
            renewTicket();
    });
}

ApiClient::~ApiClient()
{
    // Every future gets an answer, so no continuation waits forever.
    const auto calls = std::exchange(m_calls, {});
    for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
        QNetworkReply *reply = it.key();
        QObject::disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        Response r;
        r.failure = Response::Failure::Cancelled;
        r.method = methodName(it.value()->method);
        r.path = it.value()->path;
        r.endpoint = it.value()->endpoint;
        r.message = Tr::tr("the connection was closed before %1 answered").arg(r.endpoint.toString());
        it.value()->promise.addResult(r);
        it.value()->promise.finish();
    }
}

QString ApiClient::methodName(Method method)
{
    switch (method) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Post: return QStringLiteral("POST");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Delete: return QStringLiteral("DELETE");
    }
    return {};
}

Endpoint ApiClient::activeEndpoint() const
{
    return m_endpoints.value(m_active);
}

void ApiClient::setTrustStore(const TrustStore &trust)
{
    m_trust = trust;
    m_tls = m_trust.sslConfiguration();
    // Open connections were accepted under the old pins.
    m_network->clearConnectionCache();
}

void ApiClient::trust(const Endpoint &endpoint, const Fingerprint &fingerprint)
{
    m_trust.pin(endpoint, fingerprint);
    m_network->clearConnectionCache();
}

QFuture<Result<Ticket>> ApiClient::requestTicket(const QString &userid, const QString &password)
{
    return start(Method::Post, QStringLiteral("/access/ticket"),
                 {{QStringLiteral("username"), userid}, {QStringLiteral("password"), password}}, Credentials::None)
        .then([](const Response &response) { return ticketFrom(response); });
}

QFuture<Result<Ticket>> ApiClient::login(const QString &userid, const QString &password)
{
    return requestTicket(userid, password).then(this, [this](Result<Ticket> ticket) {
        if (ticket) {
            m_token = {};
            m_ticket = *ticket;
            emit ticketChanged(m_ticket);
            scheduleRenewal();
        }
        return ticket;
    });
}

QFuture<Result<Ticket>> ApiClient::renewTicket()
{
    if (m_ticket.isNull())
        return QtFuture::makeReadyValueFuture(Result<Ticket>(
            fail(Code::ApiUnauthorized, Tr::tr("there is no ticket to renew: log in first"))));
    m_renewing = true;
    const Ticket old = m_ticket;
    return requestTicket(old.userid, old.ticket).then(this, [this, old](Result<Ticket> ticket) {
        m_renewing = false;
        if (m_ticket != old) // logged in again or out meanwhile: this answer is stale
            return ticket;
        if (ticket) {
            m_ticket = *ticket;
            emit ticketChanged(m_ticket);
            scheduleRenewal();
        } else if (ticket.error().code == Code::ApiUnauthorized || m_ticket.isExpired(nowMs())) {
            m_renewalTimer.stop();
            emit authenticationLost(ticket.error());
        } else {
            // The server could not be asked: try again while the ticket lasts.
            const auto left = std::chrono::milliseconds(Ticket::kLifetimeMs - m_ticket.ageMs(nowMs()));
            scheduleRenewal(std::min<std::chrono::milliseconds>(kRenewalRetry, left));
        }
        return ticket;
    });
}

void ApiClient::setTicket(const Ticket &ticket)
{
    m_token = {};
    m_ticket = ticket;
    scheduleRenewal();
}

void ApiClient::setApiToken(const ApiToken &token)
{
    m_ticket = {};
    m_renewalTimer.stop();
    m_token = token;
}

void ApiClient::clearCredentials()
{
    m_ticket = {};
    m_token = {};
    m_renewalTimer.stop();
}

void ApiClient::setRenewalAge(std::chrono::milliseconds age)
{
    m_renewalAge = age;
    scheduleRenewal();
}

void ApiClient::scheduleRenewal()
{
    if (m_ticket.isNull()) {
        m_renewalTimer.stop();
        return;
    }
    const qint64 due = m_ticket.obtainedMs + m_renewalAge.count() - nowMs();
    scheduleRenewal(std::chrono::milliseconds(std::max<qint64>(0, due)));
}

void ApiClient::scheduleRenewal(std::chrono::milliseconds delay)
{
    m_renewalTimer.start(std::max(delay, std::chrono::milliseconds(0)));
}

QFuture<Response> ApiClient::send(Method method, const QString &path, const QJsonObject &params)
{
    return start(method, path, params, Credentials::Session);
}

QFuture<Result<QJsonValue>> ApiClient::get(const QString &path, const QJsonObject &params)
{
    return send(Method::Get, path, params).then([](const Response &r) { return r.toResult(); });
}

QFuture<Result<QJsonValue>> ApiClient::post(const QString &path, const QJsonObject &params)
{
    return send(Method::Post, path, params).then([](const Response &r) { return r.toResult(); });
}

QFuture<Result<QJsonValue>> ApiClient::put(const QString &path, const QJsonObject &params)
{
    return send(Method::Put, path, params).then([](const Response &r) { return r.toResult(); });
}

QFuture<Result<QJsonValue>> ApiClient::del(const QString &path, const QJsonObject &params)
{
    return send(Method::Delete, path, params).then([](const Response &r) { return r.toResult(); });
}

QFuture<Response> ApiClient::upload(const QString &path, const UploadForm &form)
{
    const QFileInfo file(form.filePath);
    if (!file.isFile() || !file.isReadable()) {
        Response r;
        r.failure = Response::Failure::Unreachable;
        r.method = methodName(Method::Post);
        r.path = normalizedPath(path);
        r.message = Tr::tr("cannot upload %1: it is not a readable file").arg(form.filePath);
        return QtFuture::makeReadyValueFuture(r);
    }
    return start(Method::Post, path, {}, Credentials::Session, form);
}

QNetworkRequest ApiClient::authenticatedRequest(const QString &path) const
{
    return prepare(activeEndpoint(), Method::Get, normalizedPath(path), {}, Credentials::Session);
}

QFuture<Response> ApiClient::start(Method method, const QString &path, const QJsonObject &params,
                                   Credentials credentials, std::optional<UploadForm> upload)
{
    auto call = std::make_shared<Call>();
    call->method = method;
    call->path = normalizedPath(path);
    call->params = params;
    call->credentials = credentials;
    call->upload = std::move(upload);
    call->promise.start();
    QFuture<Response> future = call->promise.future();
    if (m_endpoints.isEmpty()) {
        Response r;
        r.failure = Response::Failure::Unreachable;
        r.method = methodName(method);
        r.path = call->path;
        r.message = Tr::tr("no server address is configured");
        finish(call, r);
        return future;
    }
    call->first = m_active;
    attempt(call, m_active);
    return future;
}

QNetworkRequest ApiClient::prepare(const Endpoint &endpoint, Method method, const QString &path,
                                   const QJsonObject &query, Credentials credentials) const
{
    QUrl url = endpoint.apiUrl(path);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(FormEncoder::encode(query)));
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(int(m_timeout.count()));
    // A redirect could carry our cookie header to another host: treat one
    // as an error instead of following it (the API never redirects).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Credentials travel in explicit headers only, never in a cookie jar.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("atalaia/" ATALAIA_VERSION));
    if (credentials == Credentials::Session) {
        if (!m_token.isNull()) {
            request.setRawHeader("Authorization", m_token.authorizationHeader());
        } else if (!m_ticket.isNull()) {
            // URL-encoded, as browsers send it; the servers decode it.
            request.setRawHeader("Cookie", "PVEAuthCookie=" + QUrl::toPercentEncoding(m_ticket.ticket));
            if (method != Method::Get)
                request.setRawHeader("CSRFPreventionToken", m_ticket.csrfToken.toUtf8());
        }
    }
    return request;
}

void ApiClient::attempt(const std::shared_ptr<Call> &call, qsizetype index)
{
    call->index = index;
    call->endpoint = m_endpoints.at(index);
    call->tried += 1;
    call->certificateAccepted = false;
    call->refused.reset();
    call->presented = {};

    const bool inQuery = call->method == Method::Get || call->method == Method::Delete;
    call->ticketSent = call->credentials == Credentials::Session && m_token.isNull() ? m_ticket.ticket : QString();
    QNetworkRequest request = prepare(call->endpoint, call->method, call->path, inQuery ? call->params : QJsonObject{},
                                      call->credentials);
    QNetworkReply *reply = nullptr;
    switch (call->method) {
    case Method::Get:
        reply = m_network->get(request);
        break;
    case Method::Delete:
        reply = m_network->deleteResource(request);
        break;
    case Method::Post:
        if (call->upload) {
            reply = postUpload(request, *call->upload);
            connect(reply, &QNetworkReply::uploadProgress, this,
                    [this, path = call->path](qint64 sent, qint64 total) { emit uploadProgress(path, sent, total); });
            break;
        }
        [[fallthrough]];
    case Method::Put:
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = call->method == Method::Post ? m_network->post(request, FormEncoder::encode(call->params))
                                             : m_network->put(request, FormEncoder::encode(call->params));
        break;
    }
    m_calls.insert(reply, call);
    Call *raw = call.get(); // alive while the reply is: the finished connection holds it
    // QNetworkAccessManager delivers these two from its network thread with
    // a blocking queued connection, so the handshake waits for our verdict
    // and nothing is sent to a server whose certificate we refuse.
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, raw, reply](const QList<QSslError> &errors) { onSslErrors(*raw, reply, errors); });
    connect(reply, &QNetworkReply::encrypted, this, [this, raw, reply] { onEncrypted(*raw, reply); });
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { onFinished(call, reply); });
}

QNetworkReply *ApiClient::postUpload(const QNetworkRequest &request, const UploadForm &form)
{
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const auto &[name, value] : form.fields) {
        QHttpPart field;
        field.setHeader(QNetworkRequest::ContentDispositionHeader,
                        QStringLiteral("form-data; name=\"%1\"").arg(name).toUtf8());
        field.setBody(value.toUtf8());
        multipart->append(field);
    }
    QString remoteName = form.remoteName.isEmpty() ? QFileInfo(form.filePath).fileName() : form.remoteName;
    remoteName.replace(u'"', u'_'); // it is quoted in the part's header
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"filename\"; filename=\"%1\"").arg(remoteName).toUtf8());
    // Read as the body is sent: the multipart device pulls from the file.
    auto *file = new QFile(form.filePath, multipart);
    if (!file->open(QIODevice::ReadOnly))
        qWarning("cannot open %s for the upload: %s", qPrintable(form.filePath), qPrintable(file->errorString()));
    filePart.setBodyDevice(file);
    multipart->append(filePart);
    QNetworkReply *reply = m_network->post(request, multipart);
    multipart->setParent(reply); // lives as long as the transfer
    return reply;
}

void ApiClient::onSslErrors(Call &call, QNetworkReply *reply, const QList<QSslError> &errors)
{
    QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
    for (qsizetype i = 0; certificate.isNull() && i < errors.size(); ++i)
        certificate = errors.at(i).certificate();
    call.presented = Fingerprint::of(certificate);
    const TrustStore::Verdict verdict = m_trust.check(call.endpoint, call.presented, false);
    if (verdict == TrustStore::Verdict::Trusted) {
        call.certificateAccepted = true;
        reply->ignoreSslErrors(errors);
        return;
    }
    // Not ignoring the errors fails the handshake.
    call.refused = verdict;
}

void ApiClient::onEncrypted(Call &call, QNetworkReply *reply)
{
    if (call.certificateAccepted)
        return;
    // No sslErrors: the certificate passed verification against the CAs
    // (only possible with system CAs accepted) or the connection is one
    // accepted before. Either way the pins have the last word.
    const Fingerprint presented = Fingerprint::of(reply->sslConfiguration().peerCertificate());
    const TrustStore::Verdict verdict = m_trust.check(call.endpoint, presented, true);
    if (verdict == TrustStore::Verdict::Trusted) {
        call.certificateAccepted = true;
        return;
    }
    call.presented = presented;
    call.refused = verdict;
    reply->abort();
}

void ApiClient::onFinished(const std::shared_ptr<Call> &call, QNetworkReply *reply)
{
    m_calls.remove(reply);
    reply->deleteLater();

    Response r;
    r.method = methodName(call->method);
    r.path = call->path;
    r.endpoint = call->endpoint;
    const QString address = call->endpoint.toString();

    if (call->refused) {
        r.presented = call->presented;
        r.attempts = call->attempts;
        if (*call->refused == TrustStore::Verdict::Changed) {
            r.failure = Response::Failure::CertificateChanged;
            r.pinned = m_trust.pinned(call->endpoint);
            r.message = Tr::tr("the TLS certificate of %1 is not the one trusted for it: it presented SHA-256 "
                               "fingerprint %2, but %3 is pinned. Someone may be intercepting the connection; if "
                               "the node's certificate was replaced on purpose, trust the new fingerprint")
                            .arg(address, r.presented.toString(), r.pinned.toString());
            emit certificateChanged(call->endpoint, r.pinned, r.presented);
        } else {
            r.failure = Response::Failure::UntrustedCertificate;
            r.message = Tr::tr("%1 presented a TLS certificate that is not trusted yet (SHA-256 fingerprint %2): "
                               "compare it with the node's fingerprint and trust it to connect")
                            .arg(address, r.presented.toString());
            emit certificateUntrusted(call->endpoint, r.presented);
        }
        finish(call, r);
        return;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        const Response::Failure failure = transportFailure(reply->error());
        const QString reason = failure == Response::Failure::Timeout
                                   ? Tr::tr("no answer within %1 s").arg(double(m_timeout.count()) / 1000.0)
                                   : reply->errorString();
        call->attempts.append(Tr::tr("%1: %2").arg(address, reason));
        // A write that may have reached the server is not sent again.
        const bool mayRetry = failure == Response::Failure::Unreachable || call->method == Method::Get;
        if (mayRetry && call->tried < m_endpoints.size()) {
            attempt(call, (call->first + call->tried) % m_endpoints.size());
            return;
        }
        r.failure = failure;
        r.attempts = call->attempts;
        if (call->attempts.size() == 1)
            r.message = Tr::tr("cannot reach %1: %2").arg(address, reason);
        else
            r.message = Tr::tr("cannot reach the server at any of its %n address(es): %1", nullptr,
                               int(call->attempts.size()))
                            .arg(call->attempts.join(QStringLiteral("; ")));
        finish(call, r);
        return;
    }

    // An HTTP answer: this address works.
    r.attempts = call->attempts;
    if (call->index != m_active) {
        m_active = call->index;
        emit activeEndpointChanged(call->endpoint);
    }
    r.httpStatus = statusAttribute.toInt();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
    const QJsonObject body = document.object();
    if (r.httpStatus >= 200 && r.httpStatus < 300) {
        if (parseError.error != QJsonParseError::NoError || !document.isObject()
            || !body.contains(QLatin1String("data"))) {
            r.failure = Response::Failure::Protocol;
            r.message = Tr::tr("%1 did not answer %2 %3 like a Proxmox VE API server (no {\"data\": ...} object)")
                            .arg(address, r.method, r.path);
        } else {
            r.data = body.value(QLatin1String("data"));
        }
        finish(call, r);
        return;
    }

    r.failure = Response::Failure::Http;
    r.data = body.value(QLatin1String("data"));
    // atalaiad sends the message in the body; Proxmox VE only in the reason phrase.
    r.message = body.value(QLatin1String("message")).toString().trimmed();
    if (r.message.isEmpty())
        r.message = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
    if (r.httpStatus >= 300 && r.httpStatus < 400)
        r.message = Tr::tr("%1 redirects the API to %2, which the client does not follow")
                        .arg(address, QString::fromUtf8(reply->rawHeader("Location")));
    const QJsonObject errors = body.value(QLatin1String("errors")).toObject();
    for (auto it = errors.begin(); it != errors.end(); ++it)
        r.parameterErrors.insert(it.key(), errorText(it.value()));
    // Only a refusal of the ticket we hold means the session is lost: a call
    // sent before the login finished (without one) is merely refused.
    if (r.httpStatus == 401 && call->credentials == Credentials::Session && !m_ticket.isNull()
        && call->ticketSent == m_ticket.ticket)
        emit authenticationLost(r.error());
    finish(call, r);
}

void ApiClient::finish(const std::shared_ptr<Call> &call, Response response)
{
    call->promise.addResult(std::move(response));
    call->promise.finish();
}

} // namespace atalaia::api::client
