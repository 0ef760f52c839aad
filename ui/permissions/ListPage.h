#pragma once

#include "JsonTableModel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace atalaia::ui {

class ClusterSession;

// One list of the Permissions panel (users, groups, roles...): a sortable
// table filled from an API list, a filter field, and Add / Edit / Remove
// buttons that the panel wires to dialogs and wizards. Removal always asks
// first, naming what goes.
class ListPage : public QWidget
{
    Q_OBJECT
public:
    ListPage(ClusterSession &session, QString apiPath, QJsonObject params, JsonTableModel *model,
             QWidget *parent = nullptr);

    void reload();
    QJsonObject selected() const;
    QTableView *view() const { return m_view; }
    JsonTableModel *model() const { return m_model; }
    void setActionsAllowed(bool add, bool edit, bool remove);
    void setEditable(bool editable); // false: no Edit button at all (e.g. realms here)
    // Turns the API's answer into rows (default: the answer's array as is).
    void setRowsFrom(std::function<QJsonArray(const QJsonValue &)> transform);

signals:
    void addRequested();
    void editRequested(const QJsonObject &row);
    void removeRequested(const QJsonObject &row);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();

    QPointer<ClusterSession> m_session;
    QString m_path;
    QJsonObject m_params;
    JsonTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QLabel *m_error;
    std::function<QJsonArray(const QJsonValue &)> m_transform;
    bool m_canAdd = true, m_canEdit = true, m_canRemove = true;
};

} // namespace atalaia::ui
