#pragma once

class QApplication;

namespace atalaia::ui {

// A dark colour scheme (Fusion style) for desktops that do not provide one:
// `atalaia --dark`. A desktop's own dark theme is used as it is.
void applyDarkPalette(QApplication &app);

} // namespace atalaia::ui
