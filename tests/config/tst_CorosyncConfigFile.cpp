#include "config/CorosyncConfigFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include <optional>
#include <tuple>

using atalaia::Code;
using atalaia::config::CorosyncConfigFile;

namespace {

QString corpusDir() { return QStringLiteral(ATALAIA_TEST_DATA_DIR "/config/corosync"); }

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString diagnosticsText(const CorosyncConfigFile &file)
{
    QString text;
    for (const auto &d : file.diagnostics())
        text += d.toString() + u'\n';
    return text;
}

// What pvecm writes for a 2-node cluster (pve1, pve3) with one link.
const QByteArray kPvecm = "logging {\n"
                               "  debug: off\n"
                               "  to_syslog: yes\n"
                               "}\n"
                               "\n"
                               "nodelist {\n"
                               "  node {\n"
                               "    name: pve1\n"
                               "    nodeid: 1\n"
                               "    quorum_votes: 1\n"
                               "    ring0_addr: 10.0.0.1\n"
                               "  }\n"
                               "  node {\n"
                               "    name: pve3\n"
                               "    nodeid: 3\n"
                               "    quorum_votes: 1\n"
                               "    ring0_addr: 10.0.0.3\n"
                               "  }\n"
                               "}\n"
                               "\n"
                               "quorum {\n"
                               "  provider: corosync_votequorum\n"
                               "}\n"
                               "\n"
                               "totem {\n"
                               "  cluster_name: demo\n"
                               "  config_version: 4\n"
                               "  interface {\n"
                               "    linknumber: 0\n"
                               "  }\n"
                               "  ip_version: ipv4-6\n"
                               "  link_mode: passive\n"
                               "  secauth: on\n"
                               "  version: 2\n"
                               "}\n"
                               "\n";

// The same cluster, hand-edited with tabs and without the pvecm blank lines.
const QByteArray kTabbed = "totem {\n"
                           "\tversion: 2\n"
                           "\tcluster_name: demo\n"
                           "\tconfig_version: 4\n"
                           "}\n"
                           "nodelist {\n"
                           "\tnode {\n"
                           "\t\tname: pve1\n"
                           "\t\tnodeid: 1\n"
                           "\t\tring0_addr: 10.0.0.1\n"
                           "\t}\n"
                           "}\n"
                           "quorum {\n"
                           "\tprovider: corosync_votequorum\n"
                           "}";

// Runs EDIT, written 'op|arg|arg...'; returns its error, if any.
std::optional<atalaia::Error> applyEdit(CorosyncConfigFile &file, const QString &edit)
{
    const QStringList args = edit.split(u'|').mid(1);
    const QString op = edit.section(u'|', 0, 0);
    auto error = [](const auto &result) { return result ? std::nullopt : std::optional(result.error()); };
    auto arg = [&](qsizetype i) { return args.value(i); };
    if (op == u"setValue")
        return error(file.setValue(arg(0).toUtf8(), arg(1).toUtf8(), arg(2).toUtf8()));
    if (op == u"removeValue")
        return error(file.removeValue(arg(0).toUtf8(), arg(1).toUtf8()));
    if (op == u"bumpConfigVersion")
        return error(file.bumpConfigVersion());
    if (op == u"addNode") {
        QMap<int, QString> ringAddrs; // link|address pairs after name|nodeid|votes
        for (qsizetype i = 3; i + 1 < args.size(); i += 2)
            ringAddrs.insert(args[i].toInt(), args[i + 1]);
        return error(file.addNode(arg(0), arg(1).toUInt(), arg(2).toUInt(), ringAddrs));
    }
    if (op == u"removeNode")
        return error(file.removeNode(arg(0)));
    if (op == u"setNodeValue")
        return error(file.setNodeValue(arg(0), arg(1).toUtf8(), arg(2).toUtf8()));
    if (op == u"setRingAddress")
        return error(file.setRingAddress(arg(0), arg(1).toInt(), arg(2)));
    if (op == u"addInterface")
        return error(args.size() > 1 ? file.addInterface(arg(0).toInt(), arg(1).toInt())
                                     : file.addInterface(arg(0).toInt()));
    return atalaia::Error{Code::Internal, QStringLiteral("unknown edit ") + edit};
}

// Random corosync-ish text: nesting, indentation styles, comments, blank
// lines, odd spacing, and now and then a broken line.
QByteArray randomFile(QRandomGenerator &rng)
{
    static const char *const words[] = {"totem", "node", "name", "ring0_addr", "nodeid", "x", "quorum", "interface",
                                        "10.0.0.1", "fd00::1", "on", "2", "é", "a_b-c"};
    auto word = [&] { return QByteArray(words[rng.bounded(int(std::size(words)))]); };
    const QByteArray indentUnit = rng.bounded(2) ? QByteArray("\t") : QByteArray(rng.bounded(1, 5), ' ');
    const QByteArray eol = rng.bounded(8) == 0 ? QByteArray("\r\n") : QByteArray("\n");
    QByteArray out;
    int depth = 0;
    const int lines = rng.bounded(60);
    for (int i = 0; i < lines; ++i) {
        QByteArray indent = indentUnit.repeated(depth);
        switch (rng.bounded(10)) {
        case 0: out += indent + "# " + word() + ' ' + word(); break;
        case 1: out += rng.bounded(2) ? QByteArray() : QByteArray(" \t"); break;
        case 2: case 3: out += indent + word() + " {"; ++depth; break;
        case 4: case 5:
            if (depth > 0 || rng.bounded(6) == 0) {
                depth = std::max(0, depth - 1);
                out += indentUnit.repeated(depth) + '}';
                break;
            }
            [[fallthrough]];
        case 6: case 7: out += indent + word() + ": " + word(); break;
        case 8: out += indent + word() + (rng.bounded(2) ? ":" : " : ") + word() + (rng.bounded(2) ? " " : ""); break;
        default: out += indent + word() + ' ' + word() + (rng.bounded(2) ? " { " + word() : QByteArray()); break;
        }
        out += eol;
    }
    while (depth > 0 && rng.bounded(4) != 0)
        out += indentUnit.repeated(--depth) + '}' + eol;
    if (rng.bounded(4) == 0 && out.endsWith('\n'))
        out.chop(eol.size());
    return out;
}

// A valid pvecm-style file for a cluster of 1..12 nodes on 1..3 links.
QByteArray randomCluster(QRandomGenerator &rng, int *nodeCount)
{
    const int nodes = rng.bounded(1, 13);
    const int links = rng.bounded(1, 4);
    QByteArray out = "logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n";
    for (int n = 1; n <= nodes; ++n) {
        out += "  node {\n    name: node" + QByteArray::number(n) + "\n    nodeid: " + QByteArray::number(n)
            + "\n    quorum_votes: 1\n";
        for (int l = 0; l < links; ++l)
            out += "    ring" + QByteArray::number(l) + "_addr: 10." + QByteArray::number(l) + ".0."
                + QByteArray::number(n) + '\n';
        out += "  }\n";
    }
    out += "}\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: c"
        + QByteArray::number(rng.bounded(1000)) + "\n  config_version: " + QByteArray::number(rng.bounded(50))
        + '\n';
    for (int l = 0; l < links; ++l)
        out += "  interface {\n    linknumber: " + QByteArray::number(l) + "\n  }\n";
    out += "  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n\n";
    *nodeCount = nodes;
    return out;
}

} // namespace

class tst_CorosyncConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void accessors();
    void edits_data();
    void edits();
    void editErrors_data();
    void editErrors();
    void editsKeepFileClean();
    void randomRoundTrip();
    void randomClusterEdits();
    void hostileInput_data();
    void hostileInput();
};

void tst_CorosyncConfigFile::corpus_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusDir());
    const QStringList inputs = dir.entryList({QStringLiteral("*.in")}, QDir::Files, QDir::Name);
    QVERIFY2(!inputs.isEmpty(), qPrintable(corpusDir()));
    for (const QString &input : inputs)
        QTest::newRow(qPrintable(input)) << dir.filePath(input);
}

// Every input round-trips byte for byte; its diagnostics match <case>.err
// (no .err: no diagnostics at all). ATALAIA_REGENERATE=1 rewrites the .err files.
void tst_CorosyncConfigFile::corpus()
{
    QFETCH(QString, path);
    const QByteArray input = readFile(path);
    const QString caseName = QFileInfo(path).completeBaseName();
    const CorosyncConfigFile file = CorosyncConfigFile::parse(input, caseName);
    QCOMPARE(file.toBytes(), input);

    const QString actual = diagnosticsText(file);
    const QString errPath = path.chopped(3) + QStringLiteral(".err");
    if (qEnvironmentVariableIntValue("ATALAIA_REGENERATE") == 1) {
        if (actual.isEmpty()) {
            QFile::remove(errPath);
        } else {
            QFile out(errPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
        }
        return;
    }
    QCOMPARE(actual, QString::fromUtf8(readFile(errPath)));
}

void tst_CorosyncConfigFile::accessors()
{
    const CorosyncConfigFile file = CorosyncConfigFile::parse(readFile(corpusDir() + QStringLiteral("/pvecm-3node-2links.in")),
                                                              QStringLiteral("x"));
    QVERIFY(file.diagnostics().isEmpty());
    QCOMPARE(file.clusterName(), QStringLiteral("prod-east"));
    QCOMPARE(file.configVersion().value_or(0), quint64(7));
    QCOMPARE(file.totemValue("link_mode"), QStringLiteral("passive"));
    QCOMPARE(file.value("logging", "debug"), QStringLiteral("off"));
    QCOMPARE(file.value("totem.interface", "knet_link_priority"), QStringLiteral("20"));
    QCOMPARE(file.interfaceLinks(), (QList<int>{0, 1}));
    QVERIFY(!file.find("totem", "token"));
    const QList<CorosyncConfigFile::Node> nodes = file.nodes();
    QCOMPARE(nodes.size(), 3);
    QCOMPARE(nodes[1].name, QStringLiteral("pve-b"));
    QCOMPARE(nodes[1].nodeid, 2u);
    QCOMPARE(nodes[1].votes, 1u);
    QCOMPARE(nodes[1].ringAddrs, (QMap<int, QString>{{0, QStringLiteral("10.0.0.2")}, {1, QStringLiteral("fd00:cafe::2")}}));
    QCOMPARE(nodes[1].line, 13);

    const CorosyncConfigFile::Block *net = file.block("nodelist");
    QVERIFY(net);
    QCOMPARE(net->line, 5);
    QCOMPARE(net->closeLine, 27);
    QCOMPARE(net->children.size(), 3);
    QCOMPARE(net->children[2].entries[3].key.toByteArray(), QByteArray("ring0_addr"));
    QCOMPARE(net->children[2].entries[3].line, 24);

    const CorosyncConfigFile qdevice = CorosyncConfigFile::parse(readFile(corpusDir() + QStringLiteral("/pvecm-2node-qdevice.in")),
                                                                 QStringLiteral("q"));
    QCOMPARE(qdevice.value("quorum.device.net", "host"), QStringLiteral("10.10.10.254"));
    QCOMPARE(qdevice.value("quorum.device.net", "missing"), QString());
}

void tst_CorosyncConfigFile::edits_data()
{
    // "edit" is 'op|arg|arg...', run by applyEdit().
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, const QByteArray &input, const char *edit, const char *from, const char *to) {
        QTest::newRow(name) << input << QString::fromUtf8(edit) << QByteArray(input).replace(from, to);
    };
    row("bump config_version", kPvecm, "bumpConfigVersion", "config_version: 4", "config_version: 5");
    row("set existing totem key", kPvecm, "setValue|totem|link_mode|active", "link_mode: passive", "link_mode: active");
    row("add totem key in sorted place", kPvecm, "setValue|totem|token|10000", "  secauth: on\n",
        "  secauth: on\n  token: 10000\n");
    row("add first key of a block", kPvecm, "setValue|quorum|expected_votes|2", "quorum {\n",
        "quorum {\n  expected_votes: 2\n");
    row("create nested blocks", kPvecm, "setValue|resources.system|max|80", "totem {\n",
        "resources {\n  system {\n    max: 80\n  }\n}\n\ntotem {\n");
    row("create top-level block", kPvecm, "setValue|system|sched_rr|yes", "totem {\n",
        "system {\n  sched_rr: yes\n}\n\ntotem {\n");
    row("remove key", kPvecm, "removeValue|logging|debug", "  debug: off\n", "");
    row("add node between", kPvecm, "addNode|pve2|2|1|0|10.0.0.2", "  node {\n    name: pve3",
        "  node {\n    name: pve2\n    nodeid: 2\n    quorum_votes: 1\n    ring0_addr: 10.0.0.2\n  }\n"
        "  node {\n    name: pve3");
    row("add node last", kPvecm, "addNode|pve9|9|2|0|10.0.0.9|1|10.1.0.9", "10.0.0.3\n  }\n",
        "10.0.0.3\n  }\n  node {\n    name: pve9\n    nodeid: 9\n    quorum_votes: 2\n    ring0_addr: 10.0.0.9\n"
        "    ring1_addr: 10.1.0.9\n  }\n");
    row("remove node", kPvecm, "removeNode|pve1",
        "  node {\n    name: pve1\n    nodeid: 1\n    quorum_votes: 1\n    ring0_addr: 10.0.0.1\n  }\n", "");
    row("change ring address", kPvecm, "setRingAddress|pve3|0|10.0.0.33", "10.0.0.3\n", "10.0.0.33\n");
    row("add link1 address", kPvecm, "setRingAddress|pve1|1|10.1.0.1", "10.0.0.1\n",
        "10.0.0.1\n    ring1_addr: 10.1.0.1\n");
    row("node value", kPvecm, "setNodeValue|pve3|quorum_votes|2", "nodeid: 3\n    quorum_votes: 1",
        "nodeid: 3\n    quorum_votes: 2");
    row("add interface", kPvecm, "addInterface|1", "linknumber: 0\n  }\n",
        "linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n");
    row("add interface with priority", kPvecm, "addInterface|1|10", "linknumber: 0\n  }\n",
        "linknumber: 0\n  }\n  interface {\n    knet_link_priority: 10\n    linknumber: 1\n  }\n");

    row("tabs: add key next to its peers", kTabbed, "setValue|totem|secauth|on", "\tconfig_version: 4\n",
        "\tconfig_version: 4\n\tsecauth: on\n");
    row("tabs: add node", kTabbed, "addNode|pve2|2|1|0|10.0.0.2", "10.0.0.1\n\t}\n",
        "10.0.0.1\n\t}\n\tnode {\n\t\tname: pve2\n\t\tnodeid: 2\n\t\tquorum_votes: 1\n\t\tring0_addr: 10.0.0.2\n\t}\n");
    row("tabs: new interface block", kTabbed, "addInterface|0", "\tconfig_version: 4\n",
        "\tconfig_version: 4\n\tinterface {\n\t\tlinknumber: 0\n\t}\n");
    QTest::newRow("no final newline: block appended") << kTabbed << QStringLiteral("setValue|uidgid|uid|hacluster")
                                                      << kTabbed + "\n\nuidgid {\n\tuid: hacluster\n}\n\n";
    row("no final newline: key in last block", kTabbed, "setValue|quorum|two_node|1", "corosync_votequorum\n}",
        "corosync_votequorum\n\ttwo_node: 1\n}");
}

// Each edit yields exactly the expected text: the intended lines changed,
// every other byte kept; the result re-parses to itself. (Single edits may
// leave a half-done state, such as link 1 on one node only; whole workflows
// are checked for cleanliness in editsKeepFileClean.)
void tst_CorosyncConfigFile::edits()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, edit);
    QFETCH(QByteArray, expected);
    CorosyncConfigFile file = CorosyncConfigFile::parse(input, QStringLiteral("corosync.conf"));
    QCOMPARE(diagnosticsText(file), QString());
    const std::optional<atalaia::Error> error = applyEdit(file, edit);
    QVERIFY2(!error, qPrintable(error ? error->message : QString()));
    QCOMPARE(file.toBytes(), expected);
    QCOMPARE(CorosyncConfigFile::parse(file.toBytes(), QStringLiteral("corosync.conf")).toBytes(), expected);
}

void tst_CorosyncConfigFile::editErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<int>("code");

    auto row = [](const char *name, const QByteArray &input, const char *edit, Code code) {
        QTest::newRow(name) << input << QString::fromUtf8(edit) << int(code);
    };
    row("syntax error blocks edits", "totem {\n  version: 2\n", "bumpConfigVersion", Code::ConfigSyntax);
    row("CRLF blocks edits", QByteArray(kPvecm).replace("\n", "\r\n"), "removeNode|pve1", Code::ConfigSyntax);
    row("duplicate name", kPvecm, "addNode|pve1|7|1|0|10.0.0.7", Code::AlreadyExists);
    row("duplicate nodeid", kPvecm, "addNode|pve7|3|1|0|10.0.0.7", Code::Conflict);
    row("duplicate address", kPvecm, "addNode|pve7|7|1|0|10.0.0.3", Code::Conflict);
    row("nodeid 0", kPvecm, "addNode|pve7|0|1|0|10.0.0.7", Code::InvalidArgument);
    row("no links", kPvecm, "addNode|pve7|7|1", Code::InvalidArgument);
    row("link 8", kPvecm, "addNode|pve7|7|1|8|10.0.0.7", Code::InvalidArgument);
    row("name with space", kPvecm, "addNode|pve 7|7|1|0|10.0.0.7", Code::InvalidArgument);
    row("remove unknown node", kPvecm, "removeNode|pve2", Code::NotFound);
    row("address taken", kPvecm, "setRingAddress|pve1|0|10.0.0.3", Code::Conflict);
    row("ring address of unknown node", kPvecm, "setRingAddress|pve2|0|10.0.0.2", Code::NotFound);
    row("interface exists", kPvecm, "addInterface|0", Code::AlreadyExists);
    row("interface out of range", kPvecm, "addInterface|8", Code::InvalidArgument);
    row("value with brace", kPvecm, "setValue|totem|token|{", Code::InvalidArgument);
    row("value with newline", kPvecm, "setValue|totem|token|1\nx: y", Code::InvalidArgument);
    row("value with comment", kPvecm, "setValue|totem|token|1#x", Code::InvalidArgument);
    row("key with colon", kPvecm, "setValue|totem|a:b|1", Code::InvalidArgument);
    row("bad block path", kPvecm, "setValue|totem..interface|a|1", Code::InvalidArgument);
    row("remove missing key", kPvecm, "removeValue|totem|token", Code::NotFound);
    row("bump without config_version", QByteArray(kPvecm).replace("  config_version: 4\n", ""), "bumpConfigVersion",
        Code::NotFound);
}

// A refused edit says why and leaves the text untouched.
void tst_CorosyncConfigFile::editErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, edit);
    QFETCH(int, code);
    CorosyncConfigFile file = CorosyncConfigFile::parse(input, QStringLiteral("corosync.conf"));
    const std::optional<atalaia::Error> error = applyEdit(file, edit);
    QVERIFY(error.has_value());
    QVERIFY(!error->message.isEmpty());
    QCOMPARE(int(error->code), code);
    QCOMPARE(file.toBytes(), input);
}

// The cluster workflows chain these edits: create, join, add link 1, delnode.
void tst_CorosyncConfigFile::editsKeepFileClean()
{
    CorosyncConfigFile file = CorosyncConfigFile::parse(kPvecm, QStringLiteral("corosync.conf"));
    QVERIFY(file.addNode(QStringLiteral("pve2"), 2, 1, {{0, QStringLiteral("10.0.0.2")}}).has_value());
    QVERIFY(file.addInterface(1).has_value());
    for (const QString &name : {QStringLiteral("pve1"), QStringLiteral("pve2"), QStringLiteral("pve3")})
        QVERIFY(file.setRingAddress(name, 1, QStringLiteral("10.1.0.") + name.right(1)).has_value());
    QCOMPARE(file.bumpConfigVersion().value_or(0), quint64(5));
    QVERIFY(file.removeNode(QStringLiteral("pve3")).has_value());
    QCOMPARE(file.bumpConfigVersion().value_or(0), quint64(6));
    QCOMPARE(diagnosticsText(file), QString());
    QCOMPARE(file.toBytes(),
             QByteArray("logging {\n  debug: off\n  to_syslog: yes\n}\n\n"
                        "nodelist {\n"
                        "  node {\n    name: pve1\n    nodeid: 1\n    quorum_votes: 1\n    ring0_addr: 10.0.0.1\n"
                        "    ring1_addr: 10.1.0.1\n  }\n"
                        "  node {\n    name: pve2\n    nodeid: 2\n    quorum_votes: 1\n    ring0_addr: 10.0.0.2\n"
                        "    ring1_addr: 10.1.0.2\n  }\n"
                        "}\n\n"
                        "quorum {\n  provider: corosync_votequorum\n}\n\n"
                        "totem {\n  cluster_name: demo\n  config_version: 6\n"
                        "  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n"
                        "  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n\n"));
    const QList<CorosyncConfigFile::Node> nodes = file.nodes();
    QCOMPARE(nodes.size(), 2);
    QCOMPARE(nodes[1].ringAddrs.value(1), QStringLiteral("10.1.0.2"));

    // Adding a QDevice builds the nested blocks in pvecm's order.
    CorosyncConfigFile withDevice = CorosyncConfigFile::parse(kPvecm, QStringLiteral("corosync.conf"));
    for (const auto &[path, key, value] : {std::tuple("quorum.device", "model", "net"),
                                           std::tuple("quorum.device.net", "host", "10.0.0.9"),
                                           std::tuple("quorum.device.net", "algorithm", "ffsplit"),
                                           std::tuple("quorum.device.net", "tls", "on"),
                                           std::tuple("quorum.device", "votes", "1")})
        QVERIFY(withDevice.setValue(path, key, value).has_value());
    QCOMPARE(diagnosticsText(withDevice), QString());
    QCOMPARE(withDevice.toBytes(), QByteArray(kPvecm).replace("quorum {\n", "quorum {\n  device {\n    model: net\n"
                                                                 "    net {\n      algorithm: ffsplit\n      host: "
                                                                 "10.0.0.9\n      tls: on\n    }\n    votes: 1\n  }\n"));

    // Creating a cluster from nothing.
    CorosyncConfigFile empty = CorosyncConfigFile::parse(QByteArray(), QStringLiteral("new"));
    QVERIFY(empty.setValue("logging", "debug", "off").has_value());
    QVERIFY(empty.setValue("logging", "to_syslog", "yes").has_value());
    QVERIFY(empty.addNode(QStringLiteral("pve1"), 1, 1, {{0, QStringLiteral("10.0.0.1")}}).has_value());
    QVERIFY(empty.setValue("quorum", "provider", "corosync_votequorum").has_value());
    for (const auto &[key, value] : {std::pair("cluster_name", "demo"), std::pair("config_version", "1"),
                                     std::pair("ip_version", "ipv4-6"), std::pair("link_mode", "passive"),
                                     std::pair("secauth", "on"), std::pair("version", "2")})
        QVERIFY(empty.setValue("totem", key, value).has_value());
    QVERIFY(empty.addInterface(0).has_value());
    QCOMPARE(diagnosticsText(empty), QString());
    QCOMPARE(empty.toBytes(), readFile(corpusDir() + QStringLiteral("/pvecm-1node.in"))
                                  .replace("192.168.1.11", "10.0.0.1")
                                  .replace("homelab", "demo"));
}

// Property: any text, valid or not, comes back byte for byte (seeded, so
// a failure is reproducible).
void tst_CorosyncConfigFile::randomRoundTrip()
{
    QRandomGenerator rng(20240611);
    for (int i = 0; i < 2000; ++i) {
        const QByteArray input = randomFile(rng);
        const CorosyncConfigFile file = CorosyncConfigFile::parse(input, QStringLiteral("random"));
        if (file.toBytes() != input)
            QFAIL(qPrintable(QStringLiteral("round trip failed for case %1:\n%2").arg(i).arg(QString::fromUtf8(input))));
    }
}

// Property: valid generated clusters parse clean, and random edits keep
// them clean and consistent with the accessors.
void tst_CorosyncConfigFile::randomClusterEdits()
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 200; ++i) {
        int count = 0;
        const QByteArray input = randomCluster(rng, &count);
        CorosyncConfigFile file = CorosyncConfigFile::parse(input, QStringLiteral("cluster"));
        QCOMPARE(diagnosticsText(file), QString());
        QCOMPARE(file.toBytes(), input);
        QCOMPARE(file.nodes().size(), count);
        const int links = int(file.interfaceLinks().size());
        for (int step = 0; step < 5; ++step) {
            const auto nodes = file.nodes();
            if (rng.bounded(2) && nodes.size() > 1) {
                QVERIFY(file.removeNode(nodes[rng.bounded(int(nodes.size()))].name).has_value());
            } else {
                const quint32 id = 100 + quint32(step) + quint32(i) * 10;
                QMap<int, QString> addrs;
                for (int l = 0; l < links; ++l)
                    addrs.insert(l, QStringLiteral("192.168.%1.%2").arg(l).arg(id % 250));
                QVERIFY(file.addNode(QStringLiteral("n%1").arg(id), id, 1, addrs).has_value());
            }
            QVERIFY(file.bumpConfigVersion().has_value());
            QCOMPARE(diagnosticsText(file), QString());
            QCOMPARE(CorosyncConfigFile::parse(file.toBytes(), QStringLiteral("cluster")).toBytes(), file.toBytes());
        }
    }
}

void tst_CorosyncConfigFile::hostileInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QRandomGenerator rng(99);
    QByteArray noise(64 * 1024, Qt::Uninitialized);
    for (char &c : noise)
        c = "{}:#\n \t\r\x80\xff" "\0" "a"[rng.bounded(12)];
    QTest::newRow("binary noise") << noise;
    QTest::newRow("deep nesting") << QByteArray("a {\n").repeated(100000);
    QTest::newRow("closing braces") << QByteArray("}\n").repeated(100000);
    QTest::newRow("huge line") << "totem {\n  cluster_name: " + QByteArray(2 * 1024 * 1024, 'x') + "\n}\n";
    QTest::newRow("huge brace line") << QByteArray(1024 * 1024, '{');
    QTest::newRow("many keys") << "totem {\n" + QByteArray("  k: v\n").repeated(50000) + "}\n";
    QTest::newRow("too large") << QByteArray(9 * 1024 * 1024, 'a');
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only newline") << QByteArray("\n");
}

// Never crash; always round-trip; always say something about broken input.
void tst_CorosyncConfigFile::hostileInput()
{
    QFETCH(QByteArray, input);
    CorosyncConfigFile file = CorosyncConfigFile::parse(input, QStringLiteral("hostile"));
    QCOMPARE(file.toBytes(), input);
    QVERIFY(atalaia::config::hasErrors(file.diagnostics()));
    for (const auto &d : file.diagnostics())
        QVERIFY(d.message.size() < 400);
    auto result = file.bumpConfigVersion(); // refused or harmless, never a crash
    Q_UNUSED(result);
}

QTEST_GUILESS_MAIN(tst_CorosyncConfigFile)
#include "tst_CorosyncConfigFile.moc"
