#pragma once

#include <QPointer>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace atalaia::ui {

class ClusterSession;

// Datacenter → Permissions → Users → Add: realm and name; for PAM, whether
// the Linux account exists on each node (and an offer to create it); for the
// Atalaia/pve realm, the password twice with a strength hint; groups, expiry,
// enabled, comment. Each page validates before Next; Finish creates the user
// and stays open with the server's message when that fails.
class AddUserWizard : public QWizard
{
    Q_OBJECT
public:
    enum Page { NamePage, AccountPage, DetailsPage, SummaryPage };

    AddUserWizard(ClusterSession &session, QWidget *parent = nullptr);

    QString userid() const;
    // Rough strength of a password, 0 (weak) .. 4 (strong), and its description.
    static int passwordStrength(const QString &password);
    static QString strengthText(int strength);

    void accept() override;

signals:
    void userCreated(const QString &userid);

private:
    class NameStep;
    class AccountStep;
    class DetailsStep;
    class SummaryStep;
    friend class NameStep;
    friend class AccountStep;
    friend class DetailsStep;
    friend class SummaryStep;

    QString realm() const;
    QString summaryText() const;
    void create();

    QPointer<ClusterSession> m_session;
    bool m_busy = false;
    QLineEdit *m_name = nullptr;
    QComboBox *m_realm = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_strength = nullptr;
    QLabel *m_pamStatus = nullptr;
    QCheckBox *m_createAccount = nullptr;
    QStringList m_nodesWithoutAccount;
    bool m_accountChecked = false;
    QListWidget *m_groups = nullptr;
    QCheckBox *m_neverExpires = nullptr;
    QDateEdit *m_expire = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_comment = nullptr;
    QLineEdit *m_email = nullptr;
    QPlainTextEdit *m_summary = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace atalaia::ui
