#pragma once

#include <QJsonArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QStandardItemModel;

namespace atalaia::ui {

// This node's address on one corosync link (linkN), as Proxmox's cluster
// dialogs ask for it: an editable list of the node's addresses (from GET
// /nodes/{node}/network: address, interface, whether it is up), with a line
// under it saying which interface carries the address typed or chosen, and
// whether it shares a network with the cluster's node on the same link.
// Any IP address may be typed (a node may reach the others through NAT or
// routes the list does not show); problem() says when it is not an address.
class LinkAddressField : public QWidget
{
    Q_OBJECT
public:
    LinkAddressField(int link, bool optional, QWidget *parent = nullptr);

    int link() const { return m_link; }
    // The interfaces of GET /nodes/{node}/network: addresses of active ones
    // first, and of those the one with the default gateway (the node's main
    // address, which Proxmox proposes for link 0).
    void setInterfaces(const QJsonArray &network);
    // Chooses ADDRESS (typed in when it is not in the list).
    void setAddress(const QString &address);
    QString address() const;
    // The interface that carries address(), or empty.
    QString interfaceName() const;
    // The cluster's address on this link (joining): hint text compares with it.
    void setPeerAddress(const QString &address);
    // Why the field cannot be used, or empty: a required field left empty,
    // text that is not an IP address, a loopback address.
    QString problem() const;
    QComboBox *comboBox() const { return m_combo; }

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Known {
        QString address;
        QString iface;
        QString type;
        QString cidr;
        bool active = false;
        bool gateway = false; // carries the default route
    };
    const Known *known(const QString &address) const;
    void updateHint();
    void retranslate();

    int m_link = 0;
    bool m_optional = false;
    QComboBox *m_combo = nullptr;
    QStandardItemModel *m_model = nullptr;
    QLabel *m_hint = nullptr;
    QList<Known> m_known;
    QString m_peer;
};

} // namespace atalaia::ui
