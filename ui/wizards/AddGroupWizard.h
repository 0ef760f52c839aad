#pragma once

#include <QPointer>
#include <QWizard>

class QLabel;
class QLineEdit;
class QListWidget;

namespace atalaia::ui {

class ClusterSession;

// Datacenter → Permissions → Groups → Add: the group's name and comment, then
// its members (checked from the user list). Finish creates the group and
// adds each member to it (PUT /access/users/{userid} with append, so the
// users' other groups stay).
class AddGroupWizard : public QWizard
{
    Q_OBJECT
public:
    enum Page { NamePage, MembersPage };

    AddGroupWizard(ClusterSession &session, QWidget *parent = nullptr);
    QString groupid() const;
    QStringList members() const;
    void accept() override;

signals:
    void groupCreated(const QString &groupid);

private:
    class NameStep;
    class MembersStep;
    friend class NameStep;
    friend class MembersStep;
    void addMembers(QStringList remaining);

    QPointer<ClusterSession> m_session;
    bool m_busy = false;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_comment = nullptr;
    QListWidget *m_members = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace atalaia::ui
