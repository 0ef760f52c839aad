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
#include <QTimer>
#include <QUrlQuery>

namespace atalaia::test {

// A Proxmox VE node (pve-a of the recorded cluster, tests/data/pve-recorded)
// on which VM 100 live-migrates to pve-b the way qemu-server reports it: no
// event stream, only the task's log ("migration active, transferred ... of
// ... VM-state, ... /s" a line every kLineMs) and status, until the
// migration ends or DELETE /nodes/pve-a/tasks/{upid} stops it ("interrupted
// by signal"). For the console's polling and log-reading path, and Cancel.
class PveMigrationServer
{
public:
    static constexpr int kLineMs = 150;
    static constexpr int kSteps = 200; // about half a minute: a test cancels long before
    static inline const QString kUpid = QStringLiteral("UPID:pve-a:0001F00D:0A1B2C3D:6745A400:qmigrate:100:root@pam:");

    PveMigrationServer()
    {
        const QSslConfiguration tls = fixtureTls(m_dir.path(), QStringLiteral("pve-a"), m_fingerprint);
        m_tcp = new QSslServer(&m_owner);
        m_tcp->setSslConfiguration(tls);
        if (!m_tcp->listen(QHostAddress::LocalHost, 0) || !m_http.bind(m_tcp))
            qFatal("fixture server cannot listen");
        for (const char *file : {"access-ticket", "cluster-resources", "cluster-tasks", "access-permissions", "version"})
            serveRecorded(file);
        const auto json = [](const QJsonValue &data) {
            return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"),
                                       QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact));
        };
        m_http.route(QStringLiteral("/api2/json/nodes/pve-a/qemu/100/migrate"), QHttpServerRequest::Method::Get, [json] {
            return json(QJsonObject{{QStringLiteral("running"), 1},
                                    {QStringLiteral("allowed_nodes"), QJsonArray{QStringLiteral("pve-b"), QStringLiteral("pve-c")}},
                                    {QStringLiteral("not_allowed_nodes"), QJsonObject()},
                                    {QStringLiteral("local_disks"), QJsonArray()},
                                    {QStringLiteral("local_resources"), QJsonArray()}});
        });
        m_http.route(QStringLiteral("/api2/json/nodes/pve-a/qemu/100/migrate"), QHttpServerRequest::Method::Post, [this, json] {
            start();
            return json(kUpid);
        });
        m_http.route(QStringLiteral("/api2/json/nodes/pve-a/tasks/<arg>/log"), QHttpServerRequest::Method::Get,
                     [this, json](const QString &, const QHttpServerRequest &request) {
                         const int from = QUrlQuery(request.url()).queryItemValue(QStringLiteral("start")).toInt();
                         QJsonArray out;
                         for (int i = from; i < m_log.size(); ++i)
                             out.append(QJsonObject{{QStringLiteral("n"), i + 1}, {QStringLiteral("t"), m_log[i]}});
                         return json(out);
                     });
        m_http.route(QStringLiteral("/api2/json/nodes/pve-a/tasks/<arg>/status"), QHttpServerRequest::Method::Get,
                     [this, json](const QString &) {
                         QJsonObject status{{QStringLiteral("upid"), kUpid}, {QStringLiteral("node"), QStringLiteral("pve-a")},
                                            {QStringLiteral("type"), QStringLiteral("qmigrate")},
                                            {QStringLiteral("status"), m_exit.isEmpty() ? QStringLiteral("running") : QStringLiteral("stopped")}};
                         if (!m_exit.isEmpty())
                             status.insert(QStringLiteral("exitstatus"), m_exit);
                         return json(status);
                     });
        m_http.route(QStringLiteral("/api2/json/nodes/pve-a/tasks/<arg>"), QHttpServerRequest::Method::Delete,
                     [this, json](const QString &) {
                         ++m_deletes;
                         if (m_exit.isEmpty()) {
                             m_timer.stop();
                             m_log << QStringLiteral("ERROR: online migrate failure - interrupted by signal")
                                   << QStringLiteral("aborting phase 2 - cleanup resources") << QStringLiteral("migrate_cancel")
                                   << QStringLiteral("TASK ERROR: interrupted by signal");
                             m_exit = QStringLiteral("interrupted by signal");
                         }
                         return json(QJsonValue());
                     });
        m_timer.setInterval(kLineMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_owner, [this] { step(); });
    }

    quint16 port() const { return m_tcp->serverPort(); }
    QString fingerprint() const { return m_fingerprint; }
    int deletes() const { return m_deletes; }
    qsizetype logLines() const { return m_log.size(); }

private:
    void serveRecorded(const char *name)
    {
        QFile f(QStringLiteral(ATALAIA_TEST_DATA_DIR "/pve-recorded/%1.json").arg(QLatin1String(name)));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing recorded answer %s", name);
        const QString path = QStringLiteral("/api2/json/") + QString::fromLatin1(name).replace(u'-', u'/');
        const auto verb = QByteArrayView(name) == "access-ticket" ? QHttpServerRequest::Method::Post : QHttpServerRequest::Method::Get;
        m_http.route(path, verb, [body = f.readAll()] {
            return QHttpServerResponse(QByteArrayLiteral("application/json;charset=UTF-8"), body);
        });
    }

    void start()
    {
        m_log = {QStringLiteral("starting migration of VM 100 to node 'pve-b' (10.0.0.2)"),
                 QStringLiteral("starting VM 100 on remote node 'pve-b'"),
                 QStringLiteral("start remote tunnel"),
                 QStringLiteral("starting online/live migration on unix:/run/qemu-server/100.migrate")};
        m_step = 0;
        m_timer.start();
    }

    void step()
    {
        ++m_step;
        if (m_step > kSteps) {
            m_timer.stop();
            m_log << QStringLiteral("average migration speed: 100.0 MiB/s - downtime 38 ms")
                  << QStringLiteral("migration status: completed") << QStringLiteral("TASK OK");
            m_exit = QStringLiteral("OK");
            return;
        }
        // 2 GiB at 100 MiB/s, 15 MiB a line.
        m_log << QStringLiteral("migration active, transferred %1 MiB of 2.0 GiB VM-state, 100.0 MiB/s").arg(m_step * 15);
    }

    QTemporaryDir m_dir;
    QObject m_owner; // outlives m_http
    QHttpServer m_http;
    QSslServer *m_tcp = nullptr;
    QString m_fingerprint;
    QTimer m_timer;
    QStringList m_log;
    QString m_exit;
    int m_step = 0;
    int m_deletes = 0;
};

} // namespace atalaia::test
