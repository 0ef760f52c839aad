#include "CreateClusterWizard.h"

#include "api/client/ApiClient.h"
#include "cluster/LinkAddressField.h"
#include "cluster/TaskProgressPage.h"
#include "session/ClusterSession.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QWizardPage>

namespace atalaia::ui {

namespace {

// Proxmox's pve-node format, which POST /cluster/config checks clustername
// against (with maxLength 15): letters, digits and '-', no '-' at either end.
const QRegularExpression kClusterName(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?$"));
constexpr int kClusterNameMax = 15;

} // namespace

class CreateClusterWizard::SettingsStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::CreateClusterWizard)

public:
    explicit SettingsStep(CreateClusterWizard &w)
        : m_w(w)
    {
        setTitle(tr("Create cluster"));
        setSubTitle(tr("This node becomes the first member of a new cluster, whose members keep in touch over one "
                       "or two networks (corosync links)."));
        auto *form = new QFormLayout(this);
        w.m_name = new QLineEdit(this);
        w.m_name->setObjectName(QStringLiteral("clusterName"));
        w.m_name->setMaxLength(kClusterNameMax);
        w.m_name->setPlaceholderText(tr("e.g. lisboa"));
        w.m_link0 = new LinkAddressField(0, false, this);
        w.m_link1 = new LinkAddressField(1, true, this);
        w.m_loadState = new QLabel(this);
        w.m_loadState->setWordWrap(true);
        w.m_problem = new QLabel(this);
        w.m_problem->setObjectName(QStringLiteral("problem"));
        w.m_problem->setWordWrap(true);
        w.m_problem->setStyleSheet(QStringLiteral("color: #d32f2f"));
        form->addRow(tr("Cluster na&me:"), w.m_name);
        form->addRow(tr("Link &0:"), w.m_link0);
        form->addRow(tr("Link &1:"), w.m_link1);
        form->addRow(QString(), w.m_loadState);
        form->addRow(QString(), w.m_problem);
        // Labels point at the combo boxes, so the accelerators focus them.
        for (LinkAddressField *f : {w.m_link0, w.m_link1})
            if (auto *label = qobject_cast<QLabel *>(form->labelForField(f)))
                label->setBuddy(f->comboBox());
        auto changed = [this] {
            m_w.m_problem->setText(m_w.problem());
            emit completeChanged();
        };
        connect(w.m_name, &QLineEdit::textChanged, this, changed);
        connect(w.m_link0, &LinkAddressField::changed, this, changed);
        connect(w.m_link1, &LinkAddressField::changed, this, changed);
    }
    void initializePage() override { m_w.load(); }
    bool isComplete() const override
    {
        return m_w.m_loaded && !m_w.clusterName().isEmpty() && !m_w.m_link0->address().isEmpty()
            && m_w.problem().isEmpty();
    }

private:
    CreateClusterWizard &m_w;
};

CreateClusterWizard::CreateClusterWizard(ClusterSession &session, QWidget *parent)
    : ClusterTaskWizard(session, parent)
{
    setWindowTitle(tr("Create cluster"));
    setButtonText(QWizard::CommitButton, tr("C&reate"));
    setPage(SettingsPage, new SettingsStep(*this));
    addTaskPages(SummaryPage, tr("Create sets up corosync on this node and starts the cluster."), QString(),
                 ProgressPage, tr("Creating the cluster"));
    resize(680, 520);
}

QString CreateClusterWizard::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return {};
    if (name.size() > kClusterNameMax)
        return tr("A cluster name has at most %1 characters.").arg(kClusterNameMax);
    if (!kClusterName.match(name).hasMatch())
        return tr("A cluster name has only letters, digits and '-', and does not start or end with '-'.");
    return {};
}

QString CreateClusterWizard::clusterName() const
{
    return m_name->text().trimmed();
}

QString CreateClusterWizard::problem() const
{
    if (m_loaded && m_status.inCluster)
        return tr("This node is already in cluster %1: a node is a member of one cluster only.").arg(m_status.name);
    if (const QString p = nameProblem(clusterName()); !p.isEmpty())
        return p;
    // An empty link 0 is worth a word only once the name is there.
    if (m_link0->address().isEmpty())
        return clusterName().isEmpty() ? QString() : m_link0->problem();
    for (const LinkAddressField *f : {m_link0, m_link1})
        if (const QString p = f->problem(); !p.isEmpty())
            return p;
    if (!m_link1->address().isEmpty() && QHostAddress(m_link0->address()).isEqual(QHostAddress(m_link1->address())))
        return tr("Each link needs its own address: links 0 and 1 both use %1.").arg(m_link0->address());
    return {};
}

QJsonObject CreateClusterWizard::requestParameters() const
{
    QJsonObject params{{QStringLiteral("clustername"), clusterName()}, {QStringLiteral("link0"), m_link0->address()}};
    if (!m_link1->address().isEmpty())
        params.insert(QStringLiteral("link1"), m_link1->address());
    return params;
}

void CreateClusterWizard::load()
{
    if (loadNode())
        m_loadState->setText(tr("Reading this node's state and addresses…"));
}

void CreateClusterWizard::nodeStateRead(const QString &error)
{
    if (!error.isEmpty()) {
        m_loadState->setText(tr("Cannot read the node's cluster state: %1").arg(error));
        return;
    }
    m_problem->setText(problem());
    emit page(SettingsPage)->completeChanged();
    if (m_node.isEmpty())
        m_loadState->setText(tr("The node did not say its name: type its addresses."));
}

void CreateClusterWizard::networkRead(const Result<QJsonValue> &n)
{
    if (!n) {
        m_loadState->setText(tr("Cannot list the node's network interfaces (%1): type its addresses.")
                                 .arg(n.error().message));
        return;
    }
    m_link0->setInterfaces(n->toArray());
    m_link1->setInterfaces(n->toArray());
    const int count = m_link0->comboBox()->count();
    m_loadState->setText(count == 0 ? tr("The node reports no addresses: type them.") : QString());
    // Proxmox proposes the address the node's name resolves to; the first address otherwise.
    const ClusterStatus::Node *local = m_status.localNode();
    const QString preferred = local ? local->ip : QString();
    if (m_link0->address().isEmpty() && count > 0)
        m_link0->setAddress(m_link0->comboBox()->findText(preferred) >= 0 ? preferred
                                                                        : m_link0->comboBox()->itemText(0));
}

QStringList CreateClusterWizard::summary() const
{
    auto linkLine = [](const LinkAddressField *f) {
        if (f->address().isEmpty())
            return tr("Link %1: none").arg(f->link());
        return f->interfaceName().isEmpty() ? tr("Link %1: %2").arg(f->link()).arg(f->address())
                                            : tr("Link %1: %2 (%3)").arg(f->link()).arg(f->address(), f->interfaceName());
    };
    return {tr("Cluster name: %1").arg(clusterName()), tr("Node: %1 (the first member)").arg(m_node),
            linkLine(m_link0), linkLine(m_link1)};
}

ClusterTaskWizard::Request CreateClusterWizard::request() const
{
    return {QStringLiteral("/cluster/config"),
            requestParameters(),
            tr("Asking %1 to create cluster %2…").arg(m_node, clusterName()),
            tr("The node refused to create the cluster: %1"),
            tr("Create cluster %1").arg(clusterName()),
            tr("Creating cluster %1 on %2…").arg(clusterName(), m_node)};
}

void CreateClusterWizard::taskStopped(bool ok, const QString &exitStatus)
{
    if (!ok) {
        taskFailed(tr("Creating the cluster failed: %1").arg(exitStatus));
        return;
    }
    progressPage()->finish(true, tr("Cluster %1 created.").arg(clusterName()),
                           tr("Other nodes join it with its Join Information: Datacenter → Cluster → Join Information."));
    if (m_session)
        m_session->refreshSoon();
    emit clusterCreated(clusterName());
}

} // namespace atalaia::ui
