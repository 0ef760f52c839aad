#pragma once

#include "cluster/ClusterTaskWizard.h"

#include <QJsonObject>

class QLabel;
class QLineEdit;

namespace atalaia::ui {

class LinkAddressField;

// Datacenter → Cluster → Create Cluster, as Proxmox VE does it, on a
// standalone node: the cluster's name and this node's address on corosync
// link 0 (and, for redundancy, link 1), chosen from the node's interfaces
// (GET /nodes/{node}/network) or typed; a summary; then POST /cluster/config
// and the task's live log until it ends. Names and addresses are checked as
// they are typed; a node already in a cluster is told so on the first page.
class CreateClusterWizard : public ClusterTaskWizard
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

signals:
    void clusterCreated(const QString &name);

private:
    class SettingsStep;
    friend class SettingsStep;

    void load();
    void nodeStateRead(const QString &error) override;
    void networkRead(const Result<QJsonValue> &interfaces) override;
    QStringList summary() const override;
    Request request() const override;
    void taskStopped(bool ok, const QString &exitStatus) override;

    QLineEdit *m_name = nullptr;
    LinkAddressField *m_link0 = nullptr;
    LinkAddressField *m_link1 = nullptr;
    QLabel *m_loadState = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace atalaia::ui
