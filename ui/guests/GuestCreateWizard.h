#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QTableWidget;
class QWizardPage;

namespace atalaia::ui {

class ClusterSession;
class TaskProgressPage;

// What the Create VM and Create CT wizards share, in Proxmox's flow: the
// General page's node and ID (the next free ID proposed, a typed one checked
// with GET /cluster/nextid?vmid=N as it is typed), and the last two pages:
// Confirm (every parameter that will be sent, and "Start after created"),
// which is the commit page — POST /nodes/{node}/qemu|lxc goes out there and
// a refusal stays on it, in red, so Back can fix it — and the live log of the
// create task (TaskProgressPage). Closing the wizard while the task runs
// leaves it running on the node; the task panel keeps it.
class GuestCreateWizard : public QWizard
{
    Q_OBJECT
public:
    int vmid() const;
    QString node() const;
    // Whether the General page's ID is known to be free (checked by the node).
    bool vmidFree() const { return m_vmidFree; }
    TaskProgressPage *progressPage() const { return m_progress; }
    QCheckBox *startAfterCreated() const { return m_startAfter; }
    // Everything POSTed, "start" included.
    QJsonObject requestParameters() const;

    // Proxmox's dns-name format, for VM names and CT host names; empty when
    // NAME is fine (or empty).
    static QString dnsNameProblem(const QString &name);

signals:
    void guestCreated(int vmid);

protected:
    // TYPE: "qemu" or "lxc". PREFERREDNODE is chosen when it is online.
    GuestCreateWizard(ClusterSession &session, QString type, const QString &preferredNode, QWidget *parent);

    // Adds the node and ID rows to FORM (the General page, PAGE).
    void addGeneralFields(QFormLayout *form, QWizardPage *page);
    bool generalComplete() const;
    // Adds Confirm as CONFIRMID and the task's progress as PROGRESSID.
    void addFinalPages(int confirmId, int progressId);

    // The Confirm page's rows (what, value) and the create call's parameters.
    virtual QList<QPair<QString, QString>> summaryRows() const = 0;
    virtual QJsonObject parameters() const = 0;
    // "VM 104", "CT 104": how the wizard's messages name the new guest.
    virtual QString guestLabel() const = 0;
    // The node changed on the General page: reload what depends on it.
    virtual void nodeChanged() {}

    QPointer<ClusterSession> m_session;
    const QString m_type;
    QComboBox *m_node = nullptr;

private:
    class ConfirmStep;
    friend class ConfirmStep;

    void fillNodes(const QString &preferred);
    void loadNextId();
    void checkVmid();
    void showVmidState(const QString &text);
    void submit();
    void taskStopped(bool ok, const QString &exitStatus);

    QSpinBox *m_vmid = nullptr;
    QLabel *m_vmidState = nullptr;
    QWizardPage *m_generalPage = nullptr;
    bool m_vmidFree = false;
    quint64 m_vmidRequest = 0;
    QTimer m_vmidTimer;
    int m_confirmId = -1;
    bool m_submitting = false;
    QString m_upid;
    QCheckBox *m_startAfter = nullptr;
    QTableWidget *m_summary = nullptr;
    QLabel *m_submitState = nullptr;
    TaskProgressPage *m_progress = nullptr;
};

} // namespace atalaia::ui
