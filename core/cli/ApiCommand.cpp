#include "ApiCommand.h"

#include "CommandArguments.h"
#include "DirectoryListing.h"
#include "OutputFormatter.h"
#include "ServerConnection.h"
#include "TaskFollower.h"
#include "Tr.h"

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::Response;

namespace {

const char *const kConnectionHelp = QT_TRANSLATE_NOOP(
    "atalaia::cli",
    "  --server HOST[:PORT][,HOST[:PORT]...]  the server; default: ATALAIA_SERVER, else the last login's\n"
    "  --fingerprint FP         trust the server's certificate with this SHA-256 fingerprint\n"
    "  --trust                  trust the certificate the server presents (first contact)\n"
    "  --token USER@REALM!ID=SECRET  API token (default: ATALAIA_TOKEN, else the cached login)\n");

std::optional<ApiClient::Method> methodFor(const QString &verb)
{
    if (verb == QLatin1String("get"))
        return ApiClient::Method::Get;
    if (verb == QLatin1String("create"))
        return ApiClient::Method::Post;
    if (verb == QLatin1String("set"))
        return ApiClient::Method::Put;
    if (verb == QLatin1String("delete"))
        return ApiClient::Method::Delete;
    return std::nullopt;
}

struct Prepared {
    CommandArguments arguments;
    OutputFormatter::Format format = OutputFormatter::Format::Text;
    std::unique_ptr<ServerConnection> connection;
};

// Parses the arguments of a command with one PATH and connects; prints the
// problem and returns nullopt (exit status in STATUS) otherwise.
std::optional<Prepared> prepare(const QString &command, const QStringList &arguments, const QSet<QString> &extraFlags,
                                const QString &usage, Environment &env, int &status)
{
    QTextStream &err = *env.err;
    auto parsed = CommandArguments::parse(arguments, ServerConnection::optionNames() + QSet<QString>{QStringLiteral("output")},
                                          ServerConnection::flagNames() + extraFlags + QSet<QString>{QStringLiteral("help")},
                                          true);
    if (!parsed) {
        err << Tr::tr("atalaiactl %1: %2").arg(command, parsed.error().message) << "\n" << usage;
        status = 2;
        return std::nullopt;
    }
    if (parsed->has(QStringLiteral("help"))) {
        *env.out << usage;
        status = 0;
        return std::nullopt;
    }
    if (parsed->positional.size() != 1) {
        err << Tr::tr("atalaiactl %1: expected one API PATH").arg(command) << "\n" << usage;
        status = 2;
        return std::nullopt;
    }
    auto format = OutputFormatter::parseFormat(parsed->value(QStringLiteral("output"), QStringLiteral("text")));
    if (!format) {
        err << Tr::tr("atalaiactl %1: %2").arg(command, format.error().message) << "\n";
        status = 2;
        return std::nullopt;
    }
    auto connection = ServerConnection::open(ServerConnection::Options::from(*parsed), env);
    if (!connection) {
        err << Tr::tr("atalaiactl %1: %2").arg(command, connection.error().message) << "\n";
        status = connection.error().code == Code::InvalidArgument ? 2 : 1;
        return std::nullopt;
    }
    return Prepared{std::move(*parsed), *format, std::move(*connection)};
}

} // namespace

int runApiCommand(const QString &verb, const QStringList &arguments, Environment &env)
{
    const QString usage = Tr::tr("usage: atalaiactl %1 PATH [--PARAM VALUE ...] [--output text|json] [--follow]\n"
                                 "  --output text|json       text: tables and key/value lines (default); json\n"
                                 "  --follow                 when the answer is a task, print its log until it ends\n")
                              .arg(verb)
                        + Tr::tr(kConnectionHelp);
    const auto method = methodFor(verb);
    if (!method) {
        *env.err << Tr::tr("atalaiactl: unknown command '%1'").arg(verb) << "\n";
        return 2;
    }
    int status = 0;
    auto prepared = prepare(verb, arguments, {QStringLiteral("follow")}, usage, env, status);
    if (!prepared)
        return status;
    ServerConnection &connection = *prepared->connection;
    const Response response = connection.call(*method, prepared->arguments.positional.first(), prepared->arguments.params);
    if (!response.isOk()) {
        connection.report(response);
        return 1;
    }

    if (prepared->arguments.has(QStringLiteral("follow")) && response.data.isString()) {
        if (auto upid = model::Upid::parse(response.data.toString())) {
            TaskFollower follower(connection, *env.out, env.taskPollInterval);
            const TaskFollower::Outcome outcome = follower.run(*upid, true);
            if (!outcome.failure.isOk()) {
                connection.report(outcome.failure);
                return 1;
            }
            if (!TaskFollower::succeeded(outcome.exitStatus)) {
                *env.err << Tr::tr("atalaiactl: task %1 failed: %2").arg(upid->toString(), outcome.exitStatus) << "\n";
                return 1;
            }
            return 0;
        }
    }
    *env.out << OutputFormatter::format(response.data, prepared->format);
    env.out->flush();
    return 0;
}

int runListCommand(const QStringList &arguments, Environment &env)
{
    const QString usage = Tr::tr("usage: atalaiactl ls PATH [--PARAM VALUE ...] [--output text|json]\n"
                                 "Lists the children of PATH: D has children, r GET, w PUT (set), c POST (create), "
                                 "d DELETE.\n")
                        + Tr::tr(kConnectionHelp);
    int status = 0;
    auto prepared = prepare(QStringLiteral("ls"), arguments, {}, usage, env, status);
    if (!prepared)
        return status;
    const QString path = prepared->arguments.positional.first();
    const Response response = prepared->connection->call(ApiClient::Method::Get, path, prepared->arguments.params);
    if (!response.isOk()) {
        prepared->connection->report(response);
        return 1;
    }
    const auto entries = DirectoryListing::entries(response.path, response.data);
    if (prepared->format == OutputFormatter::Format::Json)
        *env.out << OutputFormatter::json(DirectoryListing::json(entries));
    else
        *env.out << DirectoryListing::text(entries);
    env.out->flush();
    return 0;
}

} // namespace atalaia::cli
