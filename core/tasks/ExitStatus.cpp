#include "ExitStatus.h"

#include <QRegularExpression>

namespace atalaia::tasks {

using namespace Qt::StringLiterals;

namespace {

bool isWarnings(QStringView status)
{
    static const QRegularExpression pattern(u"^WARNINGS: \\d+$"_s);
    return pattern.matchView(status).hasMatch();
}

} // namespace

QString ExitStatus::errorLine(const QString &message)
{
    return u"TASK ERROR: "_s + oneLine(message);
}

QString ExitStatus::warningsLine(int count)
{
    return u"TASK WARNINGS: %1"_s.arg(count);
}

QString ExitStatus::fromLastLine(QStringView line)
{
    if (line == u"TASK OK")
        return kOk;
    if (line.startsWith(u"TASK ERROR: ") && line.size() > 12)
        return line.mid(12).toString();
    if (line.startsWith(u"TASK WARNINGS: ") && isWarnings(line.mid(5)))
        return line.mid(5).toString();
    return kUnexpected;
}

ExitStatus::Type ExitStatus::type(QStringView status)
{
    if (status.isEmpty() || status == kUnexpected)
        return Type::Unknown;
    if (status == kOk)
        return Type::Ok;
    if (isWarnings(status))
        return Type::Warning;
    return Type::Error;
}

QLatin1StringView ExitStatus::typeName(Type type)
{
    switch (type) {
    case Type::Ok: return "ok"_L1;
    case Type::Warning: return "warning"_L1;
    case Type::Error: return "error"_L1;
    case Type::Unknown: break;
    }
    return "unknown"_L1;
}

std::optional<ExitStatus::Type> ExitStatus::typeFromName(QStringView name)
{
    for (Type type : {Type::Ok, Type::Warning, Type::Error, Type::Unknown})
        if (name == typeName(type))
            return type;
    return std::nullopt;
}

QString ExitStatus::oneLine(const QString &message)
{
    QString line = message;
    line.replace(u'\r', u' ').replace(u'\n', u' ');
    line = line.trimmed();
    return line.isEmpty() ? u"unknown error"_s : line;
}

} // namespace atalaia::tasks
