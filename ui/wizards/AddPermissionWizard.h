#pragma once

#include <QJsonArray>
#include <QPointer>
#include <QWizard>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace atalaia::ui {

class ClusterSession;

// Datacenter → Permissions → Add permission: a path (from the live tree or
// typed), a role (its privileges listed), and a user, group or API token,
// with propagation. The last page previews the identity's effective
// privileges on the path before and after the change, computed with the
// agent's own ACL code (AccessPreview), so what you see is what you get.
class AddPermissionWizard : public QWizard
{
    Q_OBJECT
public:
    enum Page { PathPage, RolePage, WhoPage };
    enum class Kind { User, Group, Token };

    AddPermissionWizard(ClusterSession &session, QWidget *parent = nullptr);

    QString path() const;
    QString role() const;
    Kind kind() const;
    QString ugid() const;
    bool propagate() const;
    // The preview text shown on the last page (for tests).
    QString previewText() const;
    void accept() override;

    // Where a permission can be given: the fixed roots and every object of the live inventory.
    static QStringList candidatePaths(const ClusterSession &session);

signals:
    void permissionAdded();

private:
    class PathStep;
    class RoleStep;
    class WhoStep;
    friend class PathStep;
    friend class RoleStep;
    friend class WhoStep;
    void load();
    void updatePreview();

    QPointer<ClusterSession> m_session;
    bool m_busy = false;
    QJsonArray m_users, m_groups, m_roles, m_acl, m_tokens;
    int m_pendingLoads = 0;
    QComboBox *m_path = nullptr;
    QCheckBox *m_propagate = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_rolePrivileges = nullptr;
    QButtonGroup *m_kindGroup = nullptr;
    QComboBox *m_who = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace atalaia::ui
