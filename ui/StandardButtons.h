#pragma once

class QDialogButtonBox;
class QMessageBox;
class QWizard;

namespace atalaia::ui {

// Qt's own button texts (OK, Cancel, Back, Next...) in the console's
// language; call them before giving a button a text of its own. Debian ships no European Portuguese catalogue for Qt's strings
// (only pt_BR), so the console names its dialogs' buttons itself.
void nameWizardButtons(QWizard &wizard);
void nameStandardButtons(QDialogButtonBox &box);
void nameStandardButtons(QMessageBox &box);

} // namespace atalaia::ui
