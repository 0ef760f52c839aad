#include "LabTour.h"

#include "ContentPane.h"
#include "LanguageSwitcher.h"
#include "MainWindow.h"
#include "cluster/ClusterPanel.h"
#include "cluster/JoinInformationDialog.h"
#include "cluster/LinkAddressField.h"
#include "cluster/TaskProgressPage.h"
#include "connections/TrustDialog.h"
#include "models/ResourceTreeModel.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"
#include "wizards/CreateClusterWizard.h"
#include "wizards/JoinClusterWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextStream>
#include <QTreeView>

namespace atalaia::ui {

namespace {
constexpr int kTickMs = 250;
// After a step: time for answers to arrive and widgets to settle before the next one.
constexpr int kSettleMs = 700;
constexpr int kOnlineTimeoutMs = 60000;
// The wizard's log view reads the task's log every second: give it time for the last lines.
constexpr int kLogTailTimeoutMs = 8000;
const QString kClusterName = QStringLiteral("lab");

bool isLoopback(const QString &address)
{
    return QHostAddress(address).isLoopback();
}

} // namespace

QString LabTour::logText(TaskProgressPage *page)
{
    auto *view = page ? page->logView() : nullptr;
    auto *text = view ? view->findChild<QPlainTextEdit *>() : nullptr;
    return text ? text->toPlainText() : QString();
}

LabTour::LabTour(MainWindow &window, LanguageSwitcher &languages, const QString &directory,
                 QList<api::client::Endpoint> nodes, QString secret, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_languages(languages)
    , m_dir(directory)
    , m_nodes(std::move(nodes))
    , m_secret(std::move(secret))
{
    m_dir.mkpath(QStringLiteral("."));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LabTour::tick);
    for (int i = 0; i < m_nodes.size(); ++i)
        m_sessions.append(nullptr);
}

void LabTour::start()
{
    m_language = m_languages.current();
    m_clock.start();
    // Files of an earlier run in this language would mix two stories.
    for (const QString &old : m_dir.entryList({m_language + QStringLiteral("-*.png")}, QDir::Files))
        m_dir.remove(old);
    if (m_nodes.isEmpty()) {
        emit finished(false, QStringLiteral("no nodes to tour"));
        return;
    }
    planConnect(0);
    planShowCluster(0);
    shotStep([this] { return &m_window; }, QStringLiteral("node1-standalone"));
    planCreate();
    for (int n = 1; n < m_nodes.size(); ++n)
        planJoin(n);
    planFinal();
    planGuests();
    m_stepClock.start();
    m_timer.start(kTickMs);
}

void LabTour::say(const QString &text)
{
    QTextStream err(stderr);
    err << QStringLiteral("[%1 s] ").arg(m_clock.elapsed() / 1000, 3) << text << "\n";
}

void LabTour::step(const QString &what, std::function<bool()> done, int timeoutMs)
{
    m_steps.append({what, std::move(done), timeoutMs});
}

void LabTour::shotStep(std::function<QWidget *()> widget, const QString &what)
{
    step(QStringLiteral("screenshot %1").arg(what), [this, widget, what] {
        if (QWidget *w = widget())
            shoot(w, what);
        return true;
    });
}

void LabTour::tick()
{
    if (m_failed || m_steps.isEmpty())
        return;
    if (m_trustChanges) {
        // After create/join a node serves its CA-issued certificate; a new
        // connection of node1's session meets it (docs/guests.md).
        if (ClusterSession *s = m_sessions.value(0);
            s && (s->state() == ClusterSession::State::Blocked || s->state() == ClusterSession::State::NeedsTrust)
            && !s->pendingFingerprint().toString().isEmpty()) {
            say(QStringLiteral("node1: trusting its new certificate %1").arg(s->pendingFingerprint().toString()));
            s->trustPending();
        } else if (s && s->state() == ClusterSession::State::NeedsSecret) {
            // The trusted connection logs in anew: root's password, as the user types it.
            say(QStringLiteral("node1: logging in again"));
            s->connectWithSecret(m_secret);
        }
    }
    Step &current = m_steps.first();
    if (current.done()) {
        m_steps.removeFirst();
        m_stepClock.restart();
        if (m_steps.isEmpty()) {
            emit finished(true, QStringLiteral("%1 screenshots in %2; the story took %3 s")
                                    .arg(m_files)
                                    .arg(m_dir.absolutePath())
                                    .arg(m_clock.elapsed() / 1000));
            return;
        }
        m_timer.start(kSettleMs);
        return;
    }
    if (m_failed)
        return;
    if (m_stepClock.elapsed() > current.timeoutMs) {
        fail(QStringLiteral("timed out after %1 s: %2").arg(current.timeoutMs / 1000).arg(current.what));
        return;
    }
    m_timer.start(kTickMs);
}

void LabTour::fail(const QString &why)
{
    if (m_failed)
        return;
    m_failed = true;
    shoot(QApplication::activeModalWidget() ? QApplication::activeModalWidget() : &m_window, QStringLiteral("failed"));
    emit finished(false, why);
}

void LabTour::shoot(QWidget *widget, const QString &what)
{
    QApplication::processEvents();
    const QString file = m_dir.filePath(
        QStringLiteral("%1-%2-%3.png").arg(m_language).arg(++m_counter, 2, 10, QLatin1Char('0')).arg(what));
    if (widget->grab().save(file)) {
        ++m_files;
        say(QStringLiteral("saved %1").arg(file));
    }
}

bool LabTour::online(int node) const
{
    const ClusterSession *s = m_sessions.value(node);
    return s && s->state() == ClusterSession::State::Online && !s->resources().isEmpty();
}

void LabTour::selectDatacenter(int node)
{
    const ClusterSession *s = m_sessions.value(node);
    QAbstractItemModel *model = m_window.tree()->model();
    for (int r = 0; s && r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, 0);
        if (i.data(ResourceTreeModel::ClusterIdRole).toString() == s->id()) {
            if (m_window.tree()->currentIndex() != i)
                m_window.tree()->setCurrentIndex(i);
            m_window.tree()->expand(i);
            return;
        }
    }
}

void LabTour::planConnect(int node)
{
    step(QStringLiteral("connect to %1").arg(nodeName(node)), [this, node] {
        say(QStringLiteral("connecting to %1 at %2:%3").arg(nodeName(node), m_nodes[node].host()).arg(m_nodes[node].port()));
        ConnectionProfile profile;
        profile.id = ConnectionProfile::newId();
        profile.name = nodeName(node);
        profile.endpoints = {m_nodes[node]};
        profile.userid = QStringLiteral("root@pam");
        m_sessions[node] = m_window.openConnection(profile, m_secret);
        connect(m_sessions[node], &ClusterSession::stateChanged, this, [this, node](ClusterSession::State state) {
            say(QStringLiteral("%1: %2").arg(nodeName(node), ClusterSession::stateText(state)));
        });
        return true;
    });
    step(QStringLiteral("%1 online").arg(nodeName(node)), [this, node] {
        ClusterSession *s = m_sessions[node];
        if (!s) {
            fail(QStringLiteral("the connection to %1 went away").arg(nodeName(node)));
            return false;
        }
        if (s->state() == ClusterSession::State::NeedsTrust) {
            // First contact: what the user is asked, then trusted as presented.
            if (node == 0) {
                TrustDialog dialog(s->displayName(), s->pendingEndpoint(), s->pendingFingerprint(), &m_window);
                dialog.show();
                shoot(&dialog, QStringLiteral("trust-certificate"));
            }
            say(QStringLiteral("%1: trusting %2").arg(nodeName(node), s->pendingFingerprint().toString()));
            s->trustPending();
            return false;
        }
        if (s->state() == ClusterSession::State::NeedsSecret && !s->lastError().isEmpty()) {
            fail(QStringLiteral("%1 refused the login: %2").arg(nodeName(node), s->lastError()));
            return false;
        }
        return online(node);
    }, kOnlineTimeoutMs);
}

void LabTour::planShowCluster(int node)
{
    step(QStringLiteral("%1's Cluster panel").arg(nodeName(node)), [this, node] {
        selectDatacenter(node);
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (!panel)
            return false;
        if (m_window.content()->currentWidget() != panel)
            m_window.content()->setCurrentWidget(panel);
        return !panel->status().nodes.isEmpty();
    }, kOnlineTimeoutMs);
}

void LabTour::planCreate()
{
    step(QStringLiteral("open Create Cluster"), [this] {
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (!panel)
            return false;
        m_create = panel->openCreateClusterWizard();
        return m_create != nullptr;
    });
    step(QStringLiteral("the Create Cluster wizard reads node1's addresses"), [this] {
        if (!m_create)
            return false;
        const auto fields = m_create->findChildren<LinkAddressField *>();
        if (fields.size() < 2 || fields[0]->address().isEmpty())
            return false;
        m_create->findChild<QLineEdit *>(QStringLiteral("clusterName"))->setText(kClusterName);
        // Link 1: the node's address on its other network (the lab's second switch).
        const QString link0 = fields[0]->address();
        QComboBox *combo = fields[1]->comboBox();
        for (int i = 0; i < combo->count() && fields[1]->address().isEmpty(); ++i) {
            const QString a = combo->itemText(i);
            if (a != link0 && !isLoopback(a) && QHostAddress(a).protocol() == QAbstractSocket::IPv4Protocol)
                fields[1]->setAddress(a);
        }
        say(QStringLiteral("create: cluster %1, link0 %2, link1 %3").arg(kClusterName, link0, fields[1]->address()));
        return true;
    });
    step(QStringLiteral("the Create Cluster settings are complete"), [this] {
        return m_create && m_create->button(QWizard::NextButton)->isEnabled();
    });
    shotStep([this] { return m_create.data(); }, QStringLiteral("create-cluster-1-settings"));
    step(QStringLiteral("Create Cluster: Next"), [this] {
        m_create->next();
        return m_create->currentPage()->isCommitPage(); // the summary
    });
    shotStep([this] { return m_create.data(); }, QStringLiteral("create-cluster-2-summary"));
    step(QStringLiteral("Create Cluster: Create"), [this] {
        say(QStringLiteral("create: sending POST /cluster/config"));
        m_create->next(); // the commit button: sends the request
        return true;
    });
    step(QStringLiteral("node1 accepts the request"), [this] {
        if (!m_create)
            return false;
        if (auto *state = m_create->findChild<QLabel *>(QStringLiteral("submitState"));
            state && state->styleSheet().contains(QLatin1String("#d32f2f"))) {
            fail(QStringLiteral("node1 refused to create the cluster: %1").arg(state->text()));
            return false;
        }
        return m_create->currentPage() == m_create->progressPage();
    });
    shotStep([this] { return m_create.data(); }, QStringLiteral("create-cluster-3-running"));
    step(QStringLiteral("the create task ends"), [this] {
        return m_create && followProgress(0, m_create->progressPage(), QStringLiteral("create-cluster"));
    });
    step(QStringLiteral("the create task's log ends"), [this] {
        return logText(m_create->progressPage()).contains(QLatin1String("TASK OK"))
            || m_stepClock.elapsed() > kLogTailTimeoutMs;
    });
    shotStep([this] { return m_create.data(); }, QStringLiteral("create-cluster-5-done"));
    step(QStringLiteral("close Create Cluster"), [this] {
        say(QStringLiteral("create: %1").arg(m_create->progressPage()->headline()));
        m_create->accept();
        return true;
    });
    planShowCluster(0);
    step(QStringLiteral("node1's Join Information"), [this] {
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (!panel || !panel->status().inCluster)
            return false;
        const QString text = panel->joinInformation();
        if (!JoinClusterWizard::check(text))
            return false;
        m_joinInformation = text;
        return true;
    });
    shotStep([this] { return &m_window; }, QStringLiteral("node1-cluster-created"));
    step(QStringLiteral("Join Information dialog"), [this] {
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (JoinInformationDialog *info = panel ? panel->openJoinInformation() : nullptr) {
            shoot(info, QStringLiteral("join-information"));
            info->close();
        }
        return true;
    });
}

bool LabTour::followProgress(int node, TaskProgressPage *page, const QString &prefix)
{
    ClusterSession *s = m_sessions.value(node);
    if (!page || !s) {
        fail(QStringLiteral("%1: the wizard or the connection went away").arg(nodeName(node)));
        return false;
    }
    using State = ClusterSession::State;
    const State state = s->state();
    auto firstTime = [this, &prefix](const QString &what) {
        const QString key = prefix + QLatin1Char('-') + what;
        if (m_shotOnce.contains(key))
            return false;
        m_shotOnce.append(key);
        return true;
    };
    if (state == State::Blocked || state == State::NeedsTrust) {
        // Shown once as the user sees it, then trusted with the page's own button.
        if (firstTime(QStringLiteral("certificate"))) {
            shoot(page->window(), prefix + QStringLiteral("-4-new-certificate"));
            return false;
        }
        if (auto *trust = page->findChild<QPushButton *>(QStringLiteral("trustNewCertificate")); trust && trust->isVisible()) {
            say(QStringLiteral("%1: trusting the new certificate %2").arg(nodeName(node), s->pendingFingerprint().toString()));
            trust->click();
        }
        return false;
    }
    if (state == State::NeedsSecret) {
        if (firstTime(QStringLiteral("login"))) {
            shoot(page->window(), prefix + QStringLiteral("-4-log-in-again"));
            return false;
        }
        auto *secret = page->findChild<QLineEdit *>(QStringLiteral("loginAgainSecret"));
        auto *login = page->findChild<QPushButton *>(QStringLiteral("loginAgain"));
        if (secret && login && secret->isVisible()) {
            say(QStringLiteral("%1: logging in again").arg(nodeName(node)));
            secret->setText(m_secret);
            login->click();
        }
        return false;
    }
    if (!page->isComplete())
        return false;
    if (!page->succeeded()) {
        shoot(page->window(), prefix + QStringLiteral("-failed"));
        fail(QStringLiteral("%1: %2 %3").arg(nodeName(node), page->headline(), page->detail()));
        return false;
    }
    return true;
}

void LabTour::planJoin(int node)
{
    const QString name = nodeName(node);
    const QString prefix = QStringLiteral("join-%1").arg(name);
    planConnect(node);
    planShowCluster(node);
    shotStep([this] { return &m_window; }, QStringLiteral("%1-standalone").arg(name));
    step(QStringLiteral("open Join Cluster on %1").arg(name), [this] {
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (!panel)
            return false;
        m_join = panel->openJoinClusterWizard();
        if (m_join)
            m_join->setJoinInformation(m_joinInformation); // pasted, as copied from node1
        return m_join != nullptr;
    });
    step(QStringLiteral("the Join Cluster wizard on %1 checks the information").arg(name), [this] {
        return m_join && m_join->button(QWizard::NextButton)->isEnabled();
    });
    shotStep([this] { return m_join.data(); }, prefix + QStringLiteral("-1-information"));
    step(QStringLiteral("Join Cluster on %1: Next").arg(name), [this] {
        m_join->next();
        if (auto *password = m_join->findChild<QLineEdit *>(QStringLiteral("password")))
            password->setText(m_secret);
        return m_join->currentPage()->findChild<QLineEdit *>(QStringLiteral("password")) != nullptr;
    });
    step(QStringLiteral("Join Cluster on %1 proposes the link addresses").arg(name), [this, name] {
        if (!m_join || !m_join->button(QWizard::NextButton)->isEnabled())
            return false;
        QStringList links;
        for (const LinkAddressField *f : m_join->linkFields())
            links << QStringLiteral("link%1 %2").arg(f->link()).arg(f->address());
        say(QStringLiteral("join %1: %2").arg(name, links.join(QLatin1String(", "))));
        return true;
    });
    shotStep([this] { return m_join.data(); }, prefix + QStringLiteral("-2-links"));
    step(QStringLiteral("Join Cluster on %1: Next").arg(name), [this] {
        m_join->next();
        return m_join->currentPage()->isCommitPage(); // the summary
    });
    shotStep([this] { return m_join.data(); }, prefix + QStringLiteral("-3-summary"));
    step(QStringLiteral("Join Cluster on %1: Join").arg(name), [this, name] {
        say(QStringLiteral("join %1: sending POST /cluster/config/join").arg(name));
        m_join->next();
        return true;
    });
    step(QStringLiteral("%1 accepts the request").arg(name), [this, name] {
        if (!m_join)
            return false;
        if (auto *state = m_join->findChild<QLabel *>(QStringLiteral("submitState"));
            state && state->styleSheet().contains(QLatin1String("#d32f2f"))) {
            fail(QStringLiteral("%1 refused to join: %2").arg(name, state->text()));
            return false;
        }
        return m_join->currentPage() == m_join->progressPage();
    });
    shotStep([this] { return m_join.data(); }, prefix + QStringLiteral("-4-running"));
    step(QStringLiteral("%1 joins").arg(name), [this, node, prefix] {
        return m_join && followProgress(node, m_join->progressPage(), prefix);
    });
    step(QStringLiteral("the join task's log ends"), [this] {
        return logText(m_join->progressPage()).contains(QLatin1String("TASK OK"))
            || m_stepClock.elapsed() > kLogTailTimeoutMs;
    });
    shotStep([this] { return m_join.data(); }, prefix + QStringLiteral("-5-done"));
    step(QStringLiteral("close Join Cluster on %1").arg(name), [this, name] {
        say(QStringLiteral("join %1: %2").arg(name, m_join->progressPage()->headline()));
        m_join->accept();
        return true;
    });
}

void LabTour::planFinal()
{
    // One datacenter in the tree, as a user keeps it: the joined nodes'
    // connections were only for their wizards.
    step(QStringLiteral("close the other connections"), [this] {
        for (int n = 1; n < m_sessions.size(); ++n)
            if (ClusterSession *s = m_sessions[n]) {
                const ConnectionProfile profile = s->profile(); // the session goes with it
                m_window.forgetConnection(profile);
            }
        return true;
    });
    planShowCluster(0);
    step(QStringLiteral("node1 sees every node online, quorate, with every link up"), [this] {
        selectDatacenter(0);
        ClusterPanel *panel = m_window.content()->clusterPanel();
        if (!panel)
            return false;
        if (m_window.content()->currentWidget() != panel)
            m_window.content()->setCurrentWidget(panel);
        const ClusterStatus &s = panel->status();
        if (!s.inCluster || !s.quorate || s.nodes.size() != m_nodes.size())
            return false;
        for (const ClusterStatus::Node &n : s.nodes) {
            if (!n.online || n.links.isEmpty())
                return false;
            for (const ClusterStatus::Link &l : n.links)
                if (!l.connected)
                    return false;
        }
        m_window.tree()->expandToDepth(1);
        return true;
    });
    shotStep([this] { return &m_window; }, QStringLiteral("cluster-all-nodes"));
}

} // namespace atalaia::ui
