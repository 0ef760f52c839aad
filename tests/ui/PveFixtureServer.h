#pragma once

#include "FixtureTls.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTemporaryDir>


namespace atalaia::test {

// An HTTPS server on 127.0.0.1 that answers like a real Proxmox VE cluster,
// from the recorded answers in tests/data/pve-recorded: ticket login,
// /cluster/resources, /cluster/tasks, /access/permissions, /version, and
// nothing else (so no event stream: clients must poll). Counts the
// inventory requests, so a test can see the polling.
class PveFixtureServer
{
public:
    PveFixtureServer()
    {
        const QSslConfiguration tls = fixtureTls(m_dir.path(), QStringLiteral("pve-a"), m_fingerprint);
        // Owned the way the agent owns its listener: whichever of QHttpServer
        // and the parent deletes it first, it is deleted once.
        m_tcp = new QSslServer(&m_owner);
        m_tcp->setSslConfiguration(tls);
        if (!m_tcp->listen(QHostAddress::LocalHost, 0) || !m_http.bind(m_tcp))
            qFatal("fixture server cannot listen");
        serve("POST", "/api2/json/access/ticket", "access-ticket.json");
        serve("GET", "/api2/json/cluster/resources", "cluster-resources.json");
        serve("GET", "/api2/json/cluster/tasks", "cluster-tasks.json");
        serve("GET", "/api2/json/access/permissions", "access-permissions.json");
        serve("GET", "/api2/json/version", "version.json");
        // A guest's history (the hour's 70 one-minute points), whatever node and vmid.
        QFile rrd(QStringLiteral(ATALAIA_TEST_DATA_DIR "/pve-recorded/qemu-rrddata-hour.json"));
        if (!rrd.open(QIODevice::ReadOnly))
            qFatal("missing recorded rrddata");
        m_http.route(QStringLiteral("/api2/json/nodes/<arg>/qemu/<arg>/rrddata"), QHttpServerRequest::Method::Get,
                     [body = rrd.readAll()](const QString &, const QString &) {
                         return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"), body);
                     });
    }

    quint16 port() const { return m_tcp->serverPort(); }
    QString fingerprint() const { return m_fingerprint; }
    int resourceRequests() const { return m_resourceRequests; }

private:
    void serve(const char *method, const char *path, const char *file)
    {
        QFile f(QStringLiteral(ATALAIA_TEST_DATA_DIR "/pve-recorded/") + QLatin1String(file));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing recorded answer %s", file);
        const QByteArray body = f.readAll();
        const bool resources = QByteArrayView(path).endsWith("/cluster/resources");
        const auto verb = QByteArrayView(method) == "POST" ? QHttpServerRequest::Method::Post : QHttpServerRequest::Method::Get;
        m_http.route(QString::fromLatin1(path), verb, [this, body, resources] {
            if (resources)
                ++m_resourceRequests;
            return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"), body);
        });
    }

    QTemporaryDir m_dir;
    QObject m_owner; // outlives m_http
    QHttpServer m_http;
    QSslServer *m_tcp = nullptr;
    QString m_fingerprint;
    int m_resourceRequests = 0;
};

} // namespace atalaia::test
