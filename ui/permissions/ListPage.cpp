#include "ListPage.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace atalaia::ui {

ListPage::ListPage(ClusterSession &session, QString apiPath, QJsonObject params, JsonTableModel *model,
                   QWidget *parent)
    : QWidget(parent)
    , m_session(&session)
    , m_path(std::move(apiPath))
    , m_params(std::move(params))
    , m_model(model)
{
    m_model->setParent(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_add = new QPushButton(this);
    m_edit = new QPushButton(this);
    m_remove = new QPushButton(this);
    m_filter = new QLineEdit(this);
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    bar->addWidget(m_remove);
    bar->addStretch(1);
    bar->addWidget(m_filter);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    layout->addWidget(m_view, 1);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_add, &QPushButton::clicked, this, &ListPage::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            emit editRequested(selected());
    });
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (m_canEdit && m_edit->isVisible())
            emit editRequested(selected());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            emit removeRequested(selected());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ListPage::updateButtons);
    retranslate();
    updateButtons();
    reload();
}

void ListPage::retranslate()
{
    m_add->setText(tr("&Add"));
    m_edit->setText(tr("&Edit"));
    m_remove->setText(tr("&Remove"));
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setAccessibleName(tr("Filter the list"));
}

void ListPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ListPage::reload()
{
    // Not before the login: the Online state change loads the lists (PermissionsPanel).
    if (!m_session || m_session->state() != ClusterSession::State::Online)
        return;
    m_session->client().get(m_path, m_params).then(this, [this](const Result<QJsonValue> &r) {
        m_error->setVisible(!r);
        if (!r) {
            m_error->setText(tr("Cannot load the list: %1").arg(r.error().message));
            return;
        }
        m_model->setRows(m_transform ? m_transform(*r) : r->toArray());
    });
}

QJsonObject ListPage::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_proxy->data(rows.first(), JsonTableModel::ObjectRole).toJsonObject();
}

void ListPage::setActionsAllowed(bool add, bool edit, bool remove)
{
    m_canAdd = add;
    m_canEdit = edit;
    m_canRemove = remove;
    updateButtons();
}

void ListPage::setRowsFrom(std::function<QJsonArray(const QJsonValue &)> transform)
{
    m_transform = std::move(transform);
    reload();
}

void ListPage::setEditable(bool editable)
{
    m_edit->setVisible(editable);
}

void ListPage::updateButtons()
{
    const bool any = !selected().isEmpty();
    m_add->setEnabled(m_canAdd);
    m_edit->setEnabled(m_canEdit && any);
    m_remove->setEnabled(m_canRemove && any);
}

} // namespace atalaia::ui
