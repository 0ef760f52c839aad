// atalaiad: the node agent. Everything it does lives in core/agent; this
// main parses options, starts it and stops it cleanly on SIGTERM/SIGINT.
#include "agent/Agent.h"
#include "base/MemoryTrimmer.h"
#include "base/CrashReport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/signalfd.h>
#include <unistd.h>

namespace {

// SIGTERM/SIGINT arrive through a signalfd, so the event loop quits in order
// (tasks finish their logs, the store closes) instead of dying mid-write.
void quitOnSignals(QCoreApplication &app)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    const int fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app, fd] {
        signalfd_siginfo info{};
        while (read(fd, &info, sizeof info) == sizeof info) {
        }
        app.quit();
    });
}

} // namespace

int main(int argc, char *argv[])
{
    atalaia::base::installCrashReport("atalaiad");
    atalaia::base::MemoryTrimmer::limitArenas();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("atalaiad"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATALAIA_VERSION));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Atalaia node agent: serves the Proxmox-compatible API over HTTPS."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the agent keeps its state."),
                                     QStringLiteral("dir"), QStringLiteral("/var/lib/atalaia"));
    const QCommandLineOption node(QStringLiteral("node"), QStringLiteral("This node's name (default: the host name)."),
                                  QStringLiteral("name"));
    const QCommandLineOption backend(QStringLiteral("backend"),
                                     QStringLiteral("'real', or 'fake:FIXTURE.json' for in-memory backends."),
                                     QStringLiteral("spec"), QStringLiteral("real"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default: all)."),
                                    QStringLiteral("address"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("HTTPS port (default 8006; 0: any free)."),
                                  QStringLiteral("port"), QStringLiteral("8006"));
    const QCommandLineOption standalone(QStringLiteral("standalone"),
                                        QStringLiteral("Accepted for compatibility; a node is standalone until it creates or joins a cluster."));
    const QCommandLineOption corosyncDir(QStringLiteral("corosync-dir"),
                                         QStringLiteral("Where corosync.conf and the authkey live (default /etc/corosync)."),
                                         QStringLiteral("dir"), QStringLiteral("/etc/corosync"));
    const QCommandLineOption serviceCommand(
        QStringLiteral("service-command"),
        QStringLiteral("Service manager command, run as 'COMMAND restart corosync' (default: systemctl)."),
        QStringLiteral("command"), QStringLiteral("systemctl"));
    const QCommandLineOption exportDir(
        QStringLiteral("export-dir"),
        QStringLiteral("Where a read-only copy of the cluster configuration is kept (default: DATA-DIR/export)."),
        QStringLiteral("dir"));
    parser.addOptions({dataDir, node, backend, listen, port, standalone, corosyncDir, serviceCommand, exportDir});
    parser.process(app);

    atalaia::agent::Agent::Options options;
    options.dataDir = parser.value(dataDir);
    options.nodeName = parser.value(node);
    options.backend = parser.value(backend);
    options.corosyncDir = parser.value(corosyncDir);
    options.exportDir = parser.value(exportDir);
    options.serviceCommand = parser.value(serviceCommand).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    bool portOk = false;
    options.port = quint16(parser.value(port).toUInt(&portOk));
    if (!portOk) {
        err << "atalaiad: --port takes a number from 0 to 65535\n";
        return 2;
    }
    if (parser.isSet(listen)) {
        options.address = QHostAddress(parser.value(listen));
        if (options.address.isNull()) {
            err << "atalaiad: --listen takes an IP address, not '" << parser.value(listen) << "'\n";
            return 2;
        }
    }

    quitOnSignals(app);
    auto agent = atalaia::agent::Agent::create(options);
    if (!agent) {
        err << "atalaiad: " << agent.error().toString() << "\n";
        return 1;
    }
    if (auto listening = (*agent)->listen(); !listening) {
        err << "atalaiad: " << listening.error().toString() << "\n";
        return 1;
    }
    err << "atalaiad: node " << (*agent)->nodeName() << " listening on https://"
        << (options.address == QHostAddress::Any ? QStringLiteral("*") : options.address.toString()) << ":"
        << (*agent)->port() << "/api2/json\n"
        << "atalaiad: certificate fingerprint " << (*agent)->certificate().fingerprint << "\n";
    err.flush();
    // Start-up (schema, certificate, store) leaves freed memory behind; give it back now and after bursts.
    atalaia::base::MemoryTrimmer::trimIfWorthIt(0);
    atalaia::base::MemoryTrimmer trimmer;
    return app.exec();
}
