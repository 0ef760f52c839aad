#include "StandardButtons.h"

#include "Tr.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>
#include <QWizard>

namespace atalaia::ui {

namespace {

QString textFor(int standardButton)
{
    switch (standardButton) {
    case QDialogButtonBox::Ok:
        return Tr::tr("&OK");
    case QDialogButtonBox::Cancel:
        return Tr::tr("&Cancel");
    case QDialogButtonBox::Close:
        return Tr::tr("&Close");
    case QDialogButtonBox::Yes:
        return Tr::tr("&Yes");
    case QDialogButtonBox::No:
        return Tr::tr("&No");
    default:
        return {};
    }
}

} // namespace

void nameWizardButtons(QWizard &wizard)
{
    wizard.setButtonText(QWizard::BackButton, Tr::tr("< &Back"));
    wizard.setButtonText(QWizard::NextButton, Tr::tr("&Next >"));
    wizard.setButtonText(QWizard::FinishButton, Tr::tr("&Finish"));
    wizard.setButtonText(QWizard::CancelButton, Tr::tr("&Cancel"));
}

void nameStandardButtons(QDialogButtonBox &box)
{
    for (QAbstractButton *b : box.buttons())
        if (const QString text = textFor(box.standardButton(b)); !text.isEmpty())
            b->setText(text);
}

void nameStandardButtons(QMessageBox &box)
{
    for (QAbstractButton *b : box.buttons())
        if (const QString text = textFor(box.standardButton(b)); !text.isEmpty())
            b->setText(text);
}

} // namespace atalaia::ui
