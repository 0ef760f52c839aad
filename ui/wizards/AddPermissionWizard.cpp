#include "AddPermissionWizard.h"
#include "StandardButtons.h"

#include "access/AccessControl.h"
#include "api/client/ApiClient.h"
#include "permissions/AccessPreview.h"
#include "session/ClusterSession.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QAbstractButton>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSet>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

class AddPermissionWizard::PathStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddPermissionWizard)

public:
    explicit PathStep(AddPermissionWizard &w)
        : m_w(w)
    {
        setTitle(tr("Path"));
        setSubTitle(tr("Where the permission applies: '/' is everything, '/vms/100' one guest, "
                       "'/access' users and groups, '/nodes/node1' one node."));
        auto *form = new QFormLayout(this);
        w.m_path = new QComboBox(this);
        w.m_path->setEditable(true);
        w.m_path->addItems(candidatePaths(*w.m_session));
        w.m_path->setCurrentText(QStringLiteral("/"));
        w.m_path->setAccessibleName(tr("Path"));
        w.m_propagate = new QCheckBox(tr("&Propagate to everything below the path"), this);
        w.m_propagate->setChecked(true);
        m_hint = new QLabel(this);
        m_hint->setWordWrap(true);
        form->addRow(tr("P&ath:"), w.m_path);
        form->addRow(QString(), w.m_propagate);
        form->addRow(QString(), m_hint);
        connect(w.m_path, &QComboBox::currentTextChanged, this, [this] {
            m_hint->setText(isComplete() ? QString() : tr("A path starts with '/' and has only letters, digits, '.', '-', '_' and '/'."));
            emit completeChanged();
        });
    }
    bool isComplete() const override { return access::AccessControl::normalizePath(m_w.m_path->currentText()).has_value(); }

private:
    AddPermissionWizard &m_w;
    QLabel *m_hint = nullptr;
};

class AddPermissionWizard::RoleStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddPermissionWizard)

public:
    explicit RoleStep(AddPermissionWizard &w)
        : m_w(w)
    {
        setTitle(tr("Role"));
        setSubTitle(tr("A role is a set of privileges."));
        auto *form = new QFormLayout(this);
        w.m_role = new QComboBox(this);
        w.m_role->setAccessibleName(tr("Role"));
        w.m_rolePrivileges = new QLabel(this);
        w.m_rolePrivileges->setWordWrap(true);
        w.m_rolePrivileges->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("&Role:"), w.m_role);
        form->addRow(tr("Privileges:"), w.m_rolePrivileges);
        connect(w.m_role, &QComboBox::currentIndexChanged, this, [this] {
            const QString privs = m_w.m_role->currentData().toString();
            m_w.m_rolePrivileges->setText(privs.isEmpty() ? tr("none (this role cancels all other roles on the path)")
                                                          : QString(privs).replace(QLatin1Char(','), QLatin1String(", ")));
            emit completeChanged();
        });
    }
    bool isComplete() const override { return m_w.m_role->currentIndex() >= 0; }

private:
    AddPermissionWizard &m_w;
};

class AddPermissionWizard::WhoStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddPermissionWizard)

public:
    explicit WhoStep(AddPermissionWizard &w)
        : m_w(w)
    {
        setTitle(tr("User, group or API token"));
        setSubTitle(tr("Check the effective privileges below before you finish."));
        auto *layout = new QVBoxLayout(this);
        auto *kinds = new QHBoxLayout;
        w.m_kindGroup = new QButtonGroup(this);
        const QList<QPair<Kind, QString>> names{{Kind::Group, tr("&Group")}, {Kind::User, tr("&User")},
                                                {Kind::Token, tr("API &token")}};
        for (const auto &[kind, label] : names) {
            auto *radio = new QRadioButton(label, this);
            w.m_kindGroup->addButton(radio, int(kind));
            kinds->addWidget(radio);
        }
        w.m_kindGroup->button(int(Kind::Group))->setChecked(true);
        kinds->addStretch(1);
        layout->addLayout(kinds);
        w.m_who = new QComboBox(this);
        w.m_who->setEditable(true);
        w.m_who->setAccessibleName(tr("User, group or token"));
        layout->addWidget(w.m_who);
        layout->addWidget(new QLabel(tr("Effective privileges:"), this));
        w.m_preview = new QPlainTextEdit(this);
        w.m_preview->setReadOnly(true);
        w.m_preview->setAccessibleName(tr("Effective privileges preview"));
        layout->addWidget(w.m_preview, 1);
        w.m_result = new QLabel(this);
        w.m_result->setWordWrap(true);
        layout->addWidget(w.m_result);
        connect(w.m_kindGroup, &QButtonGroup::idToggled, this, [this](int, bool on) {
            if (on)
                fill();
        });
        connect(w.m_who, &QComboBox::currentTextChanged, this, [this] {
            m_w.updatePreview();
            emit completeChanged();
        });
    }
    void initializePage() override { fill(); }
    bool isComplete() const override { return !m_w.m_who->currentText().trimmed().isEmpty(); }

    void fill()
    {
        const QSignalBlocker block(m_w.m_who);
        m_w.m_who->clear();
        const QJsonArray &list = m_w.kind() == Kind::User ? m_w.m_users
                               : m_w.kind() == Kind::Group ? m_w.m_groups
                                                           : m_w.m_tokens;
        const char *key = m_w.kind() == Kind::User ? "userid" : m_w.kind() == Kind::Group ? "groupid" : "tokenid";
        QStringList names;
        for (const QJsonValue &v : list)
            names.append(v.toObject().value(QLatin1String(key)).toString());
        names.sort();
        m_w.m_who->addItems(names);
        m_w.updatePreview();
        emit completeChanged();
    }

private:
    AddPermissionWizard &m_w;
};

AddPermissionWizard::AddPermissionWizard(ClusterSession &session, QWidget *parent)
    : QWizard(parent)
    , m_session(&session)
{
    setWindowTitle(tr("Add permission"));
    setOption(QWizard::NoBackButtonOnStartPage);
    nameWizardButtons(*this);
    setPage(PathPage, new PathStep(*this));
    setPage(RolePage, new RoleStep(*this));
    setPage(WhoPage, new WhoStep(*this));
    resize(640, 480);
    load();
}

QStringList AddPermissionWizard::candidatePaths(const ClusterSession &session)
{
    QStringList paths{QStringLiteral("/"), QStringLiteral("/access"), QStringLiteral("/access/groups"),
                      QStringLiteral("/nodes"), QStringLiteral("/vms"), QStringLiteral("/storage"),
                      QStringLiteral("/pool"), QStringLiteral("/sdn")};
    QStringList live;
    for (const auto &r : session.resources()) {
        switch (r.type) {
        case model::ResourceType::Node:
            if (r.node)
                live.append(QStringLiteral("/nodes/") + r.node->toString());
            break;
        case model::ResourceType::Qemu:
        case model::ResourceType::Lxc:
            if (r.vmid)
                live.append(QStringLiteral("/vms/") + r.vmid->toString());
            break;
        case model::ResourceType::Storage:
            if (r.storage)
                live.append(QStringLiteral("/storage/") + *r.storage);
            break;
        case model::ResourceType::Pool:
            if (r.pool)
                live.append(QStringLiteral("/pool/") + *r.pool);
            break;
        default:
            break;
        }
    }
    live.removeDuplicates();
    live.sort();
    return paths + live;
}

void AddPermissionWizard::load()
{
    struct Source {
        QString path;
        QJsonArray AddPermissionWizard::*into;
    };
    const QList<Source> sources{{QStringLiteral("/access/users"), &AddPermissionWizard::m_users},
                                {QStringLiteral("/access/groups"), &AddPermissionWizard::m_groups},
                                {QStringLiteral("/access/roles"), &AddPermissionWizard::m_roles},
                                {QStringLiteral("/access/acl"), &AddPermissionWizard::m_acl}};
    m_pendingLoads = int(sources.size());
    for (const Source &s : sources) {
        QJsonObject params;
        if (s.path == QLatin1String("/access/users"))
            params.insert(QStringLiteral("full"), 1); // with each user's tokens
        m_session->client().get(s.path, params).then(this, [this, s](const Result<QJsonValue> &r) {
            if (r)
                this->*(s.into) = r->toArray();
            if (--m_pendingLoads > 0)
                return;
            for (const QJsonValue &u : m_users)
                for (const QJsonValue &t : u.toObject().value(QLatin1String("tokens")).toArray())
                    m_tokens.append(QJsonObject{{QStringLiteral("tokenid"),
                                                 u.toObject().value(QLatin1String("userid")).toString() + QLatin1Char('!')
                                                     + t.toObject().value(QLatin1String("tokenid")).toString()}});
            QStringList roles;
            QHash<QString, QString> privileges;
            for (const QJsonValue &v : m_roles) {
                const QJsonObject o = v.toObject();
                roles.append(o.value(QLatin1String("roleid")).toString());
                privileges.insert(roles.last(), o.value(QLatin1String("privs")).toString());
            }
            roles.sort();
            for (const QString &role : roles)
                m_role->addItem(role, privileges.value(role));
            const int admin = m_role->findText(QStringLiteral("PVEAuditor"));
            m_role->setCurrentIndex(admin >= 0 ? admin : 0);
            if (currentId() == WhoPage)
                static_cast<WhoStep *>(page(WhoPage))->fill();
        });
    }
}

QString AddPermissionWizard::path() const
{
    return access::AccessControl::normalizePath(m_path->currentText()).value_or(m_path->currentText());
}

QString AddPermissionWizard::role() const
{
    return m_role->currentText();
}

AddPermissionWizard::Kind AddPermissionWizard::kind() const
{
    return Kind(m_kindGroup->checkedId());
}

QString AddPermissionWizard::ugid() const
{
    return m_who->currentText().trimmed();
}

bool AddPermissionWizard::propagate() const
{
    return m_propagate->isChecked();
}

QString AddPermissionWizard::previewText() const
{
    return m_preview->toPlainText();
}

void AddPermissionWizard::updatePreview()
{
    if (ugid().isEmpty() || m_pendingLoads > 0) {
        m_preview->clear();
        return;
    }
    const AccessPreview preview(m_users, m_groups, m_roles, m_acl);
    AccessPreview::Entry entry;
    entry.path = path();
    entry.ugid = ugid();
    entry.isGroup = kind() == Kind::Group;
    entry.isToken = kind() == Kind::Token;
    entry.roleid = role();
    entry.propagate = propagate();
    auto privileges = [&](const std::optional<AccessPreview::Entry> &extra) {
        return kind() == Kind::Group ? preview.groupPrivileges(ugid(), path(), extra)
                                     : preview.privileges(ugid(), path(), extra);
    };
    const QStringList before = privileges(std::nullopt);
    const QStringList after = privileges(entry);
    QStringList added, lost;
    for (const QString &p : after)
        if (!before.contains(p))
            added.append(p);
    // Proxmox semantics: entries on a deeper path replace inherited ones, so a
    // new, narrower role can take privileges away. Say so before it happens.
    for (const QString &p : before)
        if (!after.contains(p))
            lost.append(p);
    QStringList lines;
    const QString who = kind() == Kind::Group ? tr("Members of group %1").arg(ugid()) : ugid();
    lines << tr("%1 on %2 after this change:").arg(who, path());
    lines << (after.isEmpty() ? tr("  no privileges") : QLatin1String("  ") + after.join(QLatin1String(", ")));
    lines << QString();
    lines << tr("New with this change: %1").arg(added.isEmpty() ? tr("nothing") : added.join(QLatin1String(", ")));
    if (!lost.isEmpty())
        lines << tr("⚠ Lost with this change (this path's entries replace the inherited ones): %1")
                     .arg(lost.join(QLatin1String(", ")));
    lines << tr("Before: %1").arg(before.isEmpty() ? tr("no privileges") : before.join(QLatin1String(", ")));
    if (kind() == Kind::Token)
        lines << tr("A token with privilege separation never gets more than its user has.");
    m_preview->setPlainText(lines.join(QLatin1Char('\n')));
}

void AddPermissionWizard::accept()
{
    if (m_busy || !m_session)
        return;
    m_busy = true;
    button(QWizard::FinishButton)->setEnabled(false);
    const char *field = kind() == Kind::User ? "users" : kind() == Kind::Group ? "groups" : "tokens";
    const QJsonObject params{{QStringLiteral("path"), path()},
                             {QStringLiteral("roles"), role()},
                             {QLatin1String(field), ugid()},
                             {QStringLiteral("propagate"), propagate() ? 1 : 0}};
    m_session->client().put(QStringLiteral("/access/acl"), params).then(this, [this](const Result<QJsonValue> &r) {
        if (!r) {
            m_busy = false;
            button(QWizard::FinishButton)->setEnabled(true);
            m_result->setText(tr("Could not add the permission: %1").arg(r.error().message));
            return;
        }
        emit permissionAdded();
        QWizard::accept();
    });
}

} // namespace atalaia::ui
