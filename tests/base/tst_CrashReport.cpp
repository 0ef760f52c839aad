// The crash report: a process that dies of a fatal signal prints its
// backtrace and still dies of that signal.
#include "base/CrashReport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <csignal>

namespace {

constexpr const char *kProbeVariable = "ATALAIA_CRASH_REPORT_PROBE";

[[gnu::noinline]] void crashInProbe()
{
    // What a bad pointer would do (a null write the compiler cannot drop).
    std::raise(SIGSEGV);
}

} // namespace

class TestCrashReport : public QObject
{
    Q_OBJECT

private slots:
    void segfaultPrintsBacktraceAndStillKills();
};

void TestCrashReport::segfaultPrintsBacktraceAndStillKills()
{
    if (!atalaia::base::crashReportAvailable())
        QSKIP("sanitizer build: the sanitizer reports crashes itself");
    QProcess probe;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kProbeVariable), QStringLiteral("1"));
    probe.setProcessEnvironment(environment);
    probe.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(probe.waitForFinished(30000));
    const QString err = QString::fromUtf8(probe.readAllStandardError());
    QCOMPARE(probe.exitStatus(), QProcess::CrashExit);
    QVERIFY2(err.contains(QLatin1String("crash-probe: fatal signal Segmentation fault")), qPrintable(err));
    // The frames name the program's own functions (its symbols are exported)
    // and give offsets for addr2line.
    QVERIFY2(err.contains(QLatin1String("tst_CrashReport(main+0x")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("(gsignal+0x")) || err.contains(QLatin1String("(raise+0x")), qPrintable(err));
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(kProbeVariable)) {
        atalaia::base::installCrashReport("crash-probe");
        crashInProbe();
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestCrashReport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_CrashReport.moc"
