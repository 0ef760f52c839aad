#include "CreateCtWizard.h"

#include "guests/BridgeCombo.h"
#include "guests/StorageCombo.h"
#include "guests/VolumeCombo.h"
#include "session/ClusterSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QWizardPage>

namespace atalaia::ui {

namespace {

// Proxmox's defaults and limits for a new container.
constexpr int kDefaultRootGiB = 8;
constexpr int kDefaultMemoryMiB = 512;
constexpr int kDefaultSwapMiB = 512;
constexpr int kMinPassword = 5;
constexpr qint64 kGiB = qint64(1) << 30;

const QString kError = QStringLiteral("color: #d32f2f");
const QString kWarning = QStringLiteral("color: #e65100");

QFormLayout *formOf(QWizardPage *page)
{
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

} // namespace

class CreateCtWizard::GeneralStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit GeneralStep(CreateCtWizard &w)
        : m_w(w)
    {
        setTitle(tr("General"));
        setSubTitle(tr("Where the container runs, its ID and host name, and how root logs in to it."));
        QFormLayout *form = formOf(this);
        w.addGeneralFields(form, this);
        w.m_hostname = new QLineEdit(this);
        w.m_hostname->setObjectName(QStringLiteral("hostname"));
        w.m_hostname->setPlaceholderText(tr("e.g. db1 (optional)"));
        w.m_unprivileged = new QCheckBox(tr("&Unprivileged container"), this);
        w.m_unprivileged->setObjectName(QStringLiteral("unprivileged"));
        w.m_unprivileged->setChecked(true);
        w.m_password = new QLineEdit(this);
        w.m_password->setObjectName(QStringLiteral("password"));
        w.m_password->setEchoMode(QLineEdit::Password);
        w.m_confirm = new QLineEdit(this);
        w.m_confirm->setObjectName(QStringLiteral("confirmPassword"));
        w.m_confirm->setEchoMode(QLineEdit::Password);
        w.m_sshKeys = new QPlainTextEdit(this);
        w.m_sshKeys->setObjectName(QStringLiteral("sshKeys"));
        w.m_sshKeys->setPlaceholderText(tr("ssh-ed25519 AAAA… (one key a line; optional with a password)"));
        w.m_sshKeys->setTabChangesFocus(true);
        w.m_sshKeys->setMaximumHeight(80);
        w.m_generalProblem = new QLabel(this);
        w.m_generalProblem->setObjectName(QStringLiteral("generalProblem"));
        w.m_generalProblem->setStyleSheet(kError);
        w.m_generalProblem->setWordWrap(true);
        form->addRow(tr("&Hostname:"), w.m_hostname);
        form->addRow(QString(), w.m_unprivileged);
        form->addRow(tr("&Password:"), w.m_password);
        form->addRow(tr("&Confirm password:"), w.m_confirm);
        form->addRow(tr("SSH public &keys:"), w.m_sshKeys);
        form->addRow(QString(), w.m_generalProblem);
        auto changed = [this] {
            m_w.m_generalProblem->setText(problem());
            emit completeChanged();
        };
        connect(w.m_hostname, &QLineEdit::textChanged, this, changed);
        connect(w.m_password, &QLineEdit::textChanged, this, changed);
        connect(w.m_confirm, &QLineEdit::textChanged, this, changed);
        connect(w.m_sshKeys, &QPlainTextEdit::textChanged, this, changed);
    }
    QString problem() const
    {
        if (const QString p = dnsNameProblem(m_w.hostname()); !p.isEmpty())
            return p;
        // Nothing typed yet is not an error worth red text.
        if (m_w.m_password->text().isEmpty() && m_w.m_confirm->text().isEmpty()
            && m_w.m_sshKeys->toPlainText().trimmed().isEmpty())
            return {};
        return m_w.credentialsProblem();
    }
    bool isComplete() const override
    {
        return m_w.generalComplete() && dnsNameProblem(m_w.hostname()).isEmpty() && m_w.credentialsProblem().isEmpty();
    }

private:
    CreateCtWizard &m_w;
};

class CreateCtWizard::TemplateStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit TemplateStep(CreateCtWizard &w)
        : m_w(w)
    {
        setTitle(tr("Template"));
        setSubTitle(tr("The container's root file system starts as a copy of a template."));
        QFormLayout *form = formOf(this);
        w.m_templateStorage = new StorageCombo(QStringLiteral("vztmpl"), this);
        w.m_templateStorage->setObjectName(QStringLiteral("templateStorage"));
        w.m_template = new VolumeCombo(QStringLiteral("vztmpl"), this);
        w.m_template->setObjectName(QStringLiteral("template"));
        w.m_templateState = new QLabel(this);
        w.m_templateState->setWordWrap(true);
        form->addRow(tr("&Storage:"), w.m_templateStorage);
        form->addRow(tr("&Template:"), w.m_template);
        form->addRow(QString(), w.m_templateState);
        connect(w.m_templateStorage, &StorageCombo::loaded, this, [this] { loadTemplates(); });
        connect(w.m_templateStorage, &QComboBox::currentIndexChanged, this, [this] { loadTemplates(); });
        connect(w.m_template, &VolumeCombo::loaded, this, [this] { updateState(); });
        connect(w.m_template, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_templateStorage->load(*m_w.m_session, m_w.node());
        updateState();
    }
    bool isComplete() const override { return !m_w.m_template->volumeId().isEmpty(); }

private:
    void loadTemplates()
    {
        if (m_w.m_session)
            m_w.m_template->load(*m_w.m_session, m_w.node(), m_w.m_templateStorage->storage());
        updateState();
    }
    void updateState()
    {
        QString text;
        if (m_w.m_templateStorage->isLoading() || m_w.m_template->isLoading())
            text = tr("Reading the node's storages…");
        else if (!m_w.m_templateStorage->error().isEmpty())
            text = tr("Cannot list the storages: %1").arg(m_w.m_templateStorage->error());
        else if (m_w.m_templateStorage->count() == 0)
            text = tr("No storage of %1 holds container templates.").arg(m_w.node());
        else if (!m_w.m_template->error().isEmpty())
            text = tr("Cannot list the templates: %1").arg(m_w.m_template->error());
        else if (m_w.m_template->count() == 0)
            text = tr("This storage has no template: download one to it first.");
        m_w.m_templateState->setText(text);
        emit completeChanged();
    }

    CreateCtWizard &m_w;
};

class CreateCtWizard::DisksStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit DisksStep(CreateCtWizard &w)
        : m_w(w)
    {
        setTitle(tr("Disks"));
        setSubTitle(tr("The container's root disk, a new volume on a storage of the node."));
        QFormLayout *form = formOf(this);
        w.m_rootStorage = new StorageCombo(QStringLiteral("rootdir"), this);
        w.m_rootStorage->setObjectName(QStringLiteral("rootStorage"));
        w.m_rootSize = new QSpinBox(this);
        w.m_rootSize->setObjectName(QStringLiteral("rootSize"));
        w.m_rootSize->setRange(1, 128 * 1024);
        w.m_rootSize->setValue(kDefaultRootGiB);
        w.m_rootSize->setSuffix(tr(" GiB"));
        w.m_diskState = new QLabel(this);
        w.m_diskState->setObjectName(QStringLiteral("diskState"));
        w.m_diskState->setWordWrap(true);
        form->addRow(tr("&Storage:"), w.m_rootStorage);
        form->addRow(tr("Disk si&ze:"), w.m_rootSize);
        form->addRow(QString(), w.m_diskState);
        auto changed = [this] { updateState(); };
        connect(w.m_rootStorage, &StorageCombo::loaded, this, changed);
        connect(w.m_rootStorage, &QComboBox::currentIndexChanged, this, changed);
        connect(w.m_rootSize, &QSpinBox::valueChanged, this, changed);
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_rootStorage->load(*m_w.m_session, m_w.node());
        updateState();
    }
    QString problem() const
    {
        if (m_w.m_rootStorage->isLoading())
            return {};
        if (!m_w.m_rootStorage->error().isEmpty())
            return tr("Cannot list the storages: %1").arg(m_w.m_rootStorage->error());
        if (m_w.m_rootStorage->count() == 0)
            return tr("No storage of %1 holds container disks.").arg(m_w.node());
        return {};
    }
    // Thin disks may be larger than the free space, as Proxmox allows: a warning.
    QString warning() const
    {
        const qint64 avail = m_w.m_rootStorage->avail();
        if (!m_w.m_rootStorage->isLoading() && avail >= 0 && qint64(m_w.m_rootSize->value()) * kGiB > avail)
            return tr("The storage has only %1 free: the disk can fill it up as the container writes.")
                .arg(QLocale().formattedDataSize(avail));
        return {};
    }
    bool isComplete() const override
    {
        return !m_w.m_rootStorage->isLoading() && !m_w.m_rootStorage->storage().isEmpty() && problem().isEmpty();
    }

private:
    void updateState()
    {
        const QString p = problem();
        m_w.m_diskState->setStyleSheet(!p.isEmpty() ? kError : !warning().isEmpty() ? kWarning : QString());
        m_w.m_diskState->setText(m_w.m_rootStorage->isLoading() ? tr("Reading the node's storages…")
                                 : !p.isEmpty()                 ? p
                                                                : warning());
        emit completeChanged();
    }

    CreateCtWizard &m_w;
};

class CreateCtWizard::CpuStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit CpuStep(CreateCtWizard &w)
    {
        setTitle(tr("CPU"));
        setSubTitle(tr("How many of the node's cores the container may use."));
        QFormLayout *form = formOf(this);
        w.m_cores = new QSpinBox(this);
        w.m_cores->setObjectName(QStringLiteral("cores"));
        w.m_cores->setRange(1, 8192);
        form->addRow(tr("&Cores:"), w.m_cores);
    }
};

class CreateCtWizard::MemoryStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit MemoryStep(CreateCtWizard &w)
    {
        setTitle(tr("Memory"));
        setSubTitle(tr("The container's memory and swap, in MiB."));
        QFormLayout *form = formOf(this);
        w.m_memory = new QSpinBox(this);
        w.m_memory->setObjectName(QStringLiteral("memory"));
        w.m_memory->setRange(16, 4 * 1024 * 1024);
        w.m_memory->setSingleStep(256);
        w.m_memory->setValue(kDefaultMemoryMiB);
        w.m_memory->setSuffix(tr(" MiB"));
        w.m_swap = new QSpinBox(this);
        w.m_swap->setObjectName(QStringLiteral("swap"));
        w.m_swap->setRange(0, 4 * 1024 * 1024);
        w.m_swap->setSingleStep(256);
        w.m_swap->setValue(kDefaultSwapMiB);
        w.m_swap->setSuffix(tr(" MiB"));
        form->addRow(tr("&Memory:"), w.m_memory);
        form->addRow(tr("S&wap:"), w.m_swap);
    }
};

class CreateCtWizard::NetworkStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateCtWizard)

public:
    explicit NetworkStep(CreateCtWizard &w)
        : m_w(w)
    {
        setTitle(tr("Network"));
        setSubTitle(tr("The container's eth0, plugged into a bridge of the node."));
        QFormLayout *form = formOf(this);
        w.m_bridge = new BridgeCombo(this);
        w.m_bridge->setObjectName(QStringLiteral("bridge"));
        w.m_vlan = new QSpinBox(this);
        w.m_vlan->setObjectName(QStringLiteral("vlan"));
        w.m_vlan->setRange(0, 4094);
        w.m_vlan->setSpecialValueText(tr("no VLAN"));
        w.m_firewall = new QCheckBox(tr("&Firewall"), this);
        w.m_firewall->setObjectName(QStringLiteral("firewall"));
        w.m_firewall->setChecked(true);
        w.m_dhcp = new QRadioButton(tr("&DHCP"), this);
        w.m_dhcp->setObjectName(QStringLiteral("dhcp"));
        w.m_dhcp->setChecked(true);
        w.m_static = new QRadioButton(tr("S&tatic"), this);
        w.m_static->setObjectName(QStringLiteral("static"));
        w.m_ipv4 = new QLineEdit(this);
        w.m_ipv4->setObjectName(QStringLiteral("ipv4"));
        w.m_ipv4->setPlaceholderText(tr("e.g. 10.0.0.5/24"));
        w.m_gateway = new QLineEdit(this);
        w.m_gateway->setObjectName(QStringLiteral("gateway"));
        w.m_gateway->setPlaceholderText(tr("e.g. 10.0.0.1 (optional)"));
        w.m_ipv6 = new QComboBox(this);
        w.m_ipv6->setObjectName(QStringLiteral("ipv6"));
        w.m_ipv6->addItem(tr("None"), QString());
        w.m_ipv6->addItem(tr("DHCP"), QStringLiteral("dhcp"));
        w.m_ipv6->addItem(tr("SLAAC"), QStringLiteral("auto"));
        w.m_networkProblem = new QLabel(this);
        w.m_networkProblem->setObjectName(QStringLiteral("networkProblem"));
        w.m_networkProblem->setStyleSheet(kError);
        w.m_networkProblem->setWordWrap(true);
        auto *ipv4Mode = new QHBoxLayout;
        ipv4Mode->addWidget(w.m_dhcp);
        ipv4Mode->addWidget(w.m_static);
        ipv4Mode->addStretch(1);
        form->addRow(tr("Name:"), new QLabel(QStringLiteral("eth0"), this));
        form->addRow(tr("&Bridge:"), w.m_bridge);
        form->addRow(tr("&VLAN tag:"), w.m_vlan);
        form->addRow(QString(), w.m_firewall);
        form->addRow(tr("IPv4:"), ipv4Mode);
        form->addRow(tr("IPv4/C&IDR:"), w.m_ipv4);
        form->addRow(tr("&Gateway (IPv4):"), w.m_gateway);
        form->addRow(tr("IPv&6:"), w.m_ipv6);
        form->addRow(QString(), w.m_networkProblem);
        auto changed = [this] {
            m_w.m_ipv4->setEnabled(m_w.m_static->isChecked());
            m_w.m_gateway->setEnabled(m_w.m_static->isChecked());
            m_w.m_networkProblem->setText(m_w.m_ipv4->text().isEmpty() ? QString() : m_w.networkProblem());
            emit completeChanged();
        };
        connect(w.m_static, &QRadioButton::toggled, this, changed);
        connect(w.m_ipv4, &QLineEdit::textChanged, this, changed);
        connect(w.m_gateway, &QLineEdit::textChanged, this, changed);
        connect(w.m_bridge, &QComboBox::currentTextChanged, this, changed);
        changed();
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_bridge->load(*m_w.m_session, m_w.node());
    }
    bool isComplete() const override { return m_w.networkProblem().isEmpty(); }

private:
    CreateCtWizard &m_w;
};

CreateCtWizard::CreateCtWizard(ClusterSession &session, const QString &preferredNode, QWidget *parent)
    : GuestCreateWizard(session, QStringLiteral("lxc"), preferredNode, parent)
{
    setWindowTitle(tr("Create container"));
    setPage(GeneralPage, new GeneralStep(*this));
    setPage(TemplatePage, new TemplateStep(*this));
    setPage(DisksPage, new DisksStep(*this));
    setPage(CpuPage, new CpuStep(*this));
    setPage(MemoryPage, new MemoryStep(*this));
    setPage(NetworkPage, new NetworkStep(*this));
    addFinalPages(ConfirmPage, ProgressPage);
    resize(720, 580);
}

QString CreateCtWizard::guestLabel() const
{
    return tr("CT %1").arg(vmid());
}

void CreateCtWizard::nodeChanged()
{
    if (m_templateStorage)
        m_templateStorage->clear();
    if (m_rootStorage)
        m_rootStorage->clear();
}

QString CreateCtWizard::hostname() const
{
    return m_hostname->text().trimmed();
}

QString CreateCtWizard::credentialsProblem() const
{
    const QString password = m_password->text();
    const bool keys = !m_sshKeys->toPlainText().trimmed().isEmpty();
    if (password.isEmpty() && !keys)
        return tr("Give root a password, or an SSH public key to log in with.");
    if (!password.isEmpty() && password.size() < kMinPassword)
        return tr("The password has at least %n characters.", nullptr, kMinPassword);
    if (password != m_confirm->text())
        return tr("The passwords differ.");
    if (keys) {
        for (const QString &line : m_sshKeys->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QString key = line.trimmed();
            if (!key.isEmpty() && !key.startsWith(QLatin1Char('#'))
                && !(key.startsWith(QLatin1String("ssh-")) || key.startsWith(QLatin1String("ecdsa-"))
                     || key.startsWith(QLatin1String("sk-"))))
                return tr("'%1…' is not an SSH public key (ssh-ed25519 …, ssh-rsa …, ecdsa-…).").arg(key.left(16));
        }
    }
    return {};
}

QString CreateCtWizard::networkProblem() const
{
    if (m_bridge->bridge().isEmpty())
        return tr("Choose the bridge to plug eth0 into.");
    if (!m_static->isChecked())
        return {};
    const QString cidr = m_ipv4->text().trimmed();
    const auto subnet = QHostAddress::parseSubnet(cidr);
    if (!cidr.contains(QLatin1Char('/')) || subnet.first.isNull()
        || subnet.first.protocol() != QAbstractSocket::IPv4Protocol)
        return tr("Give the address with its prefix length, e.g. 10.0.0.5/24.");
    const QString gw = m_gateway->text().trimmed();
    if (!gw.isEmpty()) {
        const QHostAddress gateway(gw);
        if (gateway.isNull() || gateway.protocol() != QAbstractSocket::IPv4Protocol)
            return tr("'%1' is not an IPv4 address.").arg(gw);
        if (!gateway.isInSubnet(subnet))
            return tr("The gateway %1 is not in %2.").arg(gw, cidr);
    }
    return {};
}

QString CreateCtWizard::netValue() const
{
    QString v = QStringLiteral("name=eth0,bridge=%1").arg(m_bridge->bridge());
    if (m_static->isChecked()) {
        v += QStringLiteral(",ip=") + m_ipv4->text().trimmed();
        if (!m_gateway->text().trimmed().isEmpty())
            v += QStringLiteral(",gw=") + m_gateway->text().trimmed();
    } else {
        v += QStringLiteral(",ip=dhcp");
    }
    if (const QString six = m_ipv6->currentData().toString(); !six.isEmpty())
        v += QStringLiteral(",ip6=") + six;
    if (m_vlan->value() > 0)
        v += QStringLiteral(",tag=%1").arg(m_vlan->value());
    if (m_firewall->isChecked())
        v += QStringLiteral(",firewall=1");
    return v;
}

QJsonObject CreateCtWizard::parameters() const
{
    QJsonObject p{{QStringLiteral("ostemplate"), m_template->volumeId()},
                  {QStringLiteral("rootfs"), QStringLiteral("%1:%2").arg(m_rootStorage->storage()).arg(m_rootSize->value())},
                  {QStringLiteral("cores"), m_cores->value()},
                  {QStringLiteral("memory"), m_memory->value()},
                  {QStringLiteral("swap"), m_swap->value()},
                  {QStringLiteral("net0"), netValue()},
                  {QStringLiteral("unprivileged"), m_unprivileged->isChecked() ? 1 : 0}};
    if (!hostname().isEmpty())
        p.insert(QStringLiteral("hostname"), hostname());
    if (!m_password->text().isEmpty())
        p.insert(QStringLiteral("password"), m_password->text());
    if (const QString keys = m_sshKeys->toPlainText().trimmed(); !keys.isEmpty())
        p.insert(QStringLiteral("ssh-public-keys"), keys);
    return p;
}

QList<QPair<QString, QString>> CreateCtWizard::summaryRows() const
{
    QList<QPair<QString, QString>> rows{{tr("Node"), node()}, {tr("CT ID"), QString::number(vmid())}};
    const QJsonObject p = parameters();
    for (auto it = p.begin(); it != p.end(); ++it) {
        QString value = it.value().isDouble() ? QString::number(it.value().toInteger()) : it.value().toString();
        if (it.key() == QLatin1String("password"))
            value = tr("(set)"); // never on screen
        rows.append({it.key(), value});
    }
    return rows;
}

} // namespace atalaia::ui
