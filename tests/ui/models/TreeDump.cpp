#include "TreeDump.h"

#include "models/ResourceTreeModel.h"

using atalaia::ui::ResourceTreeModel;
using namespace Qt::StringLiterals;

QStringList TreeDump::lines(const QAbstractItemModel &model, const QModelIndex &parent, int depth)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out << QString(depth * 2, u' ') + index.data().toString();
        out << lines(model, index, depth + 1);
    }
    return out;
}

QString TreeDump::path(const QModelIndex &index)
{
    QStringList parts;
    for (QModelIndex i = index.siblingAtColumn(0); i.isValid(); i = i.parent())
        parts.prepend(i.data().toString());
    return parts.join(u'/');
}

QString TreeDump::roles(const QList<int> &roles)
{
    if (roles.isEmpty())
        return u"all"_s;
    QStringList names;
    for (int role : roles) {
        switch (role) {
        case Qt::DisplayRole:
            names << u"Display"_s;
            break;
        case Qt::DecorationRole:
            names << u"Decoration"_s;
            break;
        case Qt::ToolTipRole:
            names << u"ToolTip"_s;
            break;
        case ResourceTreeModel::SortRole:
            names << u"Sort"_s;
            break;
        case ResourceTreeModel::StatusRole:
            names << u"Status"_s;
            break;
        case ResourceTreeModel::NodeRole:
            names << u"Node"_s;
            break;
        case ResourceTreeModel::ResourceRole:
            names << u"Resource"_s;
            break;
        default:
            names << QString::number(role);
            break;
        }
    }
    return names.join(u',');
}
