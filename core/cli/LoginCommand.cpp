#include "LoginCommand.h"

#include "CliDefaults.h"
#include "CommandArguments.h"
#include "ServerConnection.h"
#include "Tr.h"

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::Response;

int runLoginCommand(const QStringList &arguments, Environment &env)
{
    QTextStream &out = *env.out;
    QTextStream &err = *env.err;
    const QString usage = Tr::tr("usage: atalaiactl login [--server HOST[:PORT][,HOST[:PORT]...]] [--user USER@REALM] "
                                 "[--fingerprint FP | --trust]\n"
                                 "  --server        the server's address(es); default: the last login's, else "
                                 "localhost:8006\n"
                                 "  --user          who logs in (default: the last login's, else root@pam)\n"
                                 "  --fingerprint   the SHA-256 fingerprint of the server's certificate, to trust it\n"
                                 "  --trust         trust the certificate the server presents, as presented\n"
                                 "The password is read from ATALAIA_PASSWORD, else asked for without echo.\n");
    auto parsed = CommandArguments::parse(
        arguments, {QStringLiteral("server"), QStringLiteral("user"), QStringLiteral("fingerprint")},
        {QStringLiteral("trust"), QStringLiteral("help")}, false);
    if (!parsed) {
        err << Tr::tr("atalaiactl login: %1").arg(parsed.error().message) << "\n" << usage;
        return 2;
    }
    if (parsed->has(QStringLiteral("help"))) {
        out << usage;
        return 0;
    }
    if (!parsed->positional.isEmpty()) {
        err << Tr::tr("atalaiactl login: unexpected argument '%1'").arg(parsed->positional.first()) << "\n" << usage;
        return 2;
    }
    if (parsed->has(QStringLiteral("trust")) && parsed->has(QStringLiteral("fingerprint"))) {
        err << Tr::tr("atalaiactl login: give either --fingerprint or --trust, not both") << "\n";
        return 2;
    }

    const QString defaultsFile = env.configDir() + QStringLiteral("/defaults.json");
    const CliDefaults defaults = CliDefaults::load(defaultsFile);
    QString user = parsed->value(QStringLiteral("user"), defaults.user);
    if (user.isEmpty())
        user = QStringLiteral("root@pam");
    if (!user.contains(QLatin1Char('@')))
        user += QStringLiteral("@pam");

    ServerConnection::Options options;
    options.server = parsed->value(QStringLiteral("server"));
    options.fingerprint = parsed->value(QStringLiteral("fingerprint"));
    options.trust = parsed->has(QStringLiteral("trust"));
    options.useCredentials = false;
    auto opened = ServerConnection::open(options, env);
    if (!opened) {
        err << Tr::tr("atalaiactl login: %1").arg(opened.error().message) << "\n";
        return opened.error().code == Code::InvalidArgument ? 2 : 1;
    }
    ServerConnection &connection = **opened;

    // The certificate first: the login form's GET needs no credentials, and
    // the password is asked for only once the server is one we trust.
    const Response probe = connection.call(ApiClient::Method::Get, QStringLiteral("/access/ticket"));
    if (probe.httpStatus == 0) {
        connection.report(probe);
        return 1;
    }

    QString password = env.variable("ATALAIA_PASSWORD");
    if (password.isEmpty() && env.readSecret) {
        const auto answer = env.readSecret(Tr::tr("Password for %1 on %2: ").arg(user, connection.serverText()));
        password = answer.value_or(QString());
    }
    if (password.isEmpty()) {
        err << Tr::tr("atalaiactl login: no password given (type it at the prompt or set ATALAIA_PASSWORD)") << "\n";
        return 1;
    }

    auto ticket = connection.login(user, password);
    password.fill(QLatin1Char('\0'));
    if (!ticket) {
        err << Tr::tr("atalaiactl login: login of %1 on %2 failed: %3")
                   .arg(user, connection.client().activeEndpoint().toString(), ticket.error().message)
            << "\n";
        return 1;
    }
    // The ticket was cached by the connection as it arrived (ticketChanged).
    CliDefaults remembered{parsed->has(QStringLiteral("server")) ? connection.serverText() : defaults.server,
                           ticket->userid};
    if (remembered.server.isEmpty())
        remembered.server = connection.serverText();
    if (auto saved = remembered.save(defaultsFile); !saved)
        err << Tr::tr("atalaiactl: warning: %1").arg(saved.error().message) << "\n";
    out << Tr::tr("Logged in to %1 as %2.").arg(connection.serverText(), ticket->userid) << "\n"
        << Tr::tr("The ticket is cached in %1 (valid for two hours, renewed as it is used).")
               .arg(connection.ticketCacheFile())
        << "\n";
    out.flush();
    return 0;
}

int runLogoutCommand(const QStringList &arguments, Environment &env)
{
    auto parsed = CommandArguments::parse(arguments, {QStringLiteral("server")}, {}, false);
    if (!parsed || !parsed->positional.isEmpty()) {
        *env.err << Tr::tr("usage: atalaiactl logout [--server HOST[:PORT]]") << "\n";
        return 2;
    }
    ServerConnection::Options options;
    options.server = parsed->value(QStringLiteral("server"));
    options.useCredentials = false;
    auto connection = ServerConnection::open(options, env);
    if (!connection) {
        *env.err << Tr::tr("atalaiactl logout: %1").arg(connection.error().message) << "\n";
        return 1;
    }
    if (auto removed = TicketCache(env.cacheDir()).remove((*connection)->server()); !removed) {
        *env.err << Tr::tr("atalaiactl logout: %1").arg(removed.error().message) << "\n";
        return 1;
    }
    *env.out << Tr::tr("Logged out of %1.").arg((*connection)->serverText()) << "\n";
    return 0;
}

} // namespace atalaia::cli
