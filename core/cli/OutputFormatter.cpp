#include "OutputFormatter.h"

#include "Tr.h"
#include "api/client/FormEncoder.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace atalaia::cli {

namespace {

// Identifying keys, in the order they lead a table (PVE's listings mostly
// start with the object's id or name).
const QStringList &leadingKeys()
{
    static const QStringList keys{
        QStringLiteral("id"),      QStringLiteral("subdir"),  QStringLiteral("type"),    QStringLiteral("node"),
        QStringLiteral("vmid"),    QStringLiteral("name"),    QStringLiteral("storage"), QStringLiteral("userid"),
        QStringLiteral("groupid"), QStringLiteral("roleid"),  QStringLiteral("realm"),   QStringLiteral("tokenid"),
        QStringLiteral("path"),    QStringLiteral("upid"),    QStringLiteral("status"),
    };
    return keys;
}

QString pad(const QString &text, qsizetype width, bool right)
{
    return right ? text.rightJustified(width) : text.leftJustified(width);
}

} // namespace

Result<OutputFormatter::Format> OutputFormatter::parseFormat(const QString &name)
{
    if (name == QLatin1String("text"))
        return Format::Text;
    if (name == QLatin1String("json"))
        return Format::Json;
    return fail(Code::InvalidArgument, Tr::tr("unknown output format '%1': use text or json").arg(name));
}

QString OutputFormatter::format(const QJsonValue &data, Format format)
{
    if (format == Format::Json)
        return json(data);
    if (data.isNull() || data.isUndefined())
        return {};
    if (data.isObject())
        return keyValues(data.toObject());
    if (data.isArray()) {
        const QJsonArray list = data.toArray();
        const bool objects = !list.isEmpty() && std::all_of(list.begin(), list.end(), [](const QJsonValue &v) {
            return v.isObject();
        });
        if (objects)
            return table(list);
        QString text;
        for (const QJsonValue &value : list)
            text += cellText(value) + QLatin1Char('\n');
        return text;
    }
    return cellText(data) + QLatin1Char('\n');
}

QString OutputFormatter::table(const QJsonArray &rows)
{
    QSet<QString> seen;
    for (const QJsonValue &row : rows) {
        const QJsonObject object = row.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            seen.insert(it.key());
    }
    QStringList columns;
    for (const QString &key : leadingKeys())
        if (seen.remove(key))
            columns.append(key);
    QStringList rest = seen.values();
    rest.sort();
    columns += rest;

    QList<QStringList> cells;
    QList<qsizetype> widths;
    QList<bool> numeric;
    for (const QString &column : std::as_const(columns)) {
        widths.append(column.size());
        numeric.append(true);
    }
    for (const QJsonValue &row : rows) {
        const QJsonObject object = row.toObject();
        QStringList line;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QJsonValue value = object.value(columns[c]);
            if (!value.isUndefined() && !value.isNull() && !value.isDouble())
                numeric[c] = false;
            line.append(cellText(value));
            widths[c] = std::max(widths[c], line.last().size());
        }
        cells.append(line);
    }

    auto render = [&](const QStringList &line) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c) {
            if (c > 0)
                text += QStringLiteral("  ");
            text += pad(line[c], widths[c], numeric[c]);
        }
        // Trailing blanks of a left-aligned last column are noise.
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QStringList rule;
    for (qsizetype c = 0; c < columns.size(); ++c)
        rule.append(QString(widths[c], QLatin1Char('-')));
    QString text = render(columns) + render(rule);
    for (const QStringList &line : std::as_const(cells))
        text += render(line);
    return text;
}

QString OutputFormatter::keyValues(const QJsonObject &object)
{
    qsizetype width = 0;
    for (auto it = object.begin(); it != object.end(); ++it)
        width = std::max(width, it.key().size());
    QString text;
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString line = it.key().leftJustified(width) + QStringLiteral("  ") + cellText(it.value());
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        text += line + QLatin1Char('\n');
    }
    return text;
}

QString OutputFormatter::cellText(const QJsonValue &value)
{
    // The same rendering as the values atalaiactl sends.
    return api::client::FormEncoder::valueText(value);
}

QString OutputFormatter::json(const QJsonValue &data)
{
    if (data.isObject())
        return QString::fromUtf8(QJsonDocument(data.toObject()).toJson(QJsonDocument::Indented));
    if (data.isArray())
        return QString::fromUtf8(QJsonDocument(data.toArray()).toJson(QJsonDocument::Indented));
    // A scalar: QJsonDocument holds only objects and arrays.
    const QByteArray wrapped = QJsonDocument(QJsonArray{data.isUndefined() ? QJsonValue() : data})
                                   .toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)) + QLatin1Char('\n');
}

} // namespace atalaia::cli
