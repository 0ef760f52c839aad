#include "ParameterDecoder.h"

#include "schema/ValueValidator.h"

#include <QJsonArray>

namespace atalaia::api {

namespace {

using schema::PropertySchema;

// The textual form of a JSON value, as if it had come from a form.
QString asText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Converting a double outside qint64's range (1e300, 2^63) is
        // undefined behaviour: only those inside are candidates for integers.
        if (d >= -0x1p63 && d < 0x1p63) {
            const qint64 i = qint64(d);
            if (double(i) == d)
                return QString::number(i);
        }
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String: return value.toString();
    default: return {};
    }
}

QJsonValue typed(const PropertySchema &p, const QString &text)
{
    switch (p.type) {
    case PropertySchema::Type::Boolean: return *schema::parseBoolean(text) ? 1 : 0;
    case PropertySchema::Type::Integer: return text.toLongLong();
    case PropertySchema::Type::Number: return text.toDouble();
    default: return text;
    }
}

std::optional<QString> firstError(const PropertySchema &p, const QString &text)
{
    for (const schema::ValueProblem &problem : schema::validateValue(p, text))
        if (problem.severity == schema::ValueProblem::Severity::Error)
            return problem.message;
    return std::nullopt;
}

} // namespace

std::expected<QJsonObject, QJsonObject> decodeParameters(const schema::ParameterSet *parameters,
                                                         const QJsonObject &raw,
                                                         const QHash<QString, QString> &pathParams)
{
    QJsonObject out;
    QJsonObject errors;
    QJsonObject all = raw;
    for (auto it = pathParams.cbegin(); it != pathParams.cend(); ++it) {
        if (all.contains(it.key()) && asText(all.value(it.key())) != it.value())
            errors.insert(it.key(), QStringLiteral("the path and the parameters give different values"));
        all.insert(it.key(), it.value());
    }
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QString &key = it.key();
        const PropertySchema *p = parameters ? parameters->find(key) : nullptr;
        if (!p) {
            if (parameters && !parameters->additionalProperties())
                errors.insert(key, QStringLiteral("property is not defined in schema and the schema does not allow "
                                                  "additional properties"));
            else
                out.insert(key, it.value());
            continue;
        }
        if (p->type == PropertySchema::Type::Array) {
            // Repeated form fields arrive as a JSON array; a single one as a value.
            const QJsonArray items = it.value().isArray() ? it.value().toArray() : QJsonArray{it.value()};
            out.insert(key, items);
            continue;
        }
        if (it.value().isArray() || it.value().isObject() || it.value().isNull()) {
            errors.insert(key, QStringLiteral("type check ('%1') failed - got a JSON %2")
                                   .arg(PropertySchema::typeName(p->type),
                                        it.value().isArray() ? QStringLiteral("array")
                                        : it.value().isObject() ? QStringLiteral("object") : QStringLiteral("null")));
            continue;
        }
        const QString text = asText(it.value());
        if (auto message = firstError(*p, text)) {
            errors.insert(key, *message);
            continue;
        }
        out.insert(key, typed(*p, text));
    }
    if (parameters) {
        for (auto it = parameters->properties().cbegin(); it != parameters->properties().cend(); ++it) {
            const PropertySchema &p = it.value();
            if (!p.optional && !p.name.endsWith(QLatin1String("[n]")) && !all.contains(p.name))
                errors.insert(p.name, QStringLiteral("property is missing and it is not optional"));
        }
    }
    if (!errors.isEmpty())
        return std::unexpected(errors);
    return out;
}

} // namespace atalaia::api
