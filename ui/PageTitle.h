#pragma once

class QLabel;
class QWidget;

namespace atalaia::ui {

// The title line of a view's page (a guest's or a storage's Summary):
// bold, 1.3 times the normal size, one look everywhere.
QLabel *makePageTitle(QWidget *parent);

} // namespace atalaia::ui
