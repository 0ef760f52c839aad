#include "AddGroupWizard.h"
#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

namespace {
// Proxmox's pve-groupid format.
const QRegularExpression kGroupId(QStringLiteral("^[A-Za-z0-9.\\-_]+$"));
}

class AddGroupWizard::NameStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddGroupWizard)

public:
    explicit NameStep(AddGroupWizard &w)
        : m_w(w)
    {
        setTitle(tr("Group"));
        setSubTitle(tr("Give permissions to groups rather than to single users: membership is easier to change."));
        auto *form = new QFormLayout(this);
        w.m_name = new QLineEdit(this);
        w.m_name->setPlaceholderText(tr("e.g. GroupUserManage"));
        w.m_comment = new QLineEdit(this);
        m_hint = new QLabel(this);
        m_hint->setWordWrap(true);
        form->addRow(tr("&Name:"), w.m_name);
        form->addRow(tr("&Comment:"), w.m_comment);
        form->addRow(QString(), m_hint);
        connect(w.m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
            m_hint->setText(text.isEmpty() || kGroupId.match(text).hasMatch()
                                ? QString()
                                : tr("A group name has only letters, digits, '.', '-' and '_'."));
            emit completeChanged();
        });
    }
    bool isComplete() const override { return kGroupId.match(m_w.m_name->text()).hasMatch(); }

private:
    AddGroupWizard &m_w;
    QLabel *m_hint = nullptr;
};

class AddGroupWizard::MembersStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddGroupWizard)

public:
    explicit MembersStep(AddGroupWizard &w)
        : m_w(w)
    {
        setTitle(tr("Members"));
        setSubTitle(tr("Check the users that belong to the group. You can change this later."));
        auto *layout = new QVBoxLayout(this);
        w.m_members = new QListWidget(this);
        w.m_members->setAccessibleName(tr("Members"));
        w.m_result = new QLabel(this);
        w.m_result->setWordWrap(true);
        layout->addWidget(w.m_members);
        layout->addWidget(w.m_result);
    }
    void initializePage() override
    {
        if (m_loaded)
            return;
        m_loaded = true;
        m_w.m_session->client().get(QStringLiteral("/access/users")).then(this, [this](const Result<QJsonValue> &r) {
            if (!r) {
                m_w.m_result->setText(tr("Cannot list the users: %1").arg(r.error().message));
                return;
            }
            QStringList users;
            for (const QJsonValue &u : r->toArray())
                users.append(u.toObject().value(QLatin1String("userid")).toString());
            users.sort();
            for (const QString &u : users) {
                auto *item = new QListWidgetItem(u, m_w.m_members);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
            }
        });
    }

private:
    AddGroupWizard &m_w;
    bool m_loaded = false;
};

AddGroupWizard::AddGroupWizard(ClusterSession &session, QWidget *parent)
    : QWizard(parent)
    , m_session(&session)
{
    setWindowTitle(tr("Add group"));
    setOption(QWizard::NoBackButtonOnStartPage);
    nameWizardButtons(*this);
    setPage(NamePage, new NameStep(*this));
    setPage(MembersPage, new MembersStep(*this));
    resize(560, 420);
}

QString AddGroupWizard::groupid() const
{
    return m_name->text();
}

QStringList AddGroupWizard::members() const
{
    QStringList out;
    for (int i = 0; i < m_members->count(); ++i)
        if (m_members->item(i)->checkState() == Qt::Checked)
            out.append(m_members->item(i)->text());
    return out;
}

void AddGroupWizard::accept()
{
    if (m_busy || !m_session)
        return;
    m_busy = true;
    button(QWizard::FinishButton)->setEnabled(false);
    m_result->setText(tr("Creating group %1…").arg(groupid()));
    QJsonObject params{{QStringLiteral("groupid"), groupid()}};
    if (!m_comment->text().isEmpty())
        params.insert(QStringLiteral("comment"), m_comment->text());
    m_session->client().post(QStringLiteral("/access/groups"), params).then(this, [this](const Result<QJsonValue> &r) {
        if (!r) {
            m_busy = false;
            button(QWizard::FinishButton)->setEnabled(true);
            m_result->setText(tr("Could not create the group: %1").arg(r.error().message));
            return;
        }
        addMembers(members());
    });
}

void AddGroupWizard::addMembers(QStringList remaining)
{
    if (remaining.isEmpty()) {
        emit groupCreated(groupid());
        QWizard::accept();
        return;
    }
    const QString user = remaining.takeFirst();
    m_session->client()
        .put(QStringLiteral("/access/users/%1").arg(user),
             {{QStringLiteral("groups"), groupid()}, {QStringLiteral("append"), 1}})
        .then(this, [this, user, remaining](const Result<QJsonValue> &r) {
            if (!r) {
                // The group exists now: say what is missing instead of failing silently.
                m_busy = false;
                m_result->setText(tr("The group was created, but %1 could not be added: %2")
                                      .arg(user, r.error().message));
                button(QWizard::FinishButton)->setEnabled(false);
                button(QWizard::CancelButton)->setText(tr("Close"));
                return;
            }
            addMembers(remaining);
        });
}

} // namespace atalaia::ui
