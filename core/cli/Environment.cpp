#include "Environment.h"

#include "PasswordPrompt.h"

#include <QDir>

namespace atalaia::cli {

Environment Environment::system(QTextStream &out, QTextStream &err)
{
    Environment env;
    env.out = &out;
    env.err = &err;
    env.variables = QProcessEnvironment::systemEnvironment();
    env.readSecret = [&err](const QString &prompt) { return PasswordPrompt::read(prompt, err); };
    return env;
}

QString Environment::variable(const char *name) const
{
    return variables.value(QString::fromLatin1(name));
}

QString Environment::configDir() const
{
    if (const QString dir = variable("ATALAIA_CONFIG_DIR"); !dir.isEmpty())
        return QDir::cleanPath(dir);
    if (const QString xdg = variable("XDG_CONFIG_HOME"); !xdg.isEmpty())
        return QDir::cleanPath(xdg + QStringLiteral("/atalaia"));
    const QString home = variable("HOME");
    return QDir::cleanPath((home.isEmpty() ? QDir::homePath() : home) + QStringLiteral("/.config/atalaia"));
}

QString Environment::cacheDir() const
{
    if (const QString dir = variable("ATALAIA_CACHE_DIR"); !dir.isEmpty())
        return QDir::cleanPath(dir);
    if (const QString dir = variable("ATALAIA_CONFIG_DIR"); !dir.isEmpty())
        return QDir::cleanPath(dir + QStringLiteral("/cache"));
    if (const QString xdg = variable("XDG_CACHE_HOME"); !xdg.isEmpty())
        return QDir::cleanPath(xdg + QStringLiteral("/atalaia"));
    const QString home = variable("HOME");
    return QDir::cleanPath((home.isEmpty() ? QDir::homePath() : home) + QStringLiteral("/.cache/atalaia"));
}

} // namespace atalaia::cli
