#include "EventSources.h"

#include "api/EventBus.h"
#include "model/Upid.h"
#include "store/ConfigStore.h"
#include "tasks/TaskManager.h"
#include "virt/Hypervisor.h"

#include <QRegularExpression>

namespace atalaia::agent {

namespace {

// Who may hear that a configuration file changed: the ACL path and the
// privileges that let one read it. Secrets (priv/) are never announced.
std::optional<api::Event> configEvent(const QString &path, quint64 version)
{
    if (path.startsWith(QLatin1String("priv/")))
        return std::nullopt;
    api::Event e{QStringLiteral("config"), QStringLiteral("/"), {QStringLiteral("Sys.Audit")},
                 {}, QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("version"), qint64(version)}}};
    static const QRegularExpression kGuest(QStringLiteral(R"((?:qemu-server|lxc)/(\d+)\.conf$)"));
    if (const auto m = kGuest.match(path); m.hasMatch()) {
        e.aclPath = QStringLiteral("/vms/") + m.captured(1);
        e.privileges = {QStringLiteral("VM.Audit")};
    } else if (path == QLatin1String("user.cfg") || path == QLatin1String("domains.cfg")) {
        e.aclPath = QStringLiteral("/access");
        e.privileges = {QStringLiteral("Sys.Audit"), QStringLiteral("User.Modify"), QStringLiteral("Permissions.Modify")};
    } else if (path == QLatin1String("storage.cfg")) {
        e.aclPath = QStringLiteral("/storage");
        e.privileges = {QStringLiteral("Datastore.Audit")};
    }
    return e;
}

} // namespace

EventSources::EventSources(const QString &node, store::ConfigStore &store, tasks::TaskManager &tasks,
                           virt::Hypervisor &hypervisor, api::EventBus &bus)
{
    // Tasks are seen by their owner and by whoever may audit the node.
    auto taskEvent = [node](const model::Upid &upid, QJsonObject payload) {
        payload.insert(QStringLiteral("upid"), upid.toString());
        return api::Event{QStringLiteral("task"), QStringLiteral("/nodes/") + node, {QStringLiteral("Sys.Audit")},
                          upid.user(), payload};
    };
    m_connections.append(QObject::connect(&store, &store::ConfigStore::changed, &bus,
                                          [&bus](const QString &path, quint64 version) {
                                              if (auto e = configEvent(path, version))
                                                  bus.publish(*e);
                                          }, Qt::DirectConnection));
    m_connections.append(QObject::connect(&tasks, &tasks::TaskManager::taskStarted, &bus,
                                          [&bus, taskEvent](const model::Upid &upid) {
                                              bus.publish(taskEvent(upid, {{QStringLiteral("status"), QStringLiteral("running")}}));
                                          }, Qt::DirectConnection));
    m_connections.append(QObject::connect(
        &tasks, &tasks::TaskManager::taskLogLine, &bus,
        [&bus, taskEvent](const model::Upid &upid, qsizetype n, const QString &line) {
            bus.publish(taskEvent(upid, {{QStringLiteral("log"), QJsonObject{{QStringLiteral("n"), n}, {QStringLiteral("t"), line}}}}));
        }, Qt::DirectConnection));
    m_connections.append(QObject::connect(&tasks, &tasks::TaskManager::taskProgress, &bus,
                                          [&bus, taskEvent](const model::Upid &upid, double progress) {
                                              bus.publish(taskEvent(upid, {{QStringLiteral("progress"), progress}}));
                                          }, Qt::DirectConnection));
    m_connections.append(QObject::connect(&tasks, &tasks::TaskManager::taskFinished, &bus,
                                          [&bus, taskEvent](const model::Upid &upid, const QString &exitStatus) {
                                              bus.publish(taskEvent(upid, {{QStringLiteral("status"), QStringLiteral("stopped")},
                                                                           {QStringLiteral("exitstatus"), exitStatus}}));
                                          }, Qt::DirectConnection));
    m_connections.append(QObject::connect(&hypervisor, &virt::Hypervisor::guestChanged, &bus, [&bus](int vmid) {
        bus.publish(api::Event{QStringLiteral("resource"), QStringLiteral("/vms/%1").arg(vmid), {QStringLiteral("VM.Audit")},
                               {}, QJsonObject{{QStringLiteral("vmid"), vmid}}});
    }, Qt::DirectConnection));
}

EventSources::~EventSources()
{
    for (const auto &c : std::as_const(m_connections))
        QObject::disconnect(c);
}

} // namespace atalaia::agent
