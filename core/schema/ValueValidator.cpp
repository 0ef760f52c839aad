#include "ValueValidator.h"

#include "NamedFormats.h"
#include "PropertyString.h"

#include <QRegularExpression>

namespace atalaia::schema {

namespace {

using Severity = ValueProblem::Severity;

void checkScalar(const PropertySchema &p, QStringView value, qsizetype base, QList<ValueProblem> &out)
{
    auto error = [&](QString message) { out.append({Severity::Error, std::move(message), base}); };
    const QString text = shortenForMessage(value);
    switch (p.type) {
    case PropertySchema::Type::Boolean:
        if (!parseBoolean(value))
            error(QStringLiteral("'%1' is not a boolean for '%2': use 1 or 0").arg(text, p.name));
        return;
    case PropertySchema::Type::Integer:
    case PropertySchema::Type::Number: {
        bool ok = false;
        const bool integer = p.type == PropertySchema::Type::Integer;
        const double number = integer ? double(value.toLongLong(&ok)) : value.toDouble(&ok);
        if (!ok) {
            error(QStringLiteral("'%1' is not %2 for '%3': expected %4")
                      .arg(text, integer ? QStringLiteral("an integer") : QStringLiteral("a number"), p.name, p.expectation()));
            return;
        }
        if ((p.minimum && number < *p.minimum) || (p.maximum && number > *p.maximum)) {
            const QString low = p.minimum ? QString::number(*p.minimum) : QStringLiteral("-∞");
            const QString high = p.maximum ? QString::number(*p.maximum) : QStringLiteral("∞");
            error(QStringLiteral("%1 is out of range for '%2': expected %3 to %4").arg(text, p.name, low, high));
        }
        return;
    }
    default:
        break;
    }
    if (!p.enumValues.isEmpty() && !p.enumValues.contains(value.toString())) {
        error(QStringLiteral("'%1' is not a valid value for '%2': expected %3").arg(text, p.name, p.expectation()));
        return;
    }
    if (p.minLength && value.size() < *p.minLength) {
        error(QStringLiteral("the value of '%1' is %2 characters long: at least %3 are required")
                  .arg(p.name).arg(value.size()).arg(*p.minLength));
        return;
    }
    if (p.maxLength && value.size() > *p.maxLength) {
        error(QStringLiteral("the value of '%1' is %2 characters long: at most %3 are allowed")
                  .arg(p.name).arg(value.size()).arg(*p.maxLength));
        return;
    }
    if (p.pattern.isValid() && !p.pattern.pattern().isEmpty() && !p.pattern.matchView(value).hasMatch()) {
        error(QStringLiteral("'%1' does not match the format of '%2': expected %3").arg(text, p.name, p.expectation()));
        return;
    }
    if (!p.namedFormat.isEmpty()) {
        if (auto message = checkNamedFormat(p.namedFormat, value))
            error(QStringLiteral("%1: %2").arg(p.name, *message));
    }
}

void checkPropertyString(const PropertySchema &p, QStringView value, QList<ValueProblem> &out)
{
    const PropertyStringFormat &format = *p.propertyString;
    const PropertyStringParse parsed = parsePropertyString(value);
    if (!parsed.error.isEmpty()) {
        out.append({Severity::Error, QStringLiteral("%1: %2").arg(p.name, parsed.error), parsed.errorOffset});
        return;
    }
    QStringList seen;
    for (const PropertyStringItem &item : parsed.items) {
        QString key = item.key;
        if (key.isEmpty()) {
            if (format.defaultKey.isEmpty()) {
                out.append({Severity::Error,
                            QStringLiteral("%1: '%2' has no key: write key=value").arg(p.name, shortenForMessage(item.value)), item.offset});
                continue;
            }
            key = format.defaultKey;
        }
        const PropertySchema *sub = nullptr;
        if (auto it = format.keys.constFind(key); it != format.keys.cend())
            sub = &it.value();
        if (!sub) {
            out.append({Severity::Warning,
                        QStringLiteral("%1: unknown key '%2' (kept as written)").arg(p.name, key), item.offset});
            continue;
        }
        if (!sub->keyAlias.isEmpty()) {
            // e.g. net0 "virtio=MAC": the key is the model, the value the MAC address.
            key = sub->keyAlias;
            sub = format.keys.contains(sub->alias) ? &format.keys.find(sub->alias).value() : nullptr;
            if (!sub)
                continue;
        } else if (!sub->alias.isEmpty() && format.keys.contains(sub->alias)) {
            key = sub->alias;
            sub = &format.keys.find(sub->alias).value();
        }
        if (seen.contains(key)) {
            out.append({Severity::Error,
                        QStringLiteral("%1: '%2' is given twice: keep one").arg(p.name, key), item.offset});
            continue;
        }
        seen.append(key);
        checkScalar(*sub, item.value, item.valueOffset, out);
    }
    for (auto it = format.keys.cbegin(); it != format.keys.cend(); ++it) {
        const PropertySchema &sub = it.value();
        if (!sub.optional && sub.alias.isEmpty() && sub.keyAlias.isEmpty() && sub.type != PropertySchema::Type::Any
            && !seen.contains(sub.name)) {
            out.append({Severity::Error,
                        QStringLiteral("%1: the required key '%2' is missing: add %2=%3").arg(p.name, sub.name, sub.expectation()),
                        0});
        }
    }
}

} // namespace

std::optional<bool> parseBoolean(QStringView value)
{
    static const QStringList kTrue = {QStringLiteral("1"), QStringLiteral("yes"), QStringLiteral("on"), QStringLiteral("true")};
    static const QStringList kFalse = {QStringLiteral("0"), QStringLiteral("no"), QStringLiteral("off"), QStringLiteral("false")};
    for (const QString &t : kTrue)
        if (value.compare(t, Qt::CaseInsensitive) == 0)
            return true;
    for (const QString &f : kFalse)
        if (value.compare(f, Qt::CaseInsensitive) == 0)
            return false;
    return std::nullopt;
}

QList<ValueProblem> validateValue(const PropertySchema &property, QStringView value)
{
    QList<ValueProblem> problems;
    if (property.propertyString)
        checkPropertyString(property, value, problems);
    else
        checkScalar(property, value, 0, problems);
    return problems;
}

} // namespace atalaia::schema
