#pragma once

#include "FixtureTls.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

namespace atalaia::test {

// A standalone Proxmox VE node, "pve4", over HTTPS on 127.0.0.1, that
// creates a cluster or joins one as the console asks, from the answers in
// tests/data/pve-recorded/cluster (and the login, permissions and version of
// tests/data/pve-recorded). No event stream: the console polls.
//
// POST /cluster/config and /cluster/config/join answer a UPID (or a scripted
// refusal) and start the task: its status says "running" for runningPolls()
// reads (or until release() when held), then "stopped" with the scripted exit
// status. After an OK task the node reports the new cluster (/cluster/status,
// /cluster/resources). restartWithNewCertificate() does what a joining node
// does to its API: it comes back on the same port with another certificate
// and refuses the old login (401) until the next one.
class PveClusterServer
{
public:
    struct Request {
        QString path;
        QUrlQuery body;
    };

    PveClusterServer() { start(0); }

    quint16 port() const { return m_port; }
    QString fingerprint() const { return m_fingerprint; }

    void refuse(int status, const QString &message)
    {
        m_refusalStatus = status;
        m_refusalMessage = message;
    }
    void setExitStatus(const QString &exitStatus) { m_exitStatus = exitStatus; }
    void setRunningPolls(int polls) { m_runningPolls = polls; }
    void hold() { m_held = true; }
    void release() { m_held = false; }
    bool taskStarted() const { return m_taskStarted; }
    int statusReads() const { return m_statusReads; }
    const QList<Request> &requests() const { return m_requests; }

    void restartWithNewCertificate()
    {
        m_http.reset();
        m_owner.reset();
        ++m_generation;
        m_loginRequired = true;
        start(m_port);
    }

private:
    static QByteArray recorded(const QString &file)
    {
        QFile f(QStringLiteral(ATALAIA_TEST_DATA_DIR "/pve-recorded/") + file);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing recorded answer %s", qPrintable(file));
        return f.readAll();
    }

    static QHttpServerResponse json(const QByteArray &body)
    {
        return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"), body);
    }

    static QHttpServerResponse error(int status, const QString &message)
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonValue::Null},
                                                          {QStringLiteral("message"), message}})
                                    .toJson(QJsonDocument::Compact);
        return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"), body,
                                   QHttpServerResponse::StatusCode(status));
    }

    QString upid() const
    {
        const QByteArray answer = recorded(m_joining ? QStringLiteral("cluster/cluster-config-join.json")
                                                     : QStringLiteral("cluster/cluster-config-create.json"));
        return QJsonDocument::fromJson(answer).object().value(QLatin1String("data")).toString();
    }

    bool clustered() const { return m_taskStarted && m_taskStopped && m_exitStatus == QLatin1String("OK"); }

    void start(quint16 port)
    {
        const QSslConfiguration tls = fixtureTls(m_dir.filePath(QStringLiteral("pki%1").arg(m_generation)), QStringLiteral("pve4"), m_fingerprint);
        // As in PveFixtureServer: whichever of QHttpServer and the owner
        // deletes the listener first, it is deleted once.
        m_owner = std::make_unique<QObject>();
        m_http = std::make_unique<QHttpServer>();
        auto *tcp = new QSslServer(m_owner.get());
        tcp->setSslConfiguration(tls);
        if (!tcp->listen(QHostAddress::LocalHost, port) || !m_http->bind(tcp))
            qFatal("cluster fixture server cannot listen on port %d", int(port));
        m_port = tcp->serverPort();
        routes();
    }

    void routes()
    {
        using Method = QHttpServerRequest::Method;
        QHttpServer &h = *m_http;
        h.route(QStringLiteral("/api2/json/access/ticket"), Method::Post, [this] {
            m_loginRequired = false;
            return json(recorded(QStringLiteral("access-ticket.json")));
        });
        // Everything else needs the login of this generation.
        auto guarded = [this](const QString &file) {
            return [this, file] {
                if (m_loginRequired)
                    return error(401, QStringLiteral("authentication failure"));
                return json(recorded(file));
            };
        };
        h.route(QStringLiteral("/api2/json/version"), Method::Get, guarded(QStringLiteral("version.json")));
        h.route(QStringLiteral("/api2/json/access/permissions"), Method::Get, guarded(QStringLiteral("access-permissions.json")));
        h.route(QStringLiteral("/api2/json/cluster/tasks"), Method::Get, guarded(QStringLiteral("cluster-tasks.json")));
        h.route(QStringLiteral("/api2/json/nodes/pve4/network"), Method::Get, guarded(QStringLiteral("cluster/nodes-network.json")));
        h.route(QStringLiteral("/api2/json/cluster/status"), Method::Get, [this] {
            if (m_loginRequired)
                return error(401, QStringLiteral("authentication failure"));
            if (!clustered())
                return json(recorded(QStringLiteral("cluster/cluster-status-standalone.json")));
            return json(recorded(m_joining ? QStringLiteral("cluster/cluster-status-joined.json")
                                           : QStringLiteral("cluster/cluster-status-created.json")));
        });
        h.route(QStringLiteral("/api2/json/cluster/resources"), Method::Get, [this] {
            if (m_loginRequired)
                return error(401, QStringLiteral("authentication failure"));
            return json(recorded(clustered() && m_joining ? QStringLiteral("cluster/cluster-resources-joined.json")
                                                          : QStringLiteral("cluster/cluster-resources-standalone.json")));
        });
        auto post = [this](bool joining) {
            return [this, joining](const QHttpServerRequest &request) {
                if (m_loginRequired)
                    return error(401, QStringLiteral("authentication failure"));
                m_requests.append(Request{request.url().path(), QUrlQuery(QString::fromUtf8(request.body()))});
                if (m_refusalStatus != 0)
                    return error(m_refusalStatus, m_refusalMessage);
                m_joining = joining;
                m_taskStarted = true;
                return json(recorded(joining ? QStringLiteral("cluster/cluster-config-join.json")
                                             : QStringLiteral("cluster/cluster-config-create.json")));
            };
        };
        h.route(QStringLiteral("/api2/json/cluster/config"), Method::Post, post(false));
        h.route(QStringLiteral("/api2/json/cluster/config/join"), Method::Post, post(true));
        h.route(QStringLiteral("/api2/json/nodes/<arg>/tasks/<arg>/status"), Method::Get,
                [this](const QString &, const QString &) {
                    if (m_loginRequired)
                        return error(401, QStringLiteral("authentication failure"));
                    ++m_statusReads;
                    QJsonObject status{{QStringLiteral("upid"), upid()},
                                       {QStringLiteral("node"), QStringLiteral("pve4")},
                                       {QStringLiteral("user"), QStringLiteral("root@pam")},
                                       {QStringLiteral("type"), m_joining ? QStringLiteral("clusterjoin")
                                                                          : QStringLiteral("clustercreate")},
                                       {QStringLiteral("status"), QStringLiteral("running")}};
                    if (!m_held && m_statusReads > m_runningPolls) {
                        m_taskStopped = true;
                        status.insert(QStringLiteral("status"), QStringLiteral("stopped"));
                        status.insert(QStringLiteral("exitstatus"), m_exitStatus);
                    }
                    return json(QJsonDocument(QJsonObject{{QStringLiteral("data"), status}}).toJson(QJsonDocument::Compact));
                });
        h.route(QStringLiteral("/api2/json/nodes/<arg>/tasks/<arg>/log"), Method::Get,
                [this](const QString &, const QString &, const QHttpServerRequest &request) {
                    if (m_loginRequired)
                        return error(401, QStringLiteral("authentication failure"));
                    const int start = QUrlQuery(request.url()).queryItemValue(QStringLiteral("start")).toInt();
                    QJsonObject all = QJsonDocument::fromJson(recorded(m_joining ? QStringLiteral("cluster/task-log-join.json")
                                                                                 : QStringLiteral("cluster/task-log-create.json"))).object();
                    QJsonArray lines;
                    // Lines appear as the task goes on: all of them once it stopped.
                    const int shown = m_taskStopped ? int(all.value(QLatin1String("data")).toArray().size())
                                                    : std::min(m_statusReads + 1, 4);
                    for (const QJsonValue &v : all.value(QLatin1String("data")).toArray()) {
                        const int n = v.toObject().value(QLatin1String("n")).toInt();
                        if (n > start && n <= shown)
                            lines.append(v);
                    }
                    all.insert(QStringLiteral("data"), lines);
                    return json(QJsonDocument(all).toJson(QJsonDocument::Compact));
                });
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QObject> m_owner; // outlives m_http (declared before it)
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    int m_generation = 0;
    QString m_fingerprint;
    bool m_loginRequired = false;
    int m_refusalStatus = 0;
    QString m_refusalMessage;
    QString m_exitStatus = QStringLiteral("OK");
    int m_runningPolls = 2;
    bool m_held = false;
    bool m_joining = false;
    bool m_taskStarted = false;
    bool m_taskStopped = false;
    int m_statusReads = 0;
    QList<Request> m_requests;
};

} // namespace atalaia::test
