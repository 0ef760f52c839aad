#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <functional>

namespace atalaia::ui {

// A table over a list of API objects (users, groups, ACL entries...): one
// column per field, each with a header and an optional formatter. setRows()
// replaces the content by key so selections survive a reload.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Column {
        QString field;
        std::function<QString()> header; // called on every paint: follows the language
        std::function<QString(const QJsonObject &)> format; // empty: the field as text
    };
    static constexpr int ObjectRole = Qt::UserRole + 1; // QJsonObject of the row
    static constexpr int SortRole = Qt::UserRole + 2;

    JsonTableModel(QList<Column> columns, std::function<QString(const QJsonObject &)> key, QObject *parent = nullptr);

    void setRows(const QJsonArray &rows);
    QJsonObject row(int index) const { return m_rows.value(index); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString text(const QJsonObject &row, int column) const;

    QList<Column> m_columns;
    std::function<QString(const QJsonObject &)> m_key;
    QList<QJsonObject> m_rows;
};

} // namespace atalaia::ui
