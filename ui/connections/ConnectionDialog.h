#pragma once

#include "ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace atalaia::ui {

// Add or edit a connection: name, addresses (one per node, comma-separated),
// user and realm, the password (or an API token), and whether to keep the
// secret in the OS keychain. Validates as the user types; OK stays disabled
// until the form is complete, and the reason is shown under the form.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile);
    // KEYCHAIN: whether "remember" can be offered (a keychain is available).
    void setKeychainAvailable(bool available, const QString &why);

    ConnectionProfile profile() const;
    QString secret() const;

private:
    void validate();

    ConnectionProfile m_profile;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_addresses = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_realm = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace atalaia::ui
