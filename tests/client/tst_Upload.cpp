// Uploads (POST /nodes/{node}/storage/{storage}/upload) over real HTTPS to
// an in-process agent: ApiClient::upload streams the file, the agent streams
// it to the storage and a task puts it in place. Files larger than the
// ordinary request limit, checksums, names, permissions, an upload cut off
// half-way, and atalaiactl upload.
#include "ClientTestSupport.h"
#include "api/client/ApiClient.h"
#include "cli/CommandLine.h"
#include "cli/Environment.h"
#include "api/EventBus.h"
#include "storage/StorageManager.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QDirIterator>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace atalaia;
using namespace atalaia::api::client;
using namespace Qt::StringLiterals;
using atalaia::test::finishes;
using atalaia::test::TestAgent;

namespace {

const QString kUpload = u"/nodes/node1/storage/local/upload"_s;

struct LiveAgent {
    TestAgent agent;
    Endpoint endpoint;
    Fingerprint fingerprint;
    QTemporaryDir files; // what clients upload

    explicit LiveAgent(const QString &fixture = QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/standalone.json"))
        : agent(fixture)
    {
        if (auto listening = agent.agent().listen(); !listening)
            qFatal("test agent cannot listen: %s", qPrintable(listening.error().toString()));
        endpoint = Endpoint(u"127.0.0.1"_s, agent.agent().port());
        fingerprint = Fingerprint::parse(agent.agent().certificate().fingerprint).value();
    }

    std::unique_ptr<ApiClient> client(const QString &user = u"root@pam"_s, const QString &password = u"root-password"_s)
    {
        auto c = std::make_unique<ApiClient>(QList<Endpoint>{endpoint});
        c->trust(endpoint, fingerprint);
        if (!user.isEmpty()) {
            auto login = c->login(user, password);
            if (!finishes(login) || !login.result())
                qFatal("login of %s failed", qPrintable(user));
        }
        return c;
    }

    // A file of SIZE pseudo-random bytes (deterministic) named NAME.
    QString makeFile(const QString &name, qint64 size)
    {
        const QString path = files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        QByteArray block(64 * 1024, Qt::Uninitialized);
        quint32 x = 2463534242u;
        for (qint64 left = size; left > 0; left -= block.size()) {
            for (char &c : block) {
                x ^= x << 13, x ^= x >> 17, x ^= x << 5;
                c = char(x);
            }
            f.write(block.constData(), qMin<qint64>(left, block.size()));
        }
        return path;
    }

    storage::StorageBackend &local()
    {
        if (!m_local)
            m_local = std::move(agent.agent().services().storage()->backend(u"local"_s).value());
        return *m_local;
    }
    QString volumePath(const QString &volname) { return local().path(volname).value(); }

    // Upload leftovers: staging files and partial copies.
    QStringList leftovers()
    {
        QStringList found;
        QDirIterator it(local().stagingDirectory().value(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (it.fileName().startsWith(u".atalaia-upload-"_s) || file.endsWith(u".part"_s))
                found.append(file);
        }
        return found;
    }

    // Waits for the task UPID and returns its exit status.
    QString waitForTask(const QString &upid)
    {
        auto parsed = model::Upid::parse(upid);
        if (!parsed)
            return u"not a UPID: "_s + upid;
        tasks::TaskManager &tasks = agent.agent().services().tasks();
        const auto stopped = [&] {
            const Result<model::Task> task = tasks.status(*parsed);
            return task && task->status == u"stopped"_s;
        };
        if (!QTest::qWaitFor(stopped, atalaia::test::kCallTimeoutMs))
            return u"still running"_s;
        return tasks.status(*parsed)->exitstatus.value_or(QString());
    }

    QString taskLog(const QString &upid)
    {
        auto log = agent.agent().services().tasks().log(model::Upid::parse(upid).value(), 0, 0);
        QStringList lines;
        for (const auto &line : log->lines)
            lines.append(line.t);
        return lines.join(u'\n');
    }

    QJsonArray content(const QString &kind)
    {
        const api::ApiResponse r = agent.call(u"GET"_s, u"/nodes/node1/storage/local/content"_s,
                                              {{u"content"_s, kind}}, agent.root());
        return r.data.toArray();
    }

private:
    std::unique_ptr<storage::StorageBackend> m_local;
};

// Notices the agent's "upload ... aborted by the client" log line.
struct AbortLog {
    static inline bool seen = false;
    static inline QtMessageHandler previous = nullptr;
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (message.contains(u"aborted by the client"_s))
            seen = true;
        if (previous)
            previous(type, context, message);
    }
    AbortLog() { seen = false; previous = qInstallMessageHandler(handler); }
    ~AbortLog() { qInstallMessageHandler(previous); }
};

Response upload(ApiClient &client, const QString &file, const QList<std::pair<QString, QString>> &fields,
                const QString &remoteName = {})
{
    auto future = client.upload(kUpload, ApiClient::UploadForm{file, remoteName, fields});
    if (!finishes(future))
        qFatal("the upload did not finish");
    return future.result();
}

QString sha256Of(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

qint64 sizeOf(const QJsonArray &volumes, const QString &volid)
{
    for (const QJsonValue &v : volumes)
        if (v[u"volid"_s].toString() == volid)
            return v[u"size"_s].toInteger();
    return -1;
}

} // namespace

class tst_Upload : public QObject
{
    Q_OBJECT
private slots:
    void isoAndTemplateAreStoredAndListed()
    {
        LiveAgent live;
        auto client = live.client();
        const QString iso = live.makeFile(u"tiny.iso"_s, 300 * 1024);
        const Response r = upload(*client, iso, {{u"content"_s, u"iso"_s}});
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(live.waitForTask(r.data.toString()), u"OK"_s);
        const QString log = live.taskLog(r.data.toString());
        QVERIFY2(log.contains(u"starting file import from: "_s), qPrintable(log));
        QVERIFY2(log.contains(u"target file: "_s + live.volumePath(u"iso/tiny.iso"_s)), qPrintable(log));
        QVERIFY2(log.contains(u"file size is: 307200"_s), qPrintable(log));
        QCOMPARE(sizeOf(live.content(u"iso"_s), u"local:iso/tiny.iso"_s), 300 * 1024);
        QCOMPARE(sha256Of(live.volumePath(u"iso/tiny.iso"_s)), sha256Of(iso));

        const QString tmpl = live.makeFile(u"alpine-3.20-default_20240908_amd64.tar.xz"_s, 50 * 1024);
        const Response t = upload(*client, tmpl, {{u"content"_s, u"vztmpl"_s}});
        QVERIFY2(t.isOk(), qPrintable(t.message));
        QCOMPARE(live.waitForTask(t.data.toString()), u"OK"_s);
        QCOMPARE(sizeOf(live.content(u"vztmpl"_s), u"local:vztmpl/alpine-3.20-default_20240908_amd64.tar.xz"_s),
                 50 * 1024);
        QVERIFY(live.leftovers().isEmpty());
    }

    // Above the ordinary request limit (about 1 MiB): streamed, not buffered;
    // with a checksum the node checks.
    void largeFileWithChecksum()
    {
        LiveAgent live;
        auto client = live.client();
        const QString iso = live.makeFile(u"big.iso"_s, 8 * 1024 * 1024 + 123);
        QSignalSpy progress(client.get(), &ApiClient::uploadProgress);
        QSignalSpy received(&live.agent.agent().services().events(), &api::EventBus::published);
        const Response r = upload(*client, iso, {{u"content"_s, u"iso"_s}, {u"checksum-algorithm"_s, u"sha256"_s},
                                                 {u"checksum"_s, sha256Of(iso)}});
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(live.waitForTask(r.data.toString()), u"OK"_s);
        QVERIFY(live.taskLog(r.data.toString()).contains(u"checksum verified"_s));
        QCOMPARE(sizeOf(live.content(u"iso"_s), u"local:iso/big.iso"_s), 8 * 1024 * 1024 + 123);
        QVERIFY(progress.count() >= 2);
        qint64 sent = 0;
        for (const QList<QVariant> &signal : std::as_const(progress))
            sent = qMax(sent, signal.at(1).toLongLong());
        QVERIFY(sent > 8 * 1024 * 1024);
        // The receiving side's progress, as the event stream tells it.
        bool done = false;
        for (const QList<QVariant> &signal : std::as_const(received)) {
            const auto event = signal.at(0).value<api::Event>();
            if (event.topic == u"upload"_s && event.payload[u"done"_s].toInt() == 1)
                done = event.payload[u"received"_s].toInteger() == event.payload[u"total"_s].toInteger()
                       && event.payload[u"filename"_s].toString() == u"big.iso"_s;
        }
        QVERIFY(done);
    }

    // The checksum field after the file: the task hashes the stored file.
    void checksumGivenAfterTheFile()
    {
        LiveAgent live;
        auto client = live.client();
        const QString iso = live.makeFile(u"late.iso"_s, 100 * 1024);
        // Fields go first in UploadForm; a raw body puts them last.
        QByteArray body = "--b0\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\niso\r\n"
                          "--b0\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"late.iso\"\r\n\r\n";
        QFile f(iso);
        QVERIFY(f.open(QIODevice::ReadOnly));
        body += f.readAll() + "\r\n--b0\r\nContent-Disposition: form-data; name=\"checksum-algorithm\"\r\n\r\nsha256"
                + "\r\n--b0\r\nContent-Disposition: form-data; name=\"checksum\"\r\n\r\n" + sha256Of(iso).toLatin1()
                + "\r\n--b0--\r\n";
        QNetworkRequest request = client->authenticatedRequest(kUpload);
        request.setRawHeader("CSRFPreventionToken", client->ticket().csrfToken.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("multipart/form-data; boundary=b0"));
        QNetworkAccessManager network;
        QNetworkReply *reply = network.post(request, body);
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, atalaia::test::kCallTimeoutMs));
        const QByteArray answer = reply->readAll();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QString upid = QJsonDocument::fromJson(answer)[u"data"_s].toString();
        QCOMPARE(live.waitForTask(upid), u"OK"_s);
        QVERIFY(live.taskLog(upid).contains(u"calculating checksum"_s));
        delete reply;
    }

    // A staging file a day old belongs to no upload any more (its task never
    // ran, or the agent died): the next upload removes it; a fresh one stays.
    void staleStagingFilesGo()
    {
        LiveAgent live;
        auto client = live.client();
        const QString dir = live.local().stagingDirectory().value();
        const auto stagingFile = [&](const QString &name, int daysOld) {
            QFile f(dir + u"/.atalaia-upload-"_s + name);
            f.open(QIODevice::WriteOnly);
            f.write("x");
            f.flush(); // before the time is set: a later write would set it again
            f.setFileTime(QDateTime::currentDateTimeUtc().addDays(-daysOld), QFileDevice::FileModificationTime);
            return f.fileName();
        };
        const QString old = stagingFile(u"old"_s, 2);
        const QString fresh = stagingFile(u"fresh"_s, 0);
        const Response r = upload(*client, live.makeFile(u"sweep.iso"_s, 1024), {{u"content"_s, u"iso"_s}});
        QVERIFY2(r.isOk(), qPrintable(r.message));
        QCOMPARE(live.waitForTask(r.data.toString()), u"OK"_s);
        QVERIFY(!QFileInfo::exists(old));
        QVERIFY(QFileInfo::exists(fresh));
    }

    void checksumMismatchStoresNothing()
    {
        LiveAgent live;
        auto client = live.client();
        const QString iso = live.makeFile(u"wrong.iso"_s, 200 * 1024);
        const Response r = upload(*client, iso, {{u"content"_s, u"iso"_s}, {u"checksum-algorithm"_s, u"sha256"_s},
                                                 {u"checksum"_s, QString(64, u'0')}});
        QVERIFY2(r.isOk(), qPrintable(r.message)); // the task checks, as in Proxmox
        const QString status = live.waitForTask(r.data.toString());
        QVERIFY2(status.contains(u"checksum mismatch"_s), qPrintable(status));
        QVERIFY(!QFileInfo::exists(live.volumePath(u"iso/wrong.iso"_s)));
        QVERIFY(live.leftovers().isEmpty());
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("iso without .iso") << u"notes.txt"_s << u"iso"_s << 400 << u"not a valid ISO image file name"_s;
        QTest::newRow("template as iso") << u"x.tar.zst"_s << u"iso"_s << 400 << u"not a valid ISO image"_s;
        QTest::newRow("iso as template") << u"x.iso"_s << u"vztmpl"_s << 400 << u"not a valid container template"_s;
        QTest::newRow("unknown content") << u"x.iso"_s << u"images"_s << 400 << u"content"_s;
    }
    void refusals()
    {
        QFETCH(QString, file);
        QFETCH(QString, content);
        QFETCH(int, status);
        QFETCH(QString, message);
        LiveAgent live;
        auto client = live.client();
        const Response r = upload(*client, live.makeFile(file, 2 * 1024 * 1024), {{u"content"_s, content}});
        QCOMPARE(r.httpStatus, status);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
        QVERIFY(live.leftovers().isEmpty());
        QVERIFY(live.content(QString()).size() == live.content(QString()).size());
    }

    void aFieldNameThatIsNotAsciiIsRefused()
    {
        LiveAgent live;
        auto client = live.client();
        const Response r = upload(*client, live.makeFile(u"names.iso"_s, 64 * 1024),
                                  {{u"content"_s, u"iso"_s}, {u"content\u00e9xxxxxxxxxxxxxxxx"_s, u"iso"_s}});
        QCOMPARE(r.httpStatus, 400);
        QVERIFY2(r.error().message.contains(u"parameter name 'content\u00e9xxxxxxxxxxxxxxxx' is not valid"_s),
                 qPrintable(r.error().message));
        QVERIFY(live.leftovers().isEmpty());
    }

    void existingVolumeIsKept()
    {
        LiveAgent live;
        auto client = live.client();
        const QString first = live.makeFile(u"same.iso"_s, 10 * 1024);
        const Response r = upload(*client, first, {{u"content"_s, u"iso"_s}});
        QCOMPARE(live.waitForTask(r.data.toString()), u"OK"_s);
        const QString second = live.makeFile(u"other.iso"_s, 20 * 1024);
        const Response again = upload(*client, second, {{u"content"_s, u"iso"_s}}, u"same.iso"_s);
        QCOMPARE(again.httpStatus, 400);
        QVERIFY2(again.message.contains(u"already exists"_s), qPrintable(again.message));
        QCOMPARE(QFileInfo(live.volumePath(u"iso/same.iso"_s)).size(), 10 * 1024);
        QVERIFY(live.leftovers().isEmpty());
    }

    void withoutPermissionNothingIsStored()
    {
        LiveAgent live;
        const api::ApiResponse created = live.agent.call(
            u"POST"_s, u"/access/users"_s, {{u"userid"_s, u"clerk@pve"_s}, {u"password"_s, u"clerk-Passw0rd"_s}},
            live.agent.root());
        QVERIFY2(created.status == 200, qPrintable(created.message));
        auto clerk = live.client(u"clerk@pve"_s, u"clerk-Passw0rd"_s);
        const Response r = upload(*clerk, live.makeFile(u"denied.iso"_s, 3 * 1024 * 1024), {{u"content"_s, u"iso"_s}});
        QCOMPARE(r.httpStatus, 403);
        QVERIFY2(r.message.contains(u"Datastore.AllocateTemplate"_s) || r.message.contains(u"Permission check failed"_s),
                 qPrintable(r.message));
        QVERIFY(!QFileInfo::exists(live.volumePath(u"iso/denied.iso"_s)));
        QVERIFY(live.leftovers().isEmpty());
    }

    void withoutCredentialsNothingIsStored()
    {
        LiveAgent live;
        auto anonymous = live.client(QString());
        const Response r = upload(*anonymous, live.makeFile(u"anon.iso"_s, 64 * 1024), {{u"content"_s, u"iso"_s}});
        QCOMPARE(r.httpStatus, 401);
        QVERIFY(!QFileInfo::exists(live.volumePath(u"iso/anon.iso"_s)));
        QVERIFY(live.leftovers().isEmpty());
    }

    void anotherNodeIsRefused()
    {
        LiveAgent live;
        auto client = live.client();
        auto future = client->upload(u"/nodes/elsewhere/storage/local/upload"_s,
                                     {live.makeFile(u"x.iso"_s, 1024), {}, {{u"content"_s, u"iso"_s}}});
        QVERIFY(finishes(future));
        QCOMPARE(future.result().httpStatus, 404);
        QVERIFY(future.result().message.contains(u"no such node"_s));
    }

    // A member node's upload goes to that node itself: it is not proxied.
    void memberNodeIsRefused()
    {
        LiveAgent live(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        auto client = live.client();
        auto future = client->upload(u"/nodes/node2/storage/local/upload"_s,
                                     {live.makeFile(u"x.iso"_s, 1024), {}, {{u"content"_s, u"iso"_s}}});
        QVERIFY(finishes(future));
        QCOMPARE(future.result().httpStatus, 400);
        QVERIFY2(future.result().message.startsWith(u"upload to the node itself"_s), qPrintable(future.result().message));
    }

    // The client goes away half-way: the staging file goes too.
    void abortedUploadLeavesNothing()
    {
        LiveAgent live;
        auto client = live.client();
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, live.endpoint.port());
        QVERIFY(socket.waitForEncrypted(5000) || QTest::qWaitFor([&] { return socket.isEncrypted(); }, 5000));
        const QByteArray start = "--cut\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\niso\r\n"
                                 "--cut\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"cut.iso\"\r\n\r\n";
        socket.write("POST /api2/json" + kUpload.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Cookie: PVEAuthCookie=" + QUrl::toPercentEncoding(client->ticket().ticket) + "\r\n"
                     "CSRFPreventionToken: " + client->ticket().csrfToken.toUtf8() + "\r\n"
                     "Content-Type: multipart/form-data; boundary=cut\r\n"
                     "Content-Length: " + QByteArray::number(start.size() + 4 * 1024 * 1024 + 10) + "\r\n\r\n" + start);
        socket.write(QByteArray(2 * 1024 * 1024, 'z'));
        // The staging file has no name while it is written (O_TMPFILE), so
        // the agent's log line tells that it took the body half-way.
        AbortLog log;
        QVERIFY(QTest::qWaitFor([&] { return socket.bytesToWrite() == 0 && socket.encryptedBytesToWrite() == 0; },
                                atalaia::test::kCallTimeoutMs));
        QTest::qWait(200);
        socket.abort();
        QVERIFY(QTest::qWaitFor([&] { return AbortLog::seen; }, atalaia::test::kCallTimeoutMs));
        QVERIFY(live.leftovers().isEmpty());
        QVERIFY(!QFileInfo::exists(live.volumePath(u"iso/cut.iso"_s)));
        // The agent still serves.
        auto version = client->get(u"/version"_s);
        QVERIFY(finishes(version));
        QVERIFY(version.result().has_value());
    }

    // Ordinary calls keep their limit of about 1 MiB; the upload path takes
    // multipart/form-data only.
    void ordinaryCallsStayCapped()
    {
        LiveAgent live;
        auto client = live.client();
        auto big = client->send(ApiClient::Method::Post, u"/access/ticket"_s,
                                {{u"username"_s, u"root@pam"_s}, {u"password"_s, QString(2 * 1024 * 1024, u'a')}});
        QVERIFY(finishes(big));
        QVERIFY(!big.result().isOk());
        // On a connection that served a call before (the login's): the
        // limit counts every request of a keep-alive connection. A client
        // still sending may see a reset instead of the 413.
        if (big.result().httpStatus != 0)
            QCOMPARE(big.result().httpStatus, 413);
        auto form = client->send(ApiClient::Method::Post, kUpload, {{u"content"_s, u"iso"_s}, {u"filename"_s, u"x.iso"_s}});
        QVERIFY(finishes(form));
        QCOMPARE(form.result().httpStatus, 415);
        QVERIFY(form.result().message.contains(u"multipart/form-data"_s));
        // The dispatcher's own route (reached without the HTTPS front) says the same.
        const api::ApiResponse direct = live.agent.call(u"POST"_s, kUpload, {{u"content"_s, u"iso"_s},
                                                        {u"filename"_s, u"x.iso"_s}}, live.agent.root());
        QCOMPARE(direct.status, 400);
        QVERIFY(direct.message.contains(u"multipart/form-data"_s));
    }

    void atalaiactlUpload()
    {
        LiveAgent live;
        QTemporaryDir config;
        const QString iso = live.makeFile(u"cli.iso"_s, 2 * 1024 * 1024);
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        cli::Environment env;
        env.out = &outStream;
        env.err = &errStream;
        env.variables.insert(u"ATALAIA_CONFIG_DIR"_s, config.path());
        env.variables.insert(u"HOME"_s, config.path());
        env.variables.insert(u"ATALAIA_PASSWORD"_s, u"root-password"_s);
        env.taskPollInterval = std::chrono::milliseconds(20);
        env.readSecret = [](const QString &) -> std::optional<QString> { return u"root-password"_s; };
        const QString server = u"127.0.0.1:%1"_s.arg(live.endpoint.port());
        QCOMPARE(cli::runCommandLine({u"atalaiactl"_s, u"login"_s, u"--server"_s, server, u"--user"_s, u"root@pam"_s,
                                      u"--fingerprint"_s, live.fingerprint.toString()},
                                     env),
                 0);
        const int status = cli::runCommandLine({u"atalaiactl"_s, u"upload"_s, u"node1"_s, u"local"_s, iso, u"--server"_s,
                                                server},
                                               env);
        outStream.flush();
        errStream.flush();
        QVERIFY2(status == 0, qPrintable(err));
        QVERIFY2(err.contains(u"uploaded cli.iso (2.0 MiB) to local:node1"_s), qPrintable(err));
        QVERIFY2(out.contains(u"checksum verified"_s) && out.contains(u"TASK OK"_s), qPrintable(out));
        QCOMPARE(sizeOf(live.content(u"iso"_s), u"local:iso/cli.iso"_s), 2 * 1024 * 1024);

        // Again: the name is taken, and the command says so.
        err.clear();
        QCOMPARE(cli::runCommandLine({u"atalaiactl"_s, u"upload"_s, u"node1"_s, u"local"_s, iso, u"--server"_s, server},
                                     env),
                 1);
        errStream.flush();
        QVERIFY2(err.contains(u"already exists"_s), qPrintable(err));

        QString help;
        QTextStream helpStream(&help);
        env.out = &helpStream;
        QCOMPARE(cli::runCommandLine({u"atalaiactl"_s, u"upload"_s, u"--help"_s}, env), 0);
        helpStream.flush();
        QVERIFY(help.contains(u"--checksum-algorithm"_s));
    }
};

QTEST_GUILESS_MAIN(tst_Upload)
#include "tst_Upload.moc"
