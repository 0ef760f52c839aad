#include "PermissionsPanel.h"

#include "EditDialog.h"
#include "StandardButtons.h"
#include "ListPage.h"
#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QDateTime>
#include <QEvent>
#include <QJsonArray>
#include <QLocale>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString yesNo(const QJsonObject &o, const char *key, int fallback)
{
    return o.value(QLatin1String(key)).toInt(fallback) ? PermissionsPanel::tr("Yes") : PermissionsPanel::tr("No");
}

QString expiry(const QJsonObject &o)
{
    const qint64 at = o.value(QLatin1String("expire")).toInteger();
    return at == 0 ? PermissionsPanel::tr("never")
                   : QLocale().toString(QDateTime::fromSecsSinceEpoch(at).date(), QLocale::ShortFormat);
}

using C = JsonTableModel::Column;

} // namespace

PermissionsPanel::PermissionsPanel(ClusterSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(&session)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    auto *users = new JsonTableModel(
        {C{QStringLiteral("userid"), [] { return tr("User name"); }, {}},
         C{QStringLiteral("realm"), [] { return tr("Realm"); },
           [](const QJsonObject &o) { return str(o, "userid").section(QLatin1Char('@'), -1); }},
         C{QStringLiteral("enable"), [] { return tr("Enabled"); }, [](const QJsonObject &o) { return yesNo(o, "enable", 1); }},
         C{QStringLiteral("expire"), [] { return tr("Expires"); }, expiry},
         C{QStringLiteral("groups"), [] { return tr("Groups"); }, {}},
         C{QStringLiteral("comment"), [] { return tr("Comment"); }, {}}},
        [](const QJsonObject &o) { return str(o, "userid"); });
    auto *groups = new JsonTableModel({C{QStringLiteral("groupid"), [] { return tr("Group"); }, {}},
                                       C{QStringLiteral("users"), [] { return tr("Members"); }, {}},
                                       C{QStringLiteral("comment"), [] { return tr("Comment"); }, {}}},
                                      [](const QJsonObject &o) { return str(o, "groupid"); });
    auto *roles = new JsonTableModel(
        {C{QStringLiteral("roleid"), [] { return tr("Role"); }, {}},
         C{QStringLiteral("special"), [] { return tr("Built-in"); }, [](const QJsonObject &o) { return yesNo(o, "special", 0); }},
         C{QStringLiteral("privs"), [] { return tr("Privileges"); },
           [](const QJsonObject &o) { return str(o, "privs").replace(QLatin1Char(','), QLatin1String(", ")); }}},
        [](const QJsonObject &o) { return str(o, "roleid"); });
    auto *realms = new JsonTableModel({C{QStringLiteral("realm"), [] { return tr("Realm"); }, {}},
                                       C{QStringLiteral("type"), [] { return tr("Type"); }, {}},
                                       C{QStringLiteral("comment"), [] { return tr("Comment"); }, {}}},
                                      [](const QJsonObject &o) { return str(o, "realm"); });
    auto *tokens = new JsonTableModel(
        {C{QStringLiteral("tokenid"), [] { return tr("Token"); }, {}},
         C{QStringLiteral("privsep"), [] { return tr("Privilege separation"); },
           [](const QJsonObject &o) { return yesNo(o, "privsep", 1); }},
         C{QStringLiteral("expire"), [] { return tr("Expires"); }, expiry},
         C{QStringLiteral("comment"), [] { return tr("Comment"); }, {}}},
        [](const QJsonObject &o) { return str(o, "tokenid"); });
    auto *acl = new JsonTableModel(
        {C{QStringLiteral("path"), [] { return tr("Path"); }, {}},
         C{QStringLiteral("ugid"), [] { return tr("User/Group/Token"); },
           [](const QJsonObject &o) {
               return str(o, "type") == QLatin1String("group") ? QLatin1Char('@') + str(o, "ugid") : str(o, "ugid");
           }},
         C{QStringLiteral("roleid"), [] { return tr("Role"); }, {}},
         C{QStringLiteral("propagate"), [] { return tr("Propagate"); }, [](const QJsonObject &o) { return yesNo(o, "propagate", 1); }}},
        [](const QJsonObject &o) {
            return str(o, "path") + QLatin1Char(' ') + str(o, "type") + QLatin1Char(' ') + str(o, "ugid")
                 + QLatin1Char(' ') + str(o, "roleid");
        });

    auto add = [&](const QString &path, QJsonObject params, JsonTableModel *model) {
        auto *page = new ListPage(session, path, std::move(params), model, m_tabs);
        m_pages.append(page);
        m_tabs->addTab(page, QString());
        return page;
    };
    // full=1: Proxmox lists a user's groups (and tokens) only then.
    ListPage *userPage = add(QStringLiteral("/access/users"), {{QStringLiteral("full"), 1}}, users);
    ListPage *groupPage = add(QStringLiteral("/access/groups"), {}, groups);
    ListPage *rolePage = add(QStringLiteral("/access/roles"), {}, roles);
    ListPage *realmPage = add(QStringLiteral("/access/domains"), {}, realms);
    ListPage *tokenPage = add(QStringLiteral("/access/users"), {{QStringLiteral("full"), 1}}, tokens);
    ListPage *aclPage = add(QStringLiteral("/access/acl"), {}, acl);
    // Tokens come inside the users' full listing: flatten them into rows.
    tokenPage->setRowsFrom([](const QJsonValue &answer) {
        QJsonArray rows;
        for (const QJsonValue &u : answer.toArray())
            for (const QJsonValue &t : u.toObject().value(QLatin1String("tokens")).toArray()) {
                QJsonObject row = t.toObject();
                row.insert(QStringLiteral("tokenid"),
                           str(u.toObject(), "userid") + QLatin1Char('!') + str(row, "tokenid"));
                rows.append(row);
            }
        return rows;
    });
    aclPage->setEditable(false); // an ACL entry is removed and added, not edited (as in Proxmox)
    auto editWith = [this](ListPage *page, EditDialog::Kind kind) {
        connect(page, &ListPage::editRequested, this, [this, page, kind](const QJsonObject &row) {
            if (!m_session || row.isEmpty())
                return;
            auto *dialog = new EditDialog(*m_session, kind, row, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &EditDialog::saved, page, &ListPage::reload);
            dialog->open();
        });
    };
    editWith(userPage, EditDialog::Kind::User);
    editWith(groupPage, EditDialog::Kind::Group);
    editWith(tokenPage, EditDialog::Kind::Token);
    editWith(realmPage, EditDialog::Kind::Realm);
    // A new role: its name first, then its privileges in the edit dialog.
    connect(rolePage, &ListPage::addRequested, this, [this, rolePage] {
        if (!m_session)
            return;
        bool ok = false;
        const QString roleid = QInputDialog::getText(this, tr("Add role"), tr("Name of the new role:"),
                                                     QLineEdit::Normal, QString(), &ok).trimmed();
        if (!ok || roleid.isEmpty())
            return;
        m_session->client().post(QStringLiteral("/access/roles"), {{QStringLiteral("roleid"), roleid}})
            .then(this, [this, rolePage, roleid](const Result<QJsonValue> &r) {
                if (!r) {
                    QMessageBox::warning(this, tr("Add role"), tr("Could not create the role: %1").arg(r.error().message));
                    return;
                }
                rolePage->reload();
                auto *dialog = new EditDialog(*m_session, EditDialog::Kind::Role,
                                              QJsonObject{{QStringLiteral("roleid"), roleid}, {QStringLiteral("special"), 0}}, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &EditDialog::saved, rolePage, &ListPage::reload);
                dialog->open();
            });
    });
    // Built-in roles are fixed (Proxmox refuses to change them): edit custom ones only.
    connect(rolePage, &ListPage::editRequested, this, [this, rolePage](const QJsonObject &row) {
        if (!m_session || row.isEmpty())
            return;
        if (row.value(QLatin1String("special")).toInt() != 0) {
            QMessageBox::information(this, tr("Built-in role"),
                                     tr("%1 is a built-in role: its privileges cannot be changed. Create a role of "
                                        "your own instead.").arg(str(row, "roleid")));
            return;
        }
        auto *dialog = new EditDialog(*m_session, EditDialog::Kind::Role, row, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &EditDialog::saved, rolePage, &ListPage::reload);
        dialog->open();
    });

    connect(userPage, &ListPage::addRequested, this, &PermissionsPanel::addUserRequested);
    connect(groupPage, &ListPage::addRequested, this, &PermissionsPanel::addGroupRequested);
    connect(aclPage, &ListPage::addRequested, this, &PermissionsPanel::addPermissionRequested);
    connect(userPage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        confirmAndDelete(tr("user %1").arg(str(o, "userid")), QStringLiteral("/access/users/") + str(o, "userid"), {}, false);
    });
    connect(groupPage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        confirmAndDelete(tr("group %1").arg(str(o, "groupid")), QStringLiteral("/access/groups/") + str(o, "groupid"), {}, false);
    });
    connect(rolePage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        confirmAndDelete(tr("role %1").arg(str(o, "roleid")), QStringLiteral("/access/roles/") + str(o, "roleid"), {}, false);
    });
    connect(realmPage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        confirmAndDelete(tr("realm %1").arg(str(o, "realm")), QStringLiteral("/access/domains/") + str(o, "realm"), {}, false);
    });
    connect(aclPage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        const QString type = str(o, "type");
        const char *field = type == QLatin1String("group") ? "groups" : type == QLatin1String("token") ? "tokens" : "users";
        confirmAndDelete(tr("the permission %1 for %2 on %3").arg(str(o, "roleid"), str(o, "ugid"), str(o, "path")),
                         QStringLiteral("/access/acl"),
                         {{QStringLiteral("path"), str(o, "path")},
                          {QStringLiteral("roles"), str(o, "roleid")},
                          {QLatin1String(field), str(o, "ugid")},
                          {QStringLiteral("delete"), 1}},
                         true);
    });
    connect(tokenPage, &ListPage::removeRequested, this, [this](const QJsonObject &o) {
        const QString id = str(o, "tokenid");
        confirmAndDelete(tr("API token %1").arg(id),
                         QStringLiteral("/access/users/%1/token/%2").arg(id.section(QLatin1Char('!'), 0, 0),
                                                                          id.section(QLatin1Char('!'), 1)),
                         {}, false);
    });
    connect(&session, &ClusterSession::permissionsChanged, this, &PermissionsPanel::applyPrivileges);
    // Made while the connection was still being set up (or lost): load again once online.
    connect(&session, &ClusterSession::stateChanged, this, [this](ClusterSession::State state) {
        if (state == ClusterSession::State::Online)
            reload();
    });
    retranslate();
    applyPrivileges();
}

ListPage *PermissionsPanel::page(Tab tab) const
{
    return m_pages.value(tab);
}

void PermissionsPanel::retranslate()
{
    const QStringList names{tr("Users"), tr("Groups"), tr("Roles"), tr("Realms"), tr("API Tokens"), tr("Permissions")};
    for (int i = 0; i < m_tabs->count() && i < names.size(); ++i)
        m_tabs->setTabText(i, names[i]);
}

void PermissionsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PermissionsPanel::applyPrivileges()
{
    if (!m_session)
        return;
    const bool users = m_session->can(QStringLiteral("/access/groups"), QStringLiteral("User.Modify"));
    const bool groups = m_session->can(QStringLiteral("/access/groups"), QStringLiteral("Group.Allocate"));
    const bool acl = m_session->can(QStringLiteral("/access"), QStringLiteral("Permissions.Modify"))
                  || m_session->can(QStringLiteral("/"), QStringLiteral("Permissions.Modify"));
    const bool sys = m_session->can(QStringLiteral("/access"), QStringLiteral("Sys.Modify"))
                  || m_session->can(QStringLiteral("/"), QStringLiteral("Sys.Modify"));
    const bool realms = m_session->can(QStringLiteral("/access/domains"), QStringLiteral("Realm.Allocate"));
    m_pages[Users]->setActionsAllowed(users, users, users);
    m_pages[Groups]->setActionsAllowed(groups, groups, groups);
    m_pages[Roles]->setActionsAllowed(sys, sys, sys);
    m_pages[Realms]->setActionsAllowed(false, realms, realms); // new realms (LDAP, AD, OpenID) come later
    m_pages[Tokens]->setActionsAllowed(false, users, users);
    m_pages[Acl]->setActionsAllowed(acl, acl, acl);
}

void PermissionsPanel::reload()
{
    for (ListPage *p : m_pages)
        p->reload();
}

void PermissionsPanel::confirmAndDelete(const QString &what, const QString &path, const QJsonObject &params, bool put)
{
    QMessageBox ask(QMessageBox::Question, tr("Remove"), tr("Remove %1? This cannot be undone.").arg(what),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    ask.setDefaultButton(QMessageBox::Cancel);
    nameStandardButtons(ask);
    if (ask.exec() != QMessageBox::Yes || !m_session)
        return;
    auto future = put ? m_session->client().put(path, params) : m_session->client().del(path, params);
    future.then(this, [this, what](const Result<QJsonValue> &r) {
        if (!r)
            QMessageBox::warning(this, tr("Remove"), tr("Could not remove %1: %2").arg(what, r.error().message));
        reload();
    });
}

} // namespace atalaia::ui
