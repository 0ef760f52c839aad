#include "DeleteGuestDialog.h"

#include "StandardButtons.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace atalaia::ui {

DeleteGuestDialog::DeleteGuestDialog(const QString &label, int vmid, QWidget *parent)
    : QDialog(parent)
    , m_vmid(vmid)
{
    setWindowTitle(tr("Destroy %1").arg(label));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(tr("<b>%1 and all its disks are destroyed for good.</b> Type its ID, %2, to confirm.")
                                .arg(label.toHtmlEscaped())
                                .arg(vmid),
                            this);
    text->setWordWrap(true);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmVmid"));
    m_confirm->setPlaceholderText(QString::number(vmid));
    m_confirm->setAccessibleName(tr("ID of the guest to destroy"));
    m_purge = new QCheckBox(tr("&Purge from job configurations (ACL, HA, replication, backup)"), this);
    m_purge->setObjectName(QStringLiteral("purge"));
    m_purge->setChecked(true);
    m_disks = new QCheckBox(tr("&Destroy unreferenced disks owned by the guest"), this);
    m_disks->setObjectName(QStringLiteral("destroyUnreferenced"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    nameStandardButtons(*buttons);
    m_remove = buttons->addButton(tr("&Destroy"), QDialogButtonBox::AcceptRole);
    m_remove->setObjectName(QStringLiteral("destroy"));
    m_remove->setEnabled(false);
    layout->addWidget(text);
    layout->addWidget(m_confirm);
    layout->addWidget(m_purge);
    layout->addWidget(m_disks);
    layout->addWidget(buttons);
    connect(m_confirm, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_remove->setEnabled(t.trimmed() == QString::number(m_vmid)); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool DeleteGuestDialog::purge() const
{
    return m_purge->isChecked();
}

bool DeleteGuestDialog::destroyUnreferencedDisks() const
{
    return m_disks->isChecked();
}

} // namespace atalaia::ui
