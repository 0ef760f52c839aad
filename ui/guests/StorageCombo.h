#pragma once

#include <QComboBox>
#include <QPointer>

namespace atalaia::ui {

class ClusterSession;

// The storages of one node that hold one kind of content (iso, vztmpl,
// images, rootdir), from GET /nodes/{node}/storage?content=KIND, each with
// its free space ("local (dir) — 41.2 GiB free"). Loads asynchronously;
// loaded() tells when the list (or ERROR) arrived. Keeps the chosen storage
// across reloads when the node still has it.
class StorageCombo : public QComboBox
{
    Q_OBJECT
public:
    enum Role { StorageRole = Qt::UserRole + 1, AvailRole, TypeRole };

    StorageCombo(QString content, QWidget *parent = nullptr);

    // Loads the list of NODE (again when the node changed or FORCE).
    void load(ClusterSession &session, const QString &node, bool force = false);
    QString storage() const;
    qint64 avail() const; // bytes, -1 when unknown
    QString storageType() const;
    bool isLoading() const { return m_loading; }
    QString error() const { return m_error; }

signals:
    void loaded();

private:
    QString m_content;
    QString m_node;
    QString m_error;
    bool m_loading = false;
    quint64 m_request = 0;
};

} // namespace atalaia::ui
