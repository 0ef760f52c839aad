#include "CreateVmWizard.h"

#include "guests/BridgeCombo.h"
#include "guests/StorageCombo.h"
#include "guests/VolumeCombo.h"
#include "session/ClusterSession.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWizardPage>

namespace atalaia::ui {

namespace {

// Proxmox's defaults for a new VM.
constexpr int kDefaultDiskGiB = 32;
constexpr int kDefaultMemoryMiB = 2048;
constexpr int kMinMemoryMiB = 16;
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

class CreateVmWizard::GeneralStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit GeneralStep(CreateVmWizard &w)
        : m_w(w)
    {
        setTitle(tr("General"));
        setSubTitle(tr("Where the virtual machine runs, its ID in the cluster and its name."));
        QFormLayout *form = formOf(this);
        w.addGeneralFields(form, this);
        w.m_name = new QLineEdit(this);
        w.m_name->setObjectName(QStringLiteral("name"));
        w.m_name->setPlaceholderText(tr("e.g. web1 (optional)"));
        w.m_nameProblem = new QLabel(this);
        w.m_nameProblem->setStyleSheet(kError);
        w.m_nameProblem->setWordWrap(true);
        form->addRow(tr("N&ame:"), w.m_name);
        form->addRow(QString(), w.m_nameProblem);
        connect(w.m_name, &QLineEdit::textChanged, this, [this] {
            m_w.m_nameProblem->setText(dnsNameProblem(m_w.name()));
            emit completeChanged();
        });
    }
    bool isComplete() const override { return m_w.generalComplete() && dnsNameProblem(m_w.name()).isEmpty(); }

private:
    CreateVmWizard &m_w;
};

class CreateVmWizard::OsStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit OsStep(CreateVmWizard &w)
        : m_w(w)
    {
        setTitle(tr("OS"));
        setSubTitle(tr("The installation medium in the VM's CD/DVD drive, and the kind of guest operating system."));
        QFormLayout *form = formOf(this);
        w.m_useIso = new QRadioButton(tr("&Use a CD/DVD disc image file (ISO)"), this);
        w.m_useIso->setObjectName(QStringLiteral("useIso"));
        w.m_noMedia = new QRadioButton(tr("&Do not use any media"), this);
        w.m_noMedia->setObjectName(QStringLiteral("noMedia"));
        w.m_useIso->setChecked(true);
        w.m_isoStorage = new StorageCombo(QStringLiteral("iso"), this);
        w.m_isoStorage->setObjectName(QStringLiteral("isoStorage"));
        w.m_iso = new VolumeCombo(QStringLiteral("iso"), this);
        w.m_iso->setObjectName(QStringLiteral("iso"));
        w.m_isoState = new QLabel(this);
        w.m_isoState->setWordWrap(true);
        w.m_osType = new QComboBox(this);
        w.m_osType->setObjectName(QStringLiteral("ostype"));
        w.m_osType->addItem(tr("Linux 6.x - 2.6 kernel"), QStringLiteral("l26"));
        w.m_osType->addItem(tr("Microsoft Windows 11/2022/2025"), QStringLiteral("win11"));
        w.m_osType->addItem(tr("Microsoft Windows 10/2016/2019"), QStringLiteral("win10"));
        w.m_osType->addItem(tr("Solaris kernel"), QStringLiteral("solaris"));
        w.m_osType->addItem(tr("Other"), QStringLiteral("other"));
        form->addRow(w.m_useIso);
        form->addRow(tr("&Storage:"), w.m_isoStorage);
        form->addRow(tr("ISO ima&ge:"), w.m_iso);
        form->addRow(QString(), w.m_isoState);
        form->addRow(w.m_noMedia);
        form->addRow(tr("Guest &OS:"), w.m_osType);
        connect(w.m_useIso, &QRadioButton::toggled, this, [this](bool on) {
            m_w.m_isoStorage->setEnabled(on);
            m_w.m_iso->setEnabled(on);
            emit completeChanged();
        });
        connect(w.m_isoStorage, &StorageCombo::loaded, this, [this] { loadIsos(); });
        connect(w.m_isoStorage, &QComboBox::currentIndexChanged, this, [this] { loadIsos(); });
        connect(w.m_iso, &VolumeCombo::loaded, this, [this] { updateState(); });
        connect(w.m_iso, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_isoStorage->load(*m_w.m_session, m_w.node());
        updateState();
    }
    bool isComplete() const override { return m_w.m_noMedia->isChecked() || !m_w.m_iso->volumeId().isEmpty(); }

private:
    void loadIsos()
    {
        if (m_w.m_session)
            m_w.m_iso->load(*m_w.m_session, m_w.node(), m_w.m_isoStorage->storage());
        updateState();
    }
    void updateState()
    {
        QString text;
        if (m_w.m_isoStorage->isLoading() || m_w.m_iso->isLoading())
            text = tr("Reading the node's storages…");
        else if (!m_w.m_isoStorage->error().isEmpty())
            text = tr("Cannot list the storages: %1").arg(m_w.m_isoStorage->error());
        else if (m_w.m_isoStorage->count() == 0)
            text = tr("No storage of %1 holds ISO images.").arg(m_w.node());
        else if (!m_w.m_iso->error().isEmpty())
            text = tr("Cannot list the images: %1").arg(m_w.m_iso->error());
        else if (m_w.m_iso->count() == 0)
            text = tr("This storage has no ISO image: upload one, or choose no media.");
        m_w.m_isoState->setText(text);
        emit completeChanged();
    }

    CreateVmWizard &m_w;
};

class CreateVmWizard::SystemStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit SystemStep(CreateVmWizard &w)
    {
        setTitle(tr("System"));
        setSubTitle(tr("The emulated machine, its firmware and the controller of its SCSI disks."));
        QFormLayout *form = formOf(this);
        w.m_machine = new QComboBox(this);
        w.m_machine->setObjectName(QStringLiteral("machine"));
        w.m_machine->addItem(tr("Default (i440fx)"), QStringLiteral("pc"));
        w.m_machine->addItem(QStringLiteral("q35"), QStringLiteral("q35"));
        w.m_bios = new QComboBox(this);
        w.m_bios->setObjectName(QStringLiteral("bios"));
        w.m_bios->addItem(tr("Default (SeaBIOS)"), QStringLiteral("seabios"));
        w.m_bios->addItem(tr("OVMF (UEFI)"), QStringLiteral("ovmf"));
        w.m_biosNote = new QLabel(tr("Without an EFI disk, settings made in the UEFI menus are lost when the VM stops."), this);
        w.m_biosNote->setWordWrap(true);
        w.m_biosNote->setVisible(false);
        w.m_scsihw = new QComboBox(this);
        w.m_scsihw->setObjectName(QStringLiteral("scsihw"));
        w.m_scsihw->addItem(tr("VirtIO SCSI single"), QStringLiteral("virtio-scsi-single"));
        w.m_scsihw->addItem(tr("VirtIO SCSI"), QStringLiteral("virtio-scsi-pci"));
        w.m_scsihw->addItem(tr("LSI 53C895A"), QStringLiteral("lsi"));
        w.m_scsihw->addItem(tr("MegaRAID SAS 8708EM2"), QStringLiteral("megasas"));
        form->addRow(tr("&Machine:"), w.m_machine);
        form->addRow(tr("&BIOS:"), w.m_bios);
        form->addRow(QString(), w.m_biosNote);
        form->addRow(tr("&SCSI controller:"), w.m_scsihw);
        connect(w.m_bios, &QComboBox::currentIndexChanged, this,
                [&w] { w.m_biosNote->setVisible(w.m_bios->currentData().toString() == QLatin1String("ovmf")); });
    }
};

class CreateVmWizard::DisksStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit DisksStep(CreateVmWizard &w)
        : m_w(w)
    {
        setTitle(tr("Disks"));
        setSubTitle(tr("The VM's first hard disk, a new volume on a storage of the node."));
        QFormLayout *form = formOf(this);
        w.m_bus = new QComboBox(this);
        w.m_bus->setObjectName(QStringLiteral("bus"));
        w.m_bus->addItem(QStringLiteral("SCSI"), QStringLiteral("scsi"));
        w.m_bus->addItem(QStringLiteral("VirtIO Block"), QStringLiteral("virtio"));
        w.m_bus->addItem(QStringLiteral("SATA"), QStringLiteral("sata"));
        w.m_bus->addItem(QStringLiteral("IDE"), QStringLiteral("ide"));
        w.m_diskStorage = new StorageCombo(QStringLiteral("images"), this);
        w.m_diskStorage->setObjectName(QStringLiteral("diskStorage"));
        w.m_diskSize = new QSpinBox(this);
        w.m_diskSize->setObjectName(QStringLiteral("diskSize"));
        w.m_diskSize->setRange(1, 128 * 1024);
        w.m_diskSize->setValue(kDefaultDiskGiB);
        w.m_diskSize->setSuffix(tr(" GiB"));
        w.m_format = new QComboBox(this);
        w.m_format->setObjectName(QStringLiteral("format"));
        w.m_format->addItem(tr("Raw disk image (raw)"), QStringLiteral("raw"));
        w.m_format->addItem(tr("QEMU image format (qcow2)"), QStringLiteral("qcow2"));
        w.m_diskState = new QLabel(this);
        w.m_diskState->setObjectName(QStringLiteral("diskState"));
        w.m_diskState->setWordWrap(true);
        form->addRow(tr("&Bus/Device:"), w.m_bus);
        form->addRow(tr("&Storage:"), w.m_diskStorage);
        form->addRow(tr("Disk si&ze:"), w.m_diskSize);
        form->addRow(tr("&Format:"), w.m_format);
        form->addRow(QString(), w.m_diskState);
        auto changed = [this] { updateState(); };
        connect(w.m_diskStorage, &StorageCombo::loaded, this, changed);
        connect(w.m_diskStorage, &QComboBox::currentIndexChanged, this, changed);
        connect(w.m_diskSize, &QSpinBox::valueChanged, this, changed);
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_diskStorage->load(*m_w.m_session, m_w.node());
        updateState();
    }
    QString problem() const
    {
        if (m_w.m_diskStorage->isLoading())
            return {};
        if (!m_w.m_diskStorage->error().isEmpty())
            return tr("Cannot list the storages: %1").arg(m_w.m_diskStorage->error());
        if (m_w.m_diskStorage->count() == 0)
            return tr("No storage of %1 holds disk images.").arg(m_w.node());
        return {};
    }
    // Thin disks (sparse files, Ceph images) may be larger than the free
    // space, as Proxmox allows: a warning, not a refusal.
    QString warning() const
    {
        const qint64 avail = m_w.m_diskStorage->avail();
        if (!m_w.m_diskStorage->isLoading() && avail >= 0 && qint64(m_w.m_diskSize->value()) * kGiB > avail)
            return tr("The storage has only %1 free: the disk can fill it up as the guest writes.")
                .arg(QLocale().formattedDataSize(avail));
        return {};
    }
    bool isComplete() const override
    {
        return !m_w.m_diskStorage->isLoading() && !m_w.m_diskStorage->storage().isEmpty() && problem().isEmpty();
    }

private:
    void updateState()
    {
        const QString p = problem();
        m_w.m_diskState->setStyleSheet(!p.isEmpty() ? kError : !warning().isEmpty() ? kWarning : QString());
        m_w.m_diskState->setText(m_w.m_diskStorage->isLoading() ? tr("Reading the node's storages…")
                                 : !p.isEmpty()                 ? p
                                                                : warning());
        emit completeChanged();
    }

    CreateVmWizard &m_w;
};

class CreateVmWizard::CpuStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit CpuStep(CreateVmWizard &w)
        : m_w(w)
    {
        setTitle(tr("CPU"));
        setSubTitle(tr("How many virtual processors the VM sees, and which CPU model they emulate."));
        QFormLayout *form = formOf(this);
        w.m_sockets = new QSpinBox(this);
        w.m_sockets->setObjectName(QStringLiteral("sockets"));
        w.m_sockets->setRange(1, 4);
        w.m_cores = new QSpinBox(this);
        w.m_cores->setObjectName(QStringLiteral("cores"));
        w.m_cores->setRange(1, 512);
        w.m_cpuType = new QComboBox(this);
        w.m_cpuType->setObjectName(QStringLiteral("cpuType"));
        w.m_cpuType->setEditable(true);
        w.m_cpuType->addItems({QStringLiteral("x86-64-v2-AES"), QStringLiteral("x86-64-v3"), QStringLiteral("host"),
                               QStringLiteral("kvm64"), QStringLiteral("qemu64")});
        w.m_cpuTotal = new QLabel(this);
        form->addRow(tr("&Sockets:"), w.m_sockets);
        form->addRow(tr("&Cores:"), w.m_cores);
        form->addRow(tr("Total cores:"), w.m_cpuTotal);
        form->addRow(tr("&Type:"), w.m_cpuType);
        auto total = [this] { m_w.m_cpuTotal->setText(QLocale().toString(m_w.m_sockets->value() * m_w.m_cores->value())); };
        connect(w.m_sockets, &QSpinBox::valueChanged, this, total);
        connect(w.m_cores, &QSpinBox::valueChanged, this, total);
        connect(w.m_cpuType, &QComboBox::currentTextChanged, this, &QWizardPage::completeChanged);
        total();
    }
    bool isComplete() const override { return !m_w.m_cpuType->currentText().trimmed().isEmpty(); }

private:
    CreateVmWizard &m_w;
};

class CreateVmWizard::MemoryStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit MemoryStep(CreateVmWizard &w)
    {
        setTitle(tr("Memory"));
        setSubTitle(tr("The VM's memory, in MiB."));
        QFormLayout *form = formOf(this);
        w.m_memory = new QSpinBox(this);
        w.m_memory->setObjectName(QStringLiteral("memory"));
        w.m_memory->setRange(kMinMemoryMiB, 4 * 1024 * 1024);
        w.m_memory->setSingleStep(256);
        w.m_memory->setValue(kDefaultMemoryMiB);
        w.m_memory->setSuffix(tr(" MiB"));
        form->addRow(tr("&Memory:"), w.m_memory);
    }
};

class CreateVmWizard::NetworkStep : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateVmWizard)

public:
    explicit NetworkStep(CreateVmWizard &w)
        : m_w(w)
    {
        setTitle(tr("Network"));
        setSubTitle(tr("The VM's first network card, plugged into a bridge of the node."));
        QFormLayout *form = formOf(this);
        w.m_noNetwork = new QCheckBox(tr("No &network device"), this);
        w.m_noNetwork->setObjectName(QStringLiteral("noNetwork"));
        w.m_bridge = new BridgeCombo(this);
        w.m_bridge->setObjectName(QStringLiteral("bridge"));
        w.m_model = new QComboBox(this);
        w.m_model->setObjectName(QStringLiteral("model"));
        w.m_model->addItem(tr("VirtIO (paravirtualized)"), QStringLiteral("virtio"));
        w.m_model->addItem(tr("Intel E1000"), QStringLiteral("e1000"));
        w.m_model->addItem(tr("Realtek RTL8139"), QStringLiteral("rtl8139"));
        w.m_model->addItem(tr("VMware vmxnet3"), QStringLiteral("vmxnet3"));
        w.m_vlan = new QSpinBox(this);
        w.m_vlan->setObjectName(QStringLiteral("vlan"));
        w.m_vlan->setRange(0, 4094);
        w.m_vlan->setSpecialValueText(tr("no VLAN"));
        w.m_firewall = new QCheckBox(tr("&Firewall"), this);
        w.m_firewall->setObjectName(QStringLiteral("firewall"));
        w.m_firewall->setChecked(true);
        form->addRow(w.m_noNetwork);
        form->addRow(tr("&Bridge:"), w.m_bridge);
        form->addRow(tr("&Model:"), w.m_model);
        form->addRow(tr("&VLAN tag:"), w.m_vlan);
        form->addRow(QString(), w.m_firewall);
        connect(w.m_noNetwork, &QCheckBox::toggled, this, [this](bool none) {
            for (QWidget *e : {static_cast<QWidget *>(m_w.m_bridge), static_cast<QWidget *>(m_w.m_model),
                               static_cast<QWidget *>(m_w.m_vlan), static_cast<QWidget *>(m_w.m_firewall)})
                e->setEnabled(!none);
            emit completeChanged();
        });
        connect(w.m_bridge, &QComboBox::currentTextChanged, this, &QWizardPage::completeChanged);
    }
    void initializePage() override
    {
        if (m_w.m_session)
            m_w.m_bridge->load(*m_w.m_session, m_w.node());
    }
    bool isComplete() const override { return m_w.m_noNetwork->isChecked() || !m_w.m_bridge->bridge().isEmpty(); }

private:
    CreateVmWizard &m_w;
};

CreateVmWizard::CreateVmWizard(ClusterSession &session, const QString &preferredNode, QWidget *parent)
    : GuestCreateWizard(session, QStringLiteral("qemu"), preferredNode, parent)
{
    setWindowTitle(tr("Create virtual machine"));
    setPage(GeneralPage, new GeneralStep(*this));
    setPage(OsPage, new OsStep(*this));
    setPage(SystemPage, new SystemStep(*this));
    setPage(DisksPage, new DisksStep(*this));
    setPage(CpuPage, new CpuStep(*this));
    setPage(MemoryPage, new MemoryStep(*this));
    setPage(NetworkPage, new NetworkStep(*this));
    addFinalPages(ConfirmPage, ProgressPage);
    resize(720, 560);
}

QString CreateVmWizard::guestLabel() const
{
    return tr("VM %1").arg(vmid());
}

void CreateVmWizard::nodeChanged()
{
    // Storages and bridges are the node's own: read them again on the pages.
    if (!m_session)
        return;
    if (m_isoStorage)
        m_isoStorage->clear();
    if (m_diskStorage)
        m_diskStorage->clear();
}

QString CreateVmWizard::name() const
{
    return m_name->text().trimmed();
}

QString CreateVmWizard::diskKey() const
{
    return m_bus->currentData().toString() + QLatin1Char('0');
}

QString CreateVmWizard::diskValue() const
{
    // A new volume: STORAGE:SIZE_IN_GiB.
    return QStringLiteral("%1:%2,format=%3")
        .arg(m_diskStorage->storage())
        .arg(m_diskSize->value())
        .arg(m_format->currentData().toString());
}

QString CreateVmWizard::cdromValue() const
{
    return (m_useIso->isChecked() && !m_iso->volumeId().isEmpty() ? m_iso->volumeId() : QStringLiteral("none"))
         + QStringLiteral(",media=cdrom");
}

QString CreateVmWizard::netValue() const
{
    QString v = QStringLiteral("%1,bridge=%2").arg(m_model->currentData().toString(), m_bridge->bridge());
    if (m_vlan->value() > 0)
        v += QStringLiteral(",tag=%1").arg(m_vlan->value());
    if (m_firewall->isChecked())
        v += QStringLiteral(",firewall=1");
    return v;
}

QJsonObject CreateVmWizard::parameters() const
{
    QJsonObject p{{QStringLiteral("memory"), m_memory->value()},
                  {QStringLiteral("sockets"), m_sockets->value()},
                  {QStringLiteral("cores"), m_cores->value()},
                  {QStringLiteral("cpu"), m_cpuType->currentText().trimmed()},
                  {QStringLiteral("ostype"), m_osType->currentData().toString()},
                  {QStringLiteral("scsihw"), m_scsihw->currentData().toString()},
                  {QStringLiteral("ide2"), cdromValue()},
                  {diskKey(), diskValue()}};
    if (!name().isEmpty())
        p.insert(QStringLiteral("name"), name());
    // The defaults (i440fx, SeaBIOS) go unsaid, as Proxmox's GUI leaves them out.
    if (m_machine->currentData().toString() != QLatin1String("pc"))
        p.insert(QStringLiteral("machine"), m_machine->currentData().toString());
    if (m_bios->currentData().toString() != QLatin1String("seabios"))
        p.insert(QStringLiteral("bios"), m_bios->currentData().toString());
    QStringList boot{diskKey()};
    if (m_useIso->isChecked())
        boot.append(QStringLiteral("ide2"));
    if (!m_noNetwork->isChecked()) {
        p.insert(QStringLiteral("net0"), netValue());
        boot.append(QStringLiteral("net0"));
    }
    p.insert(QStringLiteral("boot"), QStringLiteral("order=") + boot.join(QLatin1Char(';')));
    return p;
}

QList<QPair<QString, QString>> CreateVmWizard::summaryRows() const
{
    QList<QPair<QString, QString>> rows{{tr("Node"), node()}, {tr("VM ID"), QString::number(vmid())}};
    if (!name().isEmpty())
        rows.append({tr("Name"), name()});
    const QJsonObject p = parameters();
    for (auto it = p.begin(); it != p.end(); ++it)
        if (it.key() != QLatin1String("name"))
            rows.append({it.key(), it.value().isDouble() ? QString::number(it.value().toInteger()) : it.value().toString()});
    return rows;
}

} // namespace atalaia::ui
