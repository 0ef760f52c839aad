#include "BridgeCombo.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QJsonArray>
#include <QJsonObject>

namespace atalaia::ui {

BridgeCombo::BridgeCombo(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setCurrentText(QStringLiteral("vmbr0"));
}

void BridgeCombo::load(ClusterSession &session, const QString &node)
{
    if (node.isEmpty() || node == m_node)
        return;
    m_node = node;
    const quint64 request = ++m_request;
    session.client().get(QStringLiteral("/nodes/%1/network").arg(node)).then(this, [this, request](const Result<QJsonValue> &answer) {
        if (request != m_request)
            return;
        const QString typed = bridge();
        clear();
        if (answer) {
            QStringList bridges;
            for (const QJsonValue &v : answer->toArray()) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1String("type")).toString() == QLatin1String("bridge"))
                    bridges.append(o.value(QLatin1String("iface")).toString());
            }
            bridges.sort();
            addItems(bridges);
        }
        // Keep what was there (vmbr0 by default) when the node has it, or when typed by hand.
        setCurrentText(typed.isEmpty() ? QStringLiteral("vmbr0") : typed);
        if (findText(bridge()) < 0 && count() > 0 && typed == QLatin1String("vmbr0"))
            setCurrentIndex(0);
        emit loaded();
    });
}

} // namespace atalaia::ui
