// The permission matrix: every route the agent registers, called as seven
// identities, and what each got — compared with a reviewed golden file
// (tests/data/api/permission-matrix.txt; ATALAIA_REGENERATE=1 rewrites it).
//
// Identities (fixture tests/data/fake/matrix.json): root@pam; admin@pve
// (Administrator on /); auditor@pve (PVEAuditor on /); roma@pve (member of
// GroupUserManage: PVEUserAdmin on /access, propagated); vmuser@pve
// (PVEVMUser on /vms/100); nobody@pve (no ACL entry); admin@pve!sep (a
// privilege-separated token with PVEVMUser on /vms/100). Lists record how
// many entries each identity sees, so what a list hides is in the matrix too.
// Every write runs against a fresh copy of the agent's state, so calls cannot
// influence each other.
#include "GoldenCorpus.h"
#include "access/TicketAuthority.h"
#include "agent/Agent.h"
#include "agent/Backends.h"
#include "api/Dispatcher.h"
#include "api/Router.h"
#include "api/Services.h"
#include "schema/ApiSchema.h"
#include "tasks/TaskManager.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;

namespace {

struct Caller {
    QString name;
    QString userid;    // for tickets
    QString token;     // "user@realm!name=secret" for token calls
};

const QList<Caller> kCallers = {
    {QStringLiteral("root"), QStringLiteral("root@pam"), {}},
    {QStringLiteral("admin"), QStringLiteral("admin@pve"), {}},
    {QStringLiteral("auditor"), QStringLiteral("auditor@pve"), {}},
    {QStringLiteral("roma"), QStringLiteral("roma@pve"), {}},
    {QStringLiteral("vmuser"), QStringLiteral("vmuser@pve"), {}},
    {QStringLiteral("nobody"), QStringLiteral("nobody@pve"), {}},
    {QStringLiteral("token"), {}, QStringLiteral("admin@pve!sep=0b5e6d7c-1111-4222-8333-944455556666")},
};

// Values for path parameters, by name: objects that exist in the fixture.
QString pathValue(const QString &name, const QString &upid)
{
    static const QHash<QString, QString> kValues = {
        {QStringLiteral("node"), QStringLiteral("node1")},     {QStringLiteral("userid"), QStringLiteral("roma@pve")},
        {QStringLiteral("groupid"), QStringLiteral("GroupUserManage")}, {QStringLiteral("roleid"), QStringLiteral("Custom")},
        {QStringLiteral("tokenid"), QStringLiteral("tok")},    {QStringLiteral("realm"), QStringLiteral("pve")},
        {QStringLiteral("vmid"), QStringLiteral("100")},       {QStringLiteral("username"), QStringLiteral("ana")},
        {QStringLiteral("iface"), QStringLiteral("vmbr0")},    {QStringLiteral("storage"), QStringLiteral("local")},
        {QStringLiteral("volume"), QStringLiteral("absent")},
    };
    if (name == QLatin1String("upid"))
        return upid;
    return kValues.value(name, QStringLiteral("x"));
}

// A valid sample for a required body parameter.
QJsonValue sampleValue(const schema::PropertySchema &p)
{
    static const QHash<QString, QString> kByName = {
        {QStringLiteral("userid"), QStringLiteral("newuser@pve")}, {QStringLiteral("groupid"), QStringLiteral("NewGroup")},
        {QStringLiteral("roleid"), QStringLiteral("NewRole")},     {QStringLiteral("path"), QStringLiteral("/vms/100")},
        {QStringLiteral("roles"), QStringLiteral("PVEAuditor")},   {QStringLiteral("privs"), QStringLiteral("VM.Audit")},
        {QStringLiteral("password"), QStringLiteral("a-Long-passw0rd")}, {QStringLiteral("realm"), QStringLiteral("newrealm")},
        {QStringLiteral("username"), QStringLiteral("ana")},       {QStringLiteral("confirmation-password"), QStringLiteral("x")},
    };
    if (kByName.contains(p.name))
        return kByName.value(p.name);
    if (!p.enumValues.isEmpty())
        return p.enumValues.first();
    switch (p.type) {
    case schema::PropertySchema::Type::Integer:
    case schema::PropertySchema::Type::Number: return p.minimum.value_or(1);
    case schema::PropertySchema::Type::Boolean: return 0;
    default: return QStringLiteral("sample");
    }
}

} // namespace

class tst_PermissionMatrix : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_template;   // a prepared data dir: keys, certificate, seeded store
    QString m_upid;
    std::unique_ptr<agent::Agent> m_reader;
    QHash<QString, QPair<QString, QString>> m_tickets; // caller -> ticket, csrf

    std::unique_ptr<agent::Agent> startAgent(const QString &dataDir)
    {
        agent::Agent::Options o;
        o.dataDir = dataDir;
        o.nodeName = QStringLiteral("node1");
        o.backend = QStringLiteral("fake:" ATALAIA_TEST_DATA_DIR "/fake/matrix.json");
        auto a = agent::Agent::create(o);
        if (!a)
            qFatal("%s", qPrintable(a.error().toString()));
        // The network backend reaches the API once the agent hands it over
        // itself; a no-op from then on.
        if (!(*a)->services().networkInterfaces())
            (*a)->services().setNetworkInterfaces((*a)->backends().networkInterfaces.get());
        return std::move(*a);
    }

    static void copyDir(const QString &from, const QString &to)
    {
        QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = to + source.mid(from.size());
            QDir().mkpath(QFileInfo(target).path());
            QFile::copy(source, target);
            QFile::setPermissions(target, QFile::permissions(source));
        }
    }

    QString call(agent::Agent &agent, const Caller &caller, const api::Route &route, const QString &path)
    {
        api::ApiRequest request;
        request.method = route.method;
        request.path = path;
        request.peer = QStringLiteral("127.0.0.1");
        if (route.parameters) {
            for (const auto &p : route.parameters->properties())
                if (!p.optional && !route.pathTemplate.contains(QLatin1Char('{') + p.name + QLatin1Char('}'))
                    && !p.name.endsWith(QLatin1String("[n]")))
                    request.params.insert(p.name, sampleValue(p));
        }
        if (!caller.token.isEmpty()) {
            request.headers.insert("authorization", "PVEAPIToken=" + caller.token.toUtf8());
        } else {
            const auto [ticket, csrf] = m_tickets.value(caller.name);
            request.headers.insert("cookie", "PVEAuthCookie=" + ticket.toUtf8());
            request.headers.insert("csrfpreventiontoken", csrf.toUtf8());
        }
        const api::ApiResponse r = agent.dispatcher().handle(request);
        QString outcome = QString::number(r.status);
        if (r.status == 200 && route.method == QLatin1String("GET")) {
            const QJsonValue data = QJsonDocument::fromJson(r.body()).object().value(QLatin1String("data"));
            if (data.isArray())
                outcome += QStringLiteral("[%1]").arg(data.toArray().size());
        }
        return outcome;
    }

private slots:
    void initTestCase()
    {
        {
            auto prepared = startAgent(m_template.path());
            // A finished task owned by roma, so the task routes have something to show.
            tasks::TaskSpec spec;
            spec.type = QStringLiteral("matrix");
            spec.user = QStringLiteral("roma@pve");
            spec.work = [](tasks::TaskContext &) -> Result<void> { return {}; };
            auto upid = prepared->services().tasks().start(spec);
            QVERIFY(upid);
            QVERIFY(prepared->services().tasks().waitForIdle(10000));
            m_upid = upid->toString();
        }
        copyDir(m_template.path(), m_template.path() + QStringLiteral("-reader"));
        m_reader = startAgent(m_template.path() + QStringLiteral("-reader"));
        for (const Caller &c : kCallers) {
            if (c.userid.isEmpty())
                continue;
            auto &tickets = m_reader->services().tickets();
            m_tickets.insert(c.name, {*tickets.create(c.userid), *tickets.csrfToken(c.userid)});
        }
    }

    void cleanupTestCase()
    {
        m_reader.reset();
        QDir(m_template.path() + QStringLiteral("-reader")).removeRecursively();
    }

    void matrix()
    {
        QList<std::shared_ptr<api::Route>> routes = m_reader->router().routes();
        std::sort(routes.begin(), routes.end(), [](const auto &a, const auto &b) {
            return std::pair(a->pathTemplate, a->method) < std::pair(b->pathTemplate, b->method);
        });
        QString table;
        for (const auto &route : std::as_const(routes)) {
            QString path = route->pathTemplate;
            for (const QString &segment : route->segments)
                if (segment.startsWith(QLatin1Char('{')))
                    path.replace(segment, pathValue(segment.mid(1, segment.size() - 2), m_upid));
            QStringList outcomes;
            for (const Caller &caller : kCallers) {
                QString outcome;
                if (route->method == QLatin1String("GET")) {
                    outcome = call(*m_reader, caller, *route, path);
                } else {
                    QTemporaryDir dir;
                    copyDir(m_template.path(), dir.path());
                    auto fresh = startAgent(dir.path());
                    outcome = call(*fresh, caller, *route, path);
                }
                outcomes.append(caller.name + QLatin1Char('=') + outcome);
            }
            table += QStringLiteral("%1 %2: %3\n").arg(route->method, route->pathTemplate, outcomes.join(QLatin1Char(' ')));
        }
        const QString golden = QStringLiteral(ATALAIA_TEST_DATA_DIR "/api/permission-matrix.txt");
        if (qEnvironmentVariableIntValue("ATALAIA_REGENERATE")) {
            QFile f(golden);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(table.toUtf8());
            return;
        }
        QCOMPARE(table, QString::fromUtf8(atalaia::test::readFile(golden)));
    }

    // The rows that carry the seed story, stated outright (the golden file
    // holds them too; these keep them from being regenerated away unnoticed).
    void seedStoryRows()
    {
        const QString golden = QString::fromUtf8(atalaia::test::readFile(QStringLiteral(ATALAIA_TEST_DATA_DIR "/api/permission-matrix.txt")));
        auto row = [&](const QString &prefix) {
            for (const QString &line : golden.split(QLatin1Char('\n')))
                if (line.startsWith(prefix))
                    return line;
            return QString();
        };
        QVERIFY(row(QStringLiteral("GET /nodes/{node}/status:")).contains(QLatin1String("roma=403")));
        QVERIFY(row(QStringLiteral("GET /nodes/{node}/status:")).contains(QLatin1String("auditor=200")));
        QVERIFY(row(QStringLiteral("GET /nodes/{node}/status:")).contains(QLatin1String("nobody=403")));
        QVERIFY(row(QStringLiteral("GET /cluster/resources:")).contains(QLatin1String("vmuser=200[1]")));
        QVERIFY(row(QStringLiteral("GET /cluster/resources:")).contains(QLatin1String("nobody=200[0]")));
    }
};

QTEST_GUILESS_MAIN(tst_PermissionMatrix)
#include "tst_PermissionMatrix.moc"
