#include "ConfigEdit.h"
#include "RouteSupport.h"
#include "Routes.h"
#include "api/Router.h"
#include "config/SectionConfigFile.h"
#include "store/ConfigStore.h"

#include <QSet>

namespace atalaia::api {

// storage.cfg, as Proxmox's PVE::API2::Storage::Config manages it. Every
// storage type of Proxmox can be stored (a configuration moves between
// Proxmox and Atalaia unchanged); nodes use those their storage layer knows
// (StorageManager says which).

namespace {

const QString kStorageCfg = QStringLiteral("storage.cfg");

bool isControlParameter(const QString &key)
{
    static const QSet<QString> keys{QStringLiteral("storage"), QStringLiteral("type"), QStringLiteral("digest"),
                                    QStringLiteral("delete")};
    return keys.contains(key);
}

QByteArray fileValue(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? "1" : "0";
    if (value.isDouble())
        return QByteArray::number(value.toInteger());
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue &v : value.toArray())
            items.append(v.toString());
        return items.join(u',').toUtf8();
    }
    return value.toString().toUtf8();
}

QJsonValue apiValue(const QString &key, const QString &text)
{
    static const QSet<QString> numeric{QStringLiteral("shared"), QStringLiteral("disable"), QStringLiteral("krbd"),
                                       QStringLiteral("mkdir"), QStringLiteral("create-base-path"),
                                       QStringLiteral("create-subdirs"), QStringLiteral("is_mountpoint")};
    if (numeric.contains(key)) {
        bool ok = false;
        const qlonglong n = text.toLongLong(&ok);
        if (ok)
            return n;
    }
    return text;
}

const config::SectionConfigFile::Section *sectionOf(const config::SectionConfigFile &file, const QString &id)
{
    for (const auto &s : file.sections())
        if (s.idString() == id)
            return &s;
    return nullptr;
}

QJsonObject entryOf(const config::SectionConfigFile::Section &s)
{
    QJsonObject out{{QStringLiteral("storage"), s.idString()}, {QStringLiteral("type"), s.typeString()}};
    for (const auto &p : s.properties)
        out.insert(p.keyString(), apiValue(p.keyString(), p.valueString()));
    return out;
}

config::SectionConfigFile parsed(const QByteArray &text)
{
    return config::SectionConfigFile::parse(text, kStorageCfg);
}

} // namespace

void registerStorageConfigRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/storage"), [](RequestContext &ctx) {
        const Result<store::StoreEntry> entry = ctx.services.store().read(kStorageCfg);
        const config::SectionConfigFile file = parsed(entry ? entry->data : QByteArray());
        const QString type = ctx.param(QStringLiteral("type"));
        QJsonArray out;
        for (const auto &s : file.sections()) {
            if (!type.isEmpty() && s.typeString() != type)
                continue;
            if (!can(ctx, QStringLiteral("/storage/") + s.idString(),
                     {QStringLiteral("Datastore.Audit"), QStringLiteral("Datastore.AllocateSpace")}, true))
                continue;
            out.append(entryOf(s));
        }
        return ApiResponse::ok(out);
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/storage/{storage}"), [](RequestContext &ctx) {
        const QString id = ctx.param(QStringLiteral("storage"));
        const Result<store::StoreEntry> entry = ctx.services.store().read(kStorageCfg);
        const QByteArray text = entry ? entry->data : QByteArray();
        const config::SectionConfigFile file = parsed(text);
        const auto *s = sectionOf(file, id);
        if (!s)
            return ApiResponse::error(404, QStringLiteral("storage '%1' does not exist").arg(id));
        QJsonObject out = entryOf(*s);
        out.insert(QStringLiteral("digest"), store::ConfigStore::contentDigest(text));
        return ApiResponse::ok(out);
    });

    router.add(QStringLiteral("POST"), QStringLiteral("/storage"), [](RequestContext &ctx) {
        const QString id = ctx.param(QStringLiteral("storage"));
        const QString type = ctx.param(QStringLiteral("type"));
        if (type == u"dir" && !ctx.has(QStringLiteral("path")))
            return ApiResponse::parameterErrors({{QStringLiteral("path"), QStringLiteral("property is missing and it is not optional")}});
        const auto done = ConfigEdit::run(
            ctx.services.store(), QStringLiteral("create storage failed"), {kStorageCfg},
            [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
                config::SectionConfigFile file = parsed(edit.text(kStorageCfg));
                if (sectionOf(file, id))
                    return edit.fail(Code::AlreadyExists, QStringLiteral("storage ID '%1' already defined").arg(id));
                QStringList keys;
                for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it)
                    if (!isControlParameter(it.key()))
                        keys.append(it.key());
                keys.sort();
                QList<QPair<QByteArray, QByteArray>> properties;
                for (const QString &key : std::as_const(keys))
                    properties.append({key.toUtf8(), fileValue(ctx.params.value(key))});
                file.addSection(type.toUtf8(), id.toUtf8(), properties);
                edit.setText(kStorageCfg, file.toBytes());
                return {};
            });
        if (!done)
            return done.error();
        return ApiResponse::ok(QJsonObject{{QStringLiteral("storage"), id}, {QStringLiteral("type"), type}});
    });

    router.add(QStringLiteral("PUT"), QStringLiteral("/storage/{storage}"), [](RequestContext &ctx) {
        const QString id = ctx.param(QStringLiteral("storage"));
        std::optional<ConfigEdit::Pin> pin;
        if (ctx.has(QStringLiteral("digest")))
            pin = ConfigEdit::Pin{kStorageCfg, ctx.param(QStringLiteral("digest"))};
        const QStringList deleted = ctx.param(QStringLiteral("delete")).split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
        const auto done = ConfigEdit::run(
            ctx.services.store(), QStringLiteral("update storage failed"), {kStorageCfg},
            [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
                config::SectionConfigFile file = parsed(edit.text(kStorageCfg));
                const auto *s = sectionOf(file, id);
                if (!s)
                    return edit.fail(Code::NotFound, QStringLiteral("storage '%1' does not exist").arg(id));
                const QByteArray type = s->type.toByteArray();
                for (const QString &key : deleted)
                    file.removeProperty(type, id.toUtf8(), key.toUtf8());
                for (auto it = ctx.params.constBegin(); it != ctx.params.constEnd(); ++it)
                    if (!isControlParameter(it.key()))
                        file.setProperty(type, id.toUtf8(), it.key().toUtf8(), fileValue(it.value()));
                edit.setText(kStorageCfg, file.toBytes());
                return {};
            },
            pin);
        if (!done)
            return done.error();
        return ApiResponse::ok(QJsonObject{{QStringLiteral("storage"), id}});
    });

    router.add(QStringLiteral("DELETE"), QStringLiteral("/storage/{storage}"), [](RequestContext &ctx) {
        const QString id = ctx.param(QStringLiteral("storage"));
        const auto done = ConfigEdit::run(
            ctx.services.store(), QStringLiteral("delete storage failed"), {kStorageCfg},
            [&](ConfigEdit &edit) -> ConfigEdit::Outcome {
                config::SectionConfigFile file = parsed(edit.text(kStorageCfg));
                const auto *s = sectionOf(file, id);
                if (!s)
                    return edit.fail(Code::NotFound, QStringLiteral("storage '%1' does not exist").arg(id));
                file.removeSection(s->type.toByteArray(), id.toUtf8());
                edit.setText(kStorageCfg, file.toBytes());
                return {};
            });
        if (!done)
            return done.error();
        return ApiResponse::ok();
    });
}

} // namespace atalaia::api
