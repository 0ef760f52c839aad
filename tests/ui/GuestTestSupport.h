#pragma once

#include "TestAgent.h"
#include "TestConsole.h"
#include "agent/Backends.h"
#include "api/Services.h"
#include "api/client/Fingerprint.h"
#include "main/MainWindow.h"
#include "models/ResourceTreeModel.h"
#include "session/ClusterSession.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

// The guest UI tests' world: the three-node fake cluster (node1 serves the
// API; node2 and node3 are online members), with two directory storages of
// this test's own, "local" (ISO images, templates, disks) and "shared"
// (disks, marked shared so that guests on it can migrate), the stand-in
// ISO and template on local, and the console connected as root@pam.
namespace atalaia::test {

constexpr int kGuestWaitMs = 20000;
inline const QString kIso = QStringLiteral("atalaia-tiny-1.0.iso");
inline const QString kTemplate = QStringLiteral("debian-13-standard_13.0-1_amd64.tar.zst");

class GuestWorld
{
public:
    // USERCFG: user.cfg lines added to the fixture's (users and ACL of restricted logins).
    explicit GuestWorld(const QString &userCfg = {})
    {
        const QString local = m_dir.filePath(QStringLiteral("local"));
        const QString shared = m_dir.filePath(QStringLiteral("shared"));
        for (const QString &file : {local + QStringLiteral("/template/iso/") + kIso,
                                    local + QStringLiteral("/template/cache/") + kTemplate}) {
            QDir().mkpath(QFileInfo(file).absolutePath());
            QFile f(file);
            if (!f.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(file));
            f.write("stand-in\n");
        }
        QDir().mkpath(shared);
        QFile in(QStringLiteral(ATALAIA_TEST_DATA_DIR "/fake/cluster-3nodes.json"));
        if (!in.open(QIODevice::ReadOnly))
            qFatal("no cluster-3nodes.json");
        QJsonObject fixture = QJsonDocument::fromJson(in.readAll()).object();
        QJsonObject store = fixture.value(QLatin1String("store")).toObject();
        store.insert(QStringLiteral("storage.cfg"),
                     QStringLiteral("dir: local\n\tpath %1\n\tcontent iso,vztmpl,backup,images,rootdir\n\n"
                                    "dir: shared\n\tpath %2\n\tcontent images,rootdir\n\tshared 1\n")
                         .arg(local, shared));
        if (!userCfg.isEmpty())
            store.insert(QStringLiteral("user.cfg"), QStringLiteral("user:root@pam:1:0:::root@localhost:::\n") + userCfg);
        fixture.insert(QStringLiteral("store"), store);
        const QString path = m_dir.filePath(QStringLiteral("fixture.json"));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write the fixture");
        out.write(QJsonDocument(fixture).toJson());
        out.close();
        agent = std::make_unique<TestAgent>(path);
        api::Services &services = agent->agent().services();
        if (!services.networkInterfaces())
            services.setNetworkInterfaces(agent->agent().backends().networkInterfaces.get());
        if (auto listening = agent->agent().listen(); !listening)
            qFatal("agent cannot listen: %s", qPrintable(listening.error().toString()));
        console = std::make_unique<TestConsole>();
    }

    ~GuestWorld()
    {
        console.reset();
        agent.reset();
    }

    ui::ClusterSession *connect(const QString &userid = QStringLiteral("root@pam"),
                                const QString &password = QStringLiteral("root-password"))
    {
        ui::ConnectionProfile p;
        p.id = ui::ConnectionProfile::newId();
        p.name = QStringLiteral("lab");
        p.endpoints = {api::client::Endpoint(QStringLiteral("127.0.0.1"), agent->agent().port())};
        p.userid = userid;
        p.trust.pin(p.endpoints.first(), *api::client::Fingerprint::parse(agent->agent().certificate().fingerprint));
        ui::ClusterSession *s = console->window->openConnection(p, password);
        s->setPollInterval(200);
        if (!QTest::qWaitFor([s] { return s->state() == ui::ClusterSession::State::Online && !s->resources().isEmpty(); },
                             kGuestWaitMs))
            qFatal("not online: %s", qPrintable(s->lastError()));
        if (!QTest::qWaitFor([s] { return !s->permissions().isEmpty(); }, kGuestWaitMs))
            qFatal("no permissions for %s", qPrintable(userid));
        return s;
    }

    // A guest created through the API (and its task waited for), as another client would.
    void createVm(int vmid, const QString &disk, bool start)
    {
        const TestAgent::Session root = agent->root();
        QJsonObject params{{QStringLiteral("vmid"), vmid},          {QStringLiteral("name"), QStringLiteral("mover")},
                           {QStringLiteral("memory"), 512},         {QStringLiteral("scsi0"), disk},
                           {QStringLiteral("ide2"), QStringLiteral("none,media=cdrom")},
                           {QStringLiteral("net0"), QStringLiteral("virtio,bridge=vmbr0")}};
        if (start)
            params.insert(QStringLiteral("start"), 1);
        const api::ApiResponse r = agent->call(QStringLiteral("POST"), QStringLiteral("/nodes/node1/qemu"), params, root);
        if (r.status != 200)
            qFatal("create VM %d: %d %s", vmid, r.status, qPrintable(r.message));
        waitTask(r.data.toString());
    }

    void waitTask(const QString &upid)
    {
        const TestAgent::Session root = agent->root();
        const bool done = QTest::qWaitFor([&] {
            const api::ApiResponse s = agent->call(QStringLiteral("GET"), QStringLiteral("/nodes/node1/tasks/%1/status").arg(upid), {}, root);
            return s.data.toObject().value(QLatin1String("status")).toString() == QLatin1String("stopped");
        }, kGuestWaitMs);
        if (!done)
            qFatal("task %s did not stop", qPrintable(upid));
    }

    // Selects the first tree row (depth first) that MATCHES; false when none does.
    bool selectInTree(const std::function<bool(const QModelIndex &)> &matches)
    {
        QTreeView *tree = console->window->tree();
        QAbstractItemModel *model = tree->model();
        std::function<QModelIndex(const QModelIndex &)> find = [&](const QModelIndex &parent) -> QModelIndex {
            for (int r = 0; r < model->rowCount(parent); ++r) {
                const QModelIndex i = model->index(r, 0, parent);
                if (matches(i))
                    return i;
                if (const QModelIndex deeper = find(i); deeper.isValid())
                    return deeper;
            }
            return {};
        };
        const QModelIndex target = find({});
        if (target.isValid())
            tree->setCurrentIndex(target);
        return target.isValid();
    }

    // Selects the tree row of VMID; false when the tree has none.
    bool selectGuest(int vmid)
    {
        return selectInTree(
            [vmid](const QModelIndex &i) { return i.data(ui::ResourceTreeModel::VmidRole).toUInt() == uint(vmid); });
    }

    // The guest's entry in the session's inventory (status, node).
    static std::optional<model::ClusterResource> guest(ui::ClusterSession *s, int vmid)
    {
        for (const auto &r : s->resources())
            if (r.vmid && int(r.vmid->value()) == vmid
                && (r.type == model::ResourceType::Qemu || r.type == model::ResourceType::Lxc))
                return r;
        return std::nullopt;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestAgent> agent;
    std::unique_ptr<TestConsole> console;
};

} // namespace atalaia::test
