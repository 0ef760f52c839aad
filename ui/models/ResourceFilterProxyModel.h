#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

namespace atalaia::ui {

class ResourceTreeModel;

// The datacenter tree's search box and column sorting, over a
// ResourceTreeModel.
//
// The filter text is split on white space; a row matches when every term is
// a case-insensitive substring of its name, vmid, node, tags, status or type
// ("running web" finds running guests named web*). The ancestors of a match
// stay visible so it keeps its place in the tree; a node, pool or tag group
// also matches by its own name.
//
// Sorting (sort(column)) orders siblings by ResourceTreeModel::SortRole:
// numbers for CPU, memory and uptime, guests by vmid in the Name column.
// Until sort() is called rows keep the model's order.
//
// Why QSortFilterProxyModel and not a hand-written proxy: with the source's
// precomputed search text and typed comparisons (ResourceTreeModel::
// searchText(), compareRows()) its recursive filtering meets the typing
// budget on 100,000 resources (see bench/ui), and it brings correct handling
// of every source signal and of persistent indexes for free.
class ResourceFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)

public:
    explicit ResourceFilterProxyModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

    // Any model works; a ResourceTreeModel is filtered and sorted without
    // going through QVariant.
    void setSourceModel(QAbstractItemModel *sourceModel) override;

signals:
    void filterTextChanged(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &sourceLeft, const QModelIndex &sourceRight) const override;

private:
    QString m_filterText;
    QStringList m_terms; // lower-cased; empty = everything matches
    QPointer<ResourceTreeModel> m_tree; // sourceModel() when it is a ResourceTreeModel
};

} // namespace atalaia::ui
