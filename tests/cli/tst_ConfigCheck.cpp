#include "GoldenCorpus.h"
#include "cli/ConfigCheckCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

struct Run {
    int status = 0;
    QString out;
    QString err;
};

Run check(const QStringList &args)
{
    Run run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.status = atalaia::cli::runConfigCheck(QStringList{QStringLiteral("atalaiactl config check")} + args, out, err);
    out.flush();
    err.flush();
    return run;
}

} // namespace

class tst_ConfigCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QDir::setCurrent(QStringLiteral(ATALAIA_SOURCE_DIR)); }

    void sampleTreeIsClean()
    {
        const Run run = check({QStringLiteral("examples/etc-pve")});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.out, QStringLiteral("13 file(s) checked, 0 error(s), 0 warning(s)\n"));
        QCOMPARE(run.status, 0);
    }

    // The broken copy: every mistake is reported where it is, sorted by file and line.
    void brokenTreeGolden()
    {
        const Run run = check({QStringLiteral("examples/etc-pve-broken")});
        QCOMPARE(run.status, 1);
        const QString golden = QStringLiteral(ATALAIA_TEST_DATA_DIR "/cli/etc-pve-broken.out");
        if (qEnvironmentVariableIntValue("ATALAIA_REGENERATE")) {
            QFile f(golden);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(run.out.toUtf8());
            return;
        }
        QCOMPARE(run.out, QString::fromUtf8(atalaia::test::readFile(golden)));
    }

    void jsonOutput()
    {
        const Run run = check({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("examples/etc-pve-broken")});
        QCOMPARE(run.status, 1);
        const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(doc.value(QLatin1String("files")).toInt(), 14);
        const QJsonArray list = doc.value(QLatin1String("diagnostics")).toArray();
        QCOMPARE(list.size(), doc.value(QLatin1String("errors")).toInt() + doc.value(QLatin1String("warnings")).toInt());
        QVERIFY(!list.isEmpty());
        const QJsonObject first = list.first().toObject();
        for (const char *key : {"file", "line", "column", "severity", "message"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
    }

    void singleFile()
    {
        const Run run = check({QStringLiteral("examples/etc-pve-broken/ha/resources.cfg")});
        QCOMPARE(run.status, 1);
        QVERIFY2(run.out.startsWith(QStringLiteral("examples/etc-pve-broken/ha/resources.cfg:3:8: error: 'runing'")),
                 qPrintable(run.out));
        // A single file has no tree to resolve references against: no "unknown group" error.
        QVERIFY(!run.out.contains(QLatin1String("prefer-nodeX")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no path") << QStringList() << QStringLiteral("no path given");
        QTest::newRow("missing") << QStringList{QStringLiteral("/nonexistent/x")} << QStringLiteral("no such file");
        QTest::newRow("unknown file") << QStringList{QStringLiteral("README.md")} << QStringLiteral("not a config file Atalaia knows");
        QTest::newRow("bad output") << QStringList{QStringLiteral("-o"), QStringLiteral("xml"), QStringLiteral("examples")}
                                    << QStringLiteral("unknown output format");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run run = check(args);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(tst_ConfigCheck)
#include "tst_ConfigCheck.moc"
