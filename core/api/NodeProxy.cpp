#include "NodeProxy.h"

#include "model/JsonEncoding.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace atalaia::api {

namespace {

ApiResponse unreachable(const ProxyTarget &target, const QString &why)
{
    return ApiResponse::error(595, QStringLiteral("no connection to node '%1' (%2:%3): %4")
                                       .arg(target.node, target.address)
                                       .arg(target.port)
                                       .arg(why));
}

} // namespace

ApiResponse forwardToNode(const ApiRequest &request, const ProxyTarget &target, int timeoutMs)
{
    const QList<QSslCertificate> expected = QSslCertificate::fromData(target.certificatePem, QSsl::Pem);
    if (expected.isEmpty())
        return unreachable(target, QStringLiteral("the cluster's configuration has no certificate for it"));

    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(target.address);
    url.setPort(target.port);
    url.setPath(QStringLiteral("/api2/json") + request.path);
    const bool hasBody = request.method == u"POST" || request.method == u"PUT";
    if (!hasBody && !request.params.isEmpty()) {
        QUrlQuery query;
        for (auto it = request.params.constBegin(); it != request.params.constEnd(); ++it) {
            if (it.value().isArray()) {
                for (const QJsonValue &item : it.value().toArray())
                    query.addQueryItem(it.key(), model::json::scalarText(item));
            } else {
                query.addQueryItem(it.key(), model::json::scalarText(it.value()));
            }
        }
        url.setQuery(query);
    }

    QNetworkRequest out(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    // Checked below against the certificate the cluster holds for the node:
    // a stronger check than a CA and a host name (certificates name the node,
    // not necessarily the address used here).
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    out.setSslConfiguration(tls);
    out.setRawHeader("Accept", "application/json");
    out.setRawHeader(kProxiedHeader, "1");
    for (const char *name : {"cookie", "authorization", "csrfpreventiontoken"})
        if (const QByteArray value = request.header(name); !value.isEmpty())
            out.setRawHeader(name, value);
    out.setTransferTimeout(timeoutMs);

    QNetworkAccessManager network;
    QNetworkReply *reply = nullptr;
    const QByteArray body = hasBody ? QJsonDocument(request.params).toJson(QJsonDocument::Compact) : QByteArray();
    if (hasBody)
        out.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    reply = network.sendCustomRequest(out, request.method.toLatin1(), body);

    bool certificateOk = false;
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [&] {
        certificateOk = reply->sslConfiguration().peerCertificate() == expected.first();
        if (!certificateOk)
            reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &) {
        reply->ignoreSslErrors(); // identity is checked by the certificate comparison above
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    std::unique_ptr<QNetworkReply> owned(reply);

    if (!certificateOk)
        return unreachable(target, reply->error() == QNetworkReply::NoError || reply->error() == QNetworkReply::OperationCanceledError
                                       ? QStringLiteral("its certificate is not the one the cluster holds for it")
                                       : reply->errorString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return unreachable(target, reply->errorString());
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    ApiResponse r;
    r.status = status;
    r.data = json.value(QLatin1String("data"));
    r.errors = json.value(QLatin1String("errors")).toObject();
    for (const QJsonValue &w : json.value(QLatin1String("warnings")).toArray())
        r.warnings.append(w.toString());
    r.message = json.value(QLatin1String("message")).toString();
    if (r.message.isEmpty() && status != 200)
        r.message = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return r;
}

} // namespace atalaia::api
