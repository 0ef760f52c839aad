#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"
#include "tasks/ExitStatus.h"
#include "tasks/TaskManager.h"

namespace atalaia::api {

namespace {

// Proxmox: the owner of a task sees it; others need Sys.Audit on the node
// (to read) or Sys.Modify (to stop).
bool mayAccessTask(const RequestContext &ctx, const model::Upid &upid, const QString &privilege)
{
    const QString owner = upid.user();
    if (owner == ctx.identity.authId() || owner == ctx.identity.userid)
        return true;
    return can(ctx, QStringLiteral("/nodes/") + ctx.services.node().name, {privilege});
}

// The task the "upid" parameter names, when the caller may use it with
// PRIVILEGE; otherwise the answer: 400 for a malformed UPID, 403 without the
// privilege.
std::expected<model::Upid, ApiResponse> accessibleTask(const RequestContext &ctx, const QString &privilege)
{
    Result<model::Upid> upid = model::Upid::parse(ctx.param(QStringLiteral("upid")));
    if (!upid)
        return std::unexpected(ApiResponse::parameterErrors({{QStringLiteral("upid"), upid.error().message}}));
    if (!mayAccessTask(ctx, *upid, privilege))
        return std::unexpected(ApiResponse::error(
            403, QStringLiteral("Permission check failed (/nodes/%1, %2)").arg(ctx.services.node().name, privilege)));
    return *upid;
}

QJsonArray taskArray(const QList<model::Task> &tasks)
{
    QJsonArray list;
    for (const model::Task &t : tasks)
        list.append(t.toJson());
    return list;
}

// The task list's user filter is a substring match (Proxmox's userfilter);
// when it stands for "only your own tasks", keep exact owners only, so
// "roma@pve" does not see "aroma@pve"'s tasks.
void ownTasksOnly(const RequestContext &ctx, const tasks::TaskFilter &filter, QList<model::Task> &tasks)
{
    if (filter.user != ctx.identity.authId())
        return;
    tasks.removeIf([&](const model::Task &t) { return t.upid.user() != ctx.identity.authId(); });
}

// The tasks FILTER selects, narrowed to the caller's own tasks when it may
// not audit the node (Proxmox: Sys.Audit or Sys.Modify on /nodes/<node>).
Result<tasks::TaskList> visibleTasks(const RequestContext &ctx, tasks::TaskFilter filter)
{
    if (!can(ctx, QStringLiteral("/nodes/") + ctx.services.node().name,
             {QStringLiteral("Sys.Audit"), QStringLiteral("Sys.Modify")}, true))
        filter.user = ctx.identity.authId();
    auto list = ctx.services.tasks().list(filter);
    if (list)
        ownTasksOnly(ctx, filter, list->tasks);
    return list;
}

tasks::TaskFilter filterFrom(const RequestContext &ctx)
{
    tasks::TaskFilter f;
    const QString source = ctx.param(QStringLiteral("source"));
    f.source = source == QLatin1String("active") ? tasks::TaskFilter::Source::Active
             : source == QLatin1String("all")    ? tasks::TaskFilter::Source::All
                                                 : tasks::TaskFilter::Source::Archive;
    f.user = ctx.param(QStringLiteral("userfilter"));
    f.type = ctx.param(QStringLiteral("typefilter"));
    if (ctx.has(QStringLiteral("vmid")))
        f.id = QString::number(ctx.params.value(QStringLiteral("vmid")).toInteger());
    f.errorsOnly = ctx.params.value(QStringLiteral("errors")).toInt() != 0;
    if (ctx.has(QStringLiteral("since")))
        f.since = ctx.params.value(QStringLiteral("since")).toInteger();
    if (ctx.has(QStringLiteral("until")))
        f.until = ctx.params.value(QStringLiteral("until")).toInteger();
    f.start = ctx.params.value(QStringLiteral("start")).toInteger(0);
    f.limit = ctx.params.value(QStringLiteral("limit")).toInteger(50);
    for (const QString &name : ctx.param(QStringLiteral("statusfilter")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (auto type = tasks::ExitStatus::typeFromName(name.trimmed()))
            f.statusTypes.insert(*type);
    return f;
}

} // namespace

void registerTaskRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/tasks"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        auto list = visibleTasks(ctx, filterFrom(ctx));
        if (!list)
            return ApiResponse::fromError(list.error());
        ApiResponse r = ApiResponse::ok(taskArray(list->tasks));
        r.headers.append({"X-Atalaia-Total", QByteArray::number(list->total)});
        return r;
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/tasks/{upid}"), [](RequestContext &) {
        return directoryIndex({"log", "status"});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/tasks/{upid}/status"), [](RequestContext &ctx) {
        auto upid = accessibleTask(ctx, QStringLiteral("Sys.Audit"));
        if (!upid)
            return upid.error();
        auto status = ctx.services.tasks().status(*upid);
        if (!status)
            return ApiResponse::fromError(status.error());
        QJsonObject json = status->toJson();
        if (auto progress = ctx.services.tasks().progress(*upid))
            json.insert(QStringLiteral("progress"), *progress); // our extension
        return ApiResponse::ok(json);
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/tasks/{upid}/log"), [](RequestContext &ctx) {
        auto upid = accessibleTask(ctx, QStringLiteral("Sys.Audit"));
        if (!upid)
            return upid.error();
        auto log = ctx.services.tasks().log(*upid, ctx.params.value(QStringLiteral("start")).toInteger(0),
                                            ctx.params.value(QStringLiteral("limit")).toInteger(50));
        if (!log)
            return ApiResponse::fromError(log.error());
        QJsonArray lines;
        for (const auto &line : log->lines)
            lines.append(QJsonObject{{QStringLiteral("n"), line.n}, {QStringLiteral("t"), line.t}});
        ApiResponse r = ApiResponse::ok(lines);
        r.headers.append({"X-Atalaia-Total", QByteArray::number(log->total)});
        return r;
    });

    router.add(QStringLiteral("DELETE"), QStringLiteral("/nodes/{node}/tasks/{upid}"), [](RequestContext &ctx) {
        auto upid = accessibleTask(ctx, QStringLiteral("Sys.Modify"));
        if (!upid)
            return upid.error();
        if (auto stopped = ctx.services.tasks().stop(*upid); !stopped)
            return ApiResponse::fromError(stopped.error());
        return ApiResponse::ok();
    });

    // Cluster-wide recent tasks: on a standalone node, this node's.
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/tasks"), [](RequestContext &ctx) {
        tasks::TaskFilter filter;
        filter.limit = 50;
        auto list = visibleTasks(ctx, filter);
        if (!list)
            return ApiResponse::fromError(list.error());
        return ApiResponse::ok(taskArray(list->tasks));
    });
}

} // namespace atalaia::api
