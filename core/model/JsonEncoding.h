#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <concepts>

// How model values map to PVE's JSON, shared by JsonReader and JsonWriter.
namespace atalaia::model::json {

// Values PVE sends as their string form: NodeId, UserId, TokenId, Upid, ...
template <class T>
concept StringEncoded = requires(QStringView text, const T &value) {
    { T::parse(text) } -> std::same_as<Result<T>>;
    { value.toString() } -> std::convertible_to<QString>;
};

// Values PVE sends as a nested object: the model types themselves.
template <class T>
concept ObjectEncoded = requires(const QJsonObject &object, const T &value) {
    { T::fromJson(object) } -> std::same_as<Result<T>>;
    { value.toJson() } -> std::same_as<QJsonObject>;
};

// Splits a PVE "-list" string ("a,b", also "a;b" or "a b") the way PVE's
// split_list does; empty items vanish. The writer joins with ',' as PVE does.
QStringList splitList(QStringView text);

// A short rendering of a JSON value for error messages: string "abc", number 5, an array, ...
QString describe(const QJsonValue &value);

// A scalar as Proxmox's config files and query strings write it: true/false
// as 1/0, whole numbers without a fraction, strings as they are.
QString scalarText(const QJsonValue &value);

} // namespace atalaia::model::json
