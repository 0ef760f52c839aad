#include "Icons.h"

#include "models/SvgIconEngine.h"

namespace atalaia::ui {

QIcon themedIcon(const QString &name, const QString &bundled)
{
    if (QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    return QIcon(new SvgIconEngine(QStringLiteral(":/atalaia/actions/%1.svg").arg(bundled)));
}

} // namespace atalaia::ui
