#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"
#include "guests/GuestService.h"
#include "storage/StorageManager.h"
#include "tasks/TaskManager.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace atalaia::api {

namespace {

ApiResponse notOffered()
{
    return ApiResponse::error(501, QStringLiteral("this node has no storage backend"));
}

bool mayUseStorage(const RequestContext &ctx, const QString &storage)
{
    return can(ctx, QStringLiteral("/storage/") + storage,
               {QStringLiteral("Datastore.Audit"), QStringLiteral("Datastore.AllocateSpace")}, true);
}

QJsonObject volumeJson(const storage::VolumeInfo &v)
{
    QJsonObject out{{QStringLiteral("volid"), v.volid},   {QStringLiteral("content"), v.content},
                    {QStringLiteral("format"), v.format}, {QStringLiteral("size"), v.size},
                    {QStringLiteral("used"), v.used},     {QStringLiteral("ctime"), v.ctime}};
    if (v.vmid > 0)
        out.insert(QStringLiteral("vmid"), v.vmid);
    return out;
}

// The container templates this installation brings (tools/images makes
// them; the package installs them): what "download" copies to a storage.
QString bundledTemplateDir()
{
    const QString configured = qEnvironmentVariable("ATALAIA_TEMPLATE_DIR");
    if (!configured.isEmpty())
        return configured;
    for (const char *dir : {"/usr/share/atalaia/templates", "/var/cache/atalaia/images"})
        if (QFileInfo(QLatin1String(dir)).isDir())
            return QLatin1String(dir);
    return QStringLiteral("/usr/share/atalaia/templates");
}

QFileInfoList bundledTemplates()
{
    return QDir(bundledTemplateDir())
        .entryInfoList({QStringLiteral("*.tar.zst"), QStringLiteral("*.tar.gz"), QStringLiteral("*.tar.xz")}, QDir::Files,
                       QDir::Name);
}

} // namespace

void registerStorageRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/storage"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        storage::StorageManager *manager = ctx.services.storage();
        if (!manager)
            return notOffered();
        Result<QList<storage::StorageDefinition>> all = manager->definitions();
        if (!all)
            return ApiResponse::fromError(all.error());
        const QString content = ctx.param(QStringLiteral("content"));
        const QString only = ctx.param(QStringLiteral("storage"));
        QJsonArray out;
        for (const storage::StorageDefinition &d : std::as_const(*all)) {
            if (!d.availableOn(manager->node()) || !mayUseStorage(ctx, d.id))
                continue;
            if ((!only.isEmpty() && d.id != only) || (!content.isEmpty() && !d.content.contains(content)))
                continue;
            QJsonObject entry{{QStringLiteral("storage"), d.id},
                              {QStringLiteral("type"), d.type},
                              {QStringLiteral("content"), d.content.join(u',')},
                              {QStringLiteral("shared"), d.shared ? 1 : 0},
                              {QStringLiteral("enabled"), 1}};
            if (Result<std::unique_ptr<storage::StorageBackend>> b = manager->backend(d.id)) {
                if (Result<storage::StorageStatus> s = (*b)->status()) {
                    entry.insert(QStringLiteral("active"), s->active ? 1 : 0);
                    entry.insert(QStringLiteral("total"), s->total);
                    entry.insert(QStringLiteral("used"), s->used);
                    entry.insert(QStringLiteral("avail"), s->avail);
                    if (s->total > 0)
                        entry.insert(QStringLiteral("used_fraction"), double(s->used) / double(s->total));
                }
            } else {
                entry.insert(QStringLiteral("active"), 0);
            }
            out.append(entry);
        }
        return ApiResponse::ok(out);
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/storage/{storage}"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return directoryIndex({"content", "status"});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/storage/{storage}/status"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        storage::StorageManager *manager = ctx.services.storage();
        if (!manager)
            return notOffered();
        const QString id = ctx.param(QStringLiteral("storage"));
        Result<storage::StorageDefinition> d = manager->definition(id);
        if (!d)
            return ApiResponse::fromError(d.error());
        Result<std::unique_ptr<storage::StorageBackend>> b = manager->backend(id);
        if (!b)
            return ApiResponse::error(400, b.error().message);
        Result<storage::StorageStatus> s = (*b)->status();
        if (!s)
            return ApiResponse::fromError(s.error());
        return ApiResponse::ok(QJsonObject{{QStringLiteral("type"), d->type},
                                           {QStringLiteral("content"), d->content.join(u',')},
                                           {QStringLiteral("shared"), d->shared ? 1 : 0},
                                           {QStringLiteral("active"), s->active ? 1 : 0},
                                           {QStringLiteral("enabled"), 1},
                                           {QStringLiteral("total"), s->total},
                                           {QStringLiteral("used"), s->used},
                                           {QStringLiteral("avail"), s->avail}});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/storage/{storage}/content"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        storage::StorageManager *manager = ctx.services.storage();
        if (!manager)
            return notOffered();
        Result<std::unique_ptr<storage::StorageBackend>> b = manager->backend(ctx.param(QStringLiteral("storage")));
        if (!b)
            return ApiResponse::fromError(b.error());
        QString content = ctx.param(QStringLiteral("content"));
        if (content == u"rootdir")
            content = QStringLiteral("images");
        Result<QList<storage::VolumeInfo>> volumes = (*b)->list(content);
        if (!volumes)
            return ApiResponse::fromError(volumes.error());
        const qint64 vmid = ctx.params.value(QLatin1String("vmid")).toInteger(0);
        QJsonArray out;
        for (const storage::VolumeInfo &v : std::as_const(*volumes)) {
            if (vmid > 0 && v.vmid != vmid)
                continue;
            // Disk images are listed to those who may see their guest.
            if (v.vmid > 0 && !can(ctx, QStringLiteral("/vms/%1").arg(v.vmid), {QStringLiteral("VM.Audit")}))
                continue;
            out.append(volumeJson(v));
        }
        return ApiResponse::ok(out);
    });

    router.add(QStringLiteral("DELETE"), QStringLiteral("/nodes/{node}/storage/{storage}/content/{volume}"),
               [](RequestContext &ctx) {
                   if (auto other = requireThisNode(ctx))
                       return *other;
                   storage::StorageManager *manager = ctx.services.storage();
                   if (!manager)
                       return notOffered();
                   const QString storageId = ctx.param(QStringLiteral("storage"));
                   if (!can(ctx, QStringLiteral("/storage/") + storageId, {QStringLiteral("Datastore.Allocate")}))
                       return ApiResponse::error(403, QStringLiteral("Permission check failed (/storage/%1, Datastore.Allocate)").arg(storageId));
                   QString volume = ctx.param(QStringLiteral("volume"));
                   if (!volume.contains(u':'))
                       volume = storageId + u':' + volume;
                   if (const guests::GuestService *guests = ctx.services.guests())
                       if (const std::optional<QString> user = guests->volumeUser(volume))
                           return ApiResponse::error(
                               400, QStringLiteral("unable to remove volume '%1': it is still in use by %2 (remove it "
                                                   "from the guest's hardware first, or destroy the guest)")
                                        .arg(volume, *user));
                   tasks::TaskSpec spec;
                   spec.type = QStringLiteral("imgdel");
                   spec.id = volume;
                   spec.id.replace(u':', u'_');
                   spec.id.replace(u'/', u'_');
                   spec.user = ctx.identity.authId();
                   spec.work = [manager, volume](tasks::TaskContext &task) -> Result<void> {
                       task.log(QStringLiteral("removing volume '%1'").arg(volume));
                       return manager->free(volume);
                   };
                   Result<model::Upid> upid = ctx.services.tasks().start(std::move(spec));
                   if (!upid)
                       return ApiResponse::fromError(upid.error());
                   return ApiResponse::ok(upid->toString());
               });

    // Uploads stream: the HTTPS server hands POST .../upload to
    // upload::UploadReceiver before Qt's HTTP server could buffer its body,
    // and admits it through Dispatcher::admit against this route. A call that
    // reaches the dispatcher (one without a multipart/form-data body on the
    // HTTPS port) has no file to store.
    router.add(QStringLiteral("POST"), QStringLiteral("/nodes/{node}/storage/{storage}/upload"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        return ApiResponse::error(400, QStringLiteral("an upload sends its file as a multipart/form-data body (field "
                                                      "'filename') to the HTTPS port, where it is streamed to the "
                                                      "storage; this call had none: send the file that way"));
    });

    // The templates this installation brings, as Proxmox's appliance index lists them.
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/aplinfo"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        QJsonArray out;
        for (const QFileInfo &f : bundledTemplates()) {
            const QString name = f.fileName();
            const QString os = name.section(u'-', 0, 0);
            out.append(QJsonObject{{QStringLiteral("template"), name},
                                   {QStringLiteral("package"), name.section(u'_', 0, 0)},
                                   {QStringLiteral("version"), name.section(u'_', 1, 1)},
                                   {QStringLiteral("os"), os + u'-' + name.section(u'-', 1, 1)},
                                   {QStringLiteral("type"), QStringLiteral("lxc")},
                                   {QStringLiteral("section"), QStringLiteral("system")},
                                   {QStringLiteral("source"), QStringLiteral("bundled")},
                                   {QStringLiteral("location"), f.absoluteFilePath()},
                                   {QStringLiteral("headline"), QStringLiteral("%1 container template (bundled)").arg(os)},
                                   {QStringLiteral("infopage"), QString()},
                                   {QStringLiteral("size"), f.size()}});
        }
        return ApiResponse::ok(out);
    });

    // "Download" of a bundled template to a storage: a copy, as a task.
    router.add(QStringLiteral("POST"), QStringLiteral("/nodes/{node}/aplinfo"), [](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        storage::StorageManager *manager = ctx.services.storage();
        if (!manager)
            return notOffered();
        const QString storageId = ctx.param(QStringLiteral("storage"));
        const QString name = ctx.param(QStringLiteral("template"));
        QString source;
        for (const QFileInfo &f : bundledTemplates())
            if (f.fileName() == name)
                source = f.absoluteFilePath();
        if (source.isEmpty())
            return ApiResponse::error(400, QStringLiteral("no such template '%1' (GET /nodes/%2/aplinfo lists them)")
                                               .arg(name, manager->node()));
        tasks::TaskSpec spec;
        spec.type = QStringLiteral("download");
        spec.id = storageId;
        spec.user = ctx.identity.authId();
        spec.work = [manager, storageId, name, source](tasks::TaskContext &task) -> Result<void> {
            Result<std::unique_ptr<storage::StorageBackend>> b = manager->backend(storageId);
            if (!b)
                return std::unexpected(b.error());
            // import() moves its source: hand it a copy in the storage's own
            // file system, so the bundled file stays.
            Result<QString> templatePath = (*b)->path(QStringLiteral("vztmpl/") + name);
            if (!templatePath)
                return std::unexpected(templatePath.error());
            const QString staging = *templatePath + QStringLiteral(".download");
            QDir().mkpath(QFileInfo(staging).absolutePath());
            QFile::remove(staging);
            task.log(QStringLiteral("copying %1 to storage '%2'").arg(source, storageId));
            if (!QFile::copy(source, staging))
                return fail(Code::Io, QStringLiteral("cannot copy %1 to %2").arg(source, staging));
            Result<QString> volname = (*b)->import(QStringLiteral("vztmpl"), name, staging);
            QFile::remove(staging);
            if (!volname)
                return std::unexpected(volname.error());
            task.log(QStringLiteral("download of '%1' to '%2:%3' finished").arg(name, storageId, *volname));
            return {};
        };
        Result<model::Upid> upid = ctx.services.tasks().start(std::move(spec));
        if (!upid)
            return ApiResponse::fromError(upid.error());
        return ApiResponse::ok(upid->toString());
    });
}

} // namespace atalaia::api
