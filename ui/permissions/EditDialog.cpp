#include "EditDialog.h"

#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QStringList groupsOf(const QJsonObject &user)
{
    const QJsonValue g = user.value(QLatin1String("groups"));
    QStringList out;
    if (g.isArray())
        for (const QJsonValue &v : g.toArray())
            out.append(v.toString());
    else
        out = g.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return out;
}

} // namespace

EditDialog::EditDialog(ClusterSession &session, Kind kind, const QJsonObject &row, QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
    , m_kind(kind)
    , m_row(row)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_comment = new QLineEdit(str(row, "comment"), this);
    m_comment->setObjectName(QStringLiteral("comment"));

    if (kind == Kind::User || kind == Kind::Token) {
        m_never = new QCheckBox(tr("&Never expires"), this);
        m_expire = new QDateEdit(this);
        m_expire->setCalendarPopup(true);
        const qint64 expire = row.value(QLatin1String("expire")).toInteger();
        m_never->setChecked(expire == 0);
        m_expire->setDate(expire == 0 ? QDate::currentDate().addYears(1) : QDateTime::fromSecsSinceEpoch(expire).date());
        m_expire->setEnabled(expire != 0);
        connect(m_never, &QCheckBox::toggled, m_expire, [this](bool never) { m_expire->setEnabled(!never); });
    }
    switch (kind) {
    case Kind::User:
        setWindowTitle(tr("Edit user %1").arg(str(row, "userid")));
        m_first = new QLineEdit(str(row, "firstname"), this);
        m_last = new QLineEdit(str(row, "lastname"), this);
        m_email = new QLineEdit(str(row, "email"), this);
        m_enabled = new QCheckBox(tr("&Enabled"), this);
        m_enabled->setChecked(row.value(QLatin1String("enable")).toInt(1) != 0);
        m_groups = new QListWidget(this);
        m_groups->setAccessibleName(tr("Groups"));
        m_groups->setMaximumHeight(120);
        form->addRow(tr("&First name:"), m_first);
        form->addRow(tr("&Last name:"), m_last);
        form->addRow(tr("E-&mail:"), m_email);
        form->addRow(QString(), m_enabled);
        form->addRow(tr("E&xpires:"), m_never);
        form->addRow(QString(), m_expire);
        form->addRow(tr("&Groups:"), m_groups);
        loadGroups(groupsOf(row));
        break;
    case Kind::Group:
        setWindowTitle(tr("Edit group %1").arg(str(row, "groupid")));
        break;
    case Kind::Role:
        setWindowTitle(tr("Edit role %1").arg(str(row, "roleid")));
        m_privileges = new QListWidget(this);
        m_privileges->setAccessibleName(tr("Privileges"));
        m_privileges->setMinimumHeight(260);
        form->addRow(tr("&Privileges:"), m_privileges);
        loadPrivileges(str(row, "privs").split(QLatin1Char(','), Qt::SkipEmptyParts));
        break;
    case Kind::Realm:
        setWindowTitle(tr("Edit realm %1").arg(str(row, "realm")));
        m_default = new QCheckBox(tr("&Default realm at login"), this);
        m_default->setChecked(row.value(QLatin1String("default")).toInt() != 0);
        form->addRow(QString(), m_default);
        break;
    case Kind::Token:
        setWindowTitle(tr("Edit API token %1").arg(str(row, "tokenid")));
        m_privsep = new QCheckBox(tr("&Privilege separation (the token gets only the permissions given to it)"), this);
        m_privsep->setChecked(row.value(QLatin1String("privsep")).toInt(1) != 0);
        form->addRow(QString(), m_privsep);
        form->addRow(tr("E&xpires:"), m_never);
        form->addRow(QString(), m_expire);
        break;
    }
    if (kind != Kind::Role)
        form->addRow(tr("&Comment:"), m_comment);
    else
        m_comment->hide();
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    nameStandardButtons(*m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
}

void EditDialog::loadGroups(const QStringList &current)
{
    m_session->client().get(QStringLiteral("/access/groups")).then(this, [this, current](const Result<QJsonValue> &r) {
        if (!r) {
            m_result->setText(tr("Cannot list the groups: %1").arg(r.error().message));
            return;
        }
        for (const QJsonValue &g : r->toArray()) {
            auto *item = new QListWidgetItem(str(g.toObject(), "groupid"), m_groups);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(current.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
        }
    });
}

void EditDialog::loadPrivileges(const QStringList &current)
{
    // Every privilege there is: the union of the built-in roles' sets
    // (Administrator holds them all).
    m_session->client().get(QStringLiteral("/access/roles")).then(this, [this, current](const Result<QJsonValue> &r) {
        if (!r) {
            m_result->setText(tr("Cannot list the privileges: %1").arg(r.error().message));
            return;
        }
        QStringList all;
        for (const QJsonValue &role : r->toArray())
            all += str(role.toObject(), "privs").split(QLatin1Char(','), Qt::SkipEmptyParts);
        all.removeDuplicates();
        all.sort();
        for (const QString &privilege : all) {
            auto *item = new QListWidgetItem(privilege, m_privileges);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(current.contains(privilege) ? Qt::Checked : Qt::Unchecked);
        }
    });
}

QString EditDialog::path() const
{
    switch (m_kind) {
    case Kind::User:
        return QStringLiteral("/access/users/") + str(m_row, "userid");
    case Kind::Group:
        return QStringLiteral("/access/groups/") + str(m_row, "groupid");
    case Kind::Role:
        return QStringLiteral("/access/roles/") + str(m_row, "roleid");
    case Kind::Realm:
        return QStringLiteral("/access/domains/") + str(m_row, "realm");
    case Kind::Token: {
        const QString id = str(m_row, "tokenid");
        return QStringLiteral("/access/users/%1/token/%2").arg(id.section(QLatin1Char('!'), 0, 0), id.section(QLatin1Char('!'), 1));
    }
    }
    return {};
}

QJsonObject EditDialog::parameters() const
{
    if (m_kind == Kind::Role) { // a role has no comment
        QStringList privileges;
        for (int i = 0; i < m_privileges->count(); ++i)
            if (m_privileges->item(i)->checkState() == Qt::Checked)
                privileges.append(m_privileges->item(i)->text());
        return {{QStringLiteral("privs"), privileges.join(QLatin1Char(','))}};
    }
    QJsonObject p{{QStringLiteral("comment"), m_comment->text()}};
    if (m_kind == Kind::Realm)
        p.insert(QStringLiteral("default"), m_default->isChecked() ? 1 : 0);
    if (m_never)
        p.insert(QStringLiteral("expire"),
                 m_never->isChecked() ? 0 : QDateTime(m_expire->date(), QTime(0, 0)).toSecsSinceEpoch());
    if (m_kind == Kind::User) {
        p.insert(QStringLiteral("firstname"), m_first->text());
        p.insert(QStringLiteral("lastname"), m_last->text());
        p.insert(QStringLiteral("email"), m_email->text());
        p.insert(QStringLiteral("enable"), m_enabled->isChecked() ? 1 : 0);
        QStringList groups;
        for (int i = 0; i < m_groups->count(); ++i)
            if (m_groups->item(i)->checkState() == Qt::Checked)
                groups.append(m_groups->item(i)->text());
        // Without "append", Proxmox replaces the user's groups with this list.
        p.insert(QStringLiteral("groups"), groups.join(QLatin1Char(',')));
    }
    if (m_kind == Kind::Token)
        p.insert(QStringLiteral("privsep"), m_privsep->isChecked() ? 1 : 0);
    return p;
}

void EditDialog::accept()
{
    if (m_busy || !m_session)
        return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_session->client().put(path(), parameters()).then(this, [this](const Result<QJsonValue> &r) {
        m_busy = false;
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (!r) {
            m_result->setText(tr("Could not save: %1").arg(r.error().message));
            return;
        }
        emit saved();
        QDialog::accept();
    });
}

} // namespace atalaia::ui
