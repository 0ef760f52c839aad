#pragma once

#include "JsonEncoding.h"
#include "NamedEnum.h"
#include "Tr.h"
#include "VmId.h"
#include "base/Error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <optional>
#include <type_traits>

namespace atalaia::model {

// Reads one PVE-shaped JSON object into a model type. Each type lists its
// fields once, in a generic lambda called with a JsonReader and a JsonWriter
// alike (see Node.cpp), so the two directions cannot disagree:
//
//     constexpr auto describeNode = [](auto &io, auto &node) {
//         io.field("node"_L1, node.node);      // required: missing is an error
//         io.field("maxmem"_L1, node.maxmem);  // std::optional: may be absent
//     };
//     JsonReader::read<Node>(json, "Node"_L1, describeNode);
//     JsonWriter::write(node, describeNode);
//
// Encodings follow PVE: booleans are 0/1 (true/false and PVE's boolean
// strings "1", "yes", "on", ... are accepted too), integers and numbers are
// JSON numbers (numeric strings accepted), "-list" formats are comma-joined
// strings (JSON arrays of strings accepted), a null is the same as absent.
// Fields nobody reads end up in the type's `extra`, which the writer puts
// back, so unknown fields survive a round trip.
//
// The first error wins; the rest of the object is still walked but ignored.
class JsonReader {
public:
    JsonReader(const QJsonObject &object, QLatin1StringView typeName);

    template <class T, class Describe>
    static Result<T> read(const QJsonObject &object, QLatin1StringView typeName, Describe describe)
    {
        JsonReader reader(object, typeName);
        T value{};
        describe(reader, value);
        if (reader.m_error)
            return std::unexpected(*reader.m_error);
        value.extra = reader.m_rest;
        return value;
    }

    // Parses JSON text that must hold one object (for fixtures and raw API bodies).
    static Result<QJsonObject> parseObject(const QByteArray &text);

    void field(QLatin1StringView key, QString &out);
    void field(QLatin1StringView key, qint64 &out);
    void field(QLatin1StringView key, double &out);
    void field(QLatin1StringView key, bool &out);
    void field(QLatin1StringView key, VmId &out);
    void field(QLatin1StringView key, QJsonObject &out);

    template <json::StringEncoded T>
    void field(QLatin1StringView key, T &out)
    {
        QString text;
        field(key, text);
        if (failed())
            return;
        if (Result<T> parsed = T::parse(text))
            out = std::move(*parsed);
        else
            fieldError(key, parsed.error());
    }

    template <NamedEnum E>
    void field(QLatin1StringView key, E &out)
    {
        QString text;
        field(key, text);
        if (failed())
            return;
        if (const std::optional<E> value = enumFromName<E>(text))
            out = *value;
        else
            fieldError(key, Code::ModelInvalidJson,
                       Tr::tr("expected one of %1, got \"%2\"").arg(enumNameList<E>(), text));
    }

    template <class T>
    void field(QLatin1StringView key, std::optional<T> &out)
    {
        if (!present(key))
            return;
        T value{};
        field(key, value);
        if (!failed())
            out = std::move(value);
    }

    // An optional field PVE leaves out when it has its default value.
    template <class T>
    void fieldOr(QLatin1StringView key, T &out, const T &defaultValue)
    {
        if (present(key))
            field(key, out);
        else
            out = defaultValue;
    }

    // A PVE "-list" string ("a,b,c") of plain strings or StringEncoded values.
    template <class T>
    void list(QLatin1StringView key, std::optional<QList<T>> &out)
    {
        if (!present(key))
            return;
        const std::optional<QStringList> items = takeListItems(key);
        if (!items)
            return;
        QList<T> values;
        values.reserve(items->size());
        for (qsizetype i = 0; i < items->size(); ++i) {
            if constexpr (std::is_same_v<T, QString>) {
                values.append(items->at(i));
            } else {
                Result<T> parsed = T::parse(items->at(i));
                if (!parsed)
                    return elementError(key, i, parsed.error());
                values.append(std::move(*parsed));
            }
        }
        out = std::move(values);
    }

    // A JSON array of nested model objects.
    template <json::ObjectEncoded T>
    void array(QLatin1StringView key, std::optional<QList<T>> &out)
    {
        if (!present(key))
            return;
        QList<T> values;
        readArray(key, values);
        if (!failed())
            out = std::move(values);
    }

    // Same, for arrays PVE leaves out when empty.
    template <json::ObjectEncoded T>
    void array(QLatin1StringView key, QList<T> &out)
    {
        if (present(key))
            readArray(key, out);
    }

private:
    bool failed() const { return m_error.has_value(); }
    // True if key holds a non-null value. A null is dropped, like an absent key.
    bool present(QLatin1StringView key);
    // Takes a required value; records "missing" if there is none.
    std::optional<QJsonValue> take(QLatin1StringView key);
    std::optional<QStringList> takeListItems(QLatin1StringView key);
    void fieldError(QLatin1StringView key, Code code, const QString &message);
    void fieldError(QLatin1StringView key, const Error &inner);
    void elementError(QLatin1StringView key, qsizetype index, const Error &inner);

    template <class T>
    void readArray(QLatin1StringView key, QList<T> &out)
    {
        const std::optional<QJsonValue> value = take(key);
        if (!value)
            return;
        if (!value->isArray())
            return fieldError(key, Code::ModelInvalidJson,
                              Tr::tr("expected an array, got %1").arg(json::describe(*value)));
        const QJsonArray array = value->toArray();
        out.clear();
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue element = array.at(i);
            if (!element.isObject())
                return elementError(key, i, Error{Code::ModelInvalidJson,
                                                  Tr::tr("expected an object, got %1")
                                                      .arg(json::describe(element))});
            Result<T> parsed = T::fromJson(element.toObject());
            if (!parsed)
                return elementError(key, i, parsed.error());
            out.append(std::move(*parsed));
        }
    }

    QJsonObject m_rest; // the fields not read yet
    QLatin1StringView m_typeName;
    std::optional<Error> m_error;
};

} // namespace atalaia::model
