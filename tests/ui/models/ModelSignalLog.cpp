#include "ModelSignalLog.h"

#include "TreeDump.h"

using namespace Qt::StringLiterals;

ModelSignalLog::ModelSignalLog(QAbstractItemModel *model) : QObject(model)
{
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        m_lines << u"insert %1 %2-%3"_s.arg(TreeDump::path(parent)).arg(first).arg(last);
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                m_pending = u"remove %1 %2-%3"_s.arg(TreeDump::path(parent)).arg(first).arg(last);
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { m_lines << std::exchange(m_pending, {}); });
    connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex &source, int first, int last, const QModelIndex &target, int row) {
                m_pending = u"move %1 %2-%3 -> %4 %5"_s.arg(TreeDump::path(source))
                                .arg(first)
                                .arg(last)
                                .arg(TreeDump::path(target))
                                .arg(row);
            });
    connect(model, &QAbstractItemModel::rowsMoved, this, [this] { m_lines << std::exchange(m_pending, {}); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                m_lines << u"data %1 %2-%3 cols %4-%5 %6"_s.arg(TreeDump::path(topLeft.parent()))
                               .arg(topLeft.row())
                               .arg(bottomRight.row())
                               .arg(topLeft.column())
                               .arg(bottomRight.column())
                               .arg(TreeDump::roles(roles));
            });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_lines << u"reset"_s; });
    connect(model, &QAbstractItemModel::layoutChanged, this, [this] { m_lines << u"layout"_s; });
}

QStringList ModelSignalLog::take()
{
    return std::exchange(m_lines, {});
}
