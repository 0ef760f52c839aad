#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace atalaia::ui {

// Proxmox's "Destroy" confirmation: the guest's ID must be typed again (a
// slip of the mouse destroys nothing), and whether to purge it from the
// ACL, HA and job configurations too.
class DeleteGuestDialog : public QDialog
{
    Q_OBJECT
public:
    // LABEL: "VM 100 (web1)".
    DeleteGuestDialog(const QString &label, int vmid, QWidget *parent = nullptr);

    bool purge() const;
    bool destroyUnreferencedDisks() const;
    QLineEdit *confirmField() const { return m_confirm; }
    QPushButton *removeButton() const { return m_remove; }

private:
    int m_vmid;
    QLineEdit *m_confirm = nullptr;
    QCheckBox *m_purge = nullptr;
    QCheckBox *m_disks = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace atalaia::ui
