#pragma once

#include "agent/Agent.h"
#include "api/ApiRequest.h"
#include "api/ApiResponse.h"
#include "api/Dispatcher.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// An in-process agent on the fake backends, for API tests: calls go straight
// to its Dispatcher (no HTTP), or over real HTTPS after listen().
namespace atalaia::test {

class TestAgent
{
public:
    explicit TestAgent(const QString &fixture = QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"),
                       const QString &node = QStringLiteral("node1"))
    {
        agent::Agent::Options options;
        options.dataDir = m_dir.path();
        options.nodeName = node;
        options.backend = QStringLiteral("fake:") + fixture;
        options.address = QHostAddress::LocalHost;
        options.port = 0;
        auto created = agent::Agent::create(options);
        if (!created)
            qFatal("test agent: %s", qPrintable(created.error().toString()));
        m_agent = std::move(*created);
    }

    agent::Agent &agent() { return *m_agent; }
    QString dataDir() const { return m_dir.path(); }

    // One call as an anonymous client, or with a ticket/CSRF pair from login().
    struct Session {
        QString ticket;
        QString csrf;
        QString token;   // "user@realm!name=secret" for API-token calls
        QHash<QByteArray, QByteArray> headers; // more request headers (lower-case names)
    };

    api::ApiResponse call(const QString &method, const QString &path, const QJsonObject &params = {},
                          const Session &session = {}) const
    {
        api::ApiRequest request;
        request.method = method;
        request.path = path;
        request.params = params;
        request.peer = QStringLiteral("127.0.0.1");
        request.headers = session.headers;
        if (!session.ticket.isEmpty())
            request.headers.insert("cookie", "PVEAuthCookie=" + session.ticket.toUtf8());
        if (!session.csrf.isEmpty())
            request.headers.insert("csrfpreventiontoken", session.csrf.toUtf8());
        if (!session.token.isEmpty())
            request.headers.insert("authorization", "PVEAPIToken=" + session.token.toUtf8());
        return m_agent->dispatcher().handle(request);
    }

    // Logs in through POST /access/ticket; fails the test when that fails.
    Session login(const QString &userid, const QString &password) const
    {
        const api::ApiResponse r = call(QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                                        {{QStringLiteral("username"), userid}, {QStringLiteral("password"), password}});
        if (r.status != 200)
            qFatal("login of %s failed: %d %s", qPrintable(userid), r.status, qPrintable(r.message));
        const QJsonObject data = r.data.toObject();
        return Session{data.value(QLatin1String("ticket")).toString(),
                       data.value(QLatin1String("CSRFPreventionToken")).toString(), {}, {}};
    }

    Session root() const { return login(QStringLiteral("root@pam"), QStringLiteral("root-password")); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<agent::Agent> m_agent;
};

} // namespace atalaia::test
