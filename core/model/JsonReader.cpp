#include "JsonReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace atalaia::model {

namespace {

using namespace Qt::StringLiterals;

// A JSON number that is a whole number representable as qint64. toInteger()
// returns its default for anything else, so two different defaults tell.
std::optional<qint64> exactInteger(const QJsonValue &value)
{
    const qint64 first = value.toInteger(0);
    if (first != value.toInteger(1))
        return std::nullopt;
    return first;
}

// PVE's integer syntax, ^[+-]?\d+$, without the spaces QString would forgive.
std::optional<qint64> integerFromString(QStringView text)
{
    const QStringView digits = (text.startsWith(u'+') || text.startsWith(u'-')) ? text.mid(1) : text;
    if (digits.isEmpty())
        return std::nullopt;
    for (QChar c : digits)
        if (c < u'0' || c > u'9')
            return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<double> numberFromString(QStringView text)
{
    if (text.isEmpty() || text.front().isSpace() || text.back().isSpace())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

// The spellings PVE's parse_boolean accepts.
std::optional<bool> booleanFromString(QStringView text)
{
    for (const auto word : {"1"_L1, "true"_L1, "yes"_L1, "on"_L1})
        if (text.compare(word, Qt::CaseInsensitive) == 0)
            return true;
    for (const auto word : {"0"_L1, "false"_L1, "no"_L1, "off"_L1})
        if (text.compare(word, Qt::CaseInsensitive) == 0)
            return false;
    return std::nullopt;
}

} // namespace

JsonReader::JsonReader(const QJsonObject &object, QLatin1StringView typeName)
    : m_rest(object), m_typeName(typeName)
{
}

Result<QJsonObject> JsonReader::parseObject(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Code::ModelInvalidJson,
                    Tr::tr("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        return fail(Code::ModelInvalidJson, Tr::tr("expected a JSON object"));
    return document.object();
}

bool JsonReader::present(QLatin1StringView key)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd())
        return false;
    if (it->isNull()) {
        m_rest.remove(key);
        return false;
    }
    return true;
}

std::optional<QJsonValue> JsonReader::take(QLatin1StringView key)
{
    const QJsonValue value = m_rest.take(key);
    if (value.isUndefined() || value.isNull()) {
        if (!failed())
            m_error = fail(Code::ModelInvalidJson,
                           Tr::tr("%1: missing required field \"%2\"").arg(m_typeName, key))
                          .error();
        return std::nullopt;
    }
    return value;
}

void JsonReader::fieldError(QLatin1StringView key, Code code, const QString &message)
{
    if (!failed())
        m_error = fail(code, Tr::tr("%1: field \"%2\": %3").arg(m_typeName, key, message)).error();
}

void JsonReader::fieldError(QLatin1StringView key, const Error &inner)
{
    fieldError(key, inner.code, inner.message);
}

void JsonReader::elementError(QLatin1StringView key, qsizetype index, const Error &inner)
{
    if (!failed())
        m_error = fail(inner.code, Tr::tr("%1: field \"%2\", item %3: %4")
                                       .arg(m_typeName, key, QString::number(index), inner.message))
                      .error();
}

void JsonReader::field(QLatin1StringView key, QString &out)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return;
    if (!value->isString())
        return fieldError(key, Code::ModelInvalidJson,
                          Tr::tr("expected a string, got %1").arg(json::describe(*value)));
    out = value->toString();
}

void JsonReader::field(QLatin1StringView key, qint64 &out)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return;
    std::optional<qint64> integer;
    if (value->isDouble())
        integer = exactInteger(*value);
    else if (value->isString())
        integer = integerFromString(value->toString());
    if (!integer)
        return fieldError(key, Code::ModelInvalidJson,
                          Tr::tr("expected an integer, got %1").arg(json::describe(*value)));
    out = *integer;
}

void JsonReader::field(QLatin1StringView key, double &out)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return;
    std::optional<double> number;
    if (value->isDouble())
        number = value->toDouble();
    else if (value->isString())
        number = numberFromString(value->toString());
    if (!number)
        return fieldError(key, Code::ModelInvalidJson,
                          Tr::tr("expected a number, got %1").arg(json::describe(*value)));
    out = *number;
}

void JsonReader::field(QLatin1StringView key, bool &out)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return;
    std::optional<bool> boolean;
    if (value->isBool()) {
        boolean = value->toBool();
    } else if (value->isDouble()) {
        const std::optional<qint64> integer = exactInteger(*value);
        if (integer == 0 || integer == 1)
            boolean = *integer == 1;
    } else if (value->isString()) {
        boolean = booleanFromString(value->toString());
    }
    if (!boolean)
        return fieldError(key, Code::ModelInvalidJson,
                          Tr::tr("expected a boolean (0 or 1), got %1").arg(json::describe(*value)));
    out = *boolean;
}

void JsonReader::field(QLatin1StringView key, VmId &out)
{
    // Read as an integer first, so "vmid": "100" is accepted like other numbers.
    qint64 number = 0;
    field(key, number);
    if (failed())
        return;
    if (Result<VmId> id = VmId::fromInt(number))
        out = *id;
    else
        fieldError(key, id.error());
}

void JsonReader::field(QLatin1StringView key, QJsonObject &out)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return;
    if (!value->isObject())
        return fieldError(key, Code::ModelInvalidJson,
                          Tr::tr("expected an object, got %1").arg(json::describe(*value)));
    out = value->toObject();
}

std::optional<QStringList> JsonReader::takeListItems(QLatin1StringView key)
{
    const std::optional<QJsonValue> value = take(key);
    if (!value)
        return std::nullopt;
    if (value->isString())
        return json::splitList(value->toString());
    if (value->isArray()) {
        QStringList items;
        const QJsonArray array = value->toArray();
        for (const QJsonValue element : array) {
            if (!element.isString()) {
                fieldError(key, Code::ModelInvalidJson,
                           Tr::tr("expected a list of strings, got an array holding %1")
                               .arg(json::describe(element)));
                return std::nullopt;
            }
            items.append(element.toString());
        }
        return items;
    }
    fieldError(key, Code::ModelInvalidJson,
               Tr::tr("expected a comma-separated list, got %1").arg(json::describe(*value)));
    return std::nullopt;
}

} // namespace atalaia::model
