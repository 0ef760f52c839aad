#pragma once

#include "Environment.h"
#include "KnownServers.h"
#include "TicketCache.h"
#include "api/client/ApiClient.h"
#include "api/client/Await.h"
#include "base/Error.h"

#include <QFuture>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <memory>

namespace atalaia::cli {

struct CommandArguments;

// atalaiactl's connection to one server (one or more addresses of a
// cluster): an ApiClient set up from the command line, the environment, the
// pinned certificates (KnownServers) and the cached ticket (TicketCache).
//
// The CLI may wait, the client may not block: every call here runs a local
// event loop until the client's future is ready. That also keeps in-process
// tests working, where the agent serves from the same thread.
//
// Which server: --server, else ATALAIA_SERVER, else the last login's
// (CliDefaults), else localhost. Credentials: --token, else ATALAIA_TOKEN,
// else the cached ticket, renewed (and cached again) when it is older than
// the client's renewal age.
class ServerConnection
{
public:
    struct Options {
        QString server;        // "HOST[:PORT][,HOST[:PORT]...]"; empty: see above
        QString fingerprint;   // --fingerprint: pin this for the given addresses
        bool trust = false;    // --trust: accept an unknown certificate and pin it
        QString token;         // --token
        bool useCredentials = true; // login: start without token or ticket

        // --server, --fingerprint, --trust and --token from ARGUMENTS.
        static Options from(const CommandArguments &arguments);
    };

    // The option names Options::from() reads, for CommandArguments::parse().
    static QSet<QString> optionNames();
    static QSet<QString> flagNames();

    // Code::InvalidArgument for a bad address, fingerprint or token;
    // Code::ConfigSyntax / Io / AccessDenied for an unusable known_servers
    // or ticket cache file.
    static Result<std::unique_ptr<ServerConnection>> open(const Options &options, Environment &env);
    ~ServerConnection();

    api::client::ApiClient &client() { return *m_client; }
    // The first address: it names the ticket cache and appears in hints.
    api::client::Endpoint server() const { return m_endpoints.first(); }
    QString serverText() const;
    QString knownServersFile() const { return m_known.file(); }
    QString ticketCacheFile() const { return m_cache.fileFor(server()); }

    // One API call, waited for. With --trust, a certificate seen for the
    // first time is pinned and the call repeated; a certificate accepted
    // through a pin that known_servers does not have yet is saved there.
    api::client::Response call(api::client::ApiClient::Method method, const QString &path,
                               const QJsonObject &params = {});
    // Logs in (POST /access/ticket) and caches the ticket (0600).
    Result<api::client::Ticket> login(const QString &userid, const QString &password);

    // Prints why RESPONSE failed, and how to fix it, to the error stream.
    void report(const api::client::Response &response) const;

    // Waits for FUTURE in a local event loop.
    template <typename T>
    static T await(QFuture<T> future, T whenCancelled);

private:
    ServerConnection(Environment &env, QList<api::client::Endpoint> endpoints, const Options &options);
    void remember(const api::client::Response &response);
    QString hint(const api::client::Response &response) const;

    Environment &m_env;
    QList<api::client::Endpoint> m_endpoints;
    Options m_options;
    KnownServers m_known;
    TicketCache m_cache;
    std::unique_ptr<api::client::ApiClient> m_client;
    bool m_ticketExpired = false; // a cached ticket was found, but too old
};

template <typename T>
T ServerConnection::await(QFuture<T> future, T whenCancelled)
{
    return api::client::awaitFuture(std::move(future), std::move(whenCancelled));
}

} // namespace atalaia::cli
