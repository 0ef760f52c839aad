#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace atalaia::ui {

class ClusterSession;

// Datacenter → Cluster: the cluster's name and quorum, its nodes (id, votes,
// online, address), and the Join Information other nodes need, with a copy
// button. On a standalone node it says so (creating a cluster comes with the
// Create Cluster wizard). Refreshed with the inventory.
class ClusterPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterPanel(ClusterSession &session, QWidget *parent = nullptr);

    void reload();
    QString joinInformation() const; // the blob shown, for tests

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void loadJoinInformation();

    QPointer<ClusterSession> m_session;
    QLabel *m_summary = nullptr;
    QTableWidget *m_nodes = nullptr;
    QLabel *m_joinTitle = nullptr;
    QPlainTextEdit *m_join = nullptr;
    QPushButton *m_copy = nullptr;
    bool m_busy = false;
};

} // namespace atalaia::ui
