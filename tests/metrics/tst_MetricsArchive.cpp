// The MetricsArchive contract, run against both implementations: librrd files
// in a temporary directory and the in-memory emulation. Time is simulated
// (explicit timestamps), so the consolidation can be checked numerically.
#include "ResultChecks.h"
#include "metrics/RrdLayout.h"
#include "metrics/fake/MemoryMetricsArchive.h"
#ifdef ATALAIA_WITH_RRD
#include "metrics/rrd/RrdMetricsArchive.h"
#endif

#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace atalaia;
using namespace atalaia::metrics;

namespace {

// A day boundary (and a 30-minute, 3-hour and 12-hour one).
constexpr qint64 kT0 = 1764115200;

std::unique_ptr<MetricsArchive> makeArchive(const QString &implementation, const QString &dir)
{
#ifdef ATALAIA_WITH_RRD
    if (implementation == u"rrd")
        return std::make_unique<rrd::RrdMetricsArchive>(dir);
#else
    Q_UNUSED(dir)
#endif
    return std::make_unique<fake::MemoryMetricsArchive>();
}

// A gauge sample at T (covering (T-10, T]): a saw tooth within the minute
// plus the minute's number modulo 7, so each minute's average is known.
double sawtooth(qint64 t)
{
    return 0.1 * double((t / 10) % 6) + double(((t - 1) / 60) % 7);
}
double minuteAverage(qint64 minuteStart)
{
    return 0.25 + double((minuteStart / 60) % 7);
}

bool same(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a));
}

// A deterministic sequence (a linear congruential generator), for the
// cross-check: no chance in tests.
struct Sequence {
    quint64 state = 12345;
    quint32 next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(state >> 33);
    }
};

} // namespace

class tst_MetricsArchive : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    std::unique_ptr<MetricsArchive> fresh(const QString &implementation)
    {
        return makeArchive(implementation, m_dir.path() + QStringLiteral("/%1").arg(++m_serial));
    }

    static void implementations()
    {
        QTest::addColumn<QString>("implementation");
#ifdef ATALAIA_WITH_RRD
        QTest::newRow("rrd") << QStringLiteral("rrd");
#endif
        QTest::newRow("memory") << QStringLiteral("memory");
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void gaugeConsolidation_data() { implementations(); }
    void gaugeConsolidation()
    {
        QFETCH(QString, implementation);
        auto archive = fresh(implementation);
        for (qint64 t = kT0; t <= kT0 + 7200; t += 10)
            VERIFY_OK(archive->update(SeriesKind::Node, QStringLiteral("node1"), t, {{QStringLiteral("cpu"), sawtooth(t)}}));
        const qint64 now = kT0 + 7205;

        // Hour: 60 one-minute rows, the last complete minute last; AVERAGE
        // and MAX agree at one point per row.
        for (Consolidation cf : {Consolidation::Average, Consolidation::Max}) {
            auto hour = archive->fetch(SeriesKind::Node, QStringLiteral("node1"), Timeframe::Hour, cf, now);
            VERIFY_OK(hour);
            QCOMPARE(hour->step, 60);
            QCOMPARE(hour->rows.size(), 60);
            QCOMPARE(hour->rows.first().time, kT0 + 3600);
            QCOMPARE(hour->rows.last().time, kT0 + 7140);
            QCOMPARE(hour->names.first(), QStringLiteral("loadavg"));
            for (qsizetype r = 0; r < hour->rows.size(); ++r) {
                const auto cpu = hour->value(r, QStringLiteral("cpu"));
                QVERIFY(cpu.has_value());
                QVERIFY2(same(*cpu, minuteAverage(hour->rows.at(r).time)), qPrintable(QString::number(*cpu)));
                QVERIFY(!hour->value(r, QStringLiteral("memused"))); // never given
            }
        }

        // Day: 30-minute rows; AVERAGE is the mean of the minutes, MAX their maximum.
        auto avg = archive->fetch(SeriesKind::Node, QStringLiteral("node1"), Timeframe::Day, Consolidation::Average, now);
        auto max = archive->fetch(SeriesKind::Node, QStringLiteral("node1"), Timeframe::Day, Consolidation::Max, now);
        VERIFY_OK(avg);
        VERIFY_OK(max);
        QCOMPARE(avg->step, 1800);
        QCOMPARE(avg->rows.size(), 70);
        QCOMPARE(avg->rows.last().time, kT0 + 5400);
        int known = 0;
        for (qsizetype r = 0; r < avg->rows.size(); ++r) {
            const qint64 start = avg->rows.at(r).time;
            const auto a = avg->value(r, QStringLiteral("cpu"));
            const auto m = max->value(r, QStringLiteral("cpu"));
            if (start < kT0) { // before the series began
                QVERIFY(!a);
                QVERIFY(!m);
                continue;
            }
            double sum = 0, highest = 0;
            for (qint64 minute = start; minute < start + 1800; minute += 60) {
                sum += minuteAverage(minute);
                highest = std::max(highest, minuteAverage(minute));
            }
            QVERIFY(a && m);
            QVERIFY2(same(*a, sum / 30), qPrintable(QStringLiteral("%1 vs %2").arg(*a).arg(sum / 30)));
            QVERIFY(same(*m, highest));
            ++known;
        }
        QCOMPARE(known, 4);
    }

    void deriveRatesAndGaps_data() { implementations(); }
    void deriveRatesAndGaps()
    {
        QFETCH(QString, implementation);
        auto archive = fresh(implementation);
        const QString key = QStringLiteral("100");
        double counter = 0;
        for (qint64 t = kT0; t <= kT0 + 3600; t += 10) {
            // No samples for five minutes (an agent restart), and a counter
            // reset (the guest restarted) at +30 min.
            if (t > kT0 + 1200 && t < kT0 + 1500)
                continue;
            counter = t == kT0 + 1800 ? 0 : counter + 1000;
            VERIFY_OK(archive->update(SeriesKind::Guest, key, t,
                                      {{QStringLiteral("netin"), counter}, {QStringLiteral("mem"), 512.0}}));
        }
        auto hour = archive->fetch(SeriesKind::Guest, key, Timeframe::Hour, Consolidation::Average, kT0 + 3601);
        VERIFY_OK(hour);
        QCOMPARE(hour->rows.size(), 60);
        for (qsizetype r = 0; r < hour->rows.size(); ++r) {
            const qint64 start = hour->rows.at(r).time;
            const auto netin = hour->value(r, QStringLiteral("netin"));
            const auto mem = hour->value(r, QStringLiteral("mem"));
            // The gap: from the last sample (+1200) to the first after it
            // (+1500) nothing is known; the minute with the reset keeps its
            // other 50 seconds (unknown less than half the step).
            if (start >= kT0 + 1200 && start < kT0 + 1500) {
                QVERIFY2(!netin && !mem, qPrintable(QString::number(start - kT0)));
                continue;
            }
            QVERIFY2(netin && same(*netin, 100.0), qPrintable(QString::number(start - kT0)));
            QVERIFY(mem && same(*mem, 512.0));
        }
        QVERIFY(hour->toJson().at(0).toObject().contains(QLatin1String("netin")));
        QVERIFY(!hour->toJson().at(0).toObject().contains(QLatin1String("netout")));
    }

    void errors_data() { implementations(); }
    void errors()
    {
        QFETCH(QString, implementation);
        auto archive = fresh(implementation);
        const QString key = QStringLiteral("101");
        VERIFY_FAILS(archive->fetch(SeriesKind::Guest, key, Timeframe::Hour, Consolidation::Average, kT0), Code::NotFound);
        QVERIFY(!archive->contains(SeriesKind::Guest, key));
        VERIFY_OK(archive->update(SeriesKind::Guest, key, kT0, {{QStringLiteral("cpu"), 0.5}}));
        QVERIFY(archive->contains(SeriesKind::Guest, key));
        QVERIFY(!archive->contains(SeriesKind::Node, key));
        VERIFY_FAILS(archive->update(SeriesKind::Guest, key, kT0, {{QStringLiteral("cpu"), 0.5}}), Code::Conflict);
        VERIFY_FAILS(archive->update(SeriesKind::Guest, key, kT0 + 10, {{QStringLiteral("loadavg"), 1.0}}),
                     Code::InvalidArgument); // a node's source
        VERIFY_FAILS(archive->update(SeriesKind::Guest, QStringLiteral("../x"), kT0, {}), Code::InvalidArgument);
        VERIFY_FAILS(archive->update(SeriesKind::Node, QString(), kT0, {}), Code::InvalidArgument);
        // A fetch long after the last sample: the rows are there, all unknown.
        auto late = archive->fetch(SeriesKind::Guest, key, Timeframe::Hour, Consolidation::Max, kT0 + 86400 * 30);
        VERIFY_OK(late);
        QCOMPARE(late->rows.size(), 60);
        for (qsizetype r = 0; r < late->rows.size(); ++r)
            QVERIFY(!late->value(r, QStringLiteral("cpu")));
    }

#ifdef ATALAIA_WITH_RRD
    void rrdFilesWhereProxmoxKeepsThem()
    {
        rrd::RrdMetricsArchive archive(m_dir.path() + QStringLiteral("/layout"));
        VERIFY_OK(archive.update(SeriesKind::Node, QStringLiteral("pve1"), kT0, {{QStringLiteral("cpu"), 0.1}}));
        VERIFY_OK(archive.update(SeriesKind::Guest, QStringLiteral("100"), kT0, {{QStringLiteral("cpu"), 0.1}}));
        QVERIFY(QFileInfo(m_dir.path() + QStringLiteral("/layout/pve2-node/pve1")).isFile());
        QVERIFY(QFileInfo(m_dir.path() + QStringLiteral("/layout/pve2-vm/100")).isFile());
        // A node's file has Proxmox's sources in its order.
        auto data = archive.fetch(SeriesKind::Node, QStringLiteral("pve1"), Timeframe::Week, Consolidation::Average, kT0 + 60);
        VERIFY_OK(data);
        QCOMPARE(data->names, (QStringList{QStringLiteral("loadavg"), QStringLiteral("maxcpu"), QStringLiteral("cpu"),
                                           QStringLiteral("iowait"), QStringLiteral("memtotal"), QStringLiteral("memused"),
                                           QStringLiteral("swaptotal"), QStringLiteral("swapused"),
                                           QStringLiteral("roottotal"), QStringLiteral("rootused"),
                                           QStringLiteral("netin"), QStringLiteral("netout")}));
        QCOMPARE(data->step, 10800);
    }

    // Irregular samples (1 to 150 s apart), unknown values, counter resets,
    // over four days, fed to librrd and to the emulation: every timeframe
    // and consolidation must read the same, to the last bit that matters.
    void emulationMatchesLibrrd()
    {
        rrd::RrdMetricsArchive real(m_dir.path() + QStringLiteral("/cross"));
        fake::MemoryMetricsArchive memory;
        Sequence seq;
        const QString key = QStringLiteral("4242");
        qint64 t = kT0 + 17;
        double counter = 1e6;
        QList<qint64> checkpoints;
        while (t < kT0 + 4 * 86400) {
            const quint32 r = seq.next();
            const double cpu = (r % 1000) / 1000.0;
            const double mem = r % 7 == 0 ? std::nan("") : double(r % 4096) * 1024 * 1024;
            counter = r % 97 == 0 ? 0 : counter + double(r % 50000);
            const SampleValues values{{QStringLiteral("cpu"), cpu},
                                      {QStringLiteral("mem"), mem},
                                      {QStringLiteral("netin"), counter},
                                      {QStringLiteral("maxcpu"), 4.0}};
            VERIFY_OK(real.update(SeriesKind::Guest, key, t, values));
            VERIFY_OK(memory.update(SeriesKind::Guest, key, t, values));
            if (r % 500 == 0)
                checkpoints.append(t);
            t += 1 + qint64(seq.next() % 150);
        }
        checkpoints.append(t);
        checkpoints.append(t + 7 * 86400); // long after: partial archives
        int compared = 0;
        for (qint64 now : checkpoints) {
            for (Timeframe tf : {Timeframe::Hour, Timeframe::Day, Timeframe::Week, Timeframe::Month, Timeframe::Year}) {
                for (Consolidation cf : {Consolidation::Average, Consolidation::Max}) {
                    auto a = real.fetch(SeriesKind::Guest, key, tf, cf, now);
                    auto b = memory.fetch(SeriesKind::Guest, key, tf, cf, now);
                    VERIFY_OK(a);
                    VERIFY_OK(b);
                    QCOMPARE(b->step, a->step);
                    QCOMPARE(b->names, a->names);
                    QCOMPARE(b->rows.size(), a->rows.size());
                    for (qsizetype r = 0; r < a->rows.size(); ++r) {
                        QCOMPARE(b->rows.at(r).time, a->rows.at(r).time);
                        for (qsizetype i = 0; i < a->names.size(); ++i) {
                            const double x = a->rows.at(r).values.at(i), y = b->rows.at(r).values.at(i);
                            QVERIFY2(same(x, y), qPrintable(QStringLiteral("%1 at %2 (%3, row %4): librrd %5, memory %6")
                                                                .arg(a->names.at(i)).arg(a->rows.at(r).time)
                                                                .arg(int(tf)).arg(r).arg(x).arg(y)));
                            compared += std::isnan(x) ? 0 : 1;
                        }
                    }
                }
            }
        }
        QVERIFY(compared > 1000);
    }
#endif
};

QTEST_GUILESS_MAIN(tst_MetricsArchive)
#include "tst_MetricsArchive.moc"
