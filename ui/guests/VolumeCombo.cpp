#include "VolumeCombo.h"

#include "api/client/ApiClient.h"
#include "session/ClusterSession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace atalaia::ui {

VolumeCombo::VolumeCombo(QString content, QWidget *parent)
    : QComboBox(parent)
    , m_content(std::move(content))
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
}

void VolumeCombo::load(ClusterSession &session, const QString &node, const QString &storage)
{
    const QString where = node + QLatin1Char('/') + storage;
    if (where == m_where && (m_loading || count() > 0))
        return;
    m_where = where;
    m_error.clear();
    clear();
    if (node.isEmpty() || storage.isEmpty()) {
        emit loaded();
        return;
    }
    m_loading = true;
    const quint64 request = ++m_request;
    session.client()
        .get(QStringLiteral("/nodes/%1/storage/%2/content").arg(node, storage), {{QStringLiteral("content"), m_content}})
        .then(this, [this, request](const Result<QJsonValue> &answer) {
            if (request != m_request)
                return;
            m_loading = false;
            clear();
            if (!answer) {
                m_error = answer.error().message;
                emit loaded();
                return;
            }
            const QLocale locale;
            for (const QJsonValue &v : answer->toArray()) {
                const QJsonObject o = v.toObject();
                const QString volid = o.value(QLatin1String("volid")).toString();
                // "local:iso/debian.iso" -> "debian.iso": the storage is chosen beside it.
                const QString name = volid.section(QLatin1Char(':'), 1).section(QLatin1Char('/'), -1);
                addItem(tr("%1 (%2)").arg(name, locale.formattedDataSize(o.value(QLatin1String("size")).toInteger())), volid);
            }
            emit loaded();
        });
}

} // namespace atalaia::ui
