#pragma once

#include <QComboBox>

namespace atalaia::ui {

class ClusterSession;

// The volumes of one kind (iso images, container templates) on one storage
// of a node, from GET /nodes/{node}/storage/{storage}/content?content=KIND:
// the file name shown, the volume ID ("local:iso/x.iso") as the value.
class VolumeCombo : public QComboBox
{
    Q_OBJECT
public:
    VolumeCombo(QString content, QWidget *parent = nullptr);

    void load(ClusterSession &session, const QString &node, const QString &storage);
    QString volumeId() const { return currentData().toString(); }
    bool isLoading() const { return m_loading; }
    QString error() const { return m_error; }

signals:
    void loaded();

private:
    QString m_content;
    QString m_where; // node/storage of the list shown
    QString m_error;
    bool m_loading = false;
    quint64 m_request = 0;
};

} // namespace atalaia::ui
