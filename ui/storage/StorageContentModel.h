#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>

namespace atalaia::ui {

// The volumes of one storage content type, as GET
// /nodes/{node}/storage/{storage}/content lists them: name, date, format,
// size, and the owning guest for disks. Sorts through SortRole (numbers as
// numbers, dates as dates).
class StorageContentModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Date, Format, Size, Vmid, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, VolidRole };

    struct Volume {
        QString volid;   // "local:iso/debian.iso"
        QString content; // iso, vztmpl, images, rootdir
        QString format;
        qint64 size = 0;
        qint64 vmid = 0; // 0: no guest owns it
        QDateTime created;

        // The name a user knows it by: the part after "storage:" and after the content folder.
        QString name() const;
    };

    explicit StorageContentModel(QObject *parent = nullptr);

    // Replaces the rows with the volumes of ANSWER (the API's array).
    void setVolumes(const QJsonArray &answer);
    void setVolumes(QList<Volume> volumes);
    const Volume *volume(const QModelIndex &index) const;
    // The headers in the current language (after a language change).
    void retranslate();
    QModelIndex indexOf(const QString &volid) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Volume> m_volumes;
};

} // namespace atalaia::ui
