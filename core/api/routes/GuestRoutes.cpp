#include "RouteSupport.h"
#include "Routes.h"
#include "api/EventBus.h"
#include "api/Router.h"
#include "guests/GuestService.h"
#include "model/JsonEncoding.h"
#include "tasks/TaskManager.h"
#include "virt/Migration.h"

#include <QSet>

namespace atalaia::api {

namespace {

using model::GuestType;

ApiResponse notOffered()
{
    return ApiResponse::error(501, QStringLiteral("this node manages no guests (no hypervisor backend)"));
}

int vmidOf(const RequestContext &ctx)
{
    return int(ctx.params.value(QLatin1String("vmid")).toInteger());
}

QString typePath(GuestType type)
{
    return type == GuestType::Qemu ? QStringLiteral("qemu") : QStringLiteral("lxc");
}

// Proxmox's task type names: qm* for VMs, vz* for containers.
QString taskType(GuestType type, const char *action)
{
    // Proxmox spells a VM's migration "qmigrate", not "qmmigrate".
    if (type == GuestType::Qemu && qstrcmp(action, "migrate") == 0)
        return QStringLiteral("qmigrate");
    return (type == GuestType::Qemu ? QStringLiteral("qm") : QStringLiteral("vz")) + QLatin1String(action);
}

ApiResponse startGuestTask(RequestContext &ctx, GuestType type, const char *action,
                           std::function<Result<void>(guests::GuestService &, tasks::TaskContext &)> work)
{
    guests::GuestService *service = ctx.services.guests();
    if (!service)
        return notOffered();
    tasks::TaskSpec spec;
    spec.type = taskType(type, action);
    spec.id = QString::number(vmidOf(ctx));
    spec.user = ctx.identity.authId();
    spec.work = [service, work = std::move(work)](tasks::TaskContext &task) { return work(*service, task); };
    Result<model::Upid> upid = ctx.services.tasks().start(std::move(spec));
    if (!upid)
        return ApiResponse::fromError(upid.error());
    return ApiResponse::ok(upid->toString());
}

// Config values as Proxmox types them in answers: numbers for numeric keys.
QJsonValue typedValue(const QString &key, const QString &value)
{
    static const QSet<QString> numeric{
        QStringLiteral("memory"),  QStringLiteral("cores"),     QStringLiteral("sockets"),  QStringLiteral("vcpus"),
        QStringLiteral("balloon"), QStringLiteral("shares"),    QStringLiteral("cpuunits"), QStringLiteral("swap"),
        QStringLiteral("onboot"),  QStringLiteral("template"),  QStringLiteral("protection"),
        QStringLiteral("unprivileged"), QStringLiteral("tty"), QStringLiteral("migrate_downtime"),
        QStringLiteral("migrate_speed"), QStringLiteral("cpulimit"), QStringLiteral("numa"), QStringLiteral("kvm"),
        QStringLiteral("acpi"), QStringLiteral("tablet"), QStringLiteral("localtime")};
    if (numeric.contains(key)) {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (ok)
            return d == double(qint64(d)) ? QJsonValue(qint64(d)) : QJsonValue(d);
    }
    return value;
}

// The parameters of PUT/POST .../config that are not config keys.
bool isConfigCallParameter(const QString &key)
{
    static const QSet<QString> call{QStringLiteral("node"),   QStringLiteral("vmid"),   QStringLiteral("digest"),
                                    QStringLiteral("delete"), QStringLiteral("revert"), QStringLiteral("skiplock"),
                                    QStringLiteral("force"),  QStringLiteral("background_delay")};
    return call.contains(key);
}

QStringList listParameter(const RequestContext &ctx, const char *name)
{
    const QJsonValue v = ctx.params.value(QLatin1String(name));
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            out.append(item.toString());
    } else {
        for (const QString &item : v.toString().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
            out.append(item);
    }
    return out;
}

// A boolean parameter as clients send it (true, 1).
bool flag(const RequestContext &ctx, const char *name)
{
    const QJsonValue v = ctx.params.value(QLatin1String(name));
    return v.toBool() || v.toInt() == 1;
}

// The guest's config for GET .../config and .../pending, or the answer why not.
std::expected<guests::GuestService::Config, ApiResponse> readGuestConfig(RequestContext &ctx, GuestType type)
{
    guests::GuestService *service = ctx.services.guests();
    if (!service)
        return std::unexpected(notOffered());
    Result<guests::GuestService::Config> config = service->readConfig(type, vmidOf(ctx));
    if (!config)
        return std::unexpected(ApiResponse::fromError(config.error()));
    return std::move(*config);
}

ApiResponse configAnswer(RequestContext &ctx, GuestType type)
{
    const std::expected<guests::GuestService::Config, ApiResponse> config = readGuestConfig(ctx, type);
    if (!config)
        return config.error();
    QMap<QString, QString> values = config->values;
    if (!flag(ctx, "current")) {
        for (const QString &key : std::as_const(config->pendingDeletes))
            values.remove(key);
        for (auto it = config->pending.cbegin(); it != config->pending.cend(); ++it)
            values.insert(it.key(), it.value());
    }
    QJsonObject out;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        out.insert(it.key(), typedValue(it.key(), it.value()));
    if (!config->description.isEmpty())
        out.insert(QStringLiteral("description"), config->description);
    out.insert(QStringLiteral("digest"), config->digest);
    return ApiResponse::ok(out);
}

ApiResponse pendingAnswer(RequestContext &ctx, GuestType type)
{
    const std::expected<guests::GuestService::Config, ApiResponse> config = readGuestConfig(ctx, type);
    if (!config)
        return config.error();
    QSet<QString> keys;
    for (auto it = config->values.cbegin(); it != config->values.cend(); ++it)
        keys.insert(it.key());
    for (auto it = config->pending.cbegin(); it != config->pending.cend(); ++it)
        keys.insert(it.key());
    for (const QString &key : std::as_const(config->pendingDeletes))
        keys.insert(key);
    QStringList sorted(keys.cbegin(), keys.cend());
    sorted.sort();
    QJsonArray out;
    for (const QString &key : std::as_const(sorted)) {
        QJsonObject entry{{QStringLiteral("key"), key}};
        if (config->values.contains(key))
            entry.insert(QStringLiteral("value"), typedValue(key, config->values.value(key)));
        if (config->pending.contains(key))
            entry.insert(QStringLiteral("pending"), typedValue(key, config->pending.value(key)));
        if (config->pendingDeletes.contains(key))
            entry.insert(QStringLiteral("delete"), 1);
        out.append(entry);
    }
    return ApiResponse::ok(out);
}

guests::GuestService::ConfigUpdate configUpdate(const RequestContext &ctx)
{
    guests::GuestService::ConfigUpdate update;
    for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it) {
        if (isConfigCallParameter(it.key()))
            continue;
        update.set.insert(it.key(), model::json::scalarText(it.value()));
    }
    update.remove = listParameter(ctx, "delete");
    update.revert = listParameter(ctx, "revert");
    update.digest = ctx.param(QStringLiteral("digest"));
    return update;
}

void registerGuestType(Router &router, GuestType type)
{
    const QString base = QStringLiteral("/nodes/{node}/") + typePath(type);

    router.add(QStringLiteral("GET"), base, [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        QJsonArray visible;
        for (const QJsonValue &entry : service->list(type)) {
            const QString vmid = QString::number(entry.toObject().value(QLatin1String("vmid")).toInteger());
            if (can(ctx, QStringLiteral("/vms/") + vmid, {QStringLiteral("VM.Audit")}))
                visible.append(entry);
        }
        return ApiResponse::ok(visible);
    });

    router.add(QStringLiteral("POST"), base, [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        const int vmid = vmidOf(ctx);
        if (!can(ctx, QStringLiteral("/vms/%1").arg(vmid), {QStringLiteral("VM.Allocate")}))
            return ApiResponse::error(403, QStringLiteral("Permission check failed (/vms/%1, VM.Allocate)").arg(vmid));
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        if (Result<void> free = service->checkFree(vmid); !free)
            return ApiResponse::error(500, free.error().message);
        if (type == GuestType::Lxc && !ctx.has(QStringLiteral("ostemplate")))
            return ApiResponse::error(400, QStringLiteral("parameter verification failed: ostemplate: property is missing"));
        const QJsonObject params = ctx.params;
        return startGuestTask(ctx, type, "create", [type, vmid, params](guests::GuestService &s, tasks::TaskContext &task) {
            return s.create(type, vmid, params, task);
        });
    });

    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return directoryIndex({"config", "pending", "status", "migrate", "rrddata"});
    });

    router.add(QStringLiteral("DELETE"), base + QStringLiteral("/{vmid}"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        const int vmid = vmidOf(ctx);
        const bool purge = flag(ctx, "purge");
        return startGuestTask(ctx, type, "destroy", [type, vmid, purge](guests::GuestService &s, tasks::TaskContext &task) {
            return s.destroy(type, vmid, purge, task);
        });
    });

    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}/status"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        if (type == GuestType::Qemu)
            return directoryIndex({"current", "start", "stop", "reset", "shutdown", "suspend", "reboot", "resume"});
        return directoryIndex({"current", "start", "stop", "shutdown", "suspend", "reboot", "resume"});
    });

    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}/status/current"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        Result<QJsonObject> status = service->currentStatus(type, vmidOf(ctx));
        if (!status)
            return ApiResponse::fromError(status.error());
        return ApiResponse::ok(*status);
    });

    auto action = [&router, base, type](const char *name, const char *task,
                                        std::function<Result<void>(guests::GuestService &, GuestType, int,
                                                                   const QJsonObject &, tasks::TaskContext &)>
                                            work) {
        router.add(QStringLiteral("POST"), base + QStringLiteral("/{vmid}/status/") + QLatin1String(name),
                   [type, task, work](RequestContext &ctx) {
                       if (auto other = requireThisNode(ctx))
                           return *other;
                       const int vmid = vmidOf(ctx);
                       const QJsonObject params = ctx.params;
                       return startGuestTask(ctx, type, task,
                                             [type, vmid, params, work](guests::GuestService &s, tasks::TaskContext &t) {
                                                 return work(s, type, vmid, params, t);
                                             });
                   });
    };
    action("start", "start", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
        return s.start(t, id, c);
    });
    action("stop", "stop", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
        return s.stop(t, id, c);
    });
    action("shutdown", "shutdown", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &p, tasks::TaskContext &c) {
        const int timeout = int(p.value(QLatin1String("timeout")).toInteger(t == GuestType::Qemu ? 180 : 60));
        const QJsonValue force = p.value(QLatin1String("forceStop"));
        return s.shutdown(t, id, timeout, force.toBool() || force.toInt() == 1, c);
    });
    action("reboot", "reboot", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
        return s.reboot(t, id, c);
    });
    action("suspend", "suspend", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
        return s.suspend(t, id, c);
    });
    action("resume", "resume", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
        return s.resume(t, id, c);
    });
    if (type == GuestType::Qemu) {
        action("reset", "reset", [](guests::GuestService &s, GuestType t, int id, const QJsonObject &, tasks::TaskContext &c) {
            return s.reboot(t, id, c);
        });
    }

    // Where the guest can go (Proxmox's migrate preconditions).
    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}/migrate"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        Result<QJsonObject> check = service->migrationPreflight(type, vmidOf(ctx), ctx.param(QStringLiteral("target")));
        if (!check)
            return ApiResponse::fromError(check.error());
        return ApiResponse::ok(*check);
    });

    // Migrate: a task (qmigrate/vzmigrate) that reports its progress as task
    // log lines and, structured, as "migration" events on the event stream.
    router.add(QStringLiteral("POST"), base + QStringLiteral("/{vmid}/migrate"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        const int vmid = vmidOf(ctx);
        guests::GuestService::MigrationRequest request;
        request.target = ctx.param(QStringLiteral("target"));
        request.online = flag(ctx, "online");
        request.restart = flag(ctx, "restart");
        if (const QJsonValue timeout = ctx.params.value(QLatin1String("timeout")); !timeout.isUndefined())
            request.shutdownTimeoutSeconds = int(std::clamp<qint64>(timeout.toInteger(180), 0, 24 * 3600));
        request.bwlimitKiBps = ctx.params.value(QLatin1String("bwlimit")).toInteger(0);
        request.migrationNetwork = ctx.param(QStringLiteral("migration_network"));
        // Refuse at once what cannot work, before a task starts.
        Result<QJsonObject> check = service->migrationPreflight(type, vmid, request.target);
        if (!check)
            return ApiResponse::fromError(check.error());
        if (check->contains(QLatin1String("target_unknown")))
            return ApiResponse::error(400, check->value(QLatin1String("target_unknown")).toString());
        const QJsonObject refused = check->value(QLatin1String("not_allowed_nodes")).toObject();
        if (refused.contains(request.target))
            return ApiResponse::error(500, QStringLiteral("can't migrate %1 %2 to '%3': %4")
                                               .arg(type == GuestType::Qemu ? QStringLiteral("VM") : QStringLiteral("CT"))
                                               .arg(vmid)
                                               .arg(request.target,
                                                    refused.value(request.target).toObject().value(QLatin1String("reason")).toString()));
        if (request.target == ctx.services.node().name)
            return ApiResponse::error(400, QStringLiteral("target is local node."));
        // A running container moves only in restart mode: said now, not in a failed task.
        if (type == GuestType::Lxc && check->value(QLatin1String("running")).toInt() != 0 && !request.restart)
            return ApiResponse::error(
                500, request.online ? QStringLiteral("lxc live migration is currently not implemented: migrate CT %1 "
                                                     "in restart mode (restart=1)")
                                          .arg(vmid)
                                    : QStringLiteral("CT %1 is running - use restart mode (restart=1)").arg(vmid));
        EventBus *events = &ctx.services.events();
        const QString source = ctx.services.node().name;
        const QString owner = ctx.identity.authId();
        ApiResponse response = startGuestTask(
            ctx, type, "migrate",
            [type, vmid, request, events, source, owner](guests::GuestService &s, tasks::TaskContext &task) {
                const QString upid = task.upid().toString();
                auto publish = [&](const virt::MigrationProgress &p) {
                    events->publish(Event{QStringLiteral("migration"), QStringLiteral("/vms/%1").arg(vmid),
                                          {QStringLiteral("VM.Audit")}, owner,
                                          QJsonObject{{QStringLiteral("upid"), upid},
                                                      {QStringLiteral("vmid"), vmid},
                                                      {QStringLiteral("source"), source},
                                                      {QStringLiteral("target"), request.target},
                                                      {QStringLiteral("progress"), p.toJson()}}});
                };
                Result<void> done = s.migrate(type, vmid, request, publish, task);
                if (!done) {
                    virt::MigrationProgress last;
                    last.phase = task.isCancelled() ? virt::MigrationProgress::Phase::Cancelled
                                                    : virt::MigrationProgress::Phase::Failed;
                    publish(last);
                }
                return done;
            });
        return response;
    });

    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}/config"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return configAnswer(ctx, type);
    });
    router.add(QStringLiteral("GET"), base + QStringLiteral("/{vmid}/pending"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return pendingAnswer(ctx, type);
    });
    // PUT: synchronous, as Proxmox's.
    router.add(QStringLiteral("PUT"), base + QStringLiteral("/{vmid}/config"), [type](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        if (Result<void> ok = service->updateConfig(type, vmidOf(ctx), configUpdate(ctx)); !ok)
            return ApiResponse::fromError(ok.error());
        return ApiResponse::ok(QJsonValue());
    });
    // POST (VMs): the same as a task.
    if (type == GuestType::Qemu) {
        router.add(QStringLiteral("POST"), base + QStringLiteral("/{vmid}/config"), [type](RequestContext &ctx) {
            if (auto other = requireThisNode(ctx))
                return *other;
            const int vmid = vmidOf(ctx);
            const guests::GuestService::ConfigUpdate update = configUpdate(ctx);
            return startGuestTask(ctx, type, "config", [type, vmid, update](guests::GuestService &s, tasks::TaskContext &) {
                return s.updateConfig(type, vmid, update);
            });
        });
    }
}

} // namespace

void registerGuestRoutes(Router &router)
{
    registerGuestType(router, GuestType::Qemu);
    registerGuestType(router, GuestType::Lxc);

    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/nextid"), [](RequestContext &ctx) {
        guests::GuestService *service = ctx.services.guests();
        if (!service)
            return notOffered();
        if (ctx.has(QStringLiteral("vmid"))) {
            const int vmid = vmidOf(ctx);
            if (Result<void> free = service->checkFree(vmid); !free)
                return ApiResponse::error(400, QStringLiteral("VM %1 already exists").arg(vmid));
            return ApiResponse::ok(QString::number(vmid));
        }
        Result<int> next = service->nextFreeId();
        if (!next)
            return ApiResponse::fromError(next.error());
        // Proxmox answers a string here.
        return ApiResponse::ok(QString::number(*next));
    });
}

} // namespace atalaia::api
