#include "RequestParameters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <optional>

namespace atalaia::api {

namespace {

// Repeated keys become a JSON array (Proxmox's array parameters).
void addParam(QJsonObject &params, const QString &key, const QString &value)
{
    if (!params.contains(key)) {
        params.insert(key, value);
        return;
    }
    QJsonValue existing = params.value(key);
    QJsonArray list = existing.isArray() ? existing.toArray() : QJsonArray{existing};
    list.append(value);
    params.insert(key, list);
}

std::optional<QString> addQueryItems(QJsonObject &params, const QUrlQuery &query)
{
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (auto bad = parameterNameProblem(key))
            return bad;
        addParam(params, key, value);
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> parameterNameProblem(const QString &name)
{
    for (const QChar c : name) {
        if (c.unicode() >= 0x80 || c.unicode() < 0x20)
            return QStringLiteral("parameter name '%1' is not valid: parameter names are ASCII letters, digits, "
                                  "'-' and '_' (see the API's schema for the names this call takes)")
                .arg(name.left(64));
    }
    return std::nullopt;
}

std::expected<QJsonObject, QString> requestParameters(const QUrlQuery &query, QByteArrayView contentType,
                                                      const QByteArray &body)
{
    QJsonObject params;
    if (auto bad = addQueryItems(params, query))
        return std::unexpected(*bad);
    if (body.isEmpty())
        return params;
    const QByteArray type = contentType.toByteArray().toLower();
    if (type.startsWith("application/json")) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return std::unexpected(
                QStringLiteral("malformed JSON body: %1 at offset %2").arg(error.errorString()).arg(error.offset));
        if (!doc.isObject())
            return std::unexpected(QStringLiteral("the JSON body must be an object of parameters"));
        const QJsonObject object = doc.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (auto bad = parameterNameProblem(it.key()))
                return std::unexpected(*bad);
            params.insert(it.key(), it.value());
        }
        return params;
    }
    if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
        // '+' means a space in form bodies; QUrlQuery leaves it alone.
        QByteArray form = body;
        form.replace('+', ' ');
        if (auto bad = addQueryItems(params, QUrlQuery(QString::fromUtf8(form))))
            return std::unexpected(*bad);
        return params;
    }
    return std::unexpected(
        QStringLiteral("unsupported content type '%1': send application/x-www-form-urlencoded or application/json")
            .arg(QString::fromLatin1(type)));
}

} // namespace atalaia::api
