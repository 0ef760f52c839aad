#include "FormEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QUrl>

#include <cmath>

namespace atalaia::api::client {

namespace {

void append(QByteArray &out, const QString &key, const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return;
    if (!out.isEmpty())
        out += '&';
    out += QUrl::toPercentEncoding(key);
    out += '=';
    out += QUrl::toPercentEncoding(FormEncoder::valueText(value));
}

} // namespace

QByteArray FormEncoder::encode(const QJsonObject &params)
{
    QByteArray out;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.value().isArray()) {
            const QJsonArray list = it.value().toArray();
            for (const QJsonValue &element : list)
                append(out, it.key(), element);
        } else {
            append(out, it.key(), it.value());
        }
    }
    return out;
}

QString FormEncoder::valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Integers up to 2^53 are exact in a double; print them without a
        // fraction or exponent ("4294967296", never "4.29497e+09").
        if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) <= 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace atalaia::api::client
