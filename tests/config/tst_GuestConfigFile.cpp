#include "GoldenCorpus.h"
#include "config/GuestConfigFile.h"

#include <QRandomGenerator>
#include <QTest>

using namespace atalaia::config;
using Kind = GuestConfigFile::Kind;
using Id = GuestConfigFile::SectionId;
using Type = GuestConfigFile::SectionType;

namespace {

// Corpus cases are named after their kind: "lxc-typical.in" is a container config.
Kind kindOfCase(const QString &name)
{
    return name.startsWith(QLatin1String("lxc-")) ? Kind::Lxc : Kind::Qemu;
}

GuestConfigFile parseGuest(const QByteArray &text, Kind kind = Kind::Qemu)
{
    return GuestConfigFile::parse(text, QStringLiteral("100.conf"), kind);
}

// "main", "pending", "cloudinit" or "snap:<name>".
Id sectionOf(const QString &token)
{
    if (token == QLatin1String("pending"))
        return Id::pending();
    if (token == QLatin1String("cloudinit"))
        return Id::cloudInit();
    if (token.startsWith(QLatin1String("snap:")))
        return Id::snapshot(token.sliced(5).toUtf8());
    return Id::mainConfig();
}

// Runs one edit written as "verb args..." (see edits_data); returns the edit's result.
bool runEdit(GuestConfigFile &file, const QString &command)
{
    const QStringList words = command.split(QLatin1Char(' '));
    const QString &verb = words.at(0);
    const QByteArray arg1 = words.value(1).toUtf8();
    const QByteArray rest = words.mid(2).join(QLatin1Char(' ')).toUtf8();
    // For the section edits: "verb SECTION KEY VALUE..."
    const Id section = sectionOf(words.value(1));
    const QByteArray key = words.value(2).toUtf8();
    const QByteArray value = words.mid(3).join(QLatin1Char(' ')).toUtf8();
    if (verb == QLatin1String("set"))
        return file.setValue(section, key, value);
    if (verb == QLatin1String("remove"))
        return file.remove(section, key);
    if (verb == QLatin1String("describe"))
        return file.setDescription(section, QString::fromUtf8(rest).replace(QLatin1String("\\n"), QLatin1String("\n")));
    if (verb == QLatin1String("snapshot")) {
        QList<QPair<QByteArray, QByteArray>> entries;
        for (const QString &pair : words.mid(2)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            entries.append({pair.first(eq).toUtf8(), pair.sliced(eq + 1).toUtf8()});
        }
        return file.addSnapshot(arg1, entries);
    }
    if (verb == QLatin1String("unsnapshot"))
        return file.removeSnapshot(arg1);
    if (verb == QLatin1String("pending"))
        return file.setPending(arg1, rest);
    if (verb == QLatin1String("delete"))
        return file.deletePending(arg1, rest == "force");
    if (verb == QLatin1String("revert"))
        return file.revertPending(arg1);
    qFatal("unknown edit verb %s", qPrintable(verb));
}

} // namespace

class tst_GuestConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data() { atalaia::test::addCorpusRows(QStringLiteral("guest")); }
    void corpus()
    {
        QFETCH(QString, path);
        const QString name = QFileInfo(path).fileName();
        QVERIFY2(name.startsWith(QLatin1String("qemu-")) || name.startsWith(QLatin1String("lxc-")),
                 "corpus case name must start with its kind (qemu- or lxc-)");
        const auto file = GuestConfigFile::parse(atalaia::test::readFile(path), name, kindOfCase(name));
        atalaia::test::checkCorpusCase(path, file.toBytes(), file.diagnostics());
    }

    void parsesSectionsEntriesAndDescriptions()
    {
        const QByteArray text = "#Caf%C3%A9 %E2%98%95%3A web\n#second line\ndescription: %2B1\nmemory: 2048\n"
                                "parent: s1\n\n[PENDING]\ndelete: net1;!scsi2 ide0\ncores: 4\n\n"
                                "[s1]\n#snap note\nmemory: 1024\nsnaptime: 1700000000\n\n"
                                "[special:cloudinit]\nciuser: x\n";
        const auto file = parseGuest(text);
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(atalaia::test::renderDiagnostics(file.diagnostics())));
        QCOMPARE(file.sections().size(), 4);
        QCOMPARE(file.sections().at(0).type, Type::Main);
        QCOMPARE(file.sections().at(1).type, Type::Pending);
        QCOMPARE(file.sections().at(2).type, Type::Snapshot);
        QCOMPARE(file.sections().at(2).nameString(), QStringLiteral("s1"));
        QCOMPARE(file.sections().at(3).type, Type::CloudInit);
        QCOMPARE(file.description(Id::mainConfig()), QStringLiteral("Café ☕: web\nsecond line\n+1"));
        QCOMPARE(file.description(Id::snapshot("s1")), QStringLiteral("snap note"));
        QCOMPARE(file.description(Id::pending()), QString());
        const auto *memory = file.find(Id::mainConfig(), "memory");
        QVERIFY(memory);
        QCOMPARE(memory->valueString(), QStringLiteral("2048"));
        QCOMPARE(memory->line, 3);
        QCOMPARE(memory->valueByte, 8);
        QVERIFY(!file.find(Id::mainConfig(), "description"));
        QCOMPARE(file.find(Id::snapshot("s1"), "memory")->valueString(), QStringLiteral("1024"));
        QCOMPARE(file.find(Id::pending(), "cores")->valueString(), QStringLiteral("4"));
        QCOMPARE(file.find(Id::cloudInit(), "ciuser")->valueString(), QStringLiteral("x"));
        const auto deletes = file.pendingDeletes();
        QCOMPARE(deletes.size(), 3);
        QCOMPARE(deletes.at(1).key, QByteArray("scsi2"));
        QVERIFY(!deletes.at(0).force && deletes.at(1).force && !deletes.at(2).force);
    }

    void containerRawKeysRepeat()
    {
        const auto file = parseGuest("hostname: ct\nlxc.idmap: u 0 100000 65536\nlxc.idmap = g 0 100000 65536\n"
                                     "lxc.cap.drop:\n[pve:pending]\nswap: 0\n", Kind::Lxc);
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(atalaia::test::renderDiagnostics(file.diagnostics())));
        QCOMPARE(file.sections().at(0).entries.size(), 4);
        QCOMPARE(file.find(Id::mainConfig(), "lxc.idmap")->valueString(), QStringLiteral("u 0 100000 65536"));
        QCOMPARE(file.sections().at(0).entries.at(2).valueString(), QStringLiteral("g 0 100000 65536"));
        QCOMPARE(file.find(Id::pending(), "swap")->valueString(), QStringLiteral("0"));
    }

    void structureOnlyWithoutValidation()
    {
        const QByteArray text = "ostype: win99\nfrobnicate: 1\nmemory: 1\nmemory: 2\nparent: nope\n";
        const auto file = GuestConfigFile::parse(text, QStringLiteral("100.conf"), Kind::Qemu, false);
        QCOMPARE(atalaia::test::renderDiagnostics(file.diagnostics()),
                 QStringLiteral("100.conf:4:1: error: 'memory' is set twice in the main config (first on line 3): "
                                "keep one\n100.conf:5:9: error: parent snapshot 'nope' does not exist: this file has "
                                "no snapshots, remove the line\n"));
        QCOMPARE(file.toBytes(), text);
    }

    void notTextHasNoSections()
    {
        auto file = parseGuest(QByteArray("memory: 1\n\0\n", 12));
        QVERIFY(file.sections().isEmpty());
        QVERIFY(!file.setValue(Id::mainConfig(), "memory", "2"));
        QVERIFY(!file.setPending("memory", "2"));
        QVERIFY(!file.addSnapshot("s1", {}));
        QCOMPARE(file.toBytes(), QByteArray("memory: 1\n\0\n", 12));
    }

    // Each row: the kind, a file, edits separated by " | " (a leading '!' means
    // the edit must be refused) and the file expected afterwards.
    void edits_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("edits");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray vm = "#note\ncores: 1\nmemory: 512\n\n[s1]\ncores: 1\nsnaptime: 1\n";
        QTest::newRow("set in place") << "qemu" << vm << "set main memory 1024"
            << QByteArray("#note\ncores: 1\nmemory: 1024\n\n[s1]\ncores: 1\nsnaptime: 1\n");
        QTest::newRow("set appends to its section") << "qemu" << vm << "set main name web | set snap:s1 memory 256"
            << QByteArray("#note\ncores: 1\nmemory: 512\nname: web\n\n[s1]\ncores: 1\nsnaptime: 1\nmemory: 256\n");
        QTest::newRow("set into an empty file") << "qemu" << QByteArray() << "set main memory 512"
            << QByteArray("memory: 512\n");
        QTest::newRow("set without final newline") << "qemu" << QByteArray("cores: 1") << "set main memory 512"
            << QByteArray("cores: 1\nmemory: 512\n");
        QTest::newRow("remove") << "qemu" << vm << "remove main cores | !remove main cores | !remove snap:nope cores"
            << QByteArray("#note\nmemory: 512\n\n[s1]\ncores: 1\nsnaptime: 1\n");
        QTest::newRow("refused values") << "qemu" << vm
            << "!set main memory | !set main Memory 1 | !set main description x | !set main delete x"
               " | !set snap:s2 cores 1 | !set main lxc.x 1"
            << vm;
        QTest::newRow("describe replaces in place") << "qemu" << QByteArray("memory: 1\n#old\n#text\ncores: 1\n")
            << "describe main Café: 50% off\\n\\nbye\\n"
            << QByteArray("memory: 1\n#Caf%C3%A9%3A 50%25 off\n#\n#bye\ncores: 1\n");
        QTest::newRow("describe adds at the top") << "qemu" << vm
            << "describe snap:s1 before upgrade | remove main description"
            << QByteArray("cores: 1\nmemory: 512\n\n[s1]\n#before upgrade\ncores: 1\nsnaptime: 1\n");
        QTest::newRow("add snapshot") << "qemu" << vm
            << "snapshot s2 parent=s1 snaptime=2 memory=512 | set main parent s2"
               " | !snapshot s2 | !snapshot pending | !snapshot x"
            << QByteArray("#note\ncores: 1\nmemory: 512\nparent: s2\n\n[s1]\ncores: 1\nsnaptime: 1\n"
                          "\n[s2]\nparent: s1\nsnaptime: 2\nmemory: 512\n");
        const QByteArray chain = "memory: 1\nparent: c3\n\n[a1]\nsnaptime: 1\n\n[b2]\nparent: a1\nsnaptime: 2\n"
                                 "\n[c3]\nparent: b2\nsnaptime: 3\n";
        QTest::newRow("remove snapshot re-points children") << "qemu" << chain
            << "unsnapshot b2 | unsnapshot c3 | !unsnapshot c3"
            << QByteArray("memory: 1\nparent: a1\n\n[a1]\nsnaptime: 1\n");
        QTest::newRow("remove root snapshot drops parent lines") << "qemu" << chain << "unsnapshot a1"
            << QByteArray("memory: 1\nparent: c3\n\n[b2]\nsnaptime: 2\n\n[c3]\nparent: b2\nsnaptime: 3\n");
        QTest::newRow("pending before snapshots") << "qemu" << vm << "pending memory 2048 | delete cores force"
            << QByteArray("#note\ncores: 1\nmemory: 512\n\n[PENDING]\nmemory: 2048\ndelete: !cores\n"
                          "\n[s1]\ncores: 1\nsnaptime: 1\n");
        QTest::newRow("pending value and deletion exclude each other") << "qemu"
            << QByteArray("memory: 1\n\n[PENDING]\ncores: 2\ndelete: net0,name\n") << "delete cores | pending name x"
            << QByteArray("memory: 1\n\n[PENDING]\ndelete: net0,cores\nname: x\n");
        QTest::newRow("revert empties and drops the section") << "qemu"
            << QByteArray("memory: 1\n[PENDING]\ndelete: net0\ncores: 2\n\n[s1]\nsnaptime: 1\n")
            << "revert net0 | revert cores | !revert cores" << QByteArray("memory: 1\n[s1]\nsnaptime: 1\n");
        QTest::newRow("container pending") << "lxc" << QByteArray("hostname: ct\nlxc.idmap: u 0 1 2\n")
            << "pending swap 512 | set main lxc.apparmor.profile unconfined | set main lxc.idmap u 0 100000 65536"
               " | set main lxc.cap.drop"
            << QByteArray("hostname: ct\nlxc.idmap: u 0 100000 65536\nlxc.apparmor.profile: unconfined\n"
                          "lxc.cap.drop:\n\n[pve:pending]\nswap: 512\n");
        QTest::newRow("crlf lines kept") << "qemu" << QByteArray("cores: 1\r\nmemory: 1\r\n") << "set main cores 2"
            << QByteArray("cores: 2\r\nmemory: 1\r\n");
    }
    void edits()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, input);
        QFETCH(QString, edits);
        QFETCH(QByteArray, expected);
        auto file = parseGuest(input, kind == QLatin1String("lxc") ? Kind::Lxc : Kind::Qemu);
        const bool wasClean = !hasErrors(file.diagnostics());
        for (QString edit : edits.split(QLatin1String(" | "))) {
            const bool refuse = edit.startsWith(QLatin1Char('!'));
            if (refuse)
                edit.remove(0, 1);
            QVERIFY2(runEdit(file, edit) != refuse, qPrintable(edit));
        }
        QCOMPARE(file.toBytes(), expected);
        if (wasClean)
            QVERIFY2(!hasErrors(file.diagnostics()), qPrintable(atalaia::test::renderDiagnostics(file.diagnostics())));
        QCOMPARE(parseGuest(expected).toBytes(), expected);
    }

    // Property-based: random files (valid and broken lines, odd spacing, CRLF,
    // missing final newlines, raw bytes) survive parse -> write byte for byte,
    // and an edit on top sets exactly the value asked for.
    void randomRoundTrip()
    {
        QRandomGenerator rng(20261127);
        const QList<QByteArray> pieces = {
            "memory: 1024", "cores:2", "net0: virtio=BC:24:11:00:00:01,bridge=vmbr0", "#Caf%C3%A9 %3A", "#", "",
            "   ", "\t", "[snap1]", "[PENDING]", "[pve:pending]", "[special:cloudinit]", "[s-2]", "[bad", "[x] y",
            "parent: snap1", "snaptime: 17", "delete: net0,!scsi1", "lxc.idmap = u 0 1 2", "lxc.cap.drop:",
            "garbage", "  indented: 1", "Memory: 1", "name:", "description: a%20b", "ostype: l26 ", "ção: 1",
            "rootfs: local:8", "memory: 1\r",
        };
        for (int round = 0; round < 600; ++round) {
            QByteArray text;
            const int lines = int(rng.bounded(25));
            for (int i = 0; i < lines; ++i) {
                if (rng.bounded(40) == 0) {
                    text += char(rng.bounded(256));
                    continue;
                }
                text += pieces.at(int(rng.bounded(qsizetype(pieces.size())))) + (rng.bounded(12) ? "\n" : "");
            }
            const Kind kind = round % 2 ? Kind::Lxc : Kind::Qemu;
            auto file = parseGuest(text, kind);
            QCOMPARE(file.toBytes(), text);
            if (file.sections().isEmpty())
                continue;
            QVERIFY(file.setValue(Id::mainConfig(), "memory", "4096"));
            QCOMPARE(file.find(Id::mainConfig(), "memory")->valueString(), QStringLiteral("4096"));
            QVERIFY(file.setPending("cores", "8"));
            QCOMPARE(file.find(Id::pending(), "cores")->valueString(), QStringLiteral("8"));
            QCOMPARE(parseGuest(file.toBytes(), kind).toBytes(), file.toBytes());
        }
    }
};

QTEST_GUILESS_MAIN(tst_GuestConfigFile)
#include "tst_GuestConfigFile.moc"
