#include "AddUserWizard.h"
#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QAbstractButton>
#include <QCoreApplication>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

namespace {

// Proxmox's user name rule (pve-userid): no '@', ':' or whitespace, at most 60 characters.
const QRegularExpression kUserName(QStringLiteral("^[^\\s:/@]{1,60}$"));

QStringList nodesOf(const ClusterSession &session)
{
    QStringList nodes;
    for (const auto &r : session.resources())
        if (r.type == model::ResourceType::Node && r.node)
            nodes.append(r.node->toString());
    nodes.sort();
    return nodes;
}

} // namespace

class AddUserWizard::NameStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddUserWizard)

public:
    explicit NameStep(AddUserWizard &w)
        : m_w(w)
    {
        setTitle(tr("User name and realm"));
        setSubTitle(tr("Linux PAM users log in with their account's password on the nodes; "
                       "Atalaia users have a password kept by the cluster."));
        auto *form = new QFormLayout(this);
        w.m_name = new QLineEdit(this);
        w.m_name->setPlaceholderText(tr("e.g. roma"));
        w.m_realm = new QComboBox(this);
        w.m_realm->addItem(tr("Atalaia / Proxmox VE authentication server (pve)"), QStringLiteral("pve"));
        w.m_realm->addItem(tr("Linux PAM standard authentication (pam)"), QStringLiteral("pam"));
        m_hint = new QLabel(this);
        m_hint->setWordWrap(true);
        form->addRow(tr("User &name:"), w.m_name);
        form->addRow(tr("&Realm:"), w.m_realm);
        form->addRow(QString(), m_hint);
        connect(w.m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
        connect(w.m_name, &QLineEdit::textChanged, this, [this] { m_hint->setText(problem()); });
    }
    QString problem() const
    {
        const QString name = m_w.m_name->text();
        if (name.isEmpty())
            return {};
        if (!kUserName.match(name).hasMatch())
            return tr("A user name has 1 to 60 characters and no spaces, ':', '/' or '@'.");
        return {};
    }
    bool isComplete() const override { return !m_w.m_name->text().isEmpty() && problem().isEmpty(); }

private:
    AddUserWizard &m_w;
    QLabel *m_hint = nullptr;
};

class AddUserWizard::AccountStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddUserWizard)

public:
    explicit AccountStep(AddUserWizard &w)
        : m_w(w)
    {
        setTitle(tr("Account"));
        auto *layout = new QVBoxLayout(this);
        m_pveForm = new QWidget(this);
        auto *form = new QFormLayout(m_pveForm);
        form->setContentsMargins(0, 0, 0, 0);
        w.m_password = new QLineEdit(this);
        w.m_password->setEchoMode(QLineEdit::Password);
        w.m_confirm = new QLineEdit(this);
        w.m_confirm->setEchoMode(QLineEdit::Password);
        w.m_strength = new QLabel(this);
        form->addRow(tr("&Password:"), w.m_password);
        form->addRow(tr("&Confirm password:"), w.m_confirm);
        form->addRow(tr("Strength:"), w.m_strength);
        layout->addWidget(m_pveForm);
        w.m_pamStatus = new QLabel(this);
        w.m_pamStatus->setWordWrap(true);
        w.m_createAccount = new QCheckBox(this);
        layout->addWidget(w.m_pamStatus);
        layout->addWidget(w.m_createAccount);
        layout->addStretch(1);
        for (QLineEdit *e : {w.m_password, w.m_confirm})
            connect(e, &QLineEdit::textChanged, this, [this] {
                const int s = passwordStrength(m_w.m_password->text());
                m_w.m_strength->setText(m_w.m_password->text().isEmpty() ? QString() : strengthText(s));
                emit completeChanged();
            });
    }
    void initializePage() override
    {
        const bool pam = m_w.realm() == QLatin1String("pam");
        m_pveForm->setVisible(!pam);
        m_w.m_pamStatus->setVisible(pam);
        m_w.m_createAccount->setVisible(false);
        setSubTitle(pam ? tr("The user logs in with the password of its Linux account on the nodes.")
                        : tr("Choose the user's password. It is stored as a yescrypt hash, never as text."));
        if (pam)
            checkAccounts();
    }
    bool isComplete() const override
    {
        if (m_w.realm() == QLatin1String("pam"))
            return m_w.m_accountChecked;
        const QString p = m_w.m_password->text();
        return p.size() >= 8 && p == m_w.m_confirm->text();
    }

private:
    void checkAccounts()
    {
        m_w.m_accountChecked = false;
        m_w.m_nodesWithoutAccount.clear();
        const QStringList nodes = nodesOf(*m_w.m_session);
        m_pending = int(nodes.size());
        m_w.m_pamStatus->setText(tr("Checking whether the Linux account '%1' exists on the nodes…")
                                     .arg(m_w.m_name->text()));
        if (nodes.isEmpty())
            return finish();
        for (const QString &node : nodes) {
            const QString path = QStringLiteral("/atalaia/nodes/%1/system-account/%2").arg(node, m_w.m_name->text());
            m_w.m_session->client().get(path).then(this, [this, node](const Result<QJsonValue> &r) {
                // A server without our extension (Proxmox VE) cannot tell: say so rather than guess.
                if (!r)
                    m_unknown.append(node);
                else if (r->toObject().value(QLatin1String("exists")).toInt() == 0)
                    m_w.m_nodesWithoutAccount.append(node);
                if (--m_pending == 0)
                    finish();
            });
        }
    }
    void finish()
    {
        m_w.m_accountChecked = true;
        QString text;
        if (m_w.m_nodesWithoutAccount.isEmpty() && m_unknown.isEmpty()) {
            text = tr("✔ The Linux account '%1' exists on every node.").arg(m_w.m_name->text());
        } else {
            if (!m_w.m_nodesWithoutAccount.isEmpty())
                text = tr("The Linux account '%1' does not exist on: %2. Without it the user cannot log in.")
                           .arg(m_w.m_name->text(), m_w.m_nodesWithoutAccount.join(QLatin1String(", ")));
            if (!m_unknown.isEmpty())
                text += QLatin1Char(' ') + tr("Could not check: %1.").arg(m_unknown.join(QLatin1String(", ")));
        }
        m_w.m_pamStatus->setText(text);
        m_w.m_createAccount->setVisible(!m_w.m_nodesWithoutAccount.isEmpty());
        m_w.m_createAccount->setText(tr("Create the Linux account on %1 (without a password: set one there with passwd)")
                                         .arg(m_w.m_nodesWithoutAccount.join(QLatin1String(", "))));
        m_w.m_createAccount->setChecked(true);
        m_unknown.clear();
        emit completeChanged();
    }

    AddUserWizard &m_w;
    QWidget *m_pveForm = nullptr;
    int m_pending = 0;
    QStringList m_unknown;
};

class AddUserWizard::DetailsStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddUserWizard)

public:
    explicit DetailsStep(AddUserWizard &w)
        : m_w(w)
    {
        setTitle(tr("Groups and details"));
        setSubTitle(tr("Permissions given to a group apply to all of its members."));
        auto *form = new QFormLayout(this);
        w.m_groups = new QListWidget(this);
        w.m_groups->setAccessibleName(tr("Groups"));
        w.m_groups->setMaximumHeight(120);
        w.m_enabled = new QCheckBox(tr("&Enabled"), this);
        w.m_enabled->setChecked(true);
        w.m_neverExpires = new QCheckBox(tr("&Never expires"), this);
        w.m_neverExpires->setChecked(true);
        w.m_expire = new QDateEdit(QDate::currentDate().addYears(1), this);
        w.m_expire->setCalendarPopup(true);
        w.m_expire->setMinimumDate(QDate::currentDate().addDays(1));
        w.m_expire->setEnabled(false);
        w.m_email = new QLineEdit(this);
        w.m_comment = new QLineEdit(this);
        form->addRow(tr("&Groups:"), w.m_groups);
        form->addRow(QString(), w.m_enabled);
        form->addRow(tr("E&xpires:"), w.m_neverExpires);
        form->addRow(QString(), w.m_expire);
        form->addRow(tr("E-&mail:"), w.m_email);
        form->addRow(tr("&Comment:"), w.m_comment);
        connect(w.m_neverExpires, &QCheckBox::toggled, w.m_expire, [this](bool never) { m_w.m_expire->setEnabled(!never); });
    }
    void initializePage() override
    {
        if (m_loaded)
            return;
        m_loaded = true;
        m_w.m_session->client().get(QStringLiteral("/access/groups")).then(this, [this](const Result<QJsonValue> &r) {
            if (!r)
                return;
            for (const QJsonValue &g : r->toArray()) {
                auto *item = new QListWidgetItem(g.toObject().value(QLatin1String("groupid")).toString(), m_w.m_groups);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
            }
        });
    }

private:
    AddUserWizard &m_w;
    bool m_loaded = false;
};

class AddUserWizard::SummaryStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::AddUserWizard)

public:
    explicit SummaryStep(AddUserWizard &w)
        : m_w(w)
    {
        setTitle(tr("Summary"));
        setSubTitle(tr("Finish creates the user."));
        auto *layout = new QVBoxLayout(this);
        w.m_summary = new QPlainTextEdit(this);
        w.m_summary->setReadOnly(true);
        w.m_result = new QLabel(this);
        w.m_result->setWordWrap(true);
        layout->addWidget(w.m_summary);
        layout->addWidget(w.m_result);
    }
    void initializePage() override
    {
        m_w.m_summary->setPlainText(m_w.summaryText());
        m_w.m_result->clear();
    }

private:
    AddUserWizard &m_w;
};

AddUserWizard::AddUserWizard(ClusterSession &session, QWidget *parent)
    : QWizard(parent)
    , m_session(&session)
{
    setWindowTitle(tr("Add user"));
    setOption(QWizard::NoBackButtonOnStartPage);
    nameWizardButtons(*this);
    setPage(NamePage, new NameStep(*this));
    setPage(AccountPage, new AccountStep(*this));
    setPage(DetailsPage, new DetailsStep(*this));
    setPage(SummaryPage, new SummaryStep(*this));
    resize(620, 460);
}

QString AddUserWizard::realm() const
{
    return m_realm->currentData().toString();
}

QString AddUserWizard::userid() const
{
    return m_name->text() + QLatin1Char('@') + realm();
}

int AddUserWizard::passwordStrength(const QString &password)
{
    int classes = 0;
    for (const auto &test : {QStringLiteral("[a-z]"), QStringLiteral("[A-Z]"), QStringLiteral("[0-9]"),
                             QStringLiteral("[^a-zA-Z0-9]")})
        if (password.contains(QRegularExpression(test)))
            ++classes;
    int score = 0;
    if (password.size() >= 8)
        ++score;
    if (password.size() >= 12)
        ++score;
    if (password.size() >= 16)
        ++score;
    if (classes >= 3)
        ++score;
    return std::min(score, 4);
}

QString AddUserWizard::strengthText(int strength)
{
    switch (strength) {
    case 0:
        return tr("too short (at least 8 characters)");
    case 1:
        return tr("weak");
    case 2:
        return tr("fair");
    case 3:
        return tr("good");
    default:
        return tr("strong");
    }
}

QString AddUserWizard::summaryText() const
{
    QStringList groups;
    for (int i = 0; i < m_groups->count(); ++i)
        if (m_groups->item(i)->checkState() == Qt::Checked)
            groups.append(m_groups->item(i)->text());
    QStringList lines;
    lines << tr("User: %1").arg(userid());
    lines << tr("Groups: %1").arg(groups.isEmpty() ? tr("none") : groups.join(QLatin1String(", ")));
    lines << tr("Enabled: %1").arg(m_enabled->isChecked() ? tr("yes") : tr("no"));
    lines << tr("Expires: %1").arg(m_neverExpires->isChecked() ? tr("never")
                                                               : QLocale().toString(m_expire->date(), QLocale::ShortFormat));
    if (!m_email->text().isEmpty())
        lines << tr("E-mail: %1").arg(m_email->text());
    if (!m_comment->text().isEmpty())
        lines << tr("Comment: %1").arg(m_comment->text());
    if (realm() == QLatin1String("pam") && m_createAccount->isVisible() && m_createAccount->isChecked())
        lines << tr("Linux account to create on: %1").arg(m_nodesWithoutAccount.join(QLatin1String(", ")));
    return lines.join(QLatin1Char('\n'));
}

void AddUserWizard::accept()
{
    if (!m_busy)
        create();
}

void AddUserWizard::create()
{
    if (!m_session)
        return;
    m_busy = true;
    button(QWizard::FinishButton)->setEnabled(false);
    m_result->setText(tr("Creating %1…").arg(userid()));
    QJsonObject params{{QStringLiteral("userid"), userid()},
                       {QStringLiteral("enable"), m_enabled->isChecked() ? 1 : 0}};
    QStringList groups;
    for (int i = 0; i < m_groups->count(); ++i)
        if (m_groups->item(i)->checkState() == Qt::Checked)
            groups.append(m_groups->item(i)->text());
    if (!groups.isEmpty())
        params.insert(QStringLiteral("groups"), groups.join(QLatin1Char(',')));
    if (!m_neverExpires->isChecked())
        params.insert(QStringLiteral("expire"), QDateTime(m_expire->date(), QTime(0, 0)).toSecsSinceEpoch());
    if (!m_email->text().isEmpty())
        params.insert(QStringLiteral("email"), m_email->text());
    if (!m_comment->text().isEmpty())
        params.insert(QStringLiteral("comment"), m_comment->text());
    if (realm() == QLatin1String("pve"))
        params.insert(QStringLiteral("password"), m_password->text());
    const QStringList makeAccounts = realm() == QLatin1String("pam") && m_createAccount->isVisible()
                                         && m_createAccount->isChecked()
                                   ? m_nodesWithoutAccount
                                   : QStringList();
    m_session->client().post(QStringLiteral("/access/users"), params).then(this, [this, makeAccounts](const Result<QJsonValue> &r) {
        if (!r) {
            m_busy = false;
            button(QWizard::FinishButton)->setEnabled(true);
            m_result->setText(tr("Could not create the user: %1").arg(r.error().message));
            return;
        }
        for (const QString &node : makeAccounts)
            m_session->client().post(QStringLiteral("/atalaia/nodes/%1/system-account").arg(node),
                                     {{QStringLiteral("userid"), userid()}});
        emit userCreated(userid());
        m_session->refreshSoon();
        QWizard::accept();
    });
}

} // namespace atalaia::ui
