// membership-probe: what CorosyncMembership sees on this node, as JSON (one
// line per view, with a one-line "summary" a shell test can compare), for the
// lab test tests/lab/lab-membership.
//
//   membership-probe [--conf PATH] [--node NAME] [--timeout SECONDS] [--watch SECONDS]
//
// Waits for the membership's first look at corosync.conf and corosync (at
// most --timeout, default 10 s), prints the view and exits 0; with --watch,
// goes on printing each different view for that many seconds. Exit 1 when
// the first view did not come in time. --node defaults to the host name (the
// lab names its nodes' hosts after them), --conf to corosync's own path.
#include "cluster/corosync/CorosyncMembership.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace atalaia::cluster;
using atalaia::cluster::corosync::CorosyncMembership;
using atalaia::cluster::corosync::CorosyncSnapshot;

namespace {

QString sourceName(CorosyncSnapshot::Source source)
{
    switch (source) {
    case CorosyncSnapshot::Source::NoConfig: return QStringLiteral("none");
    case CorosyncSnapshot::Source::ConfigFile: return QStringLiteral("config-file");
    case CorosyncSnapshot::Source::Corosync: return QStringLiteral("corosync");
    }
    return {};
}

// The view in /cluster/status's words, plus where it came from.
QByteArray describe(const CorosyncMembership &m)
{
    const ClusterView v = m.view();
    const CorosyncSnapshot s = m.snapshot();
    // One line a shell test can compare: "corosync quorate node1:on:local:0=up,1=up node2:off:0=down,1=down".
    QStringList summary{sourceName(s.source), v.quorate ? QStringLiteral("quorate") : QStringLiteral("inquorate")};
    QJsonArray nodes;
    for (const MemberNode &n : v.nodes) {
        QString item = n.name + (n.online ? QLatin1String(":on") : QLatin1String(":off"));
        if (n.local)
            item += QLatin1String(":local");
        QStringList linkStates;
        for (const LinkStatus &l : n.links)
            linkStates.append(QStringLiteral("%1=%2").arg(l.link).arg(l.connected ? QLatin1String("up") : QLatin1String("down")));
        if (!linkStates.isEmpty())
            item += QLatin1Char(':') + linkStates.join(QLatin1Char(','));
        summary.append(item);
        QJsonObject o{{QStringLiteral("name"), n.name},     {QStringLiteral("nodeid"), n.nodeid},
                      {QStringLiteral("ip"), n.address},     {QStringLiteral("votes"), n.votes},
                      {QStringLiteral("online"), n.online ? 1 : 0}, {QStringLiteral("local"), n.local ? 1 : 0}};
        if (!n.links.isEmpty()) {
            QJsonArray links;
            for (const LinkStatus &l : n.links)
                links.append(QJsonObject{{QStringLiteral("link"), l.link},
                                         {QStringLiteral("connected"), l.connected ? 1 : 0},
                                         {QStringLiteral("address"), l.address}});
            o.insert(QStringLiteral("links"), links);
        }
        nodes.append(o);
    }
    QJsonObject out{
        {QStringLiteral("source"), sourceName(s.source)},
        {QStringLiteral("standalone"), v.standalone() ? 1 : 0},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("quorate"), v.quorate ? 1 : 0},
        {QStringLiteral("version"), v.configVersion},
        {QStringLiteral("expected_votes"), qint64(s.expectedVotes)},
        {QStringLiteral("total_votes"), qint64(s.totalVotes)},
        {QStringLiteral("local_nodeid"), qint64(s.localNodeId)},
        {QStringLiteral("nodes"), nodes},
        {QStringLiteral("summary"), summary.join(QLatin1Char(' '))},
    };
    if (!s.problem.isEmpty())
        out.insert(QStringLiteral("problem"), s.problem);
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints what the corosync membership backend sees, as JSON."));
    parser.addHelpOption();
    const QCommandLineOption conf(QStringLiteral("conf"), QStringLiteral("corosync.conf to watch."), QStringLiteral("path"),
                                  CorosyncMembership::defaultConfigPath());
    const QCommandLineOption node(QStringLiteral("node"), QStringLiteral("This node's name (default: the host name)."),
                                  QStringLiteral("name"), QSysInfo::machineHostName());
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the first view."),
                                     QStringLiteral("seconds"), QStringLiteral("10"));
    const QCommandLineOption watch(QStringLiteral("watch"), QStringLiteral("Print each new view for this many seconds."),
                                   QStringLiteral("seconds"));
    parser.addOptions({conf, node, timeout, watch});
    parser.process(app);

    CorosyncMembership membership(parser.value(node), parser.value(conf));
    const bool watching = parser.isSet(watch);
    QByteArray last;
    auto print = [&] {
        QByteArray line = describe(membership);
        if (line == last)
            return;
        last = line;
        if (watching) // when it was seen, to time reactions against the lab's events
            line.insert(1, QStringLiteral("\"time\":%1,").arg(QDateTime::currentMSecsSinceEpoch() / 1000.0, 0, 'f', 3).toUtf8());
        std::fputs(line.constData(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    };

    int status = 0;
    bool started = false;
    QTimer firstView; // how long the first view may take
    firstView.setSingleShot(true);
    QObject::connect(&firstView, &QTimer::timeout, &app, [&] {
        std::fprintf(stderr, "membership-probe: no view from %s and corosync within %s s\n",
                     qPrintable(parser.value(conf)), qPrintable(parser.value(timeout)));
        status = 1;
        app.quit();
    });
    QTimer watchEnd;
    watchEnd.setSingleShot(true);
    QObject::connect(&watchEnd, &QTimer::timeout, &app, &QCoreApplication::quit);
    auto onChanged = [&] {
        if (!membership.ready())
            return;
        print();
        if (started)
            return;
        started = true;
        firstView.stop();
        if (watching)
            watchEnd.start(int(parser.value(watch).toDouble() * 1000));
        else
            app.quit();
    };
    QObject::connect(&membership, &Membership::changed, &app, onChanged);
    firstView.start(int(parser.value(timeout).toDouble() * 1000));
    QTimer::singleShot(0, &app, onChanged); // the first pass may be done before we listen
    app.exec();
    return status;
}
