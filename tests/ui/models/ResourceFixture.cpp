#include "ResourceFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace atalaia;
using namespace atalaia::model;
using namespace Qt::StringLiterals;

QList<ClusterResource> ResourceFixture::load(const QString &name)
{
    QFile file(QStringLiteral(ATALAIA_UI_MODELS_TEST_DATA) + u'/' + name + u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    QList<ClusterResource> resources;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &value : array) {
        Result<ClusterResource> resource = ClusterResource::fromJson(value.toObject());
        if (!resource)
            qFatal("fixture %s: %s", qPrintable(name), qPrintable(resource.error().message));
        resources.append(*resource);
    }
    return resources;
}

ClusterResource &ResourceFixture::find(QList<ClusterResource> &snapshot, const QString &id)
{
    for (ClusterResource &r : snapshot)
        if (r.id == id)
            return r;
    qFatal("fixture has no %s", qPrintable(id));
}

void ResourceFixture::remove(QList<ClusterResource> &snapshot, const QString &id)
{
    const qsizetype removed = snapshot.removeIf([&](const ClusterResource &r) { return r.id == id; });
    if (removed != 1)
        qFatal("fixture has no %s", qPrintable(id));
}

NodeId ResourceFixture::node(const QString &name)
{
    return NodeId::parse(name).value();
}

ClusterResource ResourceFixture::guest(const QString &type, quint32 vmid, const QString &nodeName, const QString &name,
                                       const QString &status)
{
    ClusterResource r;
    r.id = type + u'/' + QString::number(vmid);
    r.type = *enumFromName<ResourceType>(type);
    r.vmid = VmId::fromInt(vmid).value();
    r.node = node(nodeName);
    r.name = name;
    r.status = status;
    r.maxcpu = 1;
    r.maxmem = 1073741824;
    r.isTemplate = false;
    return r;
}
