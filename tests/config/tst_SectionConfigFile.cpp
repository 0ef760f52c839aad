#include "GoldenCorpus.h"
#include "config/ConfigFormat.h"
#include "config/KeyValueFile.h"
#include "config/SectionConfigFile.h"

#include <QRandomGenerator>
#include <QTest>

using namespace atalaia::config;

namespace {

// Corpus cases are named after their file: "storage-rbd.in" is a storage.cfg.
ConfigFormat formatOfCase(const QString &fileName)
{
    static const QList<QPair<QString, ConfigFormat>> kPrefixes = {
        {QStringLiteral("storage-"), ConfigFormat::StorageCfg},
        {QStringLiteral("domains-"), ConfigFormat::DomainsCfg},
        {QStringLiteral("hagroups-"), ConfigFormat::HaGroups},
        {QStringLiteral("haresources-"), ConfigFormat::HaResources},
        {QStringLiteral("harules-"), ConfigFormat::HaRules},
        {QStringLiteral("datacenter-"), ConfigFormat::DatacenterCfg},
    };
    for (const auto &[prefix, format] : kPrefixes)
        if (fileName.startsWith(prefix))
            return format;
    return ConfigFormat::Unknown;
}

} // namespace

class tst_SectionConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data() { atalaia::test::addCorpusRows(QStringLiteral("section")); }
    void corpus()
    {
        QFETCH(QString, path);
        const QString name = QFileInfo(path).fileName();
        const ConfigFormat format = formatOfCase(name);
        QVERIFY2(format != ConfigFormat::Unknown, "corpus case name must start with its format");
        const QByteArray input = atalaia::test::readFile(path);
        if (format == ConfigFormat::DatacenterCfg) {
            const KeyValueFile file = KeyValueFile::parse(input, name, QStringLiteral("/cluster/options"));
            atalaia::test::checkCorpusCase(path, file.toBytes(), file.diagnostics());
        } else {
            const SectionConfigFile file = SectionConfigFile::parse(input, name, sectionSchema(format));
            atalaia::test::checkCorpusCase(path, file.toBytes(), file.diagnostics());
        }
    }

    void parsesSections()
    {
        const auto file = SectionConfigFile::parse(
            "# storage\ndir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl\n\nrbd: ceph-vm\n\tpool vm\n\tkrbd 0\n",
            QStringLiteral("storage.cfg"), sectionSchema(ConfigFormat::StorageCfg));
        QVERIFY2(file.diagnostics().isEmpty(), qPrintable(atalaia::test::renderDiagnostics(file.diagnostics())));
        QCOMPARE(file.sections().size(), 2);
        const auto *rbd = file.find("rbd", "ceph-vm");
        QVERIFY(rbd);
        QCOMPARE(rbd->find("pool")->valueString(), QStringLiteral("vm"));
        QCOMPARE(rbd->headerLine, 5);
    }

    void editsChangeOnlyTheirLines()
    {
        const QByteArray original = "# keep me\ndir: local\n\tpath /var/lib/vz\n\n# and me\nrbd: ceph\n\tpool vm\n";
        auto file = SectionConfigFile::parse(original, QStringLiteral("storage.cfg"));
        QVERIFY(file.setProperty("dir", "local", "path", "/srv"));
        QCOMPARE(file.toBytes(), QByteArray("# keep me\ndir: local\n\tpath /srv\n\n# and me\nrbd: ceph\n\tpool vm\n"));
        QVERIFY(file.setProperty("rbd", "ceph", "krbd", "1"));
        QCOMPARE(file.toBytes(), QByteArray("# keep me\ndir: local\n\tpath /srv\n\n# and me\nrbd: ceph\n\tpool vm\n\tkrbd 1\n"));
        QVERIFY(file.removeProperty("rbd", "ceph", "pool"));
        QVERIFY(!file.removeProperty("rbd", "ceph", "pool"));
        file.addSection("lvmthin", "local-lvm", {{"thinpool", "data"}, {"vgname", "pve"}});
        QCOMPARE(file.toBytes(), QByteArray("# keep me\ndir: local\n\tpath /srv\n\n# and me\nrbd: ceph\n\tkrbd 1\n"
                                            "\nlvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n"));
        QVERIFY(file.removeSection("rbd", "ceph"));
        QCOMPARE(file.toBytes(), QByteArray("# keep me\ndir: local\n\tpath /srv\n\n# and me\n"
                                            "lvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n"));
        QVERIFY(!file.setProperty("rbd", "ceph", "pool", "x"));
    }

    void keyValueEdits()
    {
        auto file = KeyValueFile::parse("# dc\nkeyboard: en-us\nmigration: secure,network=10.0.0.0/24", QStringLiteral("datacenter.cfg"));
        file.setValue("keyboard", "pt");
        file.setValue("max_workers", "4");
        QCOMPARE(file.toBytes(), QByteArray("# dc\nkeyboard: pt\nmigration: secure,network=10.0.0.0/24\nmax_workers: 4\n"));
        QVERIFY(file.remove("migration"));
        QCOMPARE(file.toBytes(), QByteArray("# dc\nkeyboard: pt\nmax_workers: 4\n"));
    }

    // Property-based: random section files (random spacing, comments, blank
    // lines, values with UTF-8) survive parse -> write byte for byte.
    void randomRoundTrip()
    {
        QRandomGenerator rng(20261126);
        const QList<QByteArray> pieces = {"dir: local", "\tpath /var/lib/vz", "  content iso,images ", "# comment",
                                          "", "   ", "rbd: r1", "\tpool ção", "\tkrbd", "garbage line", "\t",
                                          "zfspool:x", "\tsparse 1\t"};
        for (int round = 0; round < 500; ++round) {
            QByteArray text;
            const int lines = int(rng.bounded(30));
            for (int i = 0; i < lines; ++i)
                text += pieces.at(int(rng.bounded(qsizetype(pieces.size())))) + (rng.bounded(10) ? "\n" : "");
            const auto file = SectionConfigFile::parse(text, QStringLiteral("r.cfg"), sectionSchema(ConfigFormat::StorageCfg));
            QCOMPARE(file.toBytes(), text);
        }
    }
};

QTEST_GUILESS_MAIN(tst_SectionConfigFile)
#include "tst_SectionConfigFile.moc"
