#pragma once

#include "guests/GuestCreateWizard.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace atalaia::ui {

class BridgeCombo;
class StorageCombo;
class VolumeCombo;

// Node → Create CT, Proxmox's flow and defaults, each page validated before
// Next: General (node, the next free CT ID, host name, unprivileged, root's
// password and/or SSH public keys), Template (from a storage of the node),
// Disks (the root disk: storage and 8 GiB), CPU (1 core), Memory (512 MiB
// and 512 MiB swap), Network (eth0 on vmbr0, DHCP or a static address),
// Confirm (with "Start after created"), then POST /nodes/{node}/lxc and the
// task's log.
class CreateCtWizard : public GuestCreateWizard
{
    Q_OBJECT
public:
    enum Page { GeneralPage, TemplatePage, DisksPage, CpuPage, MemoryPage, NetworkPage, ConfirmPage, ProgressPage };

    CreateCtWizard(ClusterSession &session, const QString &preferredNode, QWidget *parent = nullptr);

    QString hostname() const;
    // Why the General page's credentials cannot do (empty: they can).
    QString credentialsProblem() const;
    // Why the Network page's addresses cannot do (empty: they can).
    QString networkProblem() const;

protected:
    QList<QPair<QString, QString>> summaryRows() const override;
    QJsonObject parameters() const override;
    QString guestLabel() const override;
    void nodeChanged() override;

private:
    class GeneralStep;
    class TemplateStep;
    class DisksStep;
    class CpuStep;
    class MemoryStep;
    class NetworkStep;
    friend class GeneralStep;
    friend class TemplateStep;
    friend class DisksStep;
    friend class CpuStep;
    friend class MemoryStep;
    friend class NetworkStep;

    QString netValue() const;

    QLineEdit *m_hostname = nullptr;
    QLabel *m_generalProblem = nullptr;
    QCheckBox *m_unprivileged = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QPlainTextEdit *m_sshKeys = nullptr;
    StorageCombo *m_templateStorage = nullptr;
    VolumeCombo *m_template = nullptr;
    QLabel *m_templateState = nullptr;
    StorageCombo *m_rootStorage = nullptr;
    QSpinBox *m_rootSize = nullptr;
    QLabel *m_diskState = nullptr;
    QSpinBox *m_cores = nullptr;
    QSpinBox *m_memory = nullptr;
    QSpinBox *m_swap = nullptr;
    BridgeCombo *m_bridge = nullptr;
    QSpinBox *m_vlan = nullptr;
    QCheckBox *m_firewall = nullptr;
    QRadioButton *m_dhcp = nullptr;
    QRadioButton *m_static = nullptr;
    QLineEdit *m_ipv4 = nullptr;
    QLineEdit *m_gateway = nullptr;
    QComboBox *m_ipv6 = nullptr;
    QLabel *m_networkProblem = nullptr;
};

} // namespace atalaia::ui
