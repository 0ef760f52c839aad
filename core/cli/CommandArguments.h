#pragma once

#include "base/Error.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace atalaia::cli {

// The arguments of one command, pvesh-style:
//
//   atalaiactl get /cluster/resources --type vm --output json
//
// "--name value" and "--name=value" both work. Names in OWN are atalaiactl's
// options (--server, --output, ...); FLAGS are own options without a value
// (--trust, --follow); every other --name is an API parameter, its value
// sent as given (a repeated name becomes a list, as the API's "-list"
// parameters expect). Arguments without "--" are positional (the PATH). After
// a bare "--", options are API parameters even when named like ours.
struct CommandArguments {
    QStringList positional;
    QHash<QString, QString> options;  // own options given, by name (without "--")
    QJsonObject params;               // API parameters

    // Code::InvalidArgument for a missing value or, with acceptParams false,
    // an unknown option.
    static Result<CommandArguments> parse(const QStringList &arguments, const QSet<QString> &own,
                                          const QSet<QString> &flags, bool acceptParams);

    bool has(const QString &name) const { return options.contains(name); }
    QString value(const QString &name, const QString &fallback = QString()) const
    {
        return options.value(name, fallback);
    }
};

} // namespace atalaia::cli
