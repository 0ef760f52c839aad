#pragma once

#include "base/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace atalaia::cli {

// How atalaiactl prints an answer's data (--output).
//
// text   an array of objects as an aligned table (one column per key seen
//        in any row; identifying keys such as id, type, node first, the rest
//        sorted; numeric columns right-aligned), an object as aligned
//        "key  value" lines (keys sorted), an array of scalars one per line,
//        a scalar as itself, null as nothing. Nested values are compact JSON.
// json   the data as indented JSON.
class OutputFormatter
{
public:
    enum class Format { Text, Json };

    // "text" or "json"; Code::InvalidArgument otherwise.
    static Result<Format> parseFormat(const QString &name);

    static QString format(const QJsonValue &data, Format format);
    static QString table(const QJsonArray &rows);
    static QString keyValues(const QJsonObject &object);
    // One value as a table cell: strings as is, integer booleans, numbers
    // without needless fractions, nested values as compact JSON.
    static QString cellText(const QJsonValue &value);
    static QString json(const QJsonValue &data);
};

} // namespace atalaia::cli
