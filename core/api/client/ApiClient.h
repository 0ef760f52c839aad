#pragma once

#include "ApiToken.h"
#include "Endpoint.h"
#include "Fingerprint.h"
#include "Response.h"
#include "Ticket.h"
#include "TrustStore.h"
#include "base/Error.h"

#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace atalaia::api::client {

// An asynchronous client of the Proxmox VE API as atalaiad (and Proxmox VE
// itself) serves it: https://ADDRESS:PORT/api2/json/PATH, answers wrapped in
// {"data": ...}. Shared by atalaiactl and the console.
//
// Never blocks its thread: every call returns a QFuture that finishes on this
// object's thread once the server answered; chain it with
// .then(guard, ...) so a continuation dies with its receiver. Use the client
// from the thread it lives in only.
//
// Addresses. A cluster is reached through several addresses (one per node);
// calls go to the active one. When it cannot be reached, the call moves on to
// the next address, and the one that answered becomes active
// (activeEndpointChanged). A call that may already have reached the server
// (timeout, connection lost) is retried elsewhere only when it is a GET: a
// write is never sent twice.
//
// Trust. Server certificates are checked against the TrustStore (pinned
// SHA-256 fingerprints; see there). A call that meets an unknown certificate
// fails with Response::Failure::UntrustedCertificate and the presented
// fingerprint, and certificateUntrusted() is emitted, so a UI can ask
// "trust?" and call trust() and retry; a certificate that differs from the
// pinned one fails with CertificateChanged (certificateChanged()). Neither
// fails over to another address: the user must see it. No request data (no
// password, no ticket) is sent before the certificate has been accepted.
//
// Authentication. login() gets a ticket (POST /access/ticket); calls then
// carry the PVEAuthCookie cookie, and writes the CSRFPreventionToken header.
// The ticket is renewed automatically once it is renewalAge() old (by
// logging in with the ticket as the password, as Proxmox's GUI does), well
// before its two hours run out; failed renewals are retried every minute.
// Or setApiToken(): every call carries "Authorization: PVEAPIToken=...".
//
// Event stream (/api2/json/atalaia/events, to come): a WebSocket client will
// live next to this class, take its endpoint, trustStore() and
// authenticatedRequest(), and fall back to polling where the server has no
// event stream (a real Proxmox VE).
class ApiClient : public QObject
{
    Q_OBJECT

public:
    enum class Method { Get, Post, Put, Delete };

    // Why an hour: half the ticket's life, so a renewal that fails (a node
    // restarting, a network glitch) has another hour of retries before the
    // session is lost.
    static constexpr std::chrono::milliseconds kDefaultRenewalAge = std::chrono::hours(1);
    // Proxmox's GUI waits 30 s for an answer; some calls (status of a busy
    // node) legitimately take several seconds.
    static constexpr std::chrono::milliseconds kDefaultTimeout = std::chrono::seconds(30);
    static constexpr std::chrono::milliseconds kRenewalRetry = std::chrono::minutes(1);

    explicit ApiClient(QList<Endpoint> endpoints, QObject *parent = nullptr);
    ~ApiClient() override;

    static QString methodName(Method method);

    const QList<Endpoint> &endpoints() const { return m_endpoints; }
    Endpoint activeEndpoint() const;

    // Certificates.
    const TrustStore &trustStore() const { return m_trust; }
    void setTrustStore(const TrustStore &trust);
    // Pins FINGERPRINT for ENDPOINT (replacing a previous pin: the user
    // re-trusts a renewed certificate). A null fingerprint removes the pin.
    void trust(const Endpoint &endpoint, const Fingerprint &fingerprint);

    // Authentication.
    QFuture<Result<Ticket>> login(const QString &userid, const QString &password);
    // Renews the current ticket now (also done automatically).
    QFuture<Result<Ticket>> renewTicket();
    // Uses TICKET (e.g. from a cache) and schedules its renewal; a ticket
    // already past renewalAge() is renewed at once.
    void setTicket(const Ticket &ticket);
    const Ticket &ticket() const { return m_ticket; }
    void setApiToken(const ApiToken &token);
    const ApiToken &apiToken() const { return m_token; }
    // Forgets ticket and token; later calls are anonymous.
    void clearCredentials();

    void setRenewalAge(std::chrono::milliseconds age);
    std::chrono::milliseconds renewalAge() const { return m_renewalAge; }
    // How long one address may stay silent before a call gives up on it.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Calls. PATH is an API path ("/nodes/node1/status"; "/api2/json" in
    // front is ignored). PARAMS are form-encoded (FormEncoder): in the query
    // string of GET and DELETE, in the body of POST and PUT.
    QFuture<Response> send(Method method, const QString &path, const QJsonObject &params = {});
    QFuture<Result<QJsonValue>> get(const QString &path, const QJsonObject &params = {});
    QFuture<Result<QJsonValue>> post(const QString &path, const QJsonObject &params = {});
    QFuture<Result<QJsonValue>> put(const QString &path, const QJsonObject &params = {});
    QFuture<Result<QJsonValue>> del(const QString &path, const QJsonObject &params = {});

    // An upload: POST to PATH (/nodes/{node}/storage/{storage}/upload) as a
    // multipart/form-data body, FIELDS (content, checksum, ...) first, then
    // the file at FILEPATH as part 'filename' named REMOTENAME (empty: the
    // file's own name). The file streams from disk as it is sent, never read
    // whole; uploadProgress() tells how far it is. The answer's data is the
    // UPID of the task that moves the file into place. An unreadable file
    // fails at once (Failure::Unreachable: nothing was sent; the message
    // names the file). Only the active address is tried once the file may
    // have gone out. The client's timeout applies to silences, not to the
    // whole transfer.
    struct UploadForm {
        QString filePath;
        QString remoteName;
        QList<std::pair<QString, QString>> fields;
    };
    QFuture<Response> upload(const QString &path, const UploadForm &form);

    // A request for PATH on the active address with this client's
    // credentials (cookie or token header; CSRF header too) and TLS
    // settings: for the event stream's WebSocket, which must check the
    // certificate it gets against trustStore() itself.
    QNetworkRequest authenticatedRequest(const QString &path) const;

signals:
    // A call met a certificate pinned nowhere yet at ENDPOINT.
    void certificateUntrusted(const atalaia::api::client::Endpoint &endpoint,
                              const atalaia::api::client::Fingerprint &presented);
    // A call met a certificate at ENDPOINT that differs from the pinned one.
    void certificateChanged(const atalaia::api::client::Endpoint &endpoint,
                            const atalaia::api::client::Fingerprint &pinned,
                            const atalaia::api::client::Fingerprint &presented);
    void activeEndpointChanged(const atalaia::api::client::Endpoint &endpoint);
    // After login() and after every renewal: callers that cache tickets save it.
    void ticketChanged(const atalaia::api::client::Ticket &ticket);
    // The server refused to renew the ticket (user disabled, password
    // changed...) or it expired: the user must log in again.
    void authenticationLost(const atalaia::Error &error);
    // An upload() to PATH has sent SENT of TOTAL bytes (the whole body).
    void uploadProgress(const QString &path, qint64 sent, qint64 total);

private:
    struct Call;
    enum class Credentials { Session, None };

    QFuture<Response> start(Method method, const QString &path, const QJsonObject &params, Credentials credentials,
                            std::optional<UploadForm> upload = std::nullopt);
    QNetworkReply *postUpload(const QNetworkRequest &request, const UploadForm &form);
    void attempt(const std::shared_ptr<Call> &call, qsizetype index);
    void onSslErrors(Call &call, QNetworkReply *reply, const QList<QSslError> &errors);
    void onEncrypted(Call &call, QNetworkReply *reply);
    void onFinished(const std::shared_ptr<Call> &call, QNetworkReply *reply);
    void finish(const std::shared_ptr<Call> &call, Response response);
    QNetworkRequest prepare(const Endpoint &endpoint, Method method, const QString &path, const QJsonObject &query,
                            Credentials credentials) const;
    QFuture<Result<Ticket>> requestTicket(const QString &userid, const QString &password);
    void scheduleRenewal(std::chrono::milliseconds delay);
    void scheduleRenewal();

    QList<Endpoint> m_endpoints;
    qsizetype m_active = 0;
    TrustStore m_trust;
    QSslConfiguration m_tls;             // m_trust.sslConfiguration(), cached
    QNetworkAccessManager *m_network;    // child of this
    QHash<QNetworkReply *, std::shared_ptr<Call>> m_calls; // in flight
    Ticket m_ticket;
    ApiToken m_token;
    QTimer m_renewalTimer;
    bool m_renewing = false;
    std::chrono::milliseconds m_renewalAge = kDefaultRenewalAge;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
};

} // namespace atalaia::api::client
