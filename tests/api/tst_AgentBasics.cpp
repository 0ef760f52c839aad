#include "TestAgent.h"
#include "api/Compression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using atalaia::test::TestAgent;
namespace api = atalaia::api;

class tst_AgentBasics : public QObject
{
    Q_OBJECT

private slots:
    void versionNeedsAuthentication()
    {
        TestAgent a;
        QCOMPARE(a.call(QStringLiteral("GET"), QStringLiteral("/version")).status, 401);
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/version"), {}, a.root());
        QCOMPARE(r.status, 200);
        QVERIFY(r.data.toObject().value(QLatin1String("version")).toString().startsWith(QLatin1String("atalaia/")));
    }

    void loginAndCsrf()
    {
        TestAgent a;
        const auto bad = a.call(QStringLiteral("POST"), QStringLiteral("/access/ticket"),
                                {{QStringLiteral("username"), QStringLiteral("root@pam")},
                                 {QStringLiteral("password"), QStringLiteral("wrong")}});
        QCOMPARE(bad.status, 401);
        auto session = a.root();
        QVERIFY(session.ticket.startsWith(QLatin1String("PVE:root@pam:")));
        // A write with the ticket but without the CSRF token is refused.
        auto noCsrf = session;
        noCsrf.csrf.clear();
        const auto refused = a.call(QStringLiteral("DELETE"), QStringLiteral("/nodes/node1/tasks/UPID:node1:00000001:00000001:00000001:x::root@pam:"),
                                    {}, noCsrf);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.message, QStringLiteral("Permission denied - invalid csrf token"));
    }

    void clusterResourcesFromFakeBackend()
    {
        TestAgent a;
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, a.root());
        QCOMPARE(r.status, 200);
        const QJsonArray list = QJsonDocument::fromJson(r.body()).object().value(QLatin1String("data")).toArray();
        // node + 2 storages + 3 guests
        QCOMPARE(list.size(), 6);
        const auto vms = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"),
                                {{QStringLiteral("type"), QStringLiteral("vm")}}, a.root());
        QCOMPARE(QJsonDocument::fromJson(vms.body()).object().value(QLatin1String("data")).toArray().size(), 3);
    }

    void clusterResourcesCompressedWhenAccepted()
    {
        TestAgent a;
        TestAgent::Session session = a.root();
        const auto plain = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, session);
        QVERIFY(plain.gzipBody.isEmpty());
        session.headers.insert("accept-encoding", "deflate, gzip;q=0.5");
        const auto packed = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, session);
        QVERIFY(!packed.gzipBody.isEmpty());
        QCOMPARE(api::gunzip(packed.gzipBody), plain.body());
        session.headers.insert("accept-encoding", "gzip;q=0, br");
        QVERIFY(a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, session).gzipBody.isEmpty());
    }

    void acceptEncodingParsing_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("gzip");
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("gzip") << QByteArray("gzip") << true;
        QTest::newRow("list") << QByteArray("br, GZIP , deflate") << true;
        QTest::newRow("weighted") << QByteArray("gzip;q=0.2") << true;
        QTest::newRow("refused") << QByteArray("gzip;q=0") << false;
        QTest::newRow("refused-decimal") << QByteArray("gzip; q=0.000") << false;
        QTest::newRow("star") << QByteArray("*") << true;
        QTest::newRow("other") << QByteArray("br, zstd") << false;
        QTest::newRow("prefix-only") << QByteArray("gzipx") << false;
    }

    void acceptEncodingParsing()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, gzip);
        QCOMPARE(api::acceptsGzip(header), gzip);
    }

    // Answers are cached per caller; an ACL change must show at once.
    void clusterResourcesFollowAclChanges()
    {
        TestAgent a;
        const auto root = a.root();
        QCOMPARE(a.call(QStringLiteral("POST"), QStringLiteral("/access/users"),
                        {{QStringLiteral("userid"), QStringLiteral("amy@pve")},
                         {QStringLiteral("password"), QStringLiteral("amy's long secret")}},
                        root).status, 200);
        const auto amy = a.login(QStringLiteral("amy@pve"), QStringLiteral("amy's long secret"));
        auto count = [&] {
            const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"), {}, amy);
            return QJsonDocument::fromJson(r.body()).object().value(QLatin1String("data")).toArray().size();
        };
        QCOMPARE(count(), 0);
        QCOMPARE(a.call(QStringLiteral("PUT"), QStringLiteral("/access/acl"),
                        {{QStringLiteral("path"), QStringLiteral("/vms")},
                         {QStringLiteral("users"), QStringLiteral("amy@pve")},
                         {QStringLiteral("roles"), QStringLiteral("PVEAuditor")}},
                        root).status, 200);
        QCOMPARE(count(), 3); // the three guests; node and storages stay hidden
    }

    void parameterValidation()
    {
        TestAgent a;
        const auto r = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"),
                              {{QStringLiteral("type"), QStringLiteral("banana")}}, a.root());
        QCOMPARE(r.status, 400);
        QVERIFY(r.errors.contains(QLatin1String("type")));
        const auto unknown = a.call(QStringLiteral("GET"), QStringLiteral("/cluster/resources"),
                                    {{QStringLiteral("bogus"), 1}}, a.root());
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.errors.contains(QLatin1String("bogus")));
    }

    void unknownPathAndMethod()
    {
        TestAgent a;
        QCOMPARE(a.call(QStringLiteral("GET"), QStringLiteral("/nope")).status, 404);
        QCOMPARE(a.call(QStringLiteral("POST"), QStringLiteral("/version"), {}, a.root()).status, 501);
    }
};

QTEST_GUILESS_MAIN(tst_AgentBasics)
#include "tst_AgentBasics.moc"
