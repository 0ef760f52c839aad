// The event stream (our extension, wss://.../api2/json/atalaia/events): the
// upgrade is authenticated like the API, events arrive as they happen, and
// each subscriber gets only what it may see.
#include "TestAgent.h"
#include "api/Services.h"
#include "tasks/TaskManager.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using atalaia::test::TestAgent;

namespace {

// A WebSocket client that trusts exactly the agent's certificate.
std::unique_ptr<QWebSocket> connectStream(TestAgent &a, const QByteArray &cookie)
{
    auto socket = std::make_unique<QWebSocket>();
    const QString fingerprint = a.agent().certificate().fingerprint;
    QObject::connect(socket.get(), &QWebSocket::sslErrors, socket.get(), [s = socket.get(), fingerprint](const QList<QSslError> &) {
        const QByteArray digest = s->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256);
        if (QString::fromLatin1(digest.toHex(':').toUpper()) == fingerprint)
            s->ignoreSslErrors();
    });
    QNetworkRequest request(QUrl(QStringLiteral("wss://127.0.0.1:%1/api2/json/atalaia/events").arg(a.agent().port())));
    if (!cookie.isEmpty())
        request.setRawHeader("Cookie", "PVEAuthCookie=" + cookie);
    socket->open(request);
    return socket;
}

QStringList topics(const QSignalSpy &spy)
{
    QStringList list;
    for (const auto &args : spy)
        list.append(QJsonDocument::fromJson(args.at(0).toString().toUtf8()).object().value(QLatin1String("topic")).toString());
    return list;
}

} // namespace

class tst_EventStream : public QObject
{
    Q_OBJECT

private slots:
    void refusesUnauthenticated()
    {
        TestAgent a;
        QVERIFY(a.agent().listen());
        auto socket = connectStream(a, {});
        QSignalSpy connected(socket.get(), &QWebSocket::connected);
        QSignalSpy failed(socket.get(), &QWebSocket::errorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QVERIFY(connected.isEmpty());
    }

    // An agent that stops while subscribers are connected closes their
    // streams. (The crash this once caused shows in tst_ConsoleFlows, whose
    // client keeps polling while the agent goes.)
    void stopsWithSubscribersConnected()
    {
        auto a = std::make_unique<TestAgent>();
        QVERIFY(a->agent().listen());
        auto stream = connectStream(*a, a->root().ticket.toUtf8());
        QSignalSpy closed(stream.get(), &QWebSocket::disconnected);
        QTRY_COMPARE(a->agent().eventSubscribers(), 1);
        a.reset();
        QTRY_COMPARE(closed.count(), 1);
    }

    void deliversTaskEventsToWhoMaySeeThem()
    {
        TestAgent a;
        QVERIFY(a.agent().listen());
        // nobody@pve exists but has no privileges; root sees everything.
        const auto root = a.root();
        QCOMPARE(a.call(QStringLiteral("POST"), QStringLiteral("/access/users"),
                        {{QStringLiteral("userid"), QStringLiteral("nobody@pve")},
                         {QStringLiteral("password"), QStringLiteral("nobody-password")}}, root).status, 200);
        const auto nobody = a.login(QStringLiteral("nobody@pve"), QStringLiteral("nobody-password"));

        auto rootStream = connectStream(a, root.ticket.toUtf8());
        auto nobodyStream = connectStream(a, nobody.ticket.toUtf8());
        QSignalSpy rootMessages(rootStream.get(), &QWebSocket::textMessageReceived);
        QSignalSpy nobodyMessages(nobodyStream.get(), &QWebSocket::textMessageReceived);
        QTRY_COMPARE_WITH_TIMEOUT(rootMessages.size(), 1, 10000);   // "hello"
        QTRY_COMPARE_WITH_TIMEOUT(nobodyMessages.size(), 1, 10000);

        atalaia::tasks::TaskSpec spec;
        spec.type = QStringLiteral("eventtest");
        spec.user = QStringLiteral("root@pam");
        spec.work = [](atalaia::tasks::TaskContext &ctx) -> atalaia::Result<void> {
            ctx.log(QStringLiteral("working"));
            return {};
        };
        QVERIFY(a.agent().services().tasks().start(spec));
        QTRY_VERIFY_WITH_TIMEOUT(topics(rootMessages).count(QStringLiteral("task")) >= 3, 10000); // start, log, end
        QVERIFY(QJsonDocument::fromJson(rootMessages.last().at(0).toString().toUtf8()).object()
                    .value(QLatin1String("exitstatus")).toString() == QLatin1String("OK"));
        // A config change nobody may audit, and root's task: nobody hears of neither.
        QCOMPARE(a.call(QStringLiteral("POST"), QStringLiteral("/access/groups"),
                        {{QStringLiteral("groupid"), QStringLiteral("g1")}}, root).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(topics(rootMessages).contains(QStringLiteral("config")), 10000);
        // nobody's own task is its to see: once its end arrives, everything
        // published before it has been delivered (one server thread, in order).
        spec.user = QStringLiteral("nobody@pve");
        QVERIFY(a.agent().services().tasks().start(spec));
        QTRY_VERIFY_WITH_TIMEOUT(nobodyMessages.last().at(0).toString().contains(QLatin1String("exitstatus")), 10000);
        const QStringList seen = topics(nobodyMessages);
        QCOMPARE(seen.first(), QStringLiteral("hello"));
        QVERIFY2(!seen.contains(QStringLiteral("config")), qPrintable(seen.join(QLatin1Char(','))));
        for (const auto &args : nobodyMessages.mid(1))
            QVERIFY2(args.at(0).toString().contains(QLatin1String("nobody@pve")), qPrintable(args.at(0).toString()));
        // Clients leave; the server lets go of their sessions.
        rootStream->close();
        nobodyStream->close();
        QTRY_COMPARE_WITH_TIMEOUT(a.agent().eventSubscribers(), 0, 10000);
    }
};

QTEST_GUILESS_MAIN(tst_EventStream)
#include "tst_EventStream.moc"
