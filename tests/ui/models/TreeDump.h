#pragma once

#include <QAbstractItemModel>
#include <QString>
#include <QStringList>

// Text pictures of an item model, so tests compare whole trees and signal
// sequences with one QCOMPARE and a readable diff.
class TreeDump
{
public:
    // One line per row, indented two spaces per level, Name column text.
    static QStringList lines(const QAbstractItemModel &model, const QModelIndex &parent = QModelIndex(),
                             int depth = 0);
    // "Lab/pve1/100 (web01)": the Name texts from the top down; "" for the root.
    static QString path(const QModelIndex &index);
    // "Display,Decoration,Resource"; "all" for an empty list.
    static QString roles(const QList<int> &roles);
};
