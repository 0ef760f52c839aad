#include "ConnectionDialog.h"

#include "StandardButtons.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace atalaia::ui {

using api::client::Endpoint;

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to a cluster"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Lisbon lab"));
    m_addresses = new QLineEdit(this);
    m_addresses->setPlaceholderText(tr("node1.example.org, 192.0.2.12:8006"));
    m_addresses->setToolTip(tr("One address per cluster node, separated by commas. The console moves to the next "
                               "one when a node does not answer. The port defaults to 8006."));
    m_user = new QLineEdit(QStringLiteral("root"), this);
    m_realm = new QComboBox(this);
    m_realm->addItem(tr("Linux PAM standard authentication"), QStringLiteral("pam"));
    m_realm->addItem(tr("Atalaia / Proxmox VE authentication server"), QStringLiteral("pve"));
    m_realm->setEditable(false);
    m_token = new QLineEdit(this);
    m_token->setPlaceholderText(tr("optional: API token name"));
    m_secret = new QLineEdit(this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(tr("Remember in the keychain"), this);

    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Addresses:"), m_addresses);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Realm:"), m_realm);
    form->addRow(tr("API &token:"), m_token);
    form->addRow(tr("&Password:"), m_secret);
    form->addRow(QString(), m_remember);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    nameStandardButtons(*m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_addresses, m_user, m_token, m_secret})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    connect(m_token, &QLineEdit::textChanged, this, [this, form](const QString &token) {
        auto *label = qobject_cast<QLabel *>(form->labelForField(m_secret));
        if (label)
            label->setText(token.isEmpty() ? tr("&Password:") : tr("Token &secret:"));
    });
    m_profile.id = ConnectionProfile::newId();
    validate();
}

void ConnectionDialog::setProfile(const ConnectionProfile &profile)
{
    m_profile = profile;
    m_name->setText(profile.name);
    m_addresses->setText(profile.addressesText());
    const qsizetype at = profile.userid.lastIndexOf(QLatin1Char('@'));
    m_user->setText(at < 0 ? profile.userid : profile.userid.left(at));
    if (at >= 0) {
        const int realm = m_realm->findData(profile.userid.mid(at + 1));
        if (realm >= 0)
            m_realm->setCurrentIndex(realm);
    }
    m_token->setText(profile.tokenName);
    m_remember->setChecked(profile.rememberSecret);
    validate();
}

void ConnectionDialog::setKeychainAvailable(bool available, const QString &why)
{
    m_remember->setEnabled(available);
    if (!available) {
        m_remember->setChecked(false);
        m_remember->setToolTip(why);
        m_remember->setText(tr("Remember in the keychain (no keychain available: the password is asked each time)"));
    }
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p = m_profile;
    p.name = m_name->text().trimmed();
    if (auto list = Endpoint::parseList(m_addresses->text()))
        p.endpoints = *list;
    p.userid = m_user->text().trimmed() + QLatin1Char('@') + m_realm->currentData().toString();
    p.tokenName = m_token->text().trimmed();
    p.rememberSecret = m_remember->isChecked();
    if (p.name.isEmpty() && !p.endpoints.isEmpty())
        p.name = p.endpoints.first().host();
    return p;
}

QString ConnectionDialog::secret() const
{
    return m_secret->text();
}

void ConnectionDialog::validate()
{
    QString problem;
    const auto endpoints = Endpoint::parseList(m_addresses->text());
    if (m_addresses->text().trimmed().isEmpty())
        problem = tr("Enter the address of at least one node of the cluster.");
    else if (!endpoints)
        problem = endpoints.error().message;
    else if (m_user->text().trimmed().isEmpty())
        problem = tr("Enter the user name to log in with.");
    else if (m_user->text().contains(QLatin1Char('@')))
        problem = tr("Enter the user name without '@realm': choose the realm below it.");
    else if (m_secret->text().isEmpty())
        problem = m_token->text().isEmpty() ? tr("Enter the password.") : tr("Enter the API token's secret.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace atalaia::ui
