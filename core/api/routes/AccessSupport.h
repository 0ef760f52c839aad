#pragma once

#include "config/UserConfigFile.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace atalaia::api {

// Small helpers the access routes share.

// Proxmox's split_list: items separated by ',', ';' or whitespace (or NUL).
inline QStringList splitList(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s\\x{0}]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

// "name" and "realm" of "name@realm" (split at the last '@', as Proxmox's user_regex does).
inline QString userNameOf(const QString &userid)
{
    const qsizetype at = userid.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? userid : userid.first(at);
}

inline QString realmOf(const QString &userid)
{
    const qsizetype at = userid.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : userid.sliced(at + 1);
}

// Whether user.cfg defines USERID (root@pam always exists).
inline bool userDefined(const config::UserConfigFile &file, const QString &userid)
{
    return userid == QLatin1String("root@pam") || file.findUser(userid.toUtf8()) != nullptr;
}

} // namespace atalaia::api
