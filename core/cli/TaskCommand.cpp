#include "TaskCommand.h"

#include "CommandArguments.h"
#include "OutputFormatter.h"
#include "ServerConnection.h"
#include "TaskFollower.h"
#include "Tr.h"

namespace atalaia::cli {

using api::client::ApiClient;
using api::client::Response;

int runTaskCommand(const QStringList &arguments, Environment &env)
{
    QTextStream &err = *env.err;
    const QString usage = Tr::tr("usage: atalaiactl task log UPID [--follow]\n"
                                 "       atalaiactl task status UPID [--output text|json]\n"
                                 "  --follow   print the log as it grows until the task ends; exit 1 if it failed\n"
                                 "  --server, --fingerprint, --trust, --token: as for 'atalaiactl get'\n");
    auto parsed = CommandArguments::parse(arguments,
                                          ServerConnection::optionNames() + QSet<QString>{QStringLiteral("output")},
                                          ServerConnection::flagNames()
                                              + QSet<QString>{QStringLiteral("follow"), QStringLiteral("help")},
                                          false);
    if (!parsed) {
        err << Tr::tr("atalaiactl task: %1").arg(parsed.error().message) << "\n" << usage;
        return 2;
    }
    if (parsed->has(QStringLiteral("help"))) {
        *env.out << usage;
        return 0;
    }
    const QStringList &positional = parsed->positional;
    const QString sub = positional.value(0);
    if (positional.size() != 2 || (sub != QLatin1String("log") && sub != QLatin1String("status"))) {
        err << usage;
        return 2;
    }
    auto upid = model::Upid::parse(positional[1]);
    if (!upid) {
        err << Tr::tr("atalaiactl task %1: %2").arg(sub, upid.error().message) << "\n";
        return 2;
    }
    auto format = OutputFormatter::parseFormat(parsed->value(QStringLiteral("output"), QStringLiteral("text")));
    if (!format) {
        err << Tr::tr("atalaiactl task: %1").arg(format.error().message) << "\n";
        return 2;
    }
    auto connection = ServerConnection::open(ServerConnection::Options::from(*parsed), env);
    if (!connection) {
        err << Tr::tr("atalaiactl task: %1").arg(connection.error().message) << "\n";
        return connection.error().code == Code::InvalidArgument ? 2 : 1;
    }

    if (sub == QLatin1String("status")) {
        const Response response = (*connection)->call(
            ApiClient::Method::Get,
            QStringLiteral("/nodes/%1/tasks/%2/status").arg(upid->node().toString(), upid->toString()));
        if (!response.isOk()) {
            (*connection)->report(response);
            return 1;
        }
        *env.out << OutputFormatter::format(response.data, *format);
        env.out->flush();
        return 0;
    }

    const bool follow = parsed->has(QStringLiteral("follow"));
    TaskFollower follower(**connection, *env.out, env.taskPollInterval);
    const TaskFollower::Outcome outcome = follower.run(*upid, follow);
    if (!outcome.failure.isOk()) {
        (*connection)->report(outcome.failure);
        return 1;
    }
    if (follow && !TaskFollower::succeeded(outcome.exitStatus)) {
        err << Tr::tr("atalaiactl: task %1 failed: %2").arg(upid->toString(), outcome.exitStatus) << "\n";
        return 1;
    }
    return 0;
}

} // namespace atalaia::cli
