// atalaiactl: Atalaia's command-line client. The commands live in core/cli.
#include "cli/ConfigCheckCommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace {

const char kUsage[] = "usage: atalaiactl COMMAND ...\n"
                      "\n"
                      "commands:\n"
                      "  config check PATH... [--output text|json]   check Proxmox-format configuration files\n"
                      "\n"
                      "Run 'atalaiactl COMMAND SUBCOMMAND --help' for a command's options.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("atalaiactl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATALAIA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2 && (args[1] == QLatin1String("--version") || args[1] == QLatin1String("version"))) {
        out << "atalaiactl " << ATALAIA_VERSION << "\n";
        return 0;
    }
    if (args.size() >= 3 && args[1] == QLatin1String("config") && args[2] == QLatin1String("check")) {
        // QCommandLineParser expects the program name first.
        return atalaia::cli::runConfigCheck(QStringList{args[0] + QStringLiteral(" config check")} + args.mid(3), out, err);
    }
    if (args.size() >= 2 && (args[1] == QLatin1String("--help") || args[1] == QLatin1String("help"))) {
        out << kUsage;
        return 0;
    }
    err << kUsage;
    return 2;
}
