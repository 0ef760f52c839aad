#include "TemplateDialog.h"

#include "StandardButtons.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atalaia::ui {

namespace {
enum Column { TemplateColumn, OsColumn, VersionColumn, SizeColumn, DescriptionColumn, ColumnCount };
}

TemplateDialog::TemplateDialog(ClusterSession &session, const QString &node, const QString &storage, QWidget *parent)
    : QDialog(parent)
    , m_session(&session)
    , m_node(node)
    , m_storage(storage)
{
    setObjectName(QStringLiteral("templateDialog"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("templateTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    nameStandardButtons(*m_buttons);
    m_download = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_download->setObjectName(QStringLiteral("templateDownload"));
    m_download->setEnabled(false);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_download, &QPushButton::clicked, this, &TemplateDialog::download);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_download->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_table, &QTableWidget::itemActivated, this, &TemplateDialog::download);
    resize(760, 360);
    retranslate();
    load();
}

void TemplateDialog::retranslate()
{
    setWindowTitle(tr("Templates for %1").arg(m_storage));
    m_table->setHorizontalHeaderLabels({tr("Template"), tr("OS"), tr("Version"), tr("Size"), tr("Description")});
    m_download->setText(tr("&Download"));
}

void TemplateDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void TemplateDialog::load()
{
    m_status->setText(tr("Loading the templates…"));
    m_session->client().get(QStringLiteral("/nodes/%1/aplinfo").arg(m_node)).then(this, [this](const Result<QJsonValue> &r) {
        if (!r) {
            m_status->setText(tr("Cannot list the templates: %1").arg(r.error().message));
            return;
        }
        m_table->setSortingEnabled(false);
        const QJsonArray list = r->toArray();
        m_table->setRowCount(int(list.size()));
        int row = 0;
        for (const QJsonValue &value : list) {
            const QJsonObject o = value.toObject();
            const qint64 size = o.value(QLatin1String("size")).toInteger();
            auto *name = new QTableWidgetItem(o.value(QLatin1String("template")).toString());
            auto *sizeItem = new QTableWidgetItem(QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat));
            sizeItem->setData(Qt::TextAlignmentRole, QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter));
            m_table->setItem(row, TemplateColumn, name);
            m_table->setItem(row, OsColumn, new QTableWidgetItem(o.value(QLatin1String("os")).toString()));
            m_table->setItem(row, VersionColumn, new QTableWidgetItem(o.value(QLatin1String("version")).toString()));
            m_table->setItem(row, SizeColumn, sizeItem);
            m_table->setItem(row, DescriptionColumn, new QTableWidgetItem(o.value(QLatin1String("headline")).toString()));
            ++row;
        }
        m_table->setSortingEnabled(true);
        m_table->resizeColumnsToContents();
        m_status->setText(list.isEmpty() ? tr("This node offers no templates.") : QString());
        if (!list.isEmpty())
            m_table->selectRow(0);
    });
}

void TemplateDialog::download()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty() || !m_session)
        return;
    const QString name = m_table->item(selected.first()->row(), TemplateColumn)->text();
    m_download->setEnabled(false);
    m_status->setText(tr("Starting the download of %1…").arg(name));
    m_session->client()
        .post(QStringLiteral("/nodes/%1/aplinfo").arg(m_node),
              {{QStringLiteral("storage"), m_storage}, {QStringLiteral("template"), name}})
        .then(this, [this, name](const Result<QJsonValue> &r) {
            if (!r) {
                m_download->setEnabled(true);
                m_status->setText(tr("Cannot download %1: %2").arg(name, r.error().message));
                return;
            }
            emit downloadStarted(r->toString(), name);
            accept();
        });
}

} // namespace atalaia::ui
