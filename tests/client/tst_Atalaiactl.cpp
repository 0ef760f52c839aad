// atalaiactl's commands, run in-process (cli::runCommandLine) against a real
// agent over HTTPS on 127.0.0.1: login and its caches, trust on first use,
// a changed certificate, output formats, errors, tokens and task following.
#include "ClientTestSupport.h"
#include "api/client/Ticket.h"
#include "base/Clock.h"
#include "cli/CommandLine.h"
#include "cli/Environment.h"
#include "cli/TicketCache.h"
#include "tasks/TaskContext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace atalaia;
using namespace Qt::StringLiterals;
using atalaia::test::TestAgent;

namespace {

struct Run {
    int status = -1;
    QString out;
    QString err;
};

class Cli
{
public:
    Cli()
    {
        if (auto listening = m_agent.agent().listen(); !listening)
            qFatal("test agent cannot listen: %s", qPrintable(listening.error().toString()));
        m_port = m_agent.agent().port();
        variables.insert(u"ATALAIA_CONFIG_DIR"_s, m_config.path());
        variables.insert(u"HOME"_s, m_config.path()); // nothing may touch the real home
    }

    TestAgent &agent() { return m_agent; }
    QString server() const { return u"127.0.0.1:%1"_s.arg(m_port); }
    QString fingerprint() { return m_agent.agent().certificate().fingerprint; }
    QString configDir() const { return m_config.path(); }
    QString ticketFile() const { return m_config.path() + u"/cache/ticket-127.0.0.1_%1.json"_s.arg(m_port); }

    Run run(const QStringList &arguments)
    {
        Run result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        m_liveOut = &result.out;
        cli::Environment env;
        env.out = &out;
        env.err = &err;
        env.variables = variables;
        env.taskPollInterval = std::chrono::milliseconds(20);
        env.readSecret = [this](const QString &prompt) -> std::optional<QString> {
            prompts.append(prompt);
            return password;
        };
        result.status = cli::runCommandLine(QStringList{u"atalaiactl"_s} + arguments, env);
        out.flush();
        err.flush();
        m_liveOut = nullptr;
        return result;
    }

    // What the running command printed so far.
    QString liveOut() const { return m_liveOut ? *m_liveOut : QString(); }

    Run login() { return run({u"login"_s, u"--server"_s, server(), u"--user"_s, u"root@pam"_s, u"--trust"_s}); }

    QProcessEnvironment variables;
    QStringList prompts;
    QString password = u"root-password"_s;

private:
    TestAgent m_agent;
    QTemporaryDir m_config;
    QString *m_liveOut = nullptr;
    quint16 m_port = 0;
};

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

#define VERIFY_RUN(run, expected)                                                                                      \
    QVERIFY2((run).status == (expected),                                                                               \
             qPrintable(u"status %1, stdout:\n%2\nstderr:\n%3"_s.arg((run).status).arg((run).out, (run).err)))

class tst_Atalaiactl : public QObject
{
    Q_OBJECT

private slots:
    void loginRefusesAnUnknownCertificateBeforeAskingForThePassword()
    {
        Cli cli;
        const Run r = cli.run({u"login"_s, u"--server"_s, cli.server()});
        VERIFY_RUN(r, 1);
        QVERIFY(cli.prompts.isEmpty());
        QVERIFY2(r.err.contains(cli.fingerprint()), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"atalaiactl login --server %1 --fingerprint %2"_s.arg(cli.server(), cli.fingerprint())),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(cli.ticketFile()));
    }

    void loginWithTrustCachesTheTicket()
    {
        Cli cli;
        const Run r = cli.login();
        VERIFY_RUN(r, 0);
        QCOMPARE(cli.prompts, (QStringList{u"Password for root@pam on %1: "_s.arg(cli.server())}));
        QVERIFY2(r.out.contains(u"Logged in to %1 as root@pam."_s.arg(cli.server())), qPrintable(r.out));

        // The ticket cache: 0600, in a 0700 directory, the login's answer.
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(cli.ticketFile()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QCOMPARE(::stat(QFile::encodeName(QFileInfo(cli.ticketFile()).absolutePath()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0700u);
        const QJsonObject cached = QJsonDocument::fromJson(readFile(cli.ticketFile()).toUtf8()).object();
        QCOMPARE(cached.value(u"username"_s).toString(), u"root@pam"_s);
        QCOMPARE(cached.value(u"server"_s).toString(), cli.server());
        QVERIFY(cached.value(u"ticket"_s).toString().startsWith(u"PVE:root@pam:"_s));
        QVERIFY(!cached.value(u"CSRFPreventionToken"_s).toString().isEmpty());

        // The pin and the defaults for later commands.
        QVERIFY2(readFile(cli.configDir() + u"/known_servers"_s).contains(cli.server() + u' ' + cli.fingerprint()),
                 qPrintable(readFile(cli.configDir() + u"/known_servers"_s)));
        const QJsonObject defaults =
            QJsonDocument::fromJson(readFile(cli.configDir() + u"/defaults.json"_s).toUtf8()).object();
        QCOMPARE(defaults.value(u"server"_s).toString(), cli.server());

        // Later commands need neither --server nor --trust.
        const Run version = cli.run({u"get"_s, u"/version"_s});
        VERIFY_RUN(version, 0);
        QVERIFY(version.out.contains(u"atalaia/"_s));
    }

    void loginWithFingerprintAndPasswordFromTheEnvironment()
    {
        Cli cli;
        cli.variables.insert(u"ATALAIA_PASSWORD"_s, u"root-password"_s);
        const Run r = cli.run({u"login"_s, u"--server"_s, cli.server(), u"--fingerprint"_s, cli.fingerprint().toLower()});
        VERIFY_RUN(r, 0);
        QVERIFY(cli.prompts.isEmpty());
        QVERIFY(QFile::exists(cli.ticketFile()));
    }

    void loginWithWrongPassword()
    {
        Cli cli;
        cli.password = u"wrong"_s;
        const Run r = cli.login();
        VERIFY_RUN(r, 1);
        QVERIFY2(r.err.contains(u"authentication failure"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(cli.ticketFile()));
    }

    void changedCertificateIsRefusedWithBothFingerprints()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const QString old = u"11:"_s.repeated(31) + u"11"_s;
        QFile known(cli.configDir() + u"/known_servers"_s);
        QVERIFY(known.open(QIODevice::WriteOnly | QIODevice::Truncate));
        known.write((cli.server() + u' ' + old + u'\n').toUtf8());
        known.close();

        const Run r = cli.run({u"get"_s, u"/version"_s});
        VERIFY_RUN(r, 1);
        QVERIFY2(r.err.contains(u"CHANGED"_s) && r.err.contains(old) && r.err.contains(cli.fingerprint()),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"atalaiactl login --server %1 --fingerprint %2"_s.arg(cli.server(), cli.fingerprint())),
                 qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        // --trust does not override a pin: only an explicit new fingerprint does.
        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s, u"--trust"_s}), 1);
        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s, u"--fingerprint"_s, cli.fingerprint()}), 0);
        QVERIFY(readFile(cli.configDir() + u"/known_servers"_s).contains(cli.fingerprint()));
    }

    void clusterResourcesAsTable()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const Run r = cli.run({u"get"_s, u"/cluster/resources"_s});
        VERIFY_RUN(r, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2 + 6); // header, rule, node + 2 storages + 3 guests
        QVERIFY2(lines[0].startsWith(u"id "_s), qPrintable(r.out));
        QVERIFY(lines[1].startsWith(u"---"_s));
        // Aligned: every column starts at the same offset on every line.
        const qsizetype typeColumn = lines[0].indexOf(u" type "_s) + 1;
        const qsizetype nameColumn = lines[0].indexOf(u" name "_s) + 1;
        QVERIFY(typeColumn > 0 && nameColumn > 0);
        QString web1;
        for (const QString &line : lines.mid(2)) {
            QVERIFY2(line.at(typeColumn - 1) == u' ' && line.at(typeColumn) != u' ', qPrintable(line));
            if (line.startsWith(u"qemu/100 "_s))
                web1 = line;
        }
        QVERIFY2(!web1.isEmpty(), qPrintable(r.out));
        QCOMPARE(web1.mid(typeColumn, 4), u"qemu"_s);
        QCOMPARE(web1.mid(nameColumn, 4), u"web1"_s);
    }

    void clusterResourcesAsJson()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const Run r = cli.run({u"get"_s, u"/cluster/resources"_s, u"--output"_s, u"json"_s, u"--type"_s, u"vm"_s});
        VERIFY_RUN(r, 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.array().size(), 3);
        QVERIFY(r.out.contains(u"\n    "_s)); // pretty, not compact
    }

    void objectAsKeyValueLines()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const Run r = cli.run({u"get"_s, u"/version"_s});
        VERIFY_RUN(r, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        const QString versionLine = lines.filter(QRegularExpression(u"^version +atalaia/"_s)).value(0);
        QVERIFY2(!versionLine.isEmpty(), qPrintable(r.out));
        const qsizetype valueColumn = versionLine.indexOf(u"atalaia/"_s);
        for (const QString &line : lines)
            QVERIFY2(line.at(valueColumn - 1) == u' ' && line.at(valueColumn) != u' ', qPrintable(r.out));
    }

    void listDirectory()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const Run r = cli.run({u"ls"_s, u"/nodes"_s});
        VERIFY_RUN(r, 0);
        QCOMPARE(r.out, u"Dr---        node1\n"_s);
    }

    void createSetDelete()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        VERIFY_RUN(cli.run({u"create"_s, u"/access/groups"_s, u"--groupid"_s, u"ops"_s, u"--comment=Ops & on-call"_s}), 0);
        VERIFY_RUN(cli.run({u"set"_s, u"/access/groups/ops"_s, u"--comment"_s, u"Operations"_s}), 0);
        const Run list = cli.run({u"get"_s, u"/access/groups"_s});
        VERIFY_RUN(list, 0);
        QVERIFY2(list.out.contains(QRegularExpression(u"\\nops +Operations\\n"_s)), qPrintable(list.out));
        VERIFY_RUN(cli.run({u"delete"_s, u"/access/groups/ops"_s}), 0);
        const Run gone = cli.run({u"get"_s, u"/access/groups/ops"_s});
        VERIFY_RUN(gone, 1);
    }

    void parameterErrorsArePrinted()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const Run r = cli.run({u"get"_s, u"/cluster/resources"_s, u"--type"_s, u"banana"_s});
        VERIFY_RUN(r, 1);
        QVERIFY2(r.err.contains(u"GET /cluster/resources on %1 failed: 400 Parameter verification failed."_s
                                    .arg(cli.server())),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"\ntype: "_s), qPrintable(r.err));
    }

    void notLoggedIn()
    {
        Cli cli;
        const Run r = cli.run({u"get"_s, u"/version"_s, u"--server"_s, cli.server(), u"--trust"_s});
        VERIFY_RUN(r, 1);
        QVERIFY2(r.err.contains(u"401"_s) && r.err.contains(u"atalaiactl login --server %1"_s.arg(cli.server())),
                 qPrintable(r.err));
    }

    void apiTokenFromTheEnvironment()
    {
        Cli cli;
        atalaia::test::addRootToken(cli.agent(), u"ci"_s, "5ad7f3f4-1111-2222-3333-444455556666");
        cli.variables.insert(u"ATALAIA_TOKEN"_s, u"root@pam!ci=5ad7f3f4-1111-2222-3333-444455556666"_s);
        cli.variables.insert(u"ATALAIA_SERVER"_s, cli.server());
        const Run r = cli.run({u"get"_s, u"/version"_s, u"--fingerprint"_s, cli.fingerprint()});
        VERIFY_RUN(r, 0);
        QVERIFY(r.out.contains(u"atalaia/"_s));
        // A wrong token is named in the hint, its secret is not.
        const Run wrong = cli.run({u"get"_s, u"/version"_s, u"--token"_s, u"root@pam!ci=nope-secret"_s});
        VERIFY_RUN(wrong, 1);
        QVERIFY2(wrong.err.contains(u"root@pam!ci"_s) && !wrong.err.contains(u"nope-secret"_s), qPrintable(wrong.err));
    }

    void oldCachedTicketIsRenewed()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const cli::TicketCache cache(cli.configDir() + u"/cache"_s);
        const api::client::Endpoint server = api::client::Endpoint::parse(cli.server()).value();
        api::client::Ticket ticket = cache.load(server).value().value();
        const qint64 old = SystemClock::instance().nowMs() - 90 * 60 * 1000;
        ticket.obtainedMs = old;
        QVERIFY(cache.save(server, ticket).has_value());

        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s}), 0);
        QVERIFY(cache.load(server).value().value().obtainedMs > old + 60 * 60 * 1000);
    }

    void failoverFromADeadAddress()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        const QString dead = u"127.0.0.1:%1"_s.arg(atalaia::test::deadPort());
        // The ticket cache is per first address: log in through the pair.
        const Run login = cli.run({u"login"_s, u"--server"_s, dead + u',' + cli.server()});
        VERIFY_RUN(login, 0);
        const Run r = cli.run({u"get"_s, u"/nodes"_s, u"--output"_s, u"json"_s});
        VERIFY_RUN(r, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);
    }

    void followTaskLogUntilItFails()
    {
        Cli cli;
        VERIFY_RUN(cli.login(), 0);
        auto proceed = std::make_shared<QSemaphore>();
        auto upid = cli.agent().agent().services().tasks().start(tasks::TaskSpec{
            u"testfollow"_s, u"100"_s, u"root@pam"_s, [proceed](tasks::TaskContext &context) -> Result<void> {
                context.log(u"step 1"_s);
                if (!proceed->tryAcquire(1, atalaia::test::kCallTimeoutMs))
                    return fail(Code::Internal, u"the test never let the task go on"_s);
                context.log(u"step 2"_s);
                return fail(Code::Internal, u"disk on fire"_s);
            }});
        QVERIFY(upid.has_value());

        // Let the task finish only once "step 1" was printed: the log is live.
        QTimer watcher;
        watcher.setInterval(10);
        QObject::connect(&watcher, &QTimer::timeout, [&] {
            if (cli.liveOut().contains(u"step 1"_s)) {
                proceed->release();
                watcher.stop();
            }
        });
        watcher.start();
        const Run r = cli.run({u"task"_s, u"log"_s, upid->toString(), u"--follow"_s});
        VERIFY_RUN(r, 1);
        QVERIFY2(r.out.startsWith(u"step 1\nstep 2\n"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"TASK ERROR: disk on fire"_s), qPrintable(r.out));
        QVERIFY2(r.err.contains(u"failed: disk on fire"_s), qPrintable(r.err));

        // Without --follow: the log as it is, and success.
        const Run once = cli.run({u"task"_s, u"log"_s, upid->toString()});
        VERIFY_RUN(once, 0);
        QCOMPARE(once.out, r.out);
        const Run status = cli.run({u"task"_s, u"status"_s, upid->toString(), u"--output"_s, u"json"_s});
        VERIFY_RUN(status, 0);
        QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8()).object().value(u"status"_s).toString(), u"stopped"_s);
    }

    void usageErrors()
    {
        Cli cli;
        VERIFY_RUN(cli.run({u"get"_s}), 2);
        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s, u"--output"_s, u"xml"_s}), 2);
        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s, u"--type"_s}), 2);
        VERIFY_RUN(cli.run({u"get"_s, u"/version"_s, u"--server"_s, u"no such host"_s}), 2);
        VERIFY_RUN(cli.run({u"frobnicate"_s}), 2);
        VERIFY_RUN(cli.run({u"task"_s, u"log"_s, u"not-a-upid"_s}), 2);
        VERIFY_RUN(cli.run({u"help"_s}), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Atalaiactl)
#include "tst_Atalaiactl.moc"
