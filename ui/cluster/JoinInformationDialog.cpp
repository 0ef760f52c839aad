#include "JoinInformationDialog.h"

#include "StandardButtons.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace atalaia::ui {

JoinInformationDialog::JoinInformationDialog(const cluster::JoinInformation &info, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Cluster Join Information"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Copy the Join Information here and paste it into Join Cluster on the node that "
                                "joins. It holds no secret: that node also needs the root@pam password of this one."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    auto value = [this](const QString &text) {
        auto *l = new QLabel(text, this);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    form->addRow(tr("Cluster:"), value(info.clusterName()));
    form->addRow(tr("IP address:"), value(info.ipAddress));
    QLabel *fingerprint = value(info.fingerprint);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setWordWrap(true);
    form->addRow(tr("Fingerprint:"), fingerprint);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Join Information:"), this));
    m_blob = new QPlainTextEdit(info.toBlob(), this);
    m_blob->setObjectName(QStringLiteral("joinInformationBlob"));
    m_blob->setReadOnly(true);
    m_blob->setAccessibleName(tr("Join Information"));
    m_blob->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_blob->setWordWrapMode(QTextOption::WrapAnywhere);
    layout->addWidget(m_blob, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    nameStandardButtons(*buttons);
    QPushButton *copy = buttons->addButton(tr("Copy &Information"), QDialogButtonBox::ActionRole);
    copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_blob->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 380);
}

QString JoinInformationDialog::blob() const
{
    return m_blob->toPlainText();
}

} // namespace atalaia::ui
