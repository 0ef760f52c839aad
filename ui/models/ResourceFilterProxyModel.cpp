#include "ResourceFilterProxyModel.h"

#include "ResourceText.h"
#include "ResourceTreeModel.h"

namespace atalaia::ui {

ResourceFilterProxyModel::ResourceFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(ResourceTreeModel::SortRole);
    setDynamicSortFilter(true);
}

void ResourceFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_tree = qobject_cast<ResourceTreeModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void ResourceFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    QStringList terms = ResourceText::searchTerms(text);
    if (terms != m_terms) {
        m_terms = std::move(terms);
        invalidateRowsFilter();
    }
    emit filterTextChanged(m_filterText);
}

bool ResourceFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    // This runs for every row on every keystroke: read the source's
    // precomputed lower-case text instead of data().
    QString fallback;
    QStringView text;
    if (m_tree) {
        text = m_tree->searchText(m_tree->index(sourceRow, 0, sourceParent));
    } else {
        fallback = sourceModel()->index(sourceRow, 0, sourceParent).data().toString().toLower();
        text = fallback;
    }
    for (const QString &term : m_terms)
        if (!text.contains(term))
            return false;
    return true;
}

bool ResourceFilterProxyModel::lessThan(const QModelIndex &sourceLeft, const QModelIndex &sourceRight) const
{
    if (m_tree) {
        if (const int c = m_tree->compareRows(sourceLeft, sourceRight, sourceLeft.column()))
            return c < 0;
        // Ties keep the model's order (by name) in both directions;
        // QSortFilterProxyModel asks lessThan(right, left) when descending.
        return sortOrder() == Qt::AscendingOrder ? sourceLeft.row() < sourceRight.row()
                                                 : sourceLeft.row() > sourceRight.row();
    }
    return QSortFilterProxyModel::lessThan(sourceLeft, sourceRight);
}

} // namespace atalaia::ui
