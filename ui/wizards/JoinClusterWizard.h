#pragma once

#include "cluster/ClusterTaskWizard.h"
#include "cluster/JoinInformation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QTimer>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace atalaia::ui {

class LinkAddressField;

// Datacenter → Cluster → Join Cluster, as Proxmox VE does it, on a
// standalone node: paste the cluster's Join Information (checked as it is
// pasted: the cluster's name, the node to join through, its certificate's
// fingerprint and links), the root@pam password of that node and this
// node's address on each of the cluster's links; a summary; then POST
// /cluster/config/join with the task's live log. After the task, the page
// waits until this node reports the cluster (GET /cluster/status), which is
// also when the tree shows the cluster's nodes.
//
// A joining node restarts its API with a certificate from the cluster, and
// its logins are checked against the cluster's configuration from then on:
// the last page says so when the connection drops, and offers to trust the
// new certificate and to log in again, instead of failing.
class JoinClusterWizard : public ClusterTaskWizard
{
    Q_OBJECT
public:
    enum Page { InformationPage, LinksPage, SummaryPage, ProgressPage };
    // How often the node's membership is read after the task, and for how long.
    static constexpr int kMembershipPollMs = 2000;
    static constexpr int kMembershipWaitMs = 120000;

    JoinClusterWizard(ClusterSession &session, QWidget *parent = nullptr);

    // The pasted text, checked: the information, or what is wrong with it
    // in the user's language.
    static Result<cluster::JoinInformation> check(const QString &text);
    // The cluster's link numbers: totem "interface" entries, which must
    // match the links the node to join through has addresses on.
    static Result<QList<int>> clusterLinks(const cluster::JoinInformation &info);

    void setJoinInformation(const QString &text);
    // The checked information; valid only while the first page is complete.
    const cluster::JoinInformation &joinInformation() const { return m_info; }
    QString informationProblem() const { return m_infoProblem; }
    QString linksProblem() const;
    QList<LinkAddressField *> linkFields() const { return m_fields; }
    // The body of POST /cluster/config/join: hostname, fingerprint, password, linkN.
    QJsonObject requestParameters() const;

signals:
    void joined(const QString &clusterName);

private:
    class InformationStep;
    class LinksStep;
    friend class InformationStep;
    friend class LinksStep;

    void nodeStateRead(const QString &error) override;
    void networkRead(const Result<QJsonValue> &interfaces) override;
    void onInformationChanged();
    void buildLinkFields();
    void proposeAddresses();
    QStringList summary() const override;
    Request request() const override;
    void taskStarted() override;
    void taskStopped(bool ok, const QString &exitStatus) override;
    void pollMembership();

    QJsonArray m_network;       // GET /nodes/{node}/network
    cluster::JoinInformation m_info;
    QList<int> m_links;
    bool m_infoValid = false;
    QString m_infoProblem;
    QTimer m_membership;
    int m_membershipWaited = 0;
    bool m_membershipBusy = false;

    QPlainTextEdit *m_paste = nullptr;
    QLabel *m_infoState = nullptr;
    QWidget *m_details = nullptr;
    QLabel *m_clusterName = nullptr;
    QLabel *m_peer = nullptr;
    QLabel *m_fingerprint = nullptr;
    QLabel *m_peerLinks = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QFormLayout *m_linkForm = nullptr;
    QList<LinkAddressField *> m_fields;
    QList<int> m_fieldLinks;    // the links m_fields were built for
    QLabel *m_networkState = nullptr;
    QLabel *m_linksState = nullptr;
};

} // namespace atalaia::ui
