#include "CommandArguments.h"

#include "Tr.h"

#include <QJsonArray>

#include <optional>

namespace atalaia::cli {

Result<CommandArguments> CommandArguments::parse(const QStringList &arguments, const QSet<QString> &own,
                                                 const QSet<QString> &flags, bool acceptParams)
{
    CommandArguments result;
    // After a bare "--", every "--NAME VALUE" is an API parameter, also one
    // named like an option of ours (POST /cluster/config/join --fingerprint).
    bool paramsOnly = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == QLatin1String("--")) {
            paramsOnly = acceptParams;
            continue;
        }
        if (!argument.startsWith(QLatin1String("--"))) {
            result.positional.append(argument);
            continue;
        }
        QString name = argument.mid(2);
        std::optional<QString> value;
        if (const qsizetype equals = name.indexOf(QLatin1Char('=')); equals >= 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
        }
        if (name.isEmpty())
            return fail(Code::InvalidArgument, Tr::tr("'%1' is not an option").arg(argument));
        if (!paramsOnly && flags.contains(name)) {
            if (value)
                return fail(Code::InvalidArgument, Tr::tr("--%1 takes no value").arg(name));
            result.options.insert(name, QStringLiteral("1"));
            continue;
        }
        const bool isOwn = !paramsOnly && own.contains(name);
        if (!isOwn && !acceptParams)
            return fail(Code::InvalidArgument, Tr::tr("unknown option --%1").arg(name));
        if (!value) {
            if (i + 1 >= arguments.size())
                return fail(Code::InvalidArgument, Tr::tr("--%1 needs a value").arg(name));
            value = arguments[++i];
        }
        if (isOwn) {
            result.options.insert(name, *value);
            continue;
        }
        const QJsonValue existing = result.params.value(name);
        if (existing.isUndefined()) {
            result.params.insert(name, *value);
        } else {
            QJsonArray list = existing.isArray() ? existing.toArray() : QJsonArray{existing};
            list.append(*value);
            result.params.insert(name, list);
        }
    }
    return result;
}

} // namespace atalaia::cli
