#include "LinkAddressField.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QHostAddress>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace atalaia::ui {

namespace {

bool flag(const QJsonValue &v)
{
    return v.isBool() ? v.toBool() : v.toInt() != 0;
}

} // namespace

LinkAddressField::LinkAddressField(int link, bool optional, QWidget *parent)
    : QWidget(parent)
    , m_link(link)
    , m_optional(optional)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("link%1").arg(link));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setMinimumContentsLength(28);
    // Address and interface side by side in the list; the edit shows the address.
    m_model = new QStandardItemModel(0, 2, this);
    auto *view = new QTreeView(m_combo);
    view->setRootIsDecorated(false);
    view->setHeaderHidden(true);
    view->setAllColumnsShowFocus(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_combo->setModel(m_model);
    m_combo->setView(view);
    m_combo->setModelColumn(0);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("link%1Hint").arg(link));
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_hint->setFont(small);
    layout->addWidget(m_combo);
    layout->addWidget(m_hint);
    connect(m_combo, &QComboBox::editTextChanged, this, [this] {
        updateHint();
        emit changed();
    });
    retranslate();
}

void LinkAddressField::retranslate()
{
    m_combo->setAccessibleName(tr("Link %1 address").arg(m_link));
    m_combo->lineEdit()->setPlaceholderText(m_optional ? tr("none (optional)") : tr("an address of this node"));
    updateHint();
}

void LinkAddressField::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LinkAddressField::setInterfaces(const QJsonArray &network)
{
    const QString typed = address();
    m_known.clear();
    for (const QJsonValue &v : network) {
        const QJsonObject o = v.toObject();
        Known k;
        k.iface = o.value(QLatin1String("iface")).toString();
        k.type = o.value(QLatin1String("type")).toString();
        k.active = flag(o.value(QLatin1String("active")));
        k.gateway = !o.value(QLatin1String("gateway")).toString().isEmpty();
        if (const QString a = o.value(QLatin1String("address")).toString(); !a.isEmpty()) {
            k.address = a;
            k.cidr = o.value(QLatin1String("cidr")).toString();
            m_known.append(k);
        }
        if (const QString a = o.value(QLatin1String("address6")).toString(); !a.isEmpty()) {
            k.address = a;
            k.cidr = o.value(QLatin1String("cidr6")).toString();
            m_known.append(k);
        }
    }
    // Up before down, the default route's first; IPv4 before IPv6 (the order above).
    std::stable_sort(m_known.begin(), m_known.end(), [](const Known &a, const Known &b) {
        return std::pair(!a.active, !a.gateway) < std::pair(!b.active, !b.gateway);
    });
    const QSignalBlocker block(m_combo);
    m_model->removeRows(0, m_model->rowCount());
    for (const Known &k : std::as_const(m_known)) {
        auto *address = new QStandardItem(k.address);
        auto *where = new QStandardItem(k.active ? k.iface : tr("%1 (down)").arg(k.iface));
        address->setToolTip(k.cidr);
        if (!k.active)
            address->setForeground(m_combo->palette().color(QPalette::Disabled, QPalette::Text));
        m_model->appendRow({address, where});
    }
    if (auto *view = qobject_cast<QTreeView *>(m_combo->view())) {
        view->resizeColumnToContents(0);
        view->resizeColumnToContents(1);
        view->setMinimumWidth(view->columnWidth(0) + view->columnWidth(1) + 24);
    }
    m_combo->setEditText(typed);
    updateHint();
    emit changed();
}

void LinkAddressField::setAddress(const QString &address)
{
    const int row = m_combo->findText(address);
    if (row >= 0)
        m_combo->setCurrentIndex(row);
    m_combo->setEditText(address);
}

QString LinkAddressField::address() const
{
    return m_combo->currentText().trimmed();
}

const LinkAddressField::Known *LinkAddressField::known(const QString &address) const
{
    const QHostAddress wanted(address);
    for (const Known &k : m_known)
        if (QHostAddress(k.address).isEqual(wanted))
            return &k;
    return nullptr;
}

QString LinkAddressField::interfaceName() const
{
    const Known *k = known(address());
    return k ? k->iface : QString();
}

void LinkAddressField::setPeerAddress(const QString &address)
{
    m_peer = address;
    updateHint();
}

QString LinkAddressField::problem() const
{
    const QString text = address();
    if (text.isEmpty())
        return m_optional ? QString() : tr("Link %1: choose or type an address of this node.").arg(m_link);
    const QHostAddress ip(text);
    if (ip.isNull())
        return tr("Link %1: '%2' is not an IP address.").arg(m_link).arg(text);
    if (ip.isLoopback() || ip.isEqual(QHostAddress::AnyIPv4) || ip.isEqual(QHostAddress::AnyIPv6))
        return tr("Link %1: %2 cannot reach other nodes: choose the address of a network they share.")
            .arg(m_link)
            .arg(text);
    return {};
}

void LinkAddressField::updateHint()
{
    QStringList lines;
    QString colour;
    const QString text = address();
    if (const QString wrong = problem(); !wrong.isEmpty() && !text.isEmpty()) {
        lines << wrong;
        colour = QStringLiteral("#d32f2f");
    } else if (text.isEmpty()) {
        if (m_optional)
            lines << tr("Optional: a second network keeps the cluster together when the first one fails.");
    } else if (const Known *k = known(text)) {
        const auto [network, prefix] = QHostAddress::parseSubnet(k->cidr);
        const QString net = prefix < 0 ? k->cidr : QStringLiteral("%1/%2").arg(network.toString()).arg(prefix);
        lines << (k->active ? tr("On interface %1, network %2.").arg(k->iface, net)
                            : tr("On interface %1, network %2 — the interface is down.").arg(k->iface, net));
        if (!k->active)
            colour = QStringLiteral("#e65100");
        if (!m_peer.isEmpty() && prefix >= 0) {
            if (QHostAddress(m_peer).isInSubnet(network, prefix))
                lines << tr("Same network as the cluster's address on this link (%1).").arg(m_peer);
            else
                lines << tr("The cluster uses %1 on this link, in another network: this address must reach it.").arg(m_peer);
        }
    } else {
        lines << tr("Not an address of this node's interfaces: make sure the node really has it.");
        colour = QStringLiteral("#e65100");
        if (!m_peer.isEmpty())
            lines << tr("The cluster uses %1 on this link.").arg(m_peer);
    }
    if (lines.isEmpty() && !m_peer.isEmpty())
        lines << tr("The cluster uses %1 on this link.").arg(m_peer);
    m_hint->setText(lines.join(QLatin1Char('\n')));
    m_hint->setVisible(!lines.isEmpty());
    m_hint->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1").arg(colour));
}

} // namespace atalaia::ui
