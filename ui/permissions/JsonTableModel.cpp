#include "JsonTableModel.h"

#include <QHash>

namespace atalaia::ui {

JsonTableModel::JsonTableModel(QList<Column> columns, std::function<QString(const QJsonObject &)> key, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
    , m_key(std::move(key))
{
}

void JsonTableModel::setRows(const QJsonArray &rows)
{
    QHash<QString, QJsonObject> incoming;
    QList<QString> order;
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        const QString k = m_key(o);
        if (!incoming.contains(k))
            order.append(k);
        incoming.insert(k, o);
    }
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (!incoming.contains(m_key(m_rows[i]))) {
            beginRemoveRows({}, int(i), int(i));
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    QHash<QString, qsizetype> existing;
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        existing.insert(m_key(m_rows[i]), i);
    for (const QString &k : order) {
        const QJsonObject &o = incoming[k];
        if (const auto it = existing.constFind(k); it != existing.cend()) {
            if (m_rows[*it] != o) {
                m_rows[*it] = o;
                emit dataChanged(index(int(*it), 0), index(int(*it), int(m_columns.size()) - 1));
            }
            continue;
        }
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(o);
        endInsertRows();
    }
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString JsonTableModel::text(const QJsonObject &row, int column) const
{
    const Column &c = m_columns[column];
    if (c.format)
        return c.format(row);
    const QJsonValue v = row.value(c.field);
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QJsonObject &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return text(row, index.column());
    case SortRole: {
        const QJsonValue v = row.value(m_columns[index.column()].field);
        return v.isDouble() ? QVariant(v.toDouble()) : QVariant(text(row, index.column()).toLower());
    }
    case ObjectRole:
        return row;
    }
    return {};
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns[section].header();
    return {};
}

} // namespace atalaia::ui
