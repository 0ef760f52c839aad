#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <chrono>

namespace atalaia {
class Clock;
}

namespace atalaia::access {

// Rate-limits failed logins per user id and per source address.
//
// A key (a user id or an address) that collects maxFailures failures within
// window is locked out for a backoff that doubles with each lockout in a row
// (firstBackoff, 2x, 4x, ... up to maxBackoff). A lockout in a row is one
// that follows the previous one before the key has been quiet (no failure)
// for forgetAfter. A successful login clears its user's record, not its
// address's: a guesser that knows one password must not reset the
// address limit for the others it tries.
//
// Callers ask retryAfter() before checking a password and do not check it
// while that is non-zero. Memory stays bounded: idle keys are forgotten, and
// at most maxKeys are kept (the oldest dropped first).
//
// Thread-safe; time comes from the Clock.
class LoginThrottle
{
public:
    struct Policy {
        int maxFailures = 5;
        std::chrono::milliseconds window{60'000};
        std::chrono::milliseconds firstBackoff{30'000};
        std::chrono::milliseconds maxBackoff{300'000};
        std::chrono::milliseconds forgetAfter{900'000};
    };
    // Addresses get more room than users: several people may share one
    // (NAT, a proxy), while one user id under attack should lock quickly.
    static Policy defaultUserPolicy() { return {}; }
    static Policy defaultSourcePolicy()
    {
        Policy p;
        p.maxFailures = 10;
        return p;
    }
    static constexpr qsizetype kMaxKeys = 100'000;

    explicit LoginThrottle(const Clock &clock, Policy perUser = defaultUserPolicy(),
                           Policy perSource = defaultSourcePolicy());

    // How long to wait before USERID may try again from SOURCE (zero: now).
    // Either may be empty (not limited on that side).
    std::chrono::milliseconds retryAfter(const QString &userid, const QString &source) const;
    void recordFailure(const QString &userid, const QString &source);
    void recordSuccess(const QString &userid, const QString &source);

private:
    struct Record {
        QList<qint64> failures; // times (ms) within the window, oldest first
        qint64 lockedUntil = 0;
        qint64 lastFailure = 0;
        int lockouts = 0; // in a row
    };
    using Table = QHash<QString, Record>;

    qint64 remaining(const Table &table, const QString &key, qint64 now) const;
    void fail(Table &table, const Policy &policy, const QString &key, qint64 now);
    void prune(Table &table, const Policy &policy, qint64 now);

    const Clock &m_clock;
    const Policy m_userPolicy, m_sourcePolicy;
    mutable QMutex m_mutex; // guards both tables
    Table m_users, m_sources;
};

} // namespace atalaia::access
