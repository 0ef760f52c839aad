#pragma once

#include <QAbstractItemModel>
#include <QObject>
#include <QStringList>

// Records every change signal of a model as one line of text, with parents
// named by path (TreeDump::path), so a test asserts exactly which inserts,
// removes, moves and dataChanged ranges a refresh produced:
//   "insert Lab/pve1 3-3"
//   "remove Lab 2-2"
//   "move Lab/pve1 1-1 -> Lab/pve2 0"
//   "data Lab/pve1 1-1 cols 0-2 Display,Decoration,ToolTip,Sort,Status,Resource"
//   "reset", "layout"
// Paths are taken when the "about to" signal fires for removes and moves (the
// rows still exist then) and after the fact for inserts and data.
class ModelSignalLog : public QObject
{
    Q_OBJECT

public:
    explicit ModelSignalLog(QAbstractItemModel *model);

    // The lines so far; clears the log.
    QStringList take();

private:
    QStringList m_lines;
    QString m_pending; // text of an about-to-be-removed/moved signal, completed by the "done" signal
};
