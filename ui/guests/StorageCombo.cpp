#include "StorageCombo.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace atalaia::ui {

StorageCombo::StorageCombo(QString content, QWidget *parent)
    : QComboBox(parent)
    , m_content(std::move(content))
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
}

void StorageCombo::load(ClusterSession &session, const QString &node, bool force)
{
    if (node.isEmpty() || (node == m_node && !force && (m_loading || count() > 0)))
        return;
    m_node = node;
    m_loading = true;
    m_error.clear();
    const quint64 request = ++m_request;
    session.client()
        .get(QStringLiteral("/nodes/%1/storage").arg(node), {{QStringLiteral("content"), m_content}})
        .then(this, [this, request](const Result<QJsonValue> &answer) {
            if (request != m_request)
                return; // the node changed meanwhile: a newer answer counts
            m_loading = false;
            const QString previous = storage();
            clear();
            if (!answer) {
                m_error = answer.error().message;
                emit loaded();
                return;
            }
            const QLocale locale;
            for (const QJsonValue &v : answer->toArray()) {
                const QJsonObject s = v.toObject();
                // An inactive storage cannot take a volume now: not offered.
                if (s.contains(QLatin1String("active")) && s.value(QLatin1String("active")).toInt() == 0)
                    continue;
                const QString id = s.value(QLatin1String("storage")).toString();
                const QString type = s.value(QLatin1String("type")).toString();
                const qint64 avail = s.contains(QLatin1String("avail")) ? s.value(QLatin1String("avail")).toInteger() : -1;
                const QString text = avail >= 0 ? tr("%1 (%2) — %3 free").arg(id, type, locale.formattedDataSize(avail))
                                                : tr("%1 (%2)").arg(id, type);
                addItem(text, id);
                setItemData(count() - 1, avail, AvailRole);
                setItemData(count() - 1, type, TypeRole);
            }
            if (const int i = findData(previous); i >= 0)
                setCurrentIndex(i);
            emit loaded();
        });
}

QString StorageCombo::storage() const
{
    return currentData().toString();
}

qint64 StorageCombo::avail() const
{
    const QVariant v = currentData(AvailRole);
    return v.isValid() ? v.toLongLong() : -1;
}

QString StorageCombo::storageType() const
{
    return currentData(TypeRole).toString();
}

} // namespace atalaia::ui
