#pragma once

#include "model/Task.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace atalaia::ui {

// Running and recent tasks of every connected cluster, newest first, for the
// task panel. setTasks() applies a cluster's current list as a diff (inserts,
// removals, changed rows), so the view keeps its selection and scroll
// position while tasks run and finish.
class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Start, End, Cluster, Node, User, Description, Status, ColumnCount };
    enum Role {
        UpidRole = Qt::UserRole + 1, // QString
        ClusterIdRole,               // QString
        FailedRole,                  // bool
        RunningRole,                 // bool
        SortRole,
    };

    explicit TaskListModel(QObject *parent = nullptr);

    void setClusterName(const QString &clusterId, const QString &name);
    void setTasks(const QString &clusterId, const QList<model::Task> &tasks);
    void removeCluster(const QString &clusterId);

    // "VM 100 - Start", "Node node1 - Create user": what Proxmox's task list shows.
    static QString describe(const model::Task &task);
    static bool failed(const model::Task &task);

    const model::Task *task(const QModelIndex &index) const;
    QString clusterId(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString clusterId;
        model::Task task;
    };
    static bool newerFirst(const Row &a, const Row &b);
    void reindex();

    QList<Row> m_rows;                   // sorted by newerFirst
    QHash<QString, qsizetype> m_index;   // clusterId + ' ' + upid -> row
    QHash<QString, QString> m_clusterNames;
};

} // namespace atalaia::ui
