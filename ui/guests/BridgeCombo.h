#pragma once

#include <QComboBox>

namespace atalaia::ui {

class ClusterSession;

// The bridges of a node a guest's NIC can plug into (GET /nodes/{node}/network,
// type "bridge"), vmbr0 first chosen as Proxmox does. Editable: a bridge
// the node does not report yet can be typed.
class BridgeCombo : public QComboBox
{
    Q_OBJECT
public:
    explicit BridgeCombo(QWidget *parent = nullptr);

    void load(ClusterSession &session, const QString &node);
    QString bridge() const { return currentText().trimmed(); }

signals:
    void loaded();

private:
    QString m_node;
    quint64 m_request = 0;
};

} // namespace atalaia::ui
