// atalaiactl: Atalaia's command-line client. The commands live in core/cli.
#include "cli/CommandLine.h"
#include "base/CrashReport.h"
#include "cli/Environment.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    atalaia::base::installCrashReport("atalaiactl");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("atalaiactl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATALAIA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    atalaia::cli::Environment env = atalaia::cli::Environment::system(out, err);
    return atalaia::cli::runCommandLine(QCoreApplication::arguments(), env);
}
