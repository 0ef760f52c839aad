#include "TaskListModel.h"

#include <QBrush>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace atalaia::ui {

namespace {

QString key(const QString &clusterId, const model::Task &task)
{
    return clusterId + QLatin1Char(' ') + task.upid.toString();
}

QString timeText(qint64 seconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds), QLocale::ShortFormat);
}

} // namespace

TaskListModel::TaskListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool TaskListModel::newerFirst(const Row &a, const Row &b)
{
    if (a.task.upid.starttime() != b.task.upid.starttime())
        return a.task.upid.starttime() > b.task.upid.starttime();
    return key(a.clusterId, a.task) < key(b.clusterId, b.task);
}

void TaskListModel::reindex()
{
    m_index.clear();
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_index.insert(key(m_rows[i].clusterId, m_rows[i].task), i);
}

void TaskListModel::setClusterName(const QString &clusterId, const QString &name)
{
    m_clusterNames.insert(clusterId, name);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Cluster), index(int(m_rows.size()) - 1, Cluster), {Qt::DisplayRole});
}

void TaskListModel::setTasks(const QString &clusterId, const QList<model::Task> &tasks)
{
    QSet<QString> present;
    for (const model::Task &t : tasks)
        present.insert(key(clusterId, t));
    // Removals, from the bottom so earlier row numbers stay valid.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows[i].clusterId == clusterId && !present.contains(key(clusterId, m_rows[i].task))) {
            beginRemoveRows({}, int(i), int(i));
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    reindex();
    for (const model::Task &t : tasks) {
        const QString k = key(clusterId, t);
        if (const auto it = m_index.constFind(k); it != m_index.cend()) {
            Row &row = m_rows[*it];
            if (!(row.task == t)) {
                row.task = t;
                emit dataChanged(index(int(*it), 0), index(int(*it), ColumnCount - 1));
            }
            continue;
        }
        const Row row{clusterId, t};
        const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), row, newerFirst) - m_rows.begin();
        beginInsertRows({}, int(pos), int(pos));
        m_rows.insert(pos, row);
        endInsertRows();
        reindex();
    }
}

void TaskListModel::removeCluster(const QString &clusterId)
{
    setTasks(clusterId, {});
    m_clusterNames.remove(clusterId);
}

QString TaskListModel::describe(const model::Task &task)
{
    const QString type = task.upid.type();
    const QString id = task.upid.id();
    static const QHash<QString, const char *> actions = {
        {QStringLiteral("qmstart"), QT_TR_NOOP("Start")},       {QStringLiteral("vzstart"), QT_TR_NOOP("Start")},
        {QStringLiteral("qmstop"), QT_TR_NOOP("Stop")},         {QStringLiteral("vzstop"), QT_TR_NOOP("Stop")},
        {QStringLiteral("qmshutdown"), QT_TR_NOOP("Shutdown")}, {QStringLiteral("vzshutdown"), QT_TR_NOOP("Shutdown")},
        {QStringLiteral("qmreboot"), QT_TR_NOOP("Reboot")},     {QStringLiteral("vzreboot"), QT_TR_NOOP("Reboot")},
        {QStringLiteral("qmigrate"), QT_TR_NOOP("Migrate")},    {QStringLiteral("vzmigrate"), QT_TR_NOOP("Migrate")},
        {QStringLiteral("qmcreate"), QT_TR_NOOP("Create")},     {QStringLiteral("vzcreate"), QT_TR_NOOP("Create")},
        {QStringLiteral("qmdestroy"), QT_TR_NOOP("Destroy")},   {QStringLiteral("vzdestroy"), QT_TR_NOOP("Destroy")},
        {QStringLiteral("qmclone"), QT_TR_NOOP("Clone")},       {QStringLiteral("vzdump"), QT_TR_NOOP("Backup")},
        {QStringLiteral("srvreload"), QT_TR_NOOP("Reload service")},
        {QStringLiteral("useradd"), QT_TR_NOOP("Create system account")},
        {QStringLiteral("clustercreate"), QT_TR_NOOP("Create cluster")},
        {QStringLiteral("clusterjoin"), QT_TR_NOOP("Join cluster")},
        // Storage content, named as Proxmox's task list names them.
        {QStringLiteral("imgcopy"), QT_TR_NOOP("Copy data")},
        {QStringLiteral("imgdel"), QT_TR_NOOP("Erase data")},
        {QStringLiteral("download"), QT_TR_NOOP("Download")},
    };
    const auto it = actions.constFind(type);
    const QString action = it != actions.cend() ? tr(*it) : type;
    if (type.startsWith(QLatin1String("qm")) && !id.isEmpty())
        return tr("VM %1 - %2").arg(id, action);
    if (type.startsWith(QLatin1String("vz")) && !id.isEmpty())
        return tr("CT %1 - %2").arg(id, action);
    if (!id.isEmpty())
        return tr("%1 - %2").arg(id, action);
    return action;
}

bool TaskListModel::failed(const model::Task &task)
{
    const QString status = task.status.value_or(QString());
    return task.endtime && !status.isEmpty() && status != QLatin1String("OK")
        && !status.startsWith(QLatin1String("WARNINGS"));
}

const model::Task *TaskListModel::task(const QModelIndex &index) const
{
    return index.isValid() && index.row() < m_rows.size() ? &m_rows[index.row()].task : nullptr;
}

QString TaskListModel::clusterId(const QModelIndex &index) const
{
    return index.isValid() && index.row() < m_rows.size() ? m_rows[index.row()].clusterId : QString();
}

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const model::Task &t = row.task;
    const bool running = !t.endtime.has_value();
    const bool bad = failed(t);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Start:
            return timeText(t.upid.starttime());
        case End:
            return t.endtime ? timeText(*t.endtime) : QString();
        case Cluster:
            return m_clusterNames.value(row.clusterId, row.clusterId);
        case Node:
            return t.upid.node().toString();
        case User:
            return t.upid.user();
        case Description:
            return describe(t);
        case Status:
            return running ? tr("running") : t.status.value_or(QString());
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Status)
            return QIcon::fromTheme(running ? QStringLiteral("media-playback-start")
                                    : bad   ? QStringLiteral("dialog-error")
                                            : QStringLiteral("dialog-ok"));
        return {};
    case Qt::ForegroundRole:
        // Failed tasks must stand out; red reads in light and dark palettes alike.
        return bad ? QVariant(QBrush(QColor(0xd3, 0x2f, 0x2f))) : QVariant();
    case Qt::ToolTipRole:
        return t.upid.toString();
    case UpidRole:
        return t.upid.toString();
    case ClusterIdRole:
        return row.clusterId;
    case FailedRole:
        return bad;
    case RunningRole:
        return running;
    case SortRole:
        switch (index.column()) {
        case Start:
            return t.upid.starttime();
        case End:
            return t.endtime.value_or(0);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Start:
        return tr("Start time");
    case End:
        return tr("End time");
    case Cluster:
        return tr("Datacenter");
    case Node:
        return tr("Node");
    case User:
        return tr("User");
    case Description:
        return tr("Description");
    case Status:
        return tr("Status");
    }
    return {};
}

} // namespace atalaia::ui
