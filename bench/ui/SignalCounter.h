#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QObject>
#include <QPersistentModelIndex>

namespace atalaia::bench {

// A stand-in for a view: counts every change signal of a model, and holds
// persistent indexes (a selection) that Qt must update on every insert,
// remove and move, so that what a refresh costs downstream is in the figure.
class SignalCounter : public QObject
{
    Q_OBJECT

public:
    explicit SignalCounter(QAbstractItemModel *model);

    // Keeps persistent indexes on every `step`-th row under every group.
    void holdPersistentIndexes(int step);

    qint64 inserts = 0;
    qint64 removes = 0;
    qint64 moves = 0;
    qint64 dataChanges = 0;
    qint64 resets = 0;

private:
    QAbstractItemModel *m_model;
    QList<QPersistentModelIndex> m_held;
};

} // namespace atalaia::bench
