#include "JsonEncoding.h"

#include "Tr.h"

namespace atalaia::model::json {

QStringList splitList(QStringView text)
{
    QStringList items;
    QString current;
    for (QChar c : text) {
        if (c == u',' || c == u';' || c == QChar(0) || c.isSpace()) {
            if (!current.isEmpty())
                items.append(std::exchange(current, QString()));
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        items.append(current);
    return items;
}

QString describe(const QJsonValue &value)
{
    constexpr qsizetype kMaxShown = 40; // keep messages one line, even for huge strings
    switch (value.type()) {
    case QJsonValue::Null:
        return Tr::tr("null");
    case QJsonValue::Bool:
        return Tr::tr("boolean %1").arg(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    case QJsonValue::Double: {
        const qint64 asInteger = value.toInteger(-1);
        if (asInteger == value.toInteger(0))
            return Tr::tr("number %1").arg(asInteger);
        return Tr::tr("number %1").arg(value.toDouble());
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.size() > kMaxShown)
            return Tr::tr("string \"%1...\"").arg(text.left(kMaxShown));
        return Tr::tr("string \"%1\"").arg(text);
    }
    case QJsonValue::Array:
        return Tr::tr("an array");
    case QJsonValue::Object:
        return Tr::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Tr::tr("nothing");
}

QString scalarText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    return value.toString();
}

} // namespace atalaia::model::json
