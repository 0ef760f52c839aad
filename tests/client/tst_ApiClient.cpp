// ApiClient against a real agent over HTTPS on 127.0.0.1 (fake backends,
// fake PAM: root/root-password), in this process.
#include "ClientTestSupport.h"
#include "api/client/ApiClient.h"
#include "base/Clock.h"
#include "tasks/TaskContext.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace atalaia;
using namespace atalaia::api::client;
using namespace Qt::StringLiterals;
using atalaia::test::finishes;
using atalaia::test::TestAgent;

namespace {

struct LiveAgent {
    TestAgent agent;
    Endpoint endpoint;
    Fingerprint fingerprint;

    LiveAgent()
    {
        if (auto listening = agent.agent().listen(); !listening)
            qFatal("test agent cannot listen: %s", qPrintable(listening.error().toString()));
        endpoint = Endpoint(u"127.0.0.1"_s, agent.agent().port());
        fingerprint = Fingerprint::parse(agent.agent().certificate().fingerprint).value();
    }

    // A client that trusts the agent's certificate.
    std::unique_ptr<ApiClient> client(QList<Endpoint> endpoints = {})
    {
        auto c = std::make_unique<ApiClient>(endpoints.isEmpty() ? QList<Endpoint>{endpoint} : endpoints);
        c->trust(endpoint, fingerprint);
        return c;
    }
};

// A task that runs until it is stopped.
model::Upid startWaitingTask(TestAgent &a)
{
    auto upid = a.agent().services().tasks().start(tasks::TaskSpec{
        u"testwait"_s, u""_s, u"root@pam"_s, [](tasks::TaskContext &context) -> Result<void> {
            context.log(u"waiting to be stopped"_s);
            context.waitForCancel(atalaia::test::kCallTimeoutMs);
            return tasks::TaskContext::interrupted();
        }});
    if (!upid)
        qFatal("cannot start a task: %s", qPrintable(upid.error().toString()));
    return *upid;
}

// Counts the agent's "login of USER" log lines (successful or failed
// logins): proof of whether a password ever reached the server.
struct LoginLog {
    static inline int count = 0;
    static inline QtMessageHandler previous = nullptr;
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (message.contains(u"login of root@pam"_s))
            ++count;
        if (previous)
            previous(type, context, message);
    }
    LoginLog() { count = 0; previous = qInstallMessageHandler(handler); }
    ~LoginLog() { qInstallMessageHandler(previous); }
};

} // namespace

class tst_ApiClient : public QObject
{
    Q_OBJECT

private slots:
    // A call sent before the login finished carries no ticket and is refused;
    // that refusal must not count as losing the session the login then made.
    void refusalOfACallWithoutTicketKeepsTheSession()
    {
        LiveAgent live;
        auto client = live.client();
        QSignalSpy lost(client.get(), &ApiClient::authenticationLost);
        const auto early = client->send(ApiClient::Method::Get, u"/cluster/resources"_s);
        const auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(early));
        QVERIFY(finishes(login));
        QVERIFY(login.result().has_value());
        QCOMPARE(early.result().httpStatus, 401);
        QCOMPARE(lost.count(), 0);
        // The session works: the ticket was never refused.
        QVERIFY(finishes(client->get(u"/cluster/resources"_s)));
        QCOMPARE(lost.count(), 0);
    }

    void firstContactReportsTheFingerprint()
    {
        LiveAgent live;
        ApiClient client({live.endpoint});
        QSignalSpy untrusted(&client, &ApiClient::certificateUntrusted);

        auto first = client.login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(first));
        QVERIFY(!first.result().has_value());
        QCOMPARE(first.result().error().code, Code::Crypto);
        QVERIFY2(first.result().error().message.contains(live.fingerprint.toString()),
                 atalaia::test::why(first.result()).constData());
        QCOMPARE(untrusted.count(), 1);
        QCOMPARE(untrusted.at(0).at(0).value<Endpoint>(), live.endpoint);
        QCOMPARE(untrusted.at(0).at(1).value<Fingerprint>(), live.fingerprint);
        QVERIFY(client.ticket().isNull());

        // The UI asked the user, who said yes.
        client.trust(live.endpoint, untrusted.at(0).at(1).value<Fingerprint>());
        auto second = client.login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(second));
        QVERIFY2(second.result().has_value(), atalaia::test::why(second.result()).constData());
    }

    void firstContactFailsTheResponseWithTheFingerprint()
    {
        LiveAgent live;
        ApiClient client({live.endpoint});
        auto response = client.send(ApiClient::Method::Get, u"/version"_s);
        QVERIFY(finishes(response));
        QCOMPARE(response.result().failure, Response::Failure::UntrustedCertificate);
        QCOMPARE(response.result().presented, live.fingerprint);
        QCOMPARE(response.result().httpStatus, 0);
        QCOMPARE(response.result().endpoint, live.endpoint);
    }

    void changedCertificateIsRefused()
    {
        LiveAgent live;
        ApiClient client({live.endpoint});
        const Fingerprint old = Fingerprint::fromDigest(QByteArray(32, '\x42'));
        client.trust(live.endpoint, old);
        QSignalSpy changed(&client, &ApiClient::certificateChanged);
        LoginLog log;

        auto login = client.login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));
        QVERIFY(!login.result().has_value());
        QCOMPARE(LoginLog::count, 0); // the password never left the client
        const Error error = login.result().error();
        QCOMPARE(error.code, Code::Crypto);
        QVERIFY2(error.message.contains(old.toString()) && error.message.contains(live.fingerprint.toString()),
                 qPrintable(error.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(1).value<Fingerprint>(), old);
        QCOMPARE(changed.at(0).at(2).value<Fingerprint>(), live.fingerprint);

        auto response = client.send(ApiClient::Method::Get, u"/version"_s);
        QVERIFY(finishes(response));
        QCOMPARE(response.result().failure, Response::Failure::CertificateChanged);
        QCOMPARE(response.result().pinned, old);
        QCOMPARE(response.result().presented, live.fingerprint);

        // The user re-trusts the new certificate explicitly; the same login
        // now reaches the server (and the log counter sees it).
        client.trust(live.endpoint, live.fingerprint);
        auto again = client.login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(again));
        QVERIFY(again.result().has_value());
        QCOMPARE(LoginLog::count, 1);
    }

    void loginAndGet()
    {
        LiveAgent live;
        auto client = live.client();
        QSignalSpy ticketChanged(client.get(), &ApiClient::ticketChanged);

        auto anonymous = client->get(u"/version"_s);
        QVERIFY(finishes(anonymous));
        QCOMPARE(anonymous.result().error().code, Code::ApiUnauthorized);

        auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));
        QVERIFY2(login.result().has_value(), atalaia::test::why(login.result()).constData());
        const Ticket ticket = *login.result();
        QCOMPARE(ticket.userid, u"root@pam"_s);
        QVERIFY(ticket.ticket.startsWith(u"PVE:root@pam:"_s));
        QVERIFY(!ticket.csrfToken.isEmpty());
        QCOMPARE(client->ticket(), ticket);
        QCOMPARE(ticketChanged.count(), 1);

        auto version = client->get(u"/api2/json/version/"_s); // prefix and trailing slash are tolerated
        QVERIFY(finishes(version));
        QVERIFY2(version.result().has_value(), atalaia::test::why(version.result()).constData());
        QVERIFY(version.result()->toObject().value(u"version"_s).toString().startsWith(u"atalaia/"_s));

        auto vms = client->get(u"/cluster/resources"_s, {{u"type"_s, u"vm"_s}});
        QVERIFY(finishes(vms));
        QCOMPARE(vms.result()->toArray().size(), 3);
    }

    void wrongPassword()
    {
        LiveAgent live;
        auto client = live.client();
        auto login = client->login(u"root@pam"_s, u"wrong"_s);
        QVERIFY(finishes(login));
        QVERIFY(!login.result().has_value());
        QCOMPARE(login.result().error().code, Code::ApiUnauthorized);
        QCOMPARE(login.result().error().message, u"authentication failure"_s);
    }

    void writesCarryTheCsrfToken()
    {
        LiveAgent live;
        auto client = live.client();
        auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));
        QVERIFY(login.result().has_value());

        // The same ticket with a wrong CSRF token: the write is refused...
        const model::Upid upid = startWaitingTask(live.agent);
        const QString path = u"/nodes/node1/tasks/"_s + upid.toString();
        auto forged = live.client();
        Ticket noCsrf = client->ticket();
        noCsrf.csrfToken = u"00000000:AAAA"_s;
        forged->setTicket(noCsrf);
        auto refused = forged->del(path);
        QVERIFY(finishes(refused));
        QCOMPARE(refused.result().error().code, Code::ApiUnauthorized);
        QCOMPARE(refused.result().error().message, u"Permission denied - invalid csrf token"_s);
        // ...while a read with it is fine (CSRF guards writes only).
        auto read = forged->get(path + u"/status"_s);
        QVERIFY(finishes(read));
        QCOMPARE(read.result()->toObject().value(u"status"_s).toString(), u"running"_s);

        // ...and with the real one it goes through: the task is stopped.
        auto stopped = client->del(path);
        QVERIFY(finishes(stopped));
        QVERIFY2(stopped.result().has_value(), atalaia::test::why(stopped.result()).constData());
        QVERIFY(live.agent.agent().services().tasks().waitForIdle(atalaia::test::kCallTimeoutMs));
        auto status = client->get(path + u"/status"_s);
        QVERIFY(finishes(status));
        QCOMPARE(status.result()->toObject().value(u"status"_s).toString(), u"stopped"_s);
    }

    void createUpdateDeleteWithCsrf()
    {
        LiveAgent live;
        auto client = live.client();
        auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));
        QVERIFY(login.result().has_value());

        // Characters that form encoding must protect: space, '+', '&', '=', '%', UTF-8.
        const QString comment = u"Gestão de utilizadores + grupos & 100% = ok"_s;
        auto created = client->post(u"/access/groups"_s, {{u"groupid"_s, u"GroupUserManage"_s}, {u"comment"_s, comment}});
        QVERIFY(finishes(created));
        QVERIFY2(created.result().has_value(), atalaia::test::why(created.result()).constData());
        auto read = client->get(u"/access/groups/GroupUserManage"_s);
        QVERIFY(finishes(read));
        QCOMPARE(read.result()->toObject().value(u"comment"_s).toString(), comment);

        auto updated = client->put(u"/access/groups/GroupUserManage"_s, {{u"comment"_s, u"renamed"_s}});
        QVERIFY(finishes(updated));
        QVERIFY2(updated.result().has_value(), atalaia::test::why(updated.result()).constData());

        // Without the right CSRF token no write gets through.
        auto forged = live.client();
        Ticket noCsrf = client->ticket();
        noCsrf.csrfToken = u"00000000:AAAA"_s;
        forged->setTicket(noCsrf);
        auto refused = forged->post(u"/access/groups"_s, {{u"groupid"_s, u"Other"_s}});
        QVERIFY(finishes(refused));
        QCOMPARE(refused.result().error().code, Code::ApiUnauthorized);

        auto deleted = client->del(u"/access/groups/GroupUserManage"_s);
        QVERIFY(finishes(deleted));
        QVERIFY2(deleted.result().has_value(), atalaia::test::why(deleted.result()).constData());
        auto list = client->get(u"/access/groups"_s);
        QVERIFY(finishes(list));
        QCOMPARE(list.result()->toArray().size(), 0);
    }

    void postIsFormEncoded()
    {
        LiveAgent live;
        auto client = live.client();
        // POST /access/ticket with a realm parameter and a user name the
        // realm completes: only a correctly form-encoded body logs in.
        auto response = client->post(u"/access/ticket"_s, {{u"username"_s, u"root"_s},
                                                          {u"realm"_s, u"pam"_s},
                                                          {u"password"_s, u"root-password"_s}});
        QVERIFY(finishes(response));
        QVERIFY2(response.result().has_value(), atalaia::test::why(response.result()).constData());
        QCOMPARE(response.result()->toObject().value(u"username"_s).toString(), u"root@pam"_s);
    }

    void badRequestGivesParameterErrors()
    {
        LiveAgent live;
        auto client = live.client();
        auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));

        auto response = client->send(ApiClient::Method::Get, u"/cluster/resources"_s,
                                     {{u"type"_s, u"banana"_s}, {u"bogus"_s, 1}});
        QVERIFY(finishes(response));
        const Response r = response.result();
        QCOMPARE(r.failure, Response::Failure::Http);
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.message, u"Parameter verification failed."_s);
        QCOMPARE(r.parameterErrors.keys(), (QStringList{u"bogus"_s, u"type"_s}));
        QVERIFY(!r.parameterErrors.value(u"type"_s).isEmpty());
        const Error e = r.error();
        QCOMPARE(e.code, Code::ApiBadRequest);
        QVERIFY2(e.message.contains(u"\ntype: "_s) && e.message.contains(u"\nbogus: "_s), qPrintable(e.message));
    }

    void apiToken()
    {
        LiveAgent live;
        atalaia::test::addRootToken(live.agent, u"ci"_s, "5ad7f3f4-1111-2222-3333-444455556666");
        auto client = live.client();
        client->setApiToken(ApiToken::parse(u"root@pam!ci=5ad7f3f4-1111-2222-3333-444455556666"_s).value());
        auto version = client->get(u"/version"_s);
        QVERIFY(finishes(version));
        QVERIFY2(version.result().has_value(), atalaia::test::why(version.result()).constData());

        // Token writes need no CSRF token.
        const model::Upid upid = startWaitingTask(live.agent);
        auto stopped = client->del(u"/nodes/node1/tasks/"_s + upid.toString());
        QVERIFY(finishes(stopped));
        QVERIFY2(stopped.result().has_value(), atalaia::test::why(stopped.result()).constData());

        client->setApiToken(ApiToken::parse(u"root@pam!ci=wrong-secret"_s).value());
        auto refused = client->get(u"/version"_s);
        QVERIFY(finishes(refused));
        QCOMPARE(refused.result().error().code, Code::ApiUnauthorized);
        QVERIFY(live.agent.agent().services().tasks().waitForIdle(atalaia::test::kCallTimeoutMs));
    }

    void ticketIsRenewedBeforeItExpires()
    {
        LiveAgent live;
        auto client = live.client();
        QSignalSpy ticketChanged(client.get(), &ApiClient::ticketChanged);
        auto login = client->login(u"root@pam"_s, u"root-password"_s);
        QVERIFY(finishes(login));
        QCOMPARE(ticketChanged.count(), 1);
        const qint64 firstObtained = client->ticket().obtainedMs;

        // The test hook: renew when the ticket is 50 ms old instead of an hour.
        client->setRenewalAge(std::chrono::milliseconds(50));
        QTRY_VERIFY_WITH_TIMEOUT(ticketChanged.count() >= 2, atalaia::test::kCallTimeoutMs);
        client->setRenewalAge(ApiClient::kDefaultRenewalAge);
        const Ticket renewed = ticketChanged.at(1).at(0).value<Ticket>();
        QCOMPARE(renewed.userid, u"root@pam"_s);
        QVERIFY(renewed.obtainedMs >= firstObtained);
        QVERIFY(renewed.ticket.startsWith(u"PVE:root@pam:"_s));

        auto version = client->get(u"/version"_s);
        QVERIFY(finishes(version));
        QVERIFY(version.result().has_value());
    }

    void oldCachedTicketIsRenewedAtOnce()
    {
        LiveAgent live;
        const TestAgent::Session session = live.agent.root();
        auto client = live.client();
        QSignalSpy ticketChanged(client.get(), &ApiClient::ticketChanged);
        const qint64 now = SystemClock::instance().nowMs();
        client->setTicket(Ticket{u"root@pam"_s, session.ticket, session.csrf, now - 61 * 60 * 1000});
        QTRY_COMPARE_WITH_TIMEOUT(ticketChanged.count(), 1, atalaia::test::kCallTimeoutMs);
        QVERIFY(client->ticket().obtainedMs >= now);
    }

    void refusedRenewalLosesTheSession()
    {
        LiveAgent live;
        auto client = live.client();
        QSignalSpy lost(client.get(), &ApiClient::authenticationLost);
        const qint64 now = SystemClock::instance().nowMs();
        client->setTicket(Ticket{u"root@pam"_s, u"PVE:root@pam:6900A000::Zm9yZ2Vk"_s, u"x"_s, now - 61 * 60 * 1000});
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, atalaia::test::kCallTimeoutMs);
        QCOMPARE(lost.at(0).at(0).value<Error>().code, Code::ApiUnauthorized);
    }

    void failsOverToTheLiveAddress()
    {
        LiveAgent live;
        const Endpoint dead(u"127.0.0.1"_s, atalaia::test::deadPort());
        auto client = live.client({dead, live.endpoint});
        QCOMPARE(client->activeEndpoint(), dead);
        QSignalSpy active(client.get(), &ApiClient::activeEndpointChanged);

        auto login = client->send(ApiClient::Method::Post, u"/access/ticket"_s,
                                  {{u"username"_s, u"root@pam"_s}, {u"password"_s, u"root-password"_s}});
        QVERIFY(finishes(login));
        const Response r = login.result();
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(r.endpoint, live.endpoint);
        QCOMPARE(r.attempts.size(), 1);
        QVERIFY(r.attempts.first().startsWith(dead.toString()));
        QCOMPARE(active.count(), 1);
        QCOMPARE(active.at(0).at(0).value<Endpoint>(), live.endpoint);
        QCOMPARE(client->activeEndpoint(), live.endpoint);

        // The next call goes straight to the address that works.
        auto again = client->send(ApiClient::Method::Get, u"/access/ticket"_s);
        QVERIFY(finishes(again));
        QVERIFY(again.result().isOk());
        QVERIFY(again.result().attempts.isEmpty());
    }

    void failsOverFromAnAddressThatNeverAnswers()
    {
        LiveAgent live;
        // Accepts TCP connections (the kernel does, from the backlog) but
        // never answers: the TLS handshake stalls until the client's timeout.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const Endpoint hanging(u"127.0.0.1"_s, silent.serverPort());
        auto client = live.client({hanging, live.endpoint});
        client->setTimeout(std::chrono::milliseconds(300));

        auto read = client->send(ApiClient::Method::Get, u"/access/ticket"_s);
        QVERIFY(finishes(read));
        QVERIFY2(read.result().isOk(), qPrintable(read.result().message));
        QCOMPARE(read.result().endpoint, live.endpoint);
        QCOMPARE(read.result().attempts.size(), 1);
        QVERIFY2(read.result().attempts.first().contains(u"no answer within 0.3 s"_s),
                 qPrintable(read.result().attempts.first()));
    }

    void aWriteThatTimedOutIsNotSentAgain()
    {
        LiveAgent live;
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const Endpoint hanging(u"127.0.0.1"_s, silent.serverPort());
        auto client = live.client({hanging, live.endpoint});
        client->setTimeout(std::chrono::milliseconds(300));
        LoginLog log;

        // It may have reached the server: the client cannot know, so it does
        // not repeat it elsewhere.
        auto write = client->send(ApiClient::Method::Post, u"/access/ticket"_s,
                                  {{u"username"_s, u"root@pam"_s}, {u"password"_s, u"root-password"_s}});
        QVERIFY(finishes(write));
        QCOMPARE(write.result().failure, Response::Failure::Timeout);
        QCOMPARE(write.result().endpoint, hanging);
        QCOMPARE(write.result().error().code, Code::Io);
        QCOMPARE(LoginLog::count, 0);
    }

    void noAddressReachable()
    {
        const Endpoint dead1(u"127.0.0.1"_s, atalaia::test::deadPort());
        const Endpoint dead2(u"127.0.0.1"_s, atalaia::test::deadPort());
        ApiClient client({dead1, dead2});
        auto response = client.send(ApiClient::Method::Get, u"/version"_s);
        QVERIFY(finishes(response));
        const Response r = response.result();
        QCOMPARE(r.failure, Response::Failure::Unreachable);
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.error().code, Code::Io);
        QVERIFY2(r.message.contains(dead1.toString()) && r.message.contains(dead2.toString()), qPrintable(r.message));
    }

    void destroyingTheClientFinishesItsCalls()
    {
        LiveAgent live;
        QFuture<Response> pending;
        {
            auto client = live.client();
            pending = client->send(ApiClient::Method::Get, u"/version"_s);
        }
        QVERIFY(pending.isFinished());
        QCOMPARE(pending.result().failure, Response::Failure::Cancelled);
    }
};

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_ApiClient.moc"
