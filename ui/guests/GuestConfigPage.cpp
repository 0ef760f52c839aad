#include "GuestConfigPage.h"

#include "StandardButtons.h"
#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <algorithm>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {

enum Column { KeyColumn, ValueColumn, ColumnCount };
constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kCdromRole = Qt::UserRole + 2;
const QColor kPending(0xe6, 0x51, 0x00);

// Values in MiB in a config.
bool isMiB(const QString &key)
{
    return key == QLatin1String("memory") || key == QLatin1String("swap") || key == QLatin1String("balloon");
}

QString text(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
}

} // namespace

GuestConfigPage::GuestConfigPage(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_edit = new QPushButton(this);
    m_edit->setObjectName(QStringLiteral("editConfig"));
    m_edit->setEnabled(false);
    m_reload = new QPushButton(this);
    m_state = new QLabel(this);
    m_state->setWordWrap(true);
    bar->addWidget(m_edit);
    bar->addWidget(m_reload);
    bar->addWidget(m_state, 1);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(m_reload, &QPushButton::clicked, this, &GuestConfigPage::reload);
    connect(m_edit, &QPushButton::clicked, this, &GuestConfigPage::editCurrent);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { editCurrent(); });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QString key = row >= 0 && m_table->item(row, KeyColumn) ? m_table->item(row, KeyColumn)->data(kKeyRole).toString()
                                                                      : QString();
        const bool may = m_session && m_guest.vmid
                      && m_session->can(QStringLiteral("/vms/") + m_guest.vmid->toString(), privilegeFor(container(), key));
        m_edit->setEnabled(!key.isEmpty() && isEditable(key) && may);
        m_edit->setToolTip(!key.isEmpty() && isEditable(key) && !may
                               ? tr("You need %1 on /vms/%2.").arg(privilegeFor(container(), key), m_guest.vmid->toString())
                               : QString());
    });
    retranslate();
}

void GuestConfigPage::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Setting"), tr("Value")});
    m_table->setAccessibleName(m_kind == Kind::Hardware ? tr("Hardware") : tr("Options"));
    m_edit->setText(tr("&Edit…"));
    m_reload->setText(tr("Re&load"));
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (QTableWidgetItem *k = m_table->item(r, KeyColumn))
            k->setText(keyName(k->data(kKeyRole).toString(), k->data(kCdromRole).toBool()));
}

void GuestConfigPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GuestConfigPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload(); // the tab was chosen: show the config as it is now
}

bool GuestConfigPage::isHardwareKey(bool container, const QString &key)
{
    static const QRegularExpression kVmHardware(QStringLiteral(
        R"(^(memory|balloon|shares|sockets|cores|vcpus|cpu|cpulimit|cpuunits|numa|bios|machine|scsihw|vga|efidisk0|tpmstate0|audio0|rng0|(ide|sata|scsi|virtio|net|usb|hostpci|serial|parallel|unused)\d+)$)"));
    static const QRegularExpression kCtResources(
        QStringLiteral(R"(^(memory|swap|cores|cpulimit|cpuunits|rootfs|(mp|net|unused|dev)\d+)$)"));
    return (container ? kCtResources : kVmHardware).match(key).hasMatch();
}

QString GuestConfigPage::privilegeFor(bool container, const QString &key)
{
    if (key == QLatin1String("memory") || key == QLatin1String("swap") || key == QLatin1String("balloon"))
        return QStringLiteral("VM.Config.Memory");
    if (key == QLatin1String("cores") || key == QLatin1String("sockets") || key == QLatin1String("cpu")
        || key == QLatin1String("cpulimit") || key == QLatin1String("cpuunits") || key == QLatin1String("vcpus"))
        return QStringLiteral("VM.Config.CPU");
    if (key.startsWith(QLatin1String("net")))
        return QStringLiteral("VM.Config.Network");
    if (isHardwareKey(container, key) && !key.startsWith(QLatin1String("net")))
        return key.contains(QRegularExpression(QStringLiteral("^(ide|sata|scsi|virtio|efidisk|tpmstate|rootfs|mp|unused)")))
                   ? QStringLiteral("VM.Config.Disk")
                   : QStringLiteral("VM.Config.HWType");
    return QStringLiteral("VM.Config.Options");
}

bool GuestConfigPage::isEditable(const QString &key)
{
    static const QStringList simple{QStringLiteral("memory"), QStringLiteral("swap"),     QStringLiteral("balloon"),
                                    QStringLiteral("cores"),  QStringLiteral("sockets"),  QStringLiteral("cpu"),
                                    QStringLiteral("cpulimit"), QStringLiteral("name"),   QStringLiteral("hostname"),
                                    QStringLiteral("onboot"), QStringLiteral("protection"), QStringLiteral("tags"),
                                    QStringLiteral("startup"), QStringLiteral("boot"),    QStringLiteral("ostype"),
                                    QStringLiteral("description")};
    return simple.contains(key);
}

QString GuestConfigPage::keyName(const QString &key, bool cdrom) const
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("memory"), QT_TR_NOOP("Memory")},
        {QStringLiteral("swap"), QT_TR_NOOP("Swap")},
        {QStringLiteral("balloon"), QT_TR_NOOP("Minimum memory (balloon)")},
        {QStringLiteral("sockets"), QT_TR_NOOP("Sockets")},
        {QStringLiteral("cores"), QT_TR_NOOP("Cores")},
        {QStringLiteral("cpu"), QT_TR_NOOP("Processor type")},
        {QStringLiteral("cpulimit"), QT_TR_NOOP("CPU limit")},
        {QStringLiteral("bios"), QT_TR_NOOP("BIOS")},
        {QStringLiteral("machine"), QT_TR_NOOP("Machine")},
        {QStringLiteral("scsihw"), QT_TR_NOOP("SCSI controller")},
        {QStringLiteral("vga"), QT_TR_NOOP("Display")},
        {QStringLiteral("rootfs"), QT_TR_NOOP("Root disk")},
        {QStringLiteral("name"), QT_TR_NOOP("Name")},
        {QStringLiteral("hostname"), QT_TR_NOOP("Hostname")},
        {QStringLiteral("onboot"), QT_TR_NOOP("Start at boot")},
        {QStringLiteral("startup"), QT_TR_NOOP("Start/shutdown order")},
        {QStringLiteral("ostype"), QT_TR_NOOP("OS type")},
        {QStringLiteral("boot"), QT_TR_NOOP("Boot order")},
        {QStringLiteral("protection"), QT_TR_NOOP("Protection")},
        {QStringLiteral("tags"), QT_TR_NOOP("Tags")},
        {QStringLiteral("description"), QT_TR_NOOP("Notes")},
        {QStringLiteral("unprivileged"), QT_TR_NOOP("Unprivileged container")},
        {QStringLiteral("arch"), QT_TR_NOOP("Architecture")},
        {QStringLiteral("agent"), QT_TR_NOOP("QEMU guest agent")},
        {QStringLiteral("smbios1"), QT_TR_NOOP("SMBIOS settings (type1)")},
        {QStringLiteral("features"), QT_TR_NOOP("Features")},
        {QStringLiteral("lock"), QT_TR_NOOP("Lock")},
    };
    if (const auto it = names.constFind(key); it != names.cend())
        return tr(*it);
    static const QRegularExpression kDevice(QStringLiteral(R"(^(ide|sata|scsi|virtio|net|mp|unused|usb|hostpci|serial)(\d+)$)"));
    if (const auto m = kDevice.match(key); m.hasMatch()) {
        const QString kind = m.captured(1);
        if (kind == QLatin1String("net"))
            return tr("Network device (%1)").arg(key);
        if (kind == QLatin1String("mp"))
            return tr("Mount point (%1)").arg(key);
        if (kind == QLatin1String("unused"))
            return tr("Unused disk (%1)").arg(key);
        if (kind == QLatin1String("usb") || kind == QLatin1String("hostpci") || kind == QLatin1String("serial"))
            return tr("Device (%1)").arg(key);
        return cdrom ? tr("CD/DVD drive (%1)").arg(key) : tr("Hard disk (%1)").arg(key);
    }
    return key;
}

QString GuestConfigPage::valueText(const QString &key, const QString &value) const
{
    if (isMiB(key)) {
        bool ok = false;
        const qint64 mib = value.toLongLong(&ok);
        if (ok)
            return QLocale().formattedDataSize(mib * 1024 * 1024);
    }
    if (key == QLatin1String("ostype")) {
        static const QHash<QString, const char *> kinds{
            {QStringLiteral("l26"), QT_TR_NOOP("Linux 6.x - 2.6 kernel")},
            {QStringLiteral("l24"), QT_TR_NOOP("Linux 2.4 kernel")},
            {QStringLiteral("win11"), QT_TR_NOOP("Microsoft Windows 11/2022/2025")},
            {QStringLiteral("win10"), QT_TR_NOOP("Microsoft Windows 10/2016/2019")},
            {QStringLiteral("solaris"), QT_TR_NOOP("Solaris kernel")},
            {QStringLiteral("other"), QT_TR_NOOP("Other")}};
        if (const auto it = kinds.constFind(value); it != kinds.cend())
            return tr("%1 (%2)").arg(tr(*it), value);
    }
    if (key == QLatin1String("onboot") || key == QLatin1String("protection") || key == QLatin1String("unprivileged"))
        return value == QLatin1String("1") ? tr("Yes") : tr("No");
    return value;
}

QString GuestConfigPage::configPath() const
{
    return QStringLiteral("/nodes/%1/%2/%3")
        .arg(m_guest.node ? m_guest.node->toString() : QString(), container() ? QStringLiteral("lxc") : QStringLiteral("qemu"),
             m_guest.vmid ? m_guest.vmid->toString() : QString());
}

void GuestConfigPage::showGuest(ClusterSession *session, const model::ClusterResource &guest)
{
    const bool same = session == m_session && guest.id == m_guest.id && guest.node == m_guest.node;
    m_session = session;
    m_guest = guest;
    if (!same) {
        m_table->setRowCount(0);
        m_digest.clear();
        ++m_request; // an answer about the guest shown before no longer counts
        m_loading = false;
        if (isVisible())
            reload();
    }
}

void GuestConfigPage::reload()
{
    if (!m_session || !m_guest.vmid || m_loading)
        return;
    m_loading = true;
    const quint64 request = ++m_request;
    const QString path = configPath();
    // The digest comes with GET .../config; the values and pending changes with .../pending.
    m_session->client().get(path + QStringLiteral("/config")).then(this, [this, request, path](const Result<QJsonValue> &config) {
        if (request != m_request || !m_session) {
            m_loading = false;
            return;
        }
        if (!config) {
            m_loading = false;
            m_state->setText(tr("Cannot read the configuration: %1").arg(config.error().message));
            return;
        }
        m_digest = config->toObject().value(QLatin1String("digest")).toString();
        m_session->client().get(path + QStringLiteral("/pending")).then(this, [this, request](const Result<QJsonValue> &pending) {
            m_loading = false;
            if (request != m_request)
                return;
            if (!pending) {
                m_state->setText(tr("Cannot read the configuration: %1").arg(pending.error().message));
                return;
            }
            fill(pending->toArray());
            emit loaded();
        });
    });
}

void GuestConfigPage::fill(const QJsonArray &entries)
{
    const QString current = m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), KeyColumn)
                                ? m_table->item(m_table->currentRow(), KeyColumn)->data(kKeyRole).toString()
                                : QString();
    static const QStringList hidden{QStringLiteral("digest"), QStringLiteral("vmgenid"), QStringLiteral("meta")};
    m_table->setRowCount(0);
    int pendingCount = 0;
    // Proxmox's order: memory, processors, firmware and machine, controllers, drives, NICs, the rest.
    QList<QJsonObject> sorted;
    for (const QJsonValue &v : entries)
        sorted.append(v.toObject());
    auto rank = [](const QString &key) {
        static const QStringList order{QStringLiteral("memory"), QStringLiteral("balloon"), QStringLiteral("swap"),
                                       QStringLiteral("sockets"), QStringLiteral("cores"), QStringLiteral("cpu"),
                                       QStringLiteral("cpulimit"), QStringLiteral("bios"), QStringLiteral("vga"),
                                       QStringLiteral("machine"), QStringLiteral("scsihw"), QStringLiteral("rootfs"),
                                       QStringLiteral("efidisk0"), QStringLiteral("name"), QStringLiteral("hostname"),
                                       QStringLiteral("onboot"), QStringLiteral("startup"), QStringLiteral("ostype"),
                                       QStringLiteral("boot")};
        if (const qsizetype i = order.indexOf(key); i >= 0)
            return int(i);
        static const QRegularExpression kDrive(QStringLiteral("^(ide|sata|scsi|virtio|mp)\\d+$"));
        if (kDrive.match(key).hasMatch())
            return 50;
        if (key.startsWith(QLatin1String("net")))
            return 60;
        if (key.startsWith(QLatin1String("unused")))
            return 70;
        return 80;
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const QString ka = a.value(QLatin1String("key")).toString(), kb = b.value(QLatin1String("key")).toString();
        return rank(ka) != rank(kb) ? rank(ka) < rank(kb) : ka < kb;
    });
    for (const QJsonObject &e : std::as_const(sorted)) {
        const QString key = e.value(QLatin1String("key")).toString();
        if (hidden.contains(key) || isHardwareKey(container(), key) != (m_kind == Kind::Hardware))
            continue;
        const bool hasPending = e.contains(QLatin1String("pending"));
        const bool deleting = e.value(QLatin1String("delete")).toInt() != 0;
        QString value = valueText(key, text(e.value(QLatin1String("value"))));
        if (hasPending)
            value = e.contains(QLatin1String("value"))
                        ? tr("%1 → %2 (at the next start)").arg(value, valueText(key, text(e.value(QLatin1String("pending")))))
                        : tr("%1 (at the next start)").arg(valueText(key, text(e.value(QLatin1String("pending")))));
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const bool cdrom = text(e.value(QLatin1String("value"))).contains(QLatin1String("media=cdrom"));
        auto *k = new QTableWidgetItem(keyName(key, cdrom));
        k->setData(kKeyRole, key);
        k->setData(kCdromRole, cdrom);
        k->setToolTip(key);
        auto *val = new QTableWidgetItem(value);
        if (hasPending || deleting) {
            ++pendingCount;
            val->setForeground(kPending);
            QFont f = val->font();
            f.setStrikeOut(deleting);
            f.setItalic(hasPending);
            val->setFont(f);
        }
        m_table->setItem(row, KeyColumn, k);
        m_table->setItem(row, ValueColumn, val);
        if (key == current)
            m_table->setCurrentCell(row, ValueColumn);
    }
    m_table->resizeColumnToContents(KeyColumn);
    m_state->setText(pendingCount > 0 ? tr("%n change(s) apply at the next start (in orange).", nullptr, pendingCount)
                                      : QString());
}

QString GuestConfigPage::stateText() const
{
    return m_state->text();
}

void GuestConfigPage::editCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_edit->isEnabled())
        return;
    const QString key = m_table->item(row, KeyColumn)->data(kKeyRole).toString();
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit %1").arg(keyName(key, false)));
    dialog->setLabelText(isMiB(key) ? tr("%1 (MiB):").arg(keyName(key, false)) : tr("%1:").arg(keyName(key, false)));
    dialog->setOkButtonText(tr("OK"));
    dialog->setCancelButtonText(tr("Cancel"));
    // The config's own text, not the friendly one shown in the table.
    m_session->client().get(configPath() + QStringLiteral("/config")).then(dialog, [dialog, key](const Result<QJsonValue> &c) {
        if (c)
            dialog->setTextValue(text(c->toObject().value(key)));
    });
    connect(dialog, &QInputDialog::textValueSelected, this, [this, key](const QString &value) { setValue(key, value.trimmed()); });
    dialog->open();
}

void GuestConfigPage::setValue(const QString &key, const QString &value)
{
    if (!m_session)
        return;
    QJsonObject params{{QStringLiteral("digest"), m_digest}};
    if (value.isEmpty())
        params.insert(QStringLiteral("delete"), key);
    else
        params.insert(key, value);
    m_state->setText(tr("Saving…"));
    m_session->client().put(configPath() + QStringLiteral("/config"), params).then(this, [this](const Result<QJsonValue> &r) {
        // A digest mismatch means someone else changed the config: show theirs, do not retry blindly.
        m_state->setText(r ? QString() : tr("Not saved: %1").arg(r.error().message));
        const QString keep = m_state->text();
        m_loading = false;
        reload();
        if (!r)
            connect(this, &GuestConfigPage::loaded, m_state, [this, keep] { m_state->setText(keep); },
                    Qt::SingleShotConnection);
        if (m_session)
            m_session->refreshSoon();
    });
}

} // namespace atalaia::ui
