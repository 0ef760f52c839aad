#pragma once

#include "api/client/Endpoint.h"

#include <QDir>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWidget;

namespace atalaia::ui {

class ClusterSession;
class CreateClusterWizard;
class CreateCtWizard;
class CreateVmWizard;
class MigrateDialog;
class JoinClusterWizard;
class LanguageSwitcher;
class MainWindow;
class TaskProgressPage;

// The demo's lab story, done for real and photographed: `atalaia --lab-tour
// DIR --connect NODE1 --lab-join NODE2,NODE3 --password-env VAR` against
// standalone agents of a lab (tools/demo --lab). It connects to node1, shows
// its Cluster panel, creates the cluster with the Create Cluster wizard (node1's
// address on each of its networks as links 0 and 1), then connects to each
// other node and joins it with the Join Cluster wizard, node1's Join
// Information and root's password, and ends with node1's Cluster panel once
// every node is online with its links up. Each wizard page is saved as
// LANG-NN-what.png in the language in use (one pass: a cluster is created
// once; tools/demo runs the tour again on a fresh lab for the other language).
//
// Nothing is faked: the wizards send their requests and follow the real
// tasks. Certificates are trusted as presented (the first contact, and the
// one the cluster's CA issues), through the progress page's own button, as a
// user would; so is the login that a joined node asks for again.
class LabTour : public QObject
{
    Q_OBJECT
public:
    // How long one step may wait for the lab (a join takes 20-60 s here).
    static constexpr int kStepTimeoutMs = 180000;

    LabTour(MainWindow &window, LanguageSwitcher &languages, const QString &directory,
            QList<api::client::Endpoint> nodes, QString secret, QObject *parent = nullptr);

    void start();

signals:
    void finished(bool ok, const QString &message);

private:
    struct Step {
        QString what;                 // said when it times out
        std::function<bool()> done;   // called every tick until it returns true
        int timeoutMs = kStepTimeoutMs;
    };
    void step(const QString &what, std::function<bool()> done, int timeoutMs = kStepTimeoutMs);
    void shotStep(std::function<QWidget *()> widget, const QString &what);
    void tick();
    void fail(const QString &why);
    void shoot(QWidget *widget, const QString &what);
    void say(const QString &text);

    void planConnect(int node);
    void planShowCluster(int node);
    void planCreate();
    void planJoin(int node);
    void planFinal();
    // After the cluster: a VM from the bundled ISO and a container from the
    // bundled template with the wizards, their summaries, and a live
    // migration of the VM to node2 in the migration dialog (LabTourGuests.cpp).
    void planGuests();
    static QString logText(TaskProgressPage *page);
    // Trusts a changed certificate or logs in again from the wizard's last
    // page when the session asks; true once the page is complete.
    bool followProgress(int node, TaskProgressPage *page, const QString &prefix);

    bool online(int node) const;
    void selectDatacenter(int node);
    QString nodeName(int node) const { return QStringLiteral("node%1").arg(node + 1); }

    MainWindow &m_window;
    LanguageSwitcher &m_languages;
    QDir m_dir;
    QList<api::client::Endpoint> m_nodes;
    QString m_secret;
    QString m_language;
    QList<QPointer<ClusterSession>> m_sessions;
    QPointer<CreateClusterWizard> m_create;
    QPointer<JoinClusterWizard> m_join;
    QPointer<CreateVmWizard> m_vm;
    QPointer<CreateCtWizard> m_ct;
    QPointer<MigrateDialog> m_migrate;
    int m_vmid = 0;
    QString m_joinInformation;
    QStringList m_shotOnce;          // recovery states already photographed
    QList<Step> m_steps;
    QElapsedTimer m_stepClock;
    QElapsedTimer m_clock;
    QTimer m_timer;
    int m_counter = 0;
    int m_files = 0;
    bool m_failed = false;
    // From the guests part on: a certificate change noticed by node1's
    // session is trusted at once, as the user would from the main window.
    bool m_trustChanges = false;
};

} // namespace atalaia::ui
