#include "StorageSummaryPage.h"

#include "PageTitle.h"
#include "StorageContentPage.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QEvent>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

StorageSummaryPage::StorageSummaryPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("storageSummary"));
    auto *layout = new QVBoxLayout(this);
    m_title = makePageTitle(this);
    layout->addWidget(m_title);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_typeLabel = new QLabel(this);
    m_type = valueLabel(this);
    m_contentLabel = new QLabel(this);
    m_content = valueLabel(this);
    m_pathLabel = new QLabel(this);
    m_pathValue = valueLabel(this);
    m_sharedLabel = new QLabel(this);
    m_shared = valueLabel(this);
    m_activeLabel = new QLabel(this);
    m_active = valueLabel(this);
    m_usageLabel = new QLabel(this);
    m_usage = new QProgressBar(this);
    m_usage->setObjectName(QStringLiteral("storageUsage"));
    m_usage->setRange(0, 1000);
    m_usage->setTextVisible(false);
    m_usage->setMaximumWidth(420);
    m_usageText = valueLabel(this);
    auto *usage = new QVBoxLayout;
    usage->addWidget(m_usage);
    usage->addWidget(m_usageText);
    m_form->addRow(m_typeLabel, m_type);
    m_form->addRow(m_contentLabel, m_content);
    m_form->addRow(m_pathLabel, m_pathValue);
    m_form->addRow(m_sharedLabel, m_shared);
    m_form->addRow(m_activeLabel, m_active);
    m_form->addRow(m_usageLabel, usage);
    layout->addLayout(m_form);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    layout->addStretch(1);
    retranslate();
}

void StorageSummaryPage::retranslate()
{
    m_typeLabel->setText(tr("Type:"));
    m_contentLabel->setText(tr("Content:"));
    m_pathLabel->setText(tr("Path:"));
    m_sharedLabel->setText(tr("Shared:"));
    m_activeLabel->setText(tr("Active:"));
    m_usageLabel->setText(tr("Usage:"));
    showStatus();
}

void StorageSummaryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StorageSummaryPage::show(ClusterSession *session, const QString &node, const QString &storage)
{
    if (session != m_session || node != m_node || storage != m_storage) {
        m_status = {};
        m_path.clear();
        m_error.clear();
    }
    m_session = session;
    m_node = node;
    m_storage = storage;
    showStatus();
    refresh();
}

void StorageSummaryPage::refresh()
{
    if (!m_session || m_storage.isEmpty())
        return;
    const quint64 request = ++m_request;
    m_session->client()
        .get(QStringLiteral("/nodes/%1/storage/%2/status").arg(m_node, m_storage))
        .then(this, [this, request](const Result<QJsonValue> &r) {
            if (request != m_request)
                return;
            m_error = r ? QString() : r.error().message;
            m_status = r ? r->toObject() : QJsonObject();
            showStatus();
            emit refreshed();
        });
    // The path is configuration, readable to those who may audit the storage.
    m_session->client().get(QStringLiteral("/storage/%1").arg(m_storage)).then(this, [this, request](const Result<QJsonValue> &r) {
        if (request != m_request)
            return;
        m_path = r ? r->toObject().value(QLatin1String("path")).toString() : QString();
        showStatus();
    });
}

void StorageSummaryPage::showStatus()
{
    m_title->setText(tr("Storage %1 on node %2").arg(m_storage, m_node));
    const auto yesNo = [](bool b) { return b ? tr("Yes") : tr("No"); };
    const QLocale locale;
    m_type->setText(m_status.value(QLatin1String("type")).toString());
    QStringList contents;
    for (const QString &c : m_status.value(QLatin1String("content")).toString().split(u',', Qt::SkipEmptyParts)) {
        if (c == u"backup")
            contents << tr("Backups");
        else if (c == u"snippets")
            contents << tr("Snippets");
        else
            contents << StorageContentPage::title(c);
    }
    m_content->setText(contents.join(QStringLiteral(", ")));
    m_pathValue->setText(m_path.isEmpty() ? QStringLiteral("—") : m_path);
    m_shared->setText(m_status.isEmpty() ? QString() : yesNo(m_status.value(QLatin1String("shared")).toInt() == 1));
    m_active->setText(m_status.isEmpty() ? QString() : yesNo(m_status.value(QLatin1String("active")).toInt() == 1));
    const qint64 total = m_status.value(QLatin1String("total")).toInteger();
    const qint64 used = m_status.value(QLatin1String("used")).toInteger();
    if (total > 0) {
        const double fraction = double(used) / double(total);
        m_usage->setValue(int(fraction * 1000));
        m_usageText->setText(tr("%1 of %2 used (%3 %), %4 free")
                                 .arg(locale.formattedDataSize(used, 2, QLocale::DataSizeTraditionalFormat),
                                      locale.formattedDataSize(total, 2, QLocale::DataSizeTraditionalFormat),
                                      locale.toString(fraction * 100, 'f', 1),
                                      locale.formattedDataSize(m_status.value(QLatin1String("avail")).toInteger(), 2,
                                                               QLocale::DataSizeTraditionalFormat)));
    } else {
        m_usage->setValue(0);
        m_usageText->setText(m_status.isEmpty() ? QString() : tr("unknown"));
    }
    m_message->setText(m_error.isEmpty() ? QString() : tr("Cannot read the status of %1: %2").arg(m_storage, m_error));
    m_message->setVisible(!m_error.isEmpty());
}

} // namespace atalaia::ui
