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
    m_root = QJsonDocument::fromJson(file.readAll()).object();
    for (auto path = m_root.begin(); path != m_root.end(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto m = methods.begin(); m != methods.end(); ++m) {
            const QJsonObject params = m.value().toObject().value(QLatin1String("parameters")).toObject();
            ParameterSet set;
            const QJsonValue additional = params.value(QLatin1String("additionalProperties"));
            set.setAdditionalProperties(additional.isUndefined() || additional.toInt(1) != 0);
            const QJsonObject props = params.value(QLatin1String("properties")).toObject();
            for (auto p = props.begin(); p != props.end(); ++p)
                set.insert(PropertySchema::fromJson(p.key(), p.value().toObject()));
            m_parameters.insert(m.key() + QLatin1Char(' ') + path.key(), std::move(set));
        }
    }
}

const ParameterSet *ApiSchema::parameters(const QString &path, const QString &method) const
{
    const auto it = m_parameters.constFind(method + QLatin1Char(' ') + path);
    return it == m_parameters.cend() ? nullptr : &it.value();
}

QJsonObject ApiSchema::method(const QString &path, const QString &method) const
{
    return m_root.value(path).toObject().value(method).toObject();
}

QStringList ApiSchema::paths() const
{
    return m_root.keys();
}

} // namespace atalaia::schema
