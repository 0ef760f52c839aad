#include "TestAgent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using atalaia::test::TestAgent;

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
