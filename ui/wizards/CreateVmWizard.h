#pragma once

#include "guests/GuestCreateWizard.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace atalaia::ui {

class BridgeCombo;
class StorageCombo;
class VolumeCombo;

// Node → Create VM, Proxmox's flow and defaults, each page validated before
// Next: General (node, the next free VM ID, name), OS (an ISO image from a
// storage of the node, or no media; the guest OS type), System (machine,
// firmware, SCSI controller: VirtIO SCSI single), Disks (bus, storage, size
// in GiB: 32 on scsi0, raw), CPU (1 socket, 1 core, x86-64-v2-AES),
// Memory (2048 MiB), Network (virtio on vmbr0, firewall on), Confirm (with
// "Start after created"), then POST /nodes/{node}/qemu and the task's log.
class CreateVmWizard : public GuestCreateWizard
{
    Q_OBJECT
public:
    enum Page { GeneralPage, OsPage, SystemPage, DisksPage, CpuPage, MemoryPage, NetworkPage, ConfirmPage, ProgressPage };

    CreateVmWizard(ClusterSession &session, const QString &preferredNode, QWidget *parent = nullptr);

    QString name() const;
    // The disk's config key (scsi0, virtio0, sata0, ide0) and value ("local:32,format=raw").
    QString diskKey() const;

protected:
    QList<QPair<QString, QString>> summaryRows() const override;
    QJsonObject parameters() const override;
    QString guestLabel() const override;
    void nodeChanged() override;

private:
    class GeneralStep;
    class OsStep;
    class SystemStep;
    class DisksStep;
    class CpuStep;
    class MemoryStep;
    class NetworkStep;
    friend class GeneralStep;
    friend class OsStep;
    friend class SystemStep;
    friend class DisksStep;
    friend class CpuStep;
    friend class MemoryStep;
    friend class NetworkStep;

    QString diskValue() const;
    QString cdromValue() const;
    QString netValue() const;

    QLineEdit *m_name = nullptr;
    QLabel *m_nameProblem = nullptr;
    QRadioButton *m_useIso = nullptr;
    QRadioButton *m_noMedia = nullptr;
    StorageCombo *m_isoStorage = nullptr;
    VolumeCombo *m_iso = nullptr;
    QLabel *m_isoState = nullptr;
    QComboBox *m_osType = nullptr;
    QComboBox *m_machine = nullptr;
    QComboBox *m_bios = nullptr;
    QLabel *m_biosNote = nullptr;
    QComboBox *m_scsihw = nullptr;
    QComboBox *m_bus = nullptr;
    StorageCombo *m_diskStorage = nullptr;
    QSpinBox *m_diskSize = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_diskState = nullptr;
    QSpinBox *m_sockets = nullptr;
    QSpinBox *m_cores = nullptr;
    QComboBox *m_cpuType = nullptr;
    QLabel *m_cpuTotal = nullptr;
    QSpinBox *m_memory = nullptr;
    QCheckBox *m_noNetwork = nullptr;
    BridgeCombo *m_bridge = nullptr;
    QComboBox *m_model = nullptr;
    QSpinBox *m_vlan = nullptr;
    QCheckBox *m_firewall = nullptr;
};

} // namespace atalaia::ui
