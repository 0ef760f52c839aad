#include "CommandLine.h"

#include "ApiCommand.h"
#include "ConfigCheckCommand.h"
#include "LoginCommand.h"
#include "TaskCommand.h"
#include "Tr.h"
#include "UploadCommand.h"

namespace atalaia::cli {

namespace {

QString usage()
{
    return Tr::tr("usage: atalaiactl COMMAND ...\n"
                  "\n"
                  "commands:\n"
                  "  login [--server HOST[:PORT]] [--user USER@REALM] [--fingerprint FP|--trust]\n"
                  "                                   log in and cache the ticket\n"
                  "  logout [--server HOST[:PORT]]    forget the cached ticket\n"
                  "  get PATH [--PARAM VALUE ...]     GET an API path\n"
                  "  create PATH [--PARAM VALUE ...]  POST\n"
                  "  set PATH [--PARAM VALUE ...]     PUT\n"
                  "  delete PATH [--PARAM VALUE ...]  DELETE\n"
                  "  ls PATH                          list the children of an API path\n"
                  "  task log UPID [--follow]         print a task's log (--follow: until it ends)\n"
                  "  task status UPID                 print a task's status\n"
                  "  upload NODE STORAGE FILE [--content iso|vztmpl] [--checksum-algorithm ALG]\n"
                  "                                   upload an ISO image or container template, then follow its task\n"
                  "  config check PATH... [--output text|json]   check Proxmox-format configuration files\n"
                  "\n"
                  "API commands take --output text|json, --follow (for tasks), --server, --fingerprint, --trust "
                  "and --token.\n"
                  "After a bare '--', options are API parameters even when named like these:\n"
                  "  atalaiactl create /cluster/config/join -- --fingerprint FP --hostname ADDR ...\n"
                  "Run 'atalaiactl COMMAND --help' for a command's options.\n");
}

} // namespace

int runCommandLine(const QStringList &arguments, Environment &env)
{
    const QString command = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        *env.out << "atalaiactl " << ATALAIA_VERSION << "\n";
        return 0;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("help")) {
        *env.out << usage();
        return 0;
    }
    if (command == QLatin1String("config") && arguments.value(2) == QLatin1String("check")) {
        // QCommandLineParser expects the program name first.
        return runConfigCheck(QStringList{arguments[0] + QStringLiteral(" config check")} + arguments.mid(3),
                              *env.out, *env.err);
    }
    if (command == QLatin1String("login"))
        return runLoginCommand(rest, env);
    if (command == QLatin1String("logout"))
        return runLogoutCommand(rest, env);
    if (command == QLatin1String("get") || command == QLatin1String("create") || command == QLatin1String("set")
        || command == QLatin1String("delete"))
        return runApiCommand(command, rest, env);
    if (command == QLatin1String("ls"))
        return runListCommand(rest, env);
    if (command == QLatin1String("task"))
        return runTaskCommand(rest, env);
    if (command == QLatin1String("upload"))
        return runUploadCommand(rest, env);
    if (!command.isEmpty())
        *env.err << Tr::tr("atalaiactl: unknown command '%1'").arg(command) << "\n";
    *env.err << usage();
    return 2;
}

} // namespace atalaia::cli
