#pragma once

#include "cluster/ClusterStatus.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWizard>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace atalaia::ui {

class ClusterSession;
class LinkAddressField;
class TaskProgressPage;

// Datacenter → Cluster → Create Cluster, as Proxmox VE does it, on a
// standalone node: the cluster's name and this node's address on corosync
// link 0 (and, for redundancy, link 1), chosen from the node's interfaces
// (GET /nodes/{node}/network) or typed; a summary; then POST /cluster/config
// and the task's live log until it ends. Names and addresses are checked as
// they are typed; a node already in a cluster is told so on the first page.
class CreateClusterWizard : public QWizard
{
    Q_OBJECT
public:
    enum Page { SettingsPage, SummaryPage, ProgressPage };

    CreateClusterWizard(ClusterSession &session, QWidget *parent = nullptr);

    // Proxmox's rule for a cluster name (the pve-node format, at most 15
    // characters); empty when NAME is fine or empty.
    static QString nameProblem(const QString &name);

    QString clusterName() const;
    QString nodeName() const { return m_node; }
    // What the first page says is wrong (empty: Next is enabled).
    QString problem() const;
    // The body of POST /cluster/config: clustername, link0, link1 when set.
    QJsonObject requestParameters() const;
    TaskProgressPage *progressPage() const { return m_progress; }

signals:
    void clusterCreated(const QString &name);

private:
    class SettingsStep;
    class SummaryStep;
    friend class SettingsStep;
    friend class SummaryStep;

    void load();
    void submit();
    void onTaskStopped(bool ok, const QString &exitStatus);

    QPointer<ClusterSession> m_session;
    QString m_node;
    bool m_loaded = false;       // /cluster/status answered
    bool m_loading = false;
    ClusterStatus m_status;
    bool m_submitting = false;
    QString m_upid;              // set once the node accepted the request

    QLineEdit *m_name = nullptr;
    LinkAddressField *m_link0 = nullptr;
    LinkAddressField *m_link1 = nullptr;
    QLabel *m_loadState = nullptr;
    QLabel *m_problem = nullptr;
    QPlainTextEdit *m_summary = nullptr;
    QLabel *m_submitState = nullptr;
    TaskProgressPage *m_progress = nullptr;
};

} // namespace atalaia::ui
