#include "StorageContentPage.h"

#include "StandardButtons.h"
#include "StorageContentModel.h"
#include "TaskFollower.h"
#include "TemplateDialog.h"
#include "UploadDialog.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"
#include "tasks/TaskLogView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace atalaia::ui {

StorageContentPage::StorageContentPage(const QString &content, QWidget *parent)
    : QWidget(parent)
    , m_content(content)
{
    setObjectName(QStringLiteral("storageContent-") + content);
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_upload = new QPushButton(this);
    m_upload->setObjectName(QStringLiteral("storageUpload"));
    m_templates = new QPushButton(this);
    m_templates->setObjectName(QStringLiteral("storageTemplates"));
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("storageRemove"));
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("storageRefresh"));
    m_upload->setVisible(content == u"iso" || content == u"vztmpl");
    m_templates->setVisible(content == u"vztmpl");
    bar->addWidget(m_upload);
    bar->addWidget(m_templates);
    bar->addWidget(m_remove);
    bar->addStretch(1);
    bar->addWidget(m_refresh);
    layout->addLayout(bar);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("storageMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    m_model = new StorageContentModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(StorageContentModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("storageTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StorageContentModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(StorageContentModel::Name, QHeaderView::Stretch);
    for (int c : {StorageContentModel::Date, StorageContentModel::Format, StorageContentModel::Size, StorageContentModel::Vmid})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->setColumnHidden(StorageContentModel::Vmid, content != u"images" && content != u"rootdir");
    m_table->installEventFilter(this);
    layout->addWidget(m_table, 1);

    connect(m_upload, &QPushButton::clicked, this, &StorageContentPage::upload);
    connect(m_templates, &QPushButton::clicked, this, &StorageContentPage::templates);
    connect(m_remove, &QPushButton::clicked, this, &StorageContentPage::removeCurrent);
    connect(m_refresh, &QPushButton::clicked, this, &StorageContentPage::refresh);
    connect(m_table, &QTableView::doubleClicked, this, &StorageContentPage::showDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &StorageContentPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StorageContentPage::updateButtons);
    retranslate();
    updateButtons();
}

QString StorageContentPage::title(const QString &content)
{
    if (content == u"iso")
        return tr("ISO Images");
    if (content == u"vztmpl")
        return tr("CT Templates");
    if (content == u"images")
        return tr("VM Disks");
    if (content == u"rootdir")
        return tr("CT Volumes");
    return content;
}

void StorageContentPage::retranslate()
{
    m_upload->setText(tr("&Upload"));
    m_templates->setText(tr("&Templates"));
    m_remove->setText(tr("&Remove"));
    m_refresh->setText(tr("Re&fresh"));
    m_table->setAccessibleName(title(m_content));
    m_model->retranslate();
}

void StorageContentPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool StorageContentPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            removeCurrent();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            showDetails();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StorageContentPage::show(ClusterSession *session, const QString &node, const QString &storage)
{
    const bool same = session == m_session && node == m_node && storage == m_storage;
    m_session = session;
    m_node = node;
    m_storage = storage;
    if (!same) {
        m_model->setVolumes(QList<StorageContentModel::Volume>{});
        showMessage({});
    }
    refresh();
}

QString StorageContentPage::message() const
{
    return m_message->isVisible() || !m_message->isHidden() ? m_message->text() : QString();
}

void StorageContentPage::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString StorageContentPage::currentVolume() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return {};
    return m_sorted->mapToSource(current).siblingAtColumn(StorageContentModel::Name).data(StorageContentModel::VolidRole).toString();
}

void StorageContentPage::updateButtons()
{
    const bool may = m_session && m_session->can(QStringLiteral("/storage/") + m_storage, QStringLiteral("Datastore.AllocateTemplate"));
    m_upload->setEnabled(may);
    m_templates->setEnabled(may);
    m_remove->setEnabled(!currentVolume().isEmpty()
                         && m_session && m_session->can(QStringLiteral("/storage/") + m_storage, QStringLiteral("Datastore.Allocate")));
}

void StorageContentPage::refresh()
{
    if (!m_session || m_storage.isEmpty())
        return;
    const quint64 request = ++m_request;
    // VM disks and CT volumes are both "images" to the storage; the guest's type tells them apart.
    const QString query = m_content == u"rootdir" ? QStringLiteral("images") : m_content;
    m_session->client()
        .get(QStringLiteral("/nodes/%1/storage/%2/content").arg(m_node, m_storage), {{QStringLiteral("content"), query}})
        .then(this, [this, request](const Result<QJsonValue> &r) {
            if (request != m_request)
                return;
            if (!r) {
                showMessage(tr("Cannot list the content of %1: %2").arg(m_storage, r.error().message));
                return;
            }
            QSet<qint64> containers;
            if (m_session)
                for (const auto &res : m_session->resources())
                    if (res.type == model::ResourceType::Lxc && res.vmid)
                        containers.insert(qint64(res.vmid->value()));
            const QString previous = currentVolume();
            QJsonArray kept;
            for (const QJsonValue &v : r->toArray()) {
                const qint64 vmid = v.toObject().value(QLatin1String("vmid")).toInteger();
                if (m_content == u"images" && containers.contains(vmid))
                    continue;
                if (m_content == u"rootdir" && !containers.contains(vmid))
                    continue;
                kept.append(v);
            }
            m_model->setVolumes(kept);
            if (const QModelIndex again = m_model->indexOf(previous); again.isValid())
                m_table->setCurrentIndex(m_sorted->mapFromSource(again));
            else if (m_sorted->rowCount() > 0)
                m_table->setCurrentIndex(m_sorted->index(0, 0));
            emit refreshed();
        });
}

void StorageContentPage::upload()
{
    if (!m_session || (m_content != u"iso" && m_content != u"vztmpl"))
        return;
    auto *dialog = new UploadDialog(*m_session, m_node, m_storage, m_content, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UploadDialog::uploaded, this, [this] {
        showMessage({});
        refresh();
    });
    dialog->open();
    emit uploadDialogOpened(dialog);
}

void StorageContentPage::templates()
{
    if (!m_session)
        return;
    auto *dialog = new TemplateDialog(*m_session, m_node, m_storage, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TemplateDialog::downloadStarted, this, [this](const QString &upid, const QString &name) {
        if (m_session && !upid.isEmpty()) {
            // The task's own window, as for every task the console starts.
            auto *log = new TaskLogView(*m_session, upid, tr("Download %1").arg(name), this);
            log->show();
        }
        followTask(upid, tr("The download of %1 failed: %2").arg(name));
    });
    dialog->open();
}

void StorageContentPage::removeCurrent()
{
    const QString volid = currentVolume();
    if (volid.isEmpty() || !m_session || !m_remove->isEnabled())
        return;
    auto *ask = new QMessageBox(QMessageBox::Warning, tr("Remove volume"),
                                tr("Remove %1 from storage %2? This cannot be undone.").arg(volid, m_storage),
                                QMessageBox::Yes | QMessageBox::No, this);
    ask->setObjectName(QStringLiteral("storageRemoveQuestion"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setDefaultButton(QMessageBox::No);
    nameStandardButtons(*ask);
    ask->button(QMessageBox::Yes)->setText(tr("&Remove"));
    connect(ask, &QMessageBox::finished, this, [this, volid](int result) {
        if (result != QMessageBox::Yes || !m_session)
            return;
        showMessage(tr("Removing %1…").arg(volid));
        // The volid as it is, '/' included: the client sends paths decoded
        // (QUrl encodes them), as Proxmox's own clients name volumes.
        m_session->client()
            .del(QStringLiteral("/nodes/%1/storage/%2/content/%3").arg(m_node, m_storage, volid))
            .then(this, [this, volid](const Result<QJsonValue> &r) {
                if (!r) {
                    showMessage(tr("Cannot remove %1: %2").arg(volid, r.error().message));
                    return;
                }
                followTask(r->toString(), tr("Cannot remove %1: %2").arg(volid));
            });
    });
    ask->open();
}

void StorageContentPage::followTask(const QString &upid, const QString &failureText)
{
    if (upid.isEmpty() || !m_session) { // done at once (Proxmox answers null for some storages)
        showMessage({});
        refresh();
        return;
    }
    auto *follower = new TaskFollower(*m_session, upid, this);
    connect(follower, &TaskFollower::finished, this, [this, follower, failureText](bool ok, const QString &exitStatus) {
        follower->deleteLater();
        showMessage(ok ? QString() : failureText.arg(exitStatus));
        refresh();
    });
}

void StorageContentPage::showDetails()
{
    const QModelIndex current = m_table->currentIndex();
    const StorageContentModel::Volume *v = m_model->volume(m_sorted->mapToSource(current));
    if (!v)
        return;
    QStringList lines{tr("Volume: %1").arg(v->volid),
                      tr("Format: %1").arg(v->format),
                      tr("Size: %1 (%2 bytes)")
                          .arg(QLocale().formattedDataSize(v->size, 2, QLocale::DataSizeTraditionalFormat), QLocale().toString(v->size))};
    if (v->created.isValid())
        lines << tr("Created: %1").arg(QLocale().toString(v->created, QLocale::LongFormat));
    if (v->vmid > 0)
        lines << tr("Guest: %1").arg(v->vmid);
    auto *box = new QMessageBox(QMessageBox::Information, v->name(), lines.join(u'\n'), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("storageDetails"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    nameStandardButtons(*box);
    box->open();
}

} // namespace atalaia::ui
