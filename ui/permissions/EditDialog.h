#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class QCheckBox;
class QDateEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;

namespace atalaia::ui {

class ClusterSession;

// Edits one user, group, API token, custom role or realm in place (PUT on its
// path): the fields Proxmox lets you change after creation (a role: its
// privileges; a realm: its comment and whether it is the default). Opened from the Permissions lists;
// OK sends the change and stays open with the server's message if it fails.
class EditDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { User, Group, Token, Role, Realm };

    EditDialog(ClusterSession &session, Kind kind, const QJsonObject &row, QWidget *parent = nullptr);

    void accept() override;
    // What would be sent (for tests): the API path and parameters.
    QString path() const;
    QJsonObject parameters() const;

signals:
    void saved();

private:
    void loadGroups(const QStringList &current);
    void loadPrivileges(const QStringList &current);

    QPointer<ClusterSession> m_session;
    Kind m_kind;
    QJsonObject m_row;
    bool m_busy = false;
    QLineEdit *m_comment = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_first = nullptr;
    QLineEdit *m_last = nullptr;
    QCheckBox *m_enabled = nullptr;
    QCheckBox *m_privsep = nullptr;
    QCheckBox *m_never = nullptr;
    QDateEdit *m_expire = nullptr;
    QListWidget *m_groups = nullptr;
    QListWidget *m_privileges = nullptr;
    QCheckBox *m_default = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace atalaia::ui
