#pragma once

#include <QIcon>

namespace atalaia::ui {

// An icon for an action: the desktop theme's NAME when the theme has it,
// otherwise the console's own drawing (ui/icons/BUNDLED.svg), so actions
// keep their icons on desktops without a full theme (and on a bare server).
QIcon themedIcon(const QString &name, const QString &bundled);

} // namespace atalaia::ui
