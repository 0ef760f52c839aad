// Minimal HTTPS server on Qt HttpServer 6.8 (QHttpServer bound to a QSslServer)
// for the HTTP library comparison (docs/decisions/0002-http-library.md).
//
//   bench_http_qt --port P --cert C --key K [--mode direct|pool|stream] [--threads N] [--guard]
//   bench_http_qt --write-files DIR      (writes the two bodies for nginx, exits)
//
// One catch-all route dispatches on the path, as the agent's router will.
// --mode direct answers on the event loop thread; --mode pool returns a
// QFuture<QHttpServerResponse> computed on a QThreadPool, which is how the
// agent will run handlers that may take time (config store, libvirt, Ceph).
// --mode stream answers on the event loop too, but hands the large body to
// QHttpServerResponder::write(QIODevice *), which feeds the socket as it drains
// instead of queueing the whole body in QSslSocket per connection.
// --guard listens with GuardedSslServer (request size limit, request and idle
// timeouts) instead of a plain QSslServer.
#include "api/GuardedSslServer.h"
#include "Payloads.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>

namespace {

struct Bodies {
    QByteArray version;
    QByteArray resources;
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return file.readAll();
}

// The router of the real agent in miniature: path -> response. The bodies are
// implicitly shared QByteArrays, so a response does not copy 2.5 MB.
QHttpServerResponse respond(const Bodies &bodies, const QString &path)
{
    static const QByteArray kJson = QByteArrayLiteral("application/json;charset=UTF-8");
    if (path == QStringLiteral("/api2/json/version"))
        return QHttpServerResponse(kJson, bodies.version);
    if (path == QStringLiteral("/api2/json/cluster/resources"))
        return QHttpServerResponse(kJson, bodies.resources);
    return QHttpServerResponse(kJson, QByteArrayLiteral(R"({"data":null})"),
                               QHttpServerResponse::StatusCode::NotFound);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1"),
                                        QStringLiteral("port"), QStringLiteral("8443"));
    const QCommandLineOption certOption(QStringLiteral("cert"), QStringLiteral("PEM certificate"), QStringLiteral("file"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("PEM EC private key"), QStringLiteral("file"));
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("direct, pool or stream"), QStringLiteral("mode"),
                                        QStringLiteral("pool"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("worker pool size"),
                                           QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption guestsOption(QStringLiteral("guests"), QStringLiteral("guests in /cluster/resources"),
                                          QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption writeOption(QStringLiteral("write-files"),
                                         QStringLiteral("write version.json and resources.json to DIR and exit"),
                                         QStringLiteral("dir"));
    const QCommandLineOption guardOption(QStringLiteral("guard"),
                                         QStringLiteral("limit request size and time out slow or idle clients"));
    parser.addOptions({portOption, certOption, keyOption, modeOption, threadsOption, guestsOption, writeOption, guardOption});
    parser.process(app);

    const Bodies bodies = [&] {
        // The std::strings die here, so the server holds one copy of each body, like the others.
        const std::string version = atalaia::bench::http::versionJson();
        const std::string resources = atalaia::bench::http::clusterResourcesJson(parser.value(guestsOption).toInt());
        return Bodies{QByteArray(version.data(), qsizetype(version.size())),
                      QByteArray(resources.data(), qsizetype(resources.size()))};
    }();

    if (parser.isSet(writeOption)) {
        const QDir dir(parser.value(writeOption));
        for (const auto &[name, bytes] : {std::pair{QStringLiteral("version.json"), bodies.version},
                                          std::pair{QStringLiteral("resources.json"), bodies.resources}}) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
                return 2;
        }
        return 0;
    }

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setLocalCertificate(QSslCertificate(readFile(parser.value(certOption)), QSsl::Pem));
    tls.setPrivateKey(QSslKey(readFile(parser.value(keyOption)), QSsl::Ec, QSsl::Pem));
    if (tls.localCertificate().isNull() || tls.privateKey().isNull()) {
        std::fprintf(stderr, "bad certificate or key\n");
        return 2;
    }

    const QString mode = parser.value(modeOption);
    const bool pool = mode == QStringLiteral("pool");
    const bool stream = mode == QStringLiteral("stream");
    if (!pool && !stream && mode != QStringLiteral("direct")) {
        std::fprintf(stderr, "unknown mode %s\n", qPrintable(mode));
        return 2;
    }
    QThreadPool workers;
    workers.setMaxThreadCount(parser.value(threadsOption).toInt());

    QHttpServer server;
    // "/<arg>" with a QUrl argument matches every path (QUrl's converter is ".*").
    if (pool) {
        server.route(QStringLiteral("/<arg>"), [&](const QUrl &, const QHttpServerRequest &request) {
            // The request object dies with this call: copy what the worker needs.
            return QtConcurrent::run(&workers, [&bodies, path = request.url().path()] { return respond(bodies, path); });
        });
    } else if (stream) {
        server.route(QStringLiteral("/<arg>"),
                     [&](const QUrl &, const QHttpServerRequest &request, QHttpServerResponder &responder) {
                         if (request.url().path() != QStringLiteral("/api2/json/cluster/resources")) {
                             const QHttpServerResponse response = respond(bodies, request.url().path());
                             responder.write(response.data(), response.mimeType(), response.statusCode());
                             return;
                         }
                         // The responder reads the device as the socket drains (bytesWritten),
                         // instead of handing the whole body to QSslSocket at once.
                         auto *device = new QBuffer;
                         device->setData(bodies.resources); // shared, not copied
                         device->open(QIODevice::ReadOnly);
                         responder.write(device, QByteArrayLiteral("application/json;charset=UTF-8"));
                     });
    } else {
        server.route(QStringLiteral("/<arg>"), [&](const QUrl &, const QHttpServerRequest &request) {
            return respond(bodies, request.url().path());
        });
    }

    auto *listener = parser.isSet(guardOption)
            ? new atalaia::api::GuardedSslServer(atalaia::api::GuardedSslServer::Limits{})
            : new QSslServer;
    listener->setSslConfiguration(tls);
    if (!listener->listen(QHostAddress::LocalHost, quint16(parser.value(portOption).toUInt())) || !server.bind(listener)) {
        std::fprintf(stderr, "cannot listen on port %s\n", qPrintable(parser.value(portOption)));
        return 1;
    }
    std::printf("listening on 127.0.0.1:%u (qt, %s%s)\n", unsigned(listener->serverPort()), qPrintable(mode),
                parser.isSet(guardOption) ? ", guarded" : "");
    std::fflush(stdout);
    return app.exec();
}
