#include "ClusterSession.h"

#include "Tr.h"
#include "api/client/ApiToken.h"

#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

namespace atalaia::ui {

using api::client::ApiClient;
using api::client::Response;

namespace {

// Before the first successful login, an unreachable cluster is retried this often.
constexpr int kLoginRetryMs = 5000;

template <typename T>
QList<T> parseList(const QJsonValue &data)
{
    QList<T> out;
    const QJsonArray array = data.toArray();
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        if (auto item = T::fromJson(v.toObject()))
            out.append(std::move(*item));
    return out;
}

} // namespace

ClusterSession::ClusterSession(ConnectionProfile profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_client(std::make_unique<ApiClient>(m_profile.endpoints))
{
    m_client->setTrustStore(m_profile.trust);
    m_pollTimer.setInterval(m_pollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ClusterSession::poll);
    m_soon.setSingleShot(true);
    m_soon.setInterval(kEventCoalesceMs);
    connect(&m_soon, &QTimer::timeout, this, &ClusterSession::poll);

    connect(m_client.get(), &ApiClient::certificateUntrusted, this,
            [this](const api::client::Endpoint &endpoint, const api::client::Fingerprint &presented) {
                m_pendingEndpoint = endpoint;
                m_pendingFingerprint = presented;
                setState(State::NeedsTrust);
            });
    connect(m_client.get(), &ApiClient::certificateChanged, this,
            [this](const api::client::Endpoint &endpoint, const api::client::Fingerprint &pinned,
                   const api::client::Fingerprint &presented) {
                m_pendingEndpoint = endpoint;
                m_pendingFingerprint = presented;
                m_pollTimer.stop();
                setState(State::Blocked,
                         Tr::tr("The certificate of %1 has changed. Pinned: %2. Presented: %3. "
                                "This can mean someone is intercepting the connection; the console will not "
                                "talk to this server until you trust the new certificate.")
                             .arg(endpoint.toString(), pinned.toString(), presented.toString()));
            });
    connect(m_client.get(), &ApiClient::authenticationLost, this, [this](const Error &error) {
        m_pollTimer.stop();
        setState(State::NeedsSecret, error.message);
    });
}

ClusterSession::~ClusterSession() = default;

QString ClusterSession::stateText(State state)
{
    switch (state) {
    case State::Disconnected:
        return Tr::tr("Disconnected");
    case State::Connecting:
        return Tr::tr("Connecting");
    case State::NeedsTrust:
        return Tr::tr("Certificate not trusted yet");
    case State::NeedsSecret:
        return Tr::tr("Login required");
    case State::Online:
        return Tr::tr("Online");
    case State::Reconnecting:
        return Tr::tr("Reconnecting");
    case State::Blocked:
        return Tr::tr("Certificate changed: blocked");
    }
    return {};
}

void ClusterSession::setState(State state, const QString &error)
{
    m_lastError = error;
    if (state == m_state && error.isEmpty())
        return;
    m_state = state;
    emit stateChanged(state);
}

void ClusterSession::connectWithSecret(const QString &secret)
{
    m_secret = secret;
    setState(State::Connecting);
    if (!m_profile.tokenName.isEmpty()) {
        auto token = api::client::ApiToken::parse(m_profile.userid + QLatin1Char('!') + m_profile.tokenName
                                                  + QLatin1Char('=') + secret);
        if (!token) {
            setState(State::NeedsSecret, token.error().message);
            return;
        }
        m_client->setApiToken(*token);
        // A token needs no login: the first call tells whether it works.
        m_client->send(ApiClient::Method::Get, QStringLiteral("/version")).then(this, [this](const Response &r) {
            if (r.isOk())
                onLoggedIn();
            else
                onFailure(r);
        });
        return;
    }
    m_client->login(m_profile.userid, secret).then(this, [this](const Result<api::client::Ticket> &ticket) {
        if (ticket) {
            onLoggedIn();
            return;
        }
        const Error &e = ticket.error();
        if (e.code == Code::Crypto)
            return; // certificateUntrusted/Changed already set the state
        if (e.code == Code::Io) {
            setState(State::Reconnecting, e.message);
            QTimer::singleShot(kLoginRetryMs, this, [this] {
                if (m_state == State::Reconnecting && !m_secret.isNull())
                    connectWithSecret(m_secret);
            });
            return;
        }
        m_secret.clear();
        setState(State::NeedsSecret, e.message);
    });
}

void ClusterSession::disconnectFromCluster()
{
    m_pollTimer.stop();
    m_soon.stop();
    if (m_events)
        m_events->stop();
    m_client->clearCredentials();
    m_secret.clear();
    setState(State::Disconnected);
}

void ClusterSession::trustPending()
{
    if (m_pendingFingerprint.isNull())
        return;
    m_client->trust(m_pendingEndpoint, m_pendingFingerprint);
    m_profile.trust = m_client->trustStore();
    m_pendingFingerprint = {};
    emit profileChanged(m_profile);
    if (!m_secret.isNull())
        connectWithSecret(m_secret);
    else
        setState(State::NeedsSecret);
}

void ClusterSession::onLoggedIn()
{
    m_secret.clear();
    setState(State::Online);
    fetchPermissions();
    poll();
    m_pollTimer.start(m_pollMs);
    if (!m_events) {
        m_events = std::make_unique<api::client::EventStreamClient>(*m_client);
        connect(m_events.get(), &api::client::EventStreamClient::event, this, &ClusterSession::onEvent);
        connect(m_events.get(), &api::client::EventStreamClient::opened, this,
                [this] { m_pollTimer.setInterval(std::max(m_pollMs, kStreamPollMs)); });
        connect(m_events.get(), &api::client::EventStreamClient::unavailable, this,
                [this] { m_pollTimer.setInterval(m_pollMs); });
    }
    m_events->start();
}

void ClusterSession::onFailure(const Response &response)
{
    switch (response.failure) {
    case Response::Failure::UntrustedCertificate:
    case Response::Failure::CertificateChanged:
    case Response::Failure::Cancelled:
        return; // the client's signals set the state
    case Response::Failure::Unreachable:
    case Response::Failure::Timeout:
    case Response::Failure::ConnectionLost:
        if (m_state == State::Online)
            setState(State::Reconnecting, response.error().message);
        return;
    case Response::Failure::Http:
        if (response.httpStatus == 401) {
            m_pollTimer.stop();
            setState(State::NeedsSecret, response.error().message);
        }
        return;
    case Response::Failure::Protocol:
    case Response::Failure::None:
        return;
    }
}

void ClusterSession::setPollInterval(int ms)
{
    m_pollMs = ms;
    if (!eventStreamOpen())
        m_pollTimer.setInterval(ms);
}

void ClusterSession::refreshSoon()
{
    if (m_state == State::Online || m_state == State::Reconnecting)
        m_soon.start();
}

void ClusterSession::poll()
{
    if (m_polling)
        return refreshSoon(); // one in flight: look again right after it
    m_polling = true;
    m_client->send(ApiClient::Method::Get, QStringLiteral("/cluster/resources")).then(this, [this](const Response &r) {
        if (!r.isOk()) {
            m_polling = false;
            onFailure(r);
            return;
        }
        if (m_state == State::Reconnecting)
            setState(State::Online);
        // 10,000 resources take tens of milliseconds to convert and fingerprint:
        // not on the GUI thread. QJsonValue copies are shared and safe to read there.
        const quint64 sequence = ++m_resourceRequests;
        QtConcurrent::run([data = r.data] {
            const QJsonArray array = data.toArray();
            ResourceSnapshot snapshot;
            snapshot.reserve(array.size());
            for (const QJsonValue &v : array)
                if (auto item = model::ClusterResource::fromJson(v.toObject()))
                    snapshot.append(std::move(*item));
            return snapshot;
        }).then(this, [this, sequence](const ResourceSnapshot &snapshot) {
            if (sequence < m_resourcesShown)
                return; // a newer answer was parsed first: never step back in time
            m_resourcesShown = sequence;
            m_resources = snapshot.resources();
            emit resourcesReceived(snapshot);
        });
        m_client->send(ApiClient::Method::Get, QStringLiteral("/cluster/tasks")).then(this, [this](const Response &t) {
            m_polling = false;
            if (!t.isOk())
                return onFailure(t);
            m_tasks = parseList<model::Task>(t.data);
            emit tasksReceived(m_tasks);
        });
    });
}

void ClusterSession::fetchPermissions()
{
    m_client->send(ApiClient::Method::Get, QStringLiteral("/access/permissions")).then(this, [this](const Response &r) {
        if (!r.isOk())
            return onFailure(r);
        m_permissions = r.data.toObject();
        emit permissionsChanged();
    });
}

void ClusterSession::onEvent(const QJsonObject &event)
{
    const QString topic = event.value(QLatin1String("topic")).toString();
    if (topic == QLatin1String("config"))
        fetchPermissions(); // ACL or user changes may change what we may do
    refreshSoon();
}

bool ClusterSession::can(const QString &path, const QString &privilege) const
{
    if (m_profile.userid == QLatin1String("root@pam") && m_profile.tokenName.isEmpty())
        return true;
    QString best;
    bool found = false;
    for (auto it = m_permissions.begin(); it != m_permissions.end(); ++it) {
        const QString &p = it.key();
        const bool covers = p == path || p == QLatin1String("/")
                          || (path.startsWith(p) && path.size() > p.size() && path.at(p.size()) == QLatin1Char('/'));
        if (covers && (!found || p.size() > best.size())) {
            best = p;
            found = true;
        }
    }
    return found && m_permissions.value(best).toObject().value(privilege).toInt() != 0;
}

} // namespace atalaia::ui
