#include "ServerConnection.h"

#include "CliDefaults.h"
#include "CommandArguments.h"
#include "Tr.h"
#include "base/Clock.h"

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::ApiToken;
using api::client::Endpoint;
using api::client::Fingerprint;
using api::client::Response;
using api::client::Ticket;

ServerConnection::Options ServerConnection::Options::from(const CommandArguments &arguments)
{
    Options o;
    o.server = arguments.value(QStringLiteral("server"));
    o.fingerprint = arguments.value(QStringLiteral("fingerprint"));
    o.trust = arguments.has(QStringLiteral("trust"));
    o.token = arguments.value(QStringLiteral("token"));
    return o;
}

QSet<QString> ServerConnection::optionNames()
{
    return {QStringLiteral("server"), QStringLiteral("fingerprint"), QStringLiteral("token")};
}

QSet<QString> ServerConnection::flagNames()
{
    return {QStringLiteral("trust")};
}

ServerConnection::ServerConnection(Environment &env, QList<Endpoint> endpoints, const Options &options)
    : m_env(env)
    , m_endpoints(std::move(endpoints))
    , m_options(options)
    , m_known(env.configDir() + QStringLiteral("/known_servers"))
    , m_cache(env.cacheDir())
{
}

ServerConnection::~ServerConnection() = default;

Result<std::unique_ptr<ServerConnection>> ServerConnection::open(const Options &options, Environment &env)
{
    QString server = options.server;
    if (server.isEmpty())
        server = env.variable("ATALAIA_SERVER");
    if (server.isEmpty())
        server = CliDefaults::load(env.configDir() + QStringLiteral("/defaults.json")).server;
    if (server.isEmpty())
        server = QStringLiteral("localhost");
    auto endpoints = Endpoint::parseList(server);
    if (!endpoints)
        return fail(Code::InvalidArgument, Tr::tr("--server: %1").arg(endpoints.error().message));

    std::unique_ptr<ServerConnection> c(new ServerConnection(env, *endpoints, options));
    if (auto loaded = c->m_known.load(); !loaded)
        return std::unexpected(loaded.error());
    api::client::TrustStore trust = c->m_known.trustStore();
    if (!options.fingerprint.isEmpty()) {
        auto fingerprint = Fingerprint::parse(options.fingerprint);
        if (!fingerprint)
            return fail(Code::InvalidArgument, Tr::tr("--fingerprint: %1").arg(fingerprint.error().message));
        // The user vouches for this certificate (join information, the
        // node's console): it replaces what known_servers says.
        for (const Endpoint &endpoint : std::as_const(c->m_endpoints))
            trust.pin(endpoint, *fingerprint);
    }
    c->m_client = std::make_unique<ApiClient>(c->m_endpoints);
    c->m_client->setTrustStore(trust);

    ServerConnection *self = c.get();
    QObject::connect(c->m_client.get(), &ApiClient::ticketChanged, c->m_client.get(), [self](const Ticket &ticket) {
        if (auto saved = self->m_cache.save(self->server(), ticket); !saved)
            *self->m_env.err << Tr::tr("atalaiactl: warning: %1").arg(saved.error().message) << "\n";
    });

    if (!options.useCredentials)
        return c;
    QString token = options.token;
    if (token.isEmpty())
        token = env.variable("ATALAIA_TOKEN");
    if (!token.isEmpty()) {
        auto parsed = ApiToken::parse(token);
        if (!parsed)
            return fail(Code::InvalidArgument, Tr::tr("API token: %1").arg(parsed.error().message));
        c->m_client->setApiToken(*parsed);
        return c;
    }
    auto cached = c->m_cache.load(c->server());
    if (!cached)
        return std::unexpected(cached.error());
    if (!*cached)
        return c;
    const Ticket ticket = **cached;
    const qint64 now = SystemClock::instance().nowMs();
    if (ticket.isExpired(now)) {
        c->m_ticketExpired = true;
        return c;
    }
    c->m_client->setTicket(ticket);
    if (ticket.ageMs(now) >= c->m_client->renewalAge().count()) {
        // Renew now, while the ticket is still good, so the cache holds a
        // fresh one; a failure here is not fatal (the ticket still works).
        await(c->m_client->renewTicket(), Result<Ticket>(fail(Code::Internal, QString())));
    }
    return c;
}

QString ServerConnection::serverText() const
{
    QStringList list;
    for (const Endpoint &endpoint : m_endpoints)
        list.append(endpoint.toString());
    return list.join(QLatin1Char(','));
}

Response ServerConnection::call(ApiClient::Method method, const QString &path, const QJsonObject &params)
{
    Response cancelled;
    cancelled.failure = Response::Failure::Cancelled;
    cancelled.method = ApiClient::methodName(method);
    cancelled.path = path;
    cancelled.message = Tr::tr("the call was cancelled");
    // Each address can need trusting once.
    for (qsizetype round = 0;; ++round) {
        Response response = await(m_client->send(method, path, params), cancelled);
        if (response.failure == Response::Failure::UntrustedCertificate && m_options.trust
            && !response.presented.isNull() && round < m_endpoints.size()) {
            *m_env.err << Tr::tr("atalaiactl: trusting the certificate of %1 (SHA-256 %2), as --trust asks")
                              .arg(response.endpoint.toString(), response.presented.toString())
                       << "\n";
            m_env.err->flush();
            m_client->trust(response.endpoint, response.presented);
            continue;
        }
        remember(response);
        return response;
    }
}

void ServerConnection::remember(const Response &response)
{
    // An HTTP answer means the handshake accepted the certificate: keep its pin.
    if (response.httpStatus == 0)
        return;
    const Fingerprint pinned = m_client->trustStore().pinned(response.endpoint);
    if (pinned.isNull() || !m_known.set(response.endpoint, pinned))
        return;
    if (auto saved = m_known.save(); !saved)
        *m_env.err << Tr::tr("atalaiactl: warning: %1").arg(saved.error().message) << "\n";
}

Result<Ticket> ServerConnection::login(const QString &userid, const QString &password)
{
    return await(m_client->login(userid, password),
                 Result<Ticket>(fail(Code::Internal, Tr::tr("the login was cancelled"))));
}

void ServerConnection::report(const Response &response) const
{
    QTextStream &err = *m_env.err;
    const QString where = response.endpoint.isValid() ? response.endpoint.toString() : serverText();
    switch (response.failure) {
    case Response::Failure::None:
        return;
    case Response::Failure::UntrustedCertificate:
        err << Tr::tr("atalaiactl: %1 presented a TLS certificate that is not trusted yet.\n"
                      "  SHA-256 fingerprint: %2\n"
                      "Compare it with the node's certificate fingerprint (atalaiad prints it when it starts; on "
                      "Proxmox VE: pvenode cert info), then trust it:\n"
                      "  atalaiactl login --server %1 --fingerprint %2\n"
                      "or accept the certificate the server presents with --trust.\n")
                   .arg(where, response.presented.toString());
        break;
    case Response::Failure::CertificateChanged:
        err << Tr::tr("atalaiactl: WARNING: the TLS certificate of %1 has CHANGED.\n"
                      "  pinned (%2): %3\n"
                      "  presented now: %4\n"
                      "Someone may be intercepting the connection (man-in-the-middle), or the node's certificate "
                      "was replaced. Nothing was sent to the server.\n"
                      "If you have checked on the node that %4 is its certificate, trust it again:\n"
                      "  atalaiactl login --server %1 --fingerprint %4\n")
                   .arg(where, m_known.file(), response.pinned.toString(), response.presented.toString());
        break;
    case Response::Failure::Http:
        err << Tr::tr("atalaiactl: %1 %2 on %3 failed: %4 %5")
                   .arg(response.method, response.path, where)
                   .arg(response.httpStatus)
                   .arg(response.error().message)
            << "\n";
        if (const QString fix = hint(response); !fix.isEmpty())
            err << fix << "\n";
        break;
    case Response::Failure::Unreachable:
    case Response::Failure::Timeout:
    case Response::Failure::ConnectionLost:
        err << Tr::tr("atalaiactl: %1 %2: %3\n"
                      "Is atalaiad running there? Check the address and port (--server HOST:PORT; the default "
                      "port is %4).\n")
                   .arg(response.method, response.path, response.message)
                   .arg(Endpoint::kDefaultPort);
        break;
    case Response::Failure::Protocol:
    case Response::Failure::Cancelled:
        err << Tr::tr("atalaiactl: %1 %2 on %3: %4\n").arg(response.method, response.path, where, response.message);
        break;
    }
    err.flush();
}

QString ServerConnection::hint(const Response &response) const
{
    if (response.httpStatus != 401)
        return {};
    const ApiClient &client = *m_client;
    if (!client.apiToken().isNull())
        return Tr::tr("The API token %1 was refused: check --token or ATALAIA_TOKEN (USER@REALM!TOKENID=SECRET).")
            .arg(client.apiToken().tokenId);
    if (!client.ticket().isNull())
        return Tr::tr("The session of %1 is no longer valid: log in again with\n  atalaiactl login --server %2 "
                      "--user %1")
            .arg(client.ticket().userid, serverText());
    if (m_ticketExpired)
        return Tr::tr("The cached session expired (tickets last two hours): log in again with\n"
                      "  atalaiactl login --server %1")
            .arg(serverText());
    return Tr::tr("Not logged in to %1: run\n  atalaiactl login --server %1 --user USER@REALM\nor set ATALAIA_TOKEN "
                  "to an API token (USER@REALM!TOKENID=SECRET).")
        .arg(serverText());
}

} // namespace atalaia::cli
