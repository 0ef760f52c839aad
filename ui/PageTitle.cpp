#include "PageTitle.h"

#include <QLabel>

namespace atalaia::ui {

QLabel *makePageTitle(QWidget *parent)
{
    auto *title = new QLabel(parent);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    return title;
}

} // namespace atalaia::ui
