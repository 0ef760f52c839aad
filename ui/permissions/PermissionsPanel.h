#pragma once

#include <QPointer>
#include <QWidget>

class QTabWidget;

namespace atalaia::ui {

class ClusterSession;
class ListPage;

// Datacenter → Permissions: Users, Groups, Roles, Realms, API Tokens and ACL,
// each a sortable, filterable list. Add opens the wizards; Remove asks first.
// Buttons follow the logged-in user's privileges (User.Modify, Permissions.Modify...),
// so a restricted user sees what it may not do greyed out.
class PermissionsPanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { Users, Groups, Roles, Realms, Tokens, Acl };

    explicit PermissionsPanel(ClusterSession &session, QWidget *parent = nullptr);

    void reload();
    ListPage *page(Tab tab) const;
    QTabWidget *tabs() const { return m_tabs; }

signals:
    void addUserRequested();
    void addGroupRequested();
    void addPermissionRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyPrivileges();
    void confirmAndDelete(const QString &what, const QString &path, const QJsonObject &params, bool put);

    QPointer<ClusterSession> m_session;
    QTabWidget *m_tabs = nullptr;
    QList<ListPage *> m_pages;
};

} // namespace atalaia::ui
