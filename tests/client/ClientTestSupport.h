#pragma once

#include "TestAgent.h"
#include "agent/Agent.h"
#include "api/Services.h"
#include "store/ConfigStore.h"
#include "tasks/TaskManager.h"

#include <QFuture>
#include <QTcpServer>
#include <QTest>

// Helpers shared by the client and atalaiactl tests: they run a real agent
// over HTTPS on 127.0.0.1 in this process, on this thread, so nothing here
// may block the event loop; waiting means spinning it (QTest::qWaitFor).
namespace atalaia::test {

// Long enough for a loaded CI machine; the calls take milliseconds.
constexpr int kCallTimeoutMs = 20000;

template <typename T>
bool finishes(const QFuture<T> &future)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, kCallTimeoutMs);
}

// For QVERIFY2's message, which is evaluated even when the check passes:
// never touch error() of a Result that holds a value.
template <typename T>
QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toLocal8Bit();
}

// A port on 127.0.0.1 where nothing listens (connections are refused).
inline quint16 deadPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot find a free port");
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Adds an API token of root@pam (no privilege separation) to the agent's store.
inline void addRootToken(TestAgent &a, const QString &name, const QByteArray &secret)
{
    store::ConfigStore &store = a.agent().services().store();
    auto users = store.read(QStringLiteral("user.cfg"));
    if (!users)
        qFatal("no user.cfg in the test agent");
    const QByteArray userCfg = users->data + "token:root@pam!" + name.toUtf8() + ":0:0::\n";
    if (!store.write(QStringLiteral("user.cfg"), userCfg))
        qFatal("cannot write user.cfg");
    auto secrets = store.read(QStringLiteral("priv/token.cfg"));
    const QByteArray tokenCfg = (secrets ? secrets->data : QByteArray()) + "root@pam!" + name.toUtf8() + ' ' + secret
                              + '\n';
    if (!store.write(QStringLiteral("priv/token.cfg"), tokenCfg))
        qFatal("cannot write priv/token.cfg");
}

} // namespace atalaia::test
