#pragma once

#include "cluster/CorosyncControl.h"

#include <QMutex>
#include <QStringList>

namespace atalaia::cluster::fake {

// corosync for unit tests: the files in memory and a log of what was asked
// ("install", "restart", "reload", ...). A test can make the next call of
// an action fail.
class FakeCorosyncControl final : public CorosyncControl
{
public:
    QByteArray installedConfig() const override
    {
        const QMutexLocker locker(&m_mutex);
        return m_config;
    }
    QByteArray installedAuthkey() const override
    {
        const QMutexLocker locker(&m_mutex);
        return m_authkey;
    }
    Result<void> install(const QByteArray &config, const QByteArray &authkey) override
    {
        return act(QStringLiteral("install"), [&] {
            m_config = config;
            if (!authkey.isEmpty())
                m_authkey = authkey;
        });
    }
    Result<void> uninstall() override
    {
        return act(QStringLiteral("uninstall"), [&] { m_config.clear(), m_authkey.clear(); });
    }
    Result<void> restart() override { return act(QStringLiteral("restart"), [] {}); }
    Result<void> stop() override { return act(QStringLiteral("stop"), [] {}); }
    Result<void> reload() override { return act(QStringLiteral("reload"), [] {}); }
    Result<void> setExpectedVotes(int votes) override
    {
        return act(QStringLiteral("expected %1").arg(votes), [] {});
    }

    QStringList calls() const
    {
        const QMutexLocker locker(&m_mutex);
        return m_calls;
    }
    void failNext(const QString &action)
    {
        const QMutexLocker locker(&m_mutex);
        m_failNext = action;
    }

private:
    template <typename F>
    Result<void> act(const QString &action, F change)
    {
        const QMutexLocker locker(&m_mutex);
        m_calls.append(action);
        if (m_failNext == action) {
            m_failNext.clear();
            return fail(Code::ClusterUnavailable, QStringLiteral("%1 failed (as the test asked)").arg(action));
        }
        change();
        return {};
    }

    mutable QMutex m_mutex;
    QByteArray m_config, m_authkey;
    QStringList m_calls;
    QString m_failNext;
};

} // namespace atalaia::cluster::fake
