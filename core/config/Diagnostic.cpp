#include "Diagnostic.h"

#include <algorithm>

namespace atalaia::config {

QString Diagnostic::toString() const
{
    return QStringLiteral("%1:%2:%3: %4: %5")
        .arg(file)
        .arg(line)
        .arg(column)
        .arg(isError() ? QStringLiteral("error") : QStringLiteral("warning"), message);
}

QJsonObject Diagnostic::toJson() const
{
    return QJsonObject{
        {QStringLiteral("file"), file},
        {QStringLiteral("line"), line},
        {QStringLiteral("column"), column},
        {QStringLiteral("severity"), isError() ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("message"), message},
    };
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
}

} // namespace atalaia::config
