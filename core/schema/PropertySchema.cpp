#include "PropertySchema.h"

#include <QJsonArray>

namespace atalaia::schema {

namespace {

PropertySchema::Type typeFromString(const QString &type)
{
    using T = PropertySchema::Type;
    static const QHash<QString, T> kTypes = {
        {QStringLiteral("string"), T::String},   {QStringLiteral("integer"), T::Integer},
        {QStringLiteral("number"), T::Number},   {QStringLiteral("boolean"), T::Boolean},
        {QStringLiteral("array"), T::Array},     {QStringLiteral("object"), T::Object},
        {QStringLiteral("null"), T::Null},
    };
    return kTypes.value(type, T::Any);
}

// Proxmox writes Perl regular expressions. PCRE2 understands (?^:...) and
// (?^i:...); it does not understand the Perl 5.34 quantifier {,n}.
QString perlToPcre(QString pattern)
{
    static const QRegularExpression kOpenQuantifier(QStringLiteral(R"(\{,(\d+)\})"));
    pattern.replace(kOpenQuantifier, QStringLiteral("{0,\\1}"));
    return pattern;
}

bool truthy(const QJsonValue &v)
{
    return v.isBool() ? v.toBool() : v.toInt() != 0;
}

} // namespace

PropertySchema PropertySchema::fromJson(const QString &name, const QJsonObject &json)
{
    PropertySchema p;
    p.name = name;
    p.type = typeFromString(json.value(QLatin1String("type")).toString());
    p.optional = truthy(json.value(QLatin1String("optional")));
    p.defaultValue = json.value(QLatin1String("default"));
    for (const QJsonValue &v : json.value(QLatin1String("enum")).toArray())
        p.enumValues.append(v.toString());
    if (json.contains(QLatin1String("minimum")))
        p.minimum = json.value(QLatin1String("minimum")).toDouble();
    if (json.contains(QLatin1String("maximum")))
        p.maximum = json.value(QLatin1String("maximum")).toDouble();
    if (json.contains(QLatin1String("minLength")))
        p.minLength = json.value(QLatin1String("minLength")).toInteger();
    if (json.contains(QLatin1String("maxLength")))
        p.maxLength = json.value(QLatin1String("maxLength")).toInteger();
    if (json.contains(QLatin1String("pattern"))) {
        p.pattern = QRegularExpression(
            QRegularExpression::anchoredPattern(perlToPcre(json.value(QLatin1String("pattern")).toString())));
    }
    const QJsonValue format = json.value(QLatin1String("format"));
    if (format.isString()) {
        p.namedFormat = format.toString();
    } else if (format.isObject()) {
        auto ps = std::make_shared<PropertyStringFormat>();
        const QJsonObject keys = format.toObject();
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            PropertySchema sub = fromJson(it.key(), it.value().toObject());
            if (sub.defaultKey)
                ps->defaultKey = sub.name;
            ps->keys.insert(sub.name, std::move(sub));
        }
        p.propertyString = std::move(ps);
    }
    p.typetext = json.value(QLatin1String("typetext")).toString();
    p.description = json.value(QLatin1String("description")).toString();
    p.alias = json.value(QLatin1String("alias")).toString();
    p.keyAlias = json.value(QLatin1String("keyAlias")).toString();
    p.defaultKey = truthy(json.value(QLatin1String("default_key")));
    for (const QJsonValue &v : json.value(QLatin1String("instance-types")).toArray())
        p.instanceTypes.append(v.toString());
    return p;
}

QString PropertySchema::typeName(Type type)
{
    switch (type) {
    case Type::String: return QStringLiteral("string");
    case Type::Integer: return QStringLiteral("integer");
    case Type::Number: return QStringLiteral("number");
    case Type::Boolean: return QStringLiteral("boolean");
    case Type::Array: return QStringLiteral("array");
    case Type::Object: return QStringLiteral("object");
    case Type::Null: return QStringLiteral("null");
    case Type::Any: break;
    }
    return QStringLiteral("any");
}

QString PropertySchema::expectation() const
{
    if (!enumValues.isEmpty())
        return QStringLiteral("one of: ") + enumValues.join(QStringLiteral(", "));
    if (!typetext.isEmpty())
        return typetext;
    if (!namedFormat.isEmpty())
        return QStringLiteral("<") + namedFormat + QStringLiteral(">");
    if (type == Type::Boolean)
        return QStringLiteral("<boolean> (0 or 1)");
    return QStringLiteral("<") + typeName(type) + QStringLiteral(">");
}

} // namespace atalaia::schema
