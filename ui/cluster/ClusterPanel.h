#pragma once

#include "cluster/ClusterStatus.h"
#include "cluster/JoinInformation.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace atalaia::ui {

class ClusterSession;
class CreateClusterWizard;
class JoinClusterWizard;
class JoinInformationDialog;

// Datacenter → Cluster, as Proxmox VE has it: Create Cluster and Join
// Cluster (on a standalone node), Join Information (in a cluster); the
// cluster's name and quorum; its nodes (id, votes, online, address, and the
// state of each corosync link where the server reports it); the Join
// Information other nodes need, with a copy button. Creating and joining are
// for root@pam only, as in Proxmox VE; the buttons say so to others.
// Refreshed with the inventory.
class ClusterPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { NodeColumn, IdColumn, VotesColumn, OnlineColumn, AddressColumn, LinksColumn, ColumnCount };

    explicit ClusterPanel(ClusterSession &session, QWidget *parent = nullptr);

    // Whether SESSION may create or join a cluster: Proxmox allows root@pam
    // only (a password login, not an API token).
    static bool mayManageCluster(const ClusterSession &session);
    // "link0 ✓  link1 ✗" for a node's links (empty when none are reported),
    // and its tooltip with each link's address.
    static QString linksText(const QList<ClusterStatus::Link> &links);
    static QString linksToolTip(const QList<ClusterStatus::Link> &links);

    void reload();
    QString joinInformation() const; // the blob shown, for tests
    const ClusterStatus &status() const { return m_status; }

    CreateClusterWizard *openCreateClusterWizard();
    JoinClusterWizard *openJoinClusterWizard();
    JoinInformationDialog *openJoinInformation();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void loadJoinInformation();
    void updateActions();
    void clusterChanged();

    QPointer<ClusterSession> m_session;
    ClusterStatus m_status;
    bool m_statusKnown = false;
    std::optional<cluster::JoinInformation> m_joinInfo;
    QPushButton *m_create = nullptr;
    QPushButton *m_joinInformation = nullptr;
    QPushButton *m_joinCluster = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_nodes = nullptr;
    QLabel *m_joinTitle = nullptr;
    QPlainTextEdit *m_join = nullptr;
    QPushButton *m_copy = nullptr;
    bool m_busy = false;
};

} // namespace atalaia::ui
