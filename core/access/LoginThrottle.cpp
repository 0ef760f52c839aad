#include "LoginThrottle.h"

#include "base/Clock.h"

#include <QMutexLocker>

#include <algorithm>

namespace atalaia::access {

LoginThrottle::LoginThrottle(const Clock &clock, Policy perUser, Policy perSource)
    : m_clock(clock), m_userPolicy(perUser), m_sourcePolicy(perSource)
{
}

qint64 LoginThrottle::remaining(const Table &table, const QString &key, qint64 now) const
{
    if (key.isEmpty())
        return 0;
    const auto it = table.constFind(key);
    return it == table.cend() ? 0 : std::max<qint64>(0, it->lockedUntil - now);
}

std::chrono::milliseconds LoginThrottle::retryAfter(const QString &userid, const QString &source) const
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    return std::chrono::milliseconds(std::max(remaining(m_users, userid, now), remaining(m_sources, source, now)));
}

void LoginThrottle::fail(Table &table, const Policy &policy, const QString &key, qint64 now)
{
    if (key.isEmpty())
        return;
    if (!table.contains(key) && table.size() >= kMaxKeys)
        prune(table, policy, now);
    Record &r = table[key];
    if (r.lockedUntil > now)
        return; // the caller should not have tried; do not lengthen the lockout for it
    if (r.lastFailure != 0 && now - r.lastFailure >= policy.forgetAfter.count())
        r.lockouts = 0;
    r.lastFailure = now;
    while (!r.failures.isEmpty() && now - r.failures.first() >= policy.window.count())
        r.failures.removeFirst();
    r.failures.append(now);
    if (r.failures.size() < policy.maxFailures)
        return;
    r.failures.clear();
    const int doublings = std::min(r.lockouts, 30);
    const qint64 backoff = std::min<qint64>(policy.firstBackoff.count() << doublings, policy.maxBackoff.count());
    r.lockedUntil = now + backoff;
    ++r.lockouts;
}

void LoginThrottle::prune(Table &table, const Policy &policy, qint64 now)
{
    for (auto it = table.begin(); it != table.end();) {
        const bool idle = it->lockedUntil <= now && now - it->lastFailure >= policy.forgetAfter.count();
        it = idle ? table.erase(it) : std::next(it);
    }
    // Still full (a flood of distinct keys): drop the least recently failed half.
    if (table.size() >= kMaxKeys) {
        QList<qint64> times;
        times.reserve(table.size());
        for (const Record &r : std::as_const(table))
            times.append(r.lastFailure);
        std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
        const qint64 median = times[times.size() / 2];
        for (auto it = table.begin(); it != table.end();)
            it = it->lastFailure <= median && it->lockedUntil <= now ? table.erase(it) : std::next(it);
    }
}

void LoginThrottle::recordFailure(const QString &userid, const QString &source)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    fail(m_users, m_userPolicy, userid, now);
    fail(m_sources, m_sourcePolicy, source, now);
}

void LoginThrottle::recordSuccess(const QString &userid, const QString &source)
{
    Q_UNUSED(source);
    QMutexLocker lock(&m_mutex);
    m_users.remove(userid);
}

} // namespace atalaia::access
