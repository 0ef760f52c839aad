#include "JoinClusterWizard.h"

#include "api/client/ApiClient.h"
#include "cluster/LinkAddressField.h"
#include "cluster/TaskProgressPage.h"
#include "session/ClusterSession.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>
#include <QWizardPage>

#include <algorithm>

namespace atalaia::ui {

namespace {

QString linkList(const QList<int> &links)
{
    QStringList out;
    for (int l : links)
        out.append(QString::number(l));
    return out.join(QLatin1String(", "));
}

} // namespace

class JoinClusterWizard::InformationStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::JoinClusterWizard)

public:
    explicit InformationStep(JoinClusterWizard &w)
        : m_w(w)
    {
        setTitle(tr("Cluster's Join Information"));
        setSubTitle(tr("Copy it on a node of the cluster (Datacenter → Cluster → Join Information) and paste it "
                       "here."));
        auto *layout = new QVBoxLayout(this);
        w.m_paste = new QPlainTextEdit(this);
        w.m_paste->setObjectName(QStringLiteral("joinInformation"));
        w.m_paste->setAccessibleName(tr("Join Information"));
        w.m_paste->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        w.m_paste->setPlaceholderText(tr("Paste the Join Information here"));
        w.m_paste->setTabChangesFocus(true);
        w.m_paste->setMaximumHeight(120);
        w.m_infoState = new QLabel(this);
        w.m_infoState->setObjectName(QStringLiteral("informationState"));
        w.m_infoState->setWordWrap(true);
        w.m_details = new QWidget(this);
        auto *form = new QFormLayout(w.m_details);
        form->setContentsMargins(0, 0, 0, 0);
        auto value = [&w] {
            auto *l = new QLabel(w.m_details);
            l->setTextInteractionFlags(Qt::TextSelectableByMouse);
            l->setWordWrap(true);
            return l;
        };
        w.m_clusterName = value();
        w.m_peer = value();
        w.m_fingerprint = value();
        w.m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        w.m_peerLinks = value();
        w.m_peerLinks->setWordWrap(false); // short lines; a wrapping label would get one line's height here
        form->addRow(tr("Cluster:"), w.m_clusterName);
        form->addRow(tr("Join through:"), w.m_peer);
        form->addRow(tr("Fingerprint:"), w.m_fingerprint);
        form->addRow(tr("Links:"), w.m_peerLinks);
        w.m_details->hide();
        layout->addWidget(w.m_paste);
        layout->addWidget(w.m_infoState);
        layout->addWidget(w.m_details);
        layout->addStretch(1);
        connect(w.m_paste, &QPlainTextEdit::textChanged, this, [this] {
            m_w.onInformationChanged();
            emit completeChanged();
        });
    }
    void initializePage() override
    {
        m_w.loadNode();
        m_w.onInformationChanged();
    }
    bool isComplete() const override { return m_w.m_loaded && !m_w.m_status.inCluster && m_w.m_infoValid; }

private:
    JoinClusterWizard &m_w;
};

class JoinClusterWizard::LinksStep : public QWizardPage
{
    // lupdate files these strings under the wizard's context: look them up there.
    Q_DECLARE_TR_FUNCTIONS(atalaia::ui::JoinClusterWizard)

public:
    explicit LinksStep(JoinClusterWizard &w)
        : m_w(w)
    {
        setTitle(tr("Password and links"));
        auto *layout = new QVBoxLayout(this);
        auto *password = new QFormLayout;
        w.m_password = new QLineEdit(this);
        w.m_password->setObjectName(QStringLiteral("password"));
        w.m_password->setEchoMode(QLineEdit::Password);
        w.m_passwordLabel = new QLabel(this);
        w.m_passwordLabel->setBuddy(w.m_password);
        password->addRow(w.m_passwordLabel, w.m_password);
        layout->addLayout(password);
        m_linksIntro = new QLabel(this);
        m_linksIntro->setWordWrap(true);
        layout->addWidget(m_linksIntro);
        w.m_linkForm = new QFormLayout;
        layout->addLayout(w.m_linkForm);
        w.m_networkState = new QLabel(this);
        w.m_networkState->setWordWrap(true);
        layout->addWidget(w.m_networkState);
        w.m_linksState = new QLabel(this);
        w.m_linksState->setObjectName(QStringLiteral("linksState"));
        w.m_linksState->setWordWrap(true);
        w.m_linksState->setStyleSheet(QStringLiteral("color: #d32f2f"));
        layout->addWidget(w.m_linksState);
        layout->addStretch(1);
        connect(w.m_password, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    }
    void initializePage() override
    {
        setSubTitle(tr("The password of root@pam on the node to join through lets this node in; it is sent to "
                       "that node once and not kept."));
        m_w.m_passwordLabel->setText(tr("root@pam &password on %1:").arg(m_w.m_info.ipAddress));
        m_linksIntro->setText(tr("This node's address on each link of cluster %1 (it uses %n link(s)):", nullptr,
                                 int(m_w.m_links.size()))
                                  .arg(m_w.m_info.clusterName()));
        m_w.buildLinkFields();
        m_w.m_linksState->setText(m_w.linksProblem());
    }
    bool isComplete() const override
    {
        return !m_w.m_password->text().isEmpty() && m_w.linksProblem().isEmpty();
    }

private:
    JoinClusterWizard &m_w;
    QLabel *m_linksIntro = nullptr;
};

JoinClusterWizard::JoinClusterWizard(ClusterSession &session, QWidget *parent)
    : ClusterTaskWizard(session, parent)
{
    setWindowTitle(tr("Join cluster"));
    setButtonText(QWizard::CommitButton, tr("&Join"));
    setPage(InformationPage, new InformationStep(*this));
    setPage(LinksPage, new LinksStep(*this));
    addTaskPages(SummaryPage, tr("Join sends the request to this node; the next page follows it."),
                 tr("This node takes the cluster's configuration (users, permissions, storage) in place of its own, "
                    "so it should have no guests. Its API restarts with a certificate from the cluster: the console "
                    "then asks you to trust it and to log in again."),
                 ProgressPage, tr("Joining the cluster"));
    progressPage()->setCertificateChangeExpected(tr("A node that joins a cluster gets its certificate from the cluster, "
                                                     "so this is expected here: trust it to carry on."));
    m_membership.setInterval(kMembershipPollMs);
    connect(&m_membership, &QTimer::timeout, this, &JoinClusterWizard::pollMembership);
    resize(700, 540);
}

Result<cluster::JoinInformation> JoinClusterWizard::check(const QString &text)
{
    // The same steps as JoinInformation::fromBlob, so its common errors can
    // be said in the user's language; the field checks keep its words.
    QByteArray compact;
    for (const QChar c : text)
        if (!c.isSpace())
            compact.append(c.toLatin1());
    if (compact.isEmpty())
        return fail(Code::InvalidArgument, tr("Paste the cluster's Join Information."));
    const auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(Code::InvalidArgument, tr("This is not Join Information (it is not base64 text): copy it again, "
                                              "whole, from the cluster's Join Information."));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(Code::InvalidArgument, tr("The Join Information is cut or damaged: copy it again, whole."));
    auto info = cluster::JoinInformation::fromBlob(text);
    if (!info)
        return fail(Code::InvalidArgument, tr("The Join Information is incomplete: %1").arg(info.error().message));
    if (auto links = clusterLinks(*info); !links)
        return std::unexpected(links.error());
    return info;
}

Result<QList<int>> JoinClusterWizard::clusterLinks(const cluster::JoinInformation &info)
{
    // totem.interface: {"0": {"linknumber": "0"}, ...} (older clusters: "ringnumber").
    QList<int> totem;
    const QJsonObject interfaces = info.totem.value(QLatin1String("interface")).toObject();
    for (auto it = interfaces.begin(); it != interfaces.end(); ++it) {
        const QJsonObject i = it.value().toObject();
        QJsonValue number = i.value(QLatin1String("linknumber"));
        if (number.isUndefined())
            number = i.value(QLatin1String("ringnumber"));
        if (number.isUndefined())
            number = it.key();
        bool ok = number.isDouble();
        int link = number.toInt();
        if (number.isString())
            link = number.toString().toInt(&ok);
        if (ok)
            totem.append(link);
    }
    std::sort(totem.begin(), totem.end());
    totem.erase(std::unique(totem.begin(), totem.end()), totem.end());
    const QList<int> peer = info.peerLinks.keys();
    if (totem.isEmpty())
        return peer; // a cluster with default settings names no interface: one link per address
    if (totem != peer)
        return fail(Code::InvalidArgument,
                    tr("The Join Information does not add up: the cluster's settings name links %1, but the node to "
                       "join through has addresses on links %2. Copy it from a node whose configuration is complete.")
                        .arg(linkList(totem), linkList(peer)));
    return totem;
}

void JoinClusterWizard::setJoinInformation(const QString &text)
{
    m_paste->setPlainText(text);
}

void JoinClusterWizard::nodeStateRead(const QString &error)
{
    if (!error.isEmpty()) {
        m_infoState->setStyleSheet(QStringLiteral("color: #d32f2f"));
        m_infoState->setText(tr("Cannot read the node's cluster state: %1").arg(error));
        return;
    }
    onInformationChanged();
    emit page(InformationPage)->completeChanged();
}

void JoinClusterWizard::networkRead(const Result<QJsonValue> &n)
{
    // Without the list the addresses are typed; the links page says so.
    m_network = n ? n->toArray() : QJsonArray();
    m_networkState->setText(n ? QString()
                              : tr("Cannot list this node's network interfaces (%1): type its addresses.")
                                    .arg(n.error().message));
    for (LinkAddressField *f : std::as_const(m_fields))
        f->setInterfaces(m_network);
    proposeAddresses();
}

void JoinClusterWizard::onInformationChanged()
{
    const QString text = m_paste->toPlainText();
    auto info = check(text);
    m_infoValid = info.has_value();
    m_infoProblem = info ? QString() : info.error().message;
    if (info) {
        m_info = *info;
        m_links = *clusterLinks(m_info);
    }
    QString state;
    bool error = false;
    if (m_loaded && m_status.inCluster) {
        state = tr("This node is already in cluster %1: a node is a member of one cluster only.").arg(m_status.name);
        error = true;
    } else if (!info) {
        state = m_infoProblem;
        error = !text.trimmed().isEmpty();
    } else if (!m_loaded) {
        state = tr("Reading this node's state…");
    }
    m_infoState->setText(state);
    m_infoState->setStyleSheet(error ? QStringLiteral("color: #d32f2f") : QString());
    m_details->setVisible(m_infoValid);
    if (m_infoValid) {
        m_clusterName->setText(m_info.clusterName());
        m_peer->setText(m_info.ipAddress);
        m_fingerprint->setText(m_info.fingerprint);
        QStringList links;
        for (int l : std::as_const(m_links))
            links << tr("link %1: %2").arg(l).arg(m_info.peerLinks.value(l));
        m_peerLinks->setText(links.join(QLatin1Char('\n')));
    }
}

void JoinClusterWizard::buildLinkFields()
{
    if (m_fieldLinks == m_links && !m_fields.isEmpty()) {
        for (LinkAddressField *f : std::as_const(m_fields))
            f->setPeerAddress(m_info.peerLinks.value(f->link()));
        return;
    }
    for (LinkAddressField *f : std::as_const(m_fields))
        m_linkForm->removeRow(f);
    m_fields.clear();
    m_fieldLinks = m_links;
    for (int link : std::as_const(m_links)) {
        auto *field = new LinkAddressField(link, false, m_linkForm->parentWidget());
        field->setInterfaces(m_network);
        field->setPeerAddress(m_info.peerLinks.value(link));
        m_linkForm->addRow(tr("Link %1:").arg(link), field);
        if (auto *label = qobject_cast<QLabel *>(m_linkForm->labelForField(field)))
            label->setBuddy(field->comboBox());
        connect(field, &LinkAddressField::changed, this, [this] {
            m_linksState->setText(linksProblem());
            emit page(LinksPage)->completeChanged();
        });
        m_fields.append(field);
    }
    proposeAddresses();
}

void JoinClusterWizard::proposeAddresses()
{
    // For each link still empty: the node's address in the cluster's network
    // on that link, as an admin would pick it; for the first link, the node's
    // main address otherwise.
    const ClusterStatus::Node *local = m_status.localNode();
    for (LinkAddressField *field : std::as_const(m_fields)) {
        if (!field->address().isEmpty())
            continue;
        const QHostAddress peer(m_info.peerLinks.value(field->link()));
        QString proposal;
        for (const QJsonValue &v : std::as_const(m_network)) {
            const QJsonObject o = v.toObject();
            const auto [net, prefix] = QHostAddress::parseSubnet(o.value(QLatin1String("cidr")).toString());
            if (prefix >= 0 && peer.isInSubnet(net, prefix)) {
                proposal = o.value(QLatin1String("address")).toString();
                break;
            }
        }
        if (proposal.isEmpty() && field == m_fields.first() && local && !QHostAddress(local->ip).isLoopback())
            proposal = local->ip;
        if (!proposal.isEmpty())
            field->setAddress(proposal);
    }
}

QString JoinClusterWizard::linksProblem() const
{
    if (m_fields.size() != m_links.size())
        return tr("The cluster uses %n link(s): give this node an address on each.", nullptr, int(m_links.size()));
    for (const LinkAddressField *f : m_fields)
        if (const QString p = f->problem(); !p.isEmpty())
            return p;
    for (int i = 0; i < m_fields.size(); ++i)
        for (int j = i + 1; j < m_fields.size(); ++j)
            if (!m_fields[i]->address().isEmpty()
                && QHostAddress(m_fields[i]->address()).isEqual(QHostAddress(m_fields[j]->address())))
                return tr("Each link needs its own address: links %1 and %2 both use %3.")
                    .arg(m_fields[i]->link())
                    .arg(m_fields[j]->link())
                    .arg(m_fields[i]->address());
    return {};
}

QJsonObject JoinClusterWizard::requestParameters() const
{
    QJsonObject params{{QStringLiteral("hostname"), m_info.ipAddress},
                       {QStringLiteral("fingerprint"), m_info.fingerprint},
                       {QStringLiteral("password"), m_password->text()}};
    for (const LinkAddressField *f : m_fields)
        params.insert(QStringLiteral("link%1").arg(f->link()), f->address());
    return params;
}

QStringList JoinClusterWizard::summary() const
{
    QStringList lines{tr("Cluster: %1").arg(m_info.clusterName()),
                      tr("Join through: %1").arg(m_info.ipAddress),
                      tr("Fingerprint: %1").arg(m_info.fingerprint),
                      tr("This node: %1").arg(m_node)};
    for (const LinkAddressField *f : m_fields) {
        const QString peer = m_info.peerLinks.value(f->link());
        lines << (f->interfaceName().isEmpty()
                      ? tr("Link %1: %2 (the cluster: %3)").arg(f->link()).arg(f->address(), peer)
                      : tr("Link %1: %2 on %3 (the cluster: %4)")
                            .arg(f->link())
                            .arg(f->address(), f->interfaceName(), peer));
    }
    return lines;
}

ClusterTaskWizard::Request JoinClusterWizard::request() const
{
    return {QStringLiteral("/cluster/config/join"),
            requestParameters(),
            tr("Asking %1 to join cluster %2…").arg(m_node, m_info.clusterName()),
            tr("The node refused to join the cluster: %1"),
            tr("Join cluster %1").arg(m_info.clusterName()),
            tr("Joining cluster %1 through %2…").arg(m_info.clusterName(), m_info.ipAddress)};
}

void JoinClusterWizard::taskStarted()
{
    m_password->clear(); // not needed any more: do not keep it in memory
}

void JoinClusterWizard::taskStopped(bool ok, const QString &exitStatus)
{
    if (!ok) {
        taskFailed(tr("Joining the cluster failed: %1").arg(exitStatus));
        return;
    }
    progressPage()->wait(tr("Joined: waiting for this node to report cluster %1…").arg(m_info.clusterName()),
                         tr("The cluster's nodes appear in the tree once this node sees them."));
    m_membershipWaited = 0;
    m_membership.start();
    pollMembership();
}

void JoinClusterWizard::pollMembership()
{
    if (!m_session || m_membershipBusy)
        return;
    if ((m_membershipWaited += kMembershipPollMs) > kMembershipWaitMs) {
        m_membership.stop();
        progressPage()->finish(false, tr("The task ended well, but this node does not report cluster %1 yet.")
                                          .arg(m_info.clusterName()),
                               tr("Look at Datacenter → Cluster in a moment; the task log above has the details."));
        return;
    }
    if (m_session->state() != ClusterSession::State::Online)
        return; // the page shows what the connection needs meanwhile
    m_membershipBusy = true;
    m_session->client().get(QStringLiteral("/cluster/status")).then(this, [this](const Result<QJsonValue> &r) {
        m_membershipBusy = false;
        if (!r || !m_membership.isActive())
            return;
        const ClusterStatus status = ClusterStatus::fromJson(r->toArray());
        if (!status.inCluster || status.name != m_info.clusterName())
            return;
        m_membership.stop();
        progressPage()->finish(
            true, tr("This node is now a member of cluster %1, with %n node(s).", nullptr, status.nodeCount).arg(status.name),
            tr("The tree shows the cluster's nodes; Datacenter → Cluster shows its members and links."));
        m_session->refreshSoon();
        emit joined(status.name);
    });
}

} // namespace atalaia::ui
