// Failed-login throttling on a FakeClock.

#include "access/LoginThrottle.h"
#include "base/Clock.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace atalaia;
using namespace atalaia::access;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kUser = u"roma@pve"_s;
const QString kSource = u"192.0.2.10"_s;

void failTimes(LoginThrottle &t, int n, const QString &user = kUser, const QString &source = kSource)
{
    for (int i = 0; i < n; ++i)
        t.recordFailure(user, source);
}

} // namespace

class tst_LoginThrottle : public QObject {
    Q_OBJECT

private slots:
    void locksAfterFiveFailures();
    void backoffGrowsToFiveMinutes_data();
    void backoffGrowsToFiveMinutes();
    void backoffForgottenAfterQuiet();
    void failuresOutsideTheWindowDoNotCount();
    void successResetsTheUser();
    void successDoesNotResetTheSource();
    void sourceLimitedAcrossUsers();
    void failuresWhileLockedDoNotExtend();
    void concurrentUse();
};

void tst_LoginThrottle::locksAfterFiveFailures()
{
    FakeClock clock;
    LoginThrottle t(clock);
    failTimes(t, 4);
    QCOMPARE(t.retryAfter(kUser, kSource), 0ms);
    t.recordFailure(kUser, kSource);
    QCOMPARE(t.retryAfter(kUser, kSource), 30s);
    QCOMPARE(t.retryAfter(kUser, u"198.51.100.1"_s), 30s); // the user, from anywhere
    QCOMPARE(t.retryAfter(u"other@pve"_s, kSource), 0ms);   // the address is below its limit
    clock.advanceMs(10'000);
    QCOMPARE(t.retryAfter(kUser, kSource), 20s);
    clock.advanceMs(20'000);
    QCOMPARE(t.retryAfter(kUser, kSource), 0ms);
}

void tst_LoginThrottle::backoffGrowsToFiveMinutes_data()
{
    QTest::addColumn<int>("lockouts");
    QTest::addColumn<qint64>("lastBackoffMs");

    QTest::newRow("first") << 1 << qint64(30'000);
    QTest::newRow("second") << 2 << qint64(60'000);
    QTest::newRow("third") << 3 << qint64(120'000);
    QTest::newRow("fourth") << 4 << qint64(240'000);
    QTest::newRow("fifth: capped") << 5 << qint64(300'000);
    QTest::newRow("tenth: capped") << 10 << qint64(300'000);
}

void tst_LoginThrottle::backoffGrowsToFiveMinutes()
{
    QFETCH(int, lockouts);
    QFETCH(qint64, lastBackoffMs);
    FakeClock clock;
    LoginThrottle t(clock);
    std::chrono::milliseconds wait{};
    for (int i = 0; i < lockouts; ++i) {
        failTimes(t, 5);
        wait = t.retryAfter(kUser, QString());
        clock.advanceMs(wait.count());
        QCOMPARE(t.retryAfter(kUser, QString()), 0ms);
    }
    QCOMPARE(wait.count(), lastBackoffMs);
}

void tst_LoginThrottle::backoffForgottenAfterQuiet()
{
    FakeClock clock;
    LoginThrottle t(clock);
    failTimes(t, 5);
    clock.advanceMs(30'000);
    failTimes(t, 5);
    QCOMPARE(t.retryAfter(kUser, QString()), 60s);
    clock.advanceMs(15 * 60'000); // quiet long enough
    failTimes(t, 5);
    QCOMPARE(t.retryAfter(kUser, QString()), 30s);
}

void tst_LoginThrottle::failuresOutsideTheWindowDoNotCount()
{
    FakeClock clock;
    LoginThrottle t(clock);
    failTimes(t, 4);
    clock.advanceMs(60'000);
    t.recordFailure(kUser, kSource);
    QCOMPARE(t.retryAfter(kUser, kSource), 0ms);
    failTimes(t, 3);
    QCOMPARE(t.retryAfter(kUser, kSource), 0ms);
    t.recordFailure(kUser, kSource); // five within the last minute
    QCOMPARE(t.retryAfter(kUser, kSource), 30s);
}

void tst_LoginThrottle::successResetsTheUser()
{
    FakeClock clock;
    LoginThrottle t(clock);
    failTimes(t, 4);
    t.recordSuccess(kUser, kSource);
    failTimes(t, 4);
    QCOMPARE(t.retryAfter(kUser, kSource), 0ms);
    // Also the growing backoff.
    t.recordFailure(kUser, kSource);
    clock.advanceMs(30'000);
    t.recordSuccess(kUser, kSource);
    failTimes(t, 5);
    QCOMPARE(t.retryAfter(kUser, QString()), 30s);
}

void tst_LoginThrottle::successDoesNotResetTheSource()
{
    FakeClock clock;
    LoginThrottle t(clock);
    for (int i = 0; i < 9; ++i)
        t.recordFailure(u"guess%1@pve"_s.arg(i), kSource);
    t.recordSuccess(kUser, kSource);
    QCOMPARE(t.retryAfter(u"next@pve"_s, kSource), 0ms);
    t.recordFailure(u"guess9@pve"_s, kSource);
    QCOMPARE(t.retryAfter(u"next@pve"_s, kSource), 30s);
}

void tst_LoginThrottle::sourceLimitedAcrossUsers()
{
    FakeClock clock;
    LoginThrottle t(clock);
    for (int i = 0; i < 10; ++i)
        t.recordFailure(u"user%1@pve"_s.arg(i), kSource);
    QCOMPARE(t.retryAfter(u"someone@pve"_s, kSource), 30s);
    QCOMPARE(t.retryAfter(u"someone@pve"_s, u"198.51.100.1"_s), 0ms);
    QCOMPARE(t.retryAfter(u"user1@pve"_s, QString()), 0ms); // each user failed once only
}

void tst_LoginThrottle::failuresWhileLockedDoNotExtend()
{
    FakeClock clock;
    LoginThrottle t(clock);
    failTimes(t, 5);
    clock.advanceMs(10'000);
    failTimes(t, 20);
    QCOMPARE(t.retryAfter(kUser, QString()), 20s);
}

void tst_LoginThrottle::concurrentUse()
{
    FakeClock clock;
    LoginThrottle t(clock, LoginThrottle::Policy{1000, 60s, 30s, 300s, 900s});
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n) {
        threads.emplace_back([&t, n] {
            for (int i = 0; i < 249; ++i) {
                t.recordFailure(kUser, u"10.0.0.%1"_s.arg(n));
                (void)t.retryAfter(kUser, kSource);
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(t.retryAfter(kUser, QString()), 0ms); // 996 failures: below 1000
    failTimes(t, 4, kUser, u"10.0.0.9"_s);
    QCOMPARE(t.retryAfter(kUser, QString()), 30s); // the 1000th locks: none was lost
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_LoginThrottle.moc"
