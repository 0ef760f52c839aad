#include "PamBackend.h"

#include "Tr.h"

namespace atalaia::access {

QString PamBackend::newUserNameProblem(const QString &user)
{
    if (user.isEmpty())
        return Tr::tr("the Linux user name is empty");
    if (user.size() > 32)
        return Tr::tr("Linux user name '%1' is longer than 32 characters").arg(user);
    if (user.startsWith(QLatin1Char('-')))
        return Tr::tr("Linux user name '%1' starts with '-'").arg(user);
    if (user == QLatin1String(".") || user == QLatin1String(".."))
        return Tr::tr("'%1' is not a Linux user name").arg(user);
    bool allDigits = true;
    for (QChar c : user) {
        const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!letter && !digit && c != QLatin1Char('.') && c != QLatin1Char('_') && c != QLatin1Char('-'))
            return Tr::tr("Linux user name '%1' contains '%2': use letters, digits, '.', '_' and '-'").arg(user, c);
        allDigits = allDigits && digit;
    }
    if (allDigits)
        return Tr::tr("Linux user name '%1' is a number").arg(user);
    return {};
}

bool PamBackend::isPlausibleUserName(const QString &user)
{
    if (user.isEmpty() || user.toUtf8().size() > 256 || user.startsWith(QLatin1Char('-')))
        return false;
    for (QChar c : user) {
        if (c == QLatin1Char('/') || c == QLatin1Char(':') || c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

} // namespace atalaia::access
