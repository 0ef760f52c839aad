#include "ApiSchema.h"

#include <QFile>
#include <QJsonDocument>

// Static libraries need the resource initialised by name once.
static void initSchemaResource() { Q_INIT_RESOURCE(pve_api_schema); }

namespace atalaia::schema {

const ApiSchema &ApiSchema::instance()
{
    static const ApiSchema schema; // C++ guarantees thread-safe initialisation
    return schema;
}

ApiSchema::ApiSchema()
{
    initSchemaResource();
    QFile file(QStringLiteral(":/pve-api/schema-subset.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("API schema resource missing: the build is broken");
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    m_paths = root.keys();
    for (auto path = root.begin(); path != root.end(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto m = methods.begin(); m != methods.end(); ++m)
            m_definitions.insert(m.key() + QLatin1Char(' ') + path.key(),
                                 QJsonDocument(m.value().toObject()).toJson(QJsonDocument::Compact));
    }
}

QJsonObject ApiSchema::definition(const QString &key) const
{
    const auto it = m_definitions.constFind(key);
    return it == m_definitions.cend() ? QJsonObject() : QJsonDocument::fromJson(it.value()).object();
}

namespace {

ParameterSet compile(const QJsonObject &definition)
{
    const QJsonObject params = definition.value(QLatin1String("parameters")).toObject();
    ParameterSet set;
    const QJsonValue additional = params.value(QLatin1String("additionalProperties"));
    set.setAdditionalProperties(additional.isUndefined() || additional.toInt(1) != 0);
    const QJsonObject props = params.value(QLatin1String("properties")).toObject();
    for (auto p = props.begin(); p != props.end(); ++p)
        set.insert(PropertySchema::fromJson(p.key(), p.value().toObject()));
    return set;
}

} // namespace

const ParameterSet *ApiSchema::parameters(const QString &path, const QString &method) const
{
    const QString key = method + QLatin1Char(' ') + path;
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_parameters.find(key); it != m_parameters.end())
        return it->second.get();
    if (!m_definitions.contains(key))
        return nullptr;
    auto &slot = m_parameters[key];
    slot = std::make_unique<const ParameterSet>(compile(definition(key)));
    return slot.get();
}

QJsonObject ApiSchema::method(const QString &path, const QString &method) const
{
    return definition(method + QLatin1Char(' ') + path);
}

QStringList ApiSchema::paths() const
{
    return m_paths;
}

} // namespace atalaia::schema
