#pragma once

#include "JsonEncoding.h"
#include "NamedEnum.h"
#include "VmId.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <optional>
#include <type_traits>

namespace atalaia::model {

// Writes a model type in PVE's JSON shape; the mirror of JsonReader (see
// there for the encodings). Starts from the type's `extra`, so fields the
// reader did not know are written back; modelled fields take precedence.
class JsonWriter {
public:
    explicit JsonWriter(QJsonObject extra) : m_object(std::move(extra)) {}

    template <class T, class Describe>
    static QJsonObject write(const T &value, Describe describe)
    {
        JsonWriter writer(value.extra);
        describe(writer, value);
        return writer.m_object;
    }

    void field(QLatin1StringView key, const QString &value) { m_object.insert(key, value); }
    void field(QLatin1StringView key, qint64 value) { m_object.insert(key, value); }
    void field(QLatin1StringView key, double value) { m_object.insert(key, value); }
    // PVE booleans are the integers 0 and 1.
    void field(QLatin1StringView key, bool value) { m_object.insert(key, value ? 1 : 0); }
    void field(QLatin1StringView key, VmId value) { m_object.insert(key, qint64(value.value())); }
    void field(QLatin1StringView key, const QJsonObject &value) { m_object.insert(key, value); }

    template <json::StringEncoded T>
    void field(QLatin1StringView key, const T &value)
    {
        m_object.insert(key, value.toString());
    }

    template <NamedEnum E>
    void field(QLatin1StringView key, E value)
    {
        m_object.insert(key, QString(enumName(value)));
    }

    template <class T>
    void field(QLatin1StringView key, const std::optional<T> &value)
    {
        if (value)
            field(key, *value);
    }

    template <class T>
    void fieldOr(QLatin1StringView key, const T &value, const T &defaultValue)
    {
        if (!(value == defaultValue))
            field(key, value);
    }

    template <class T>
    void list(QLatin1StringView key, const std::optional<QList<T>> &values)
    {
        if (!values)
            return;
        QStringList items;
        items.reserve(values->size());
        for (const T &value : *values) {
            if constexpr (std::is_same_v<T, QString>)
                items.append(value);
            else
                items.append(value.toString());
        }
        m_object.insert(key, items.join(u','));
    }

    template <json::ObjectEncoded T>
    void array(QLatin1StringView key, const std::optional<QList<T>> &values)
    {
        if (values)
            writeArray(key, *values);
    }

    template <json::ObjectEncoded T>
    void array(QLatin1StringView key, const QList<T> &values)
    {
        if (!values.isEmpty())
            writeArray(key, values);
    }

private:
    template <class T>
    void writeArray(QLatin1StringView key, const QList<T> &values)
    {
        QJsonArray array;
        for (const T &value : values)
            array.append(value.toJson());
        m_object.insert(key, array);
    }

    QJsonObject m_object;
};

} // namespace atalaia::model
