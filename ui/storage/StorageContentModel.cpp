#include "StorageContentModel.h"

#include <QJsonObject>
#include <QLocale>

namespace atalaia::ui {

QString StorageContentModel::Volume::name() const
{
    const QString volume = volid.section(u':', 1);
    return volume.section(u'/', -1);
}

StorageContentModel::StorageContentModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void StorageContentModel::setVolumes(const QJsonArray &answer)
{
    QList<Volume> volumes;
    volumes.reserve(answer.size());
    for (const QJsonValue &value : answer) {
        const QJsonObject o = value.toObject();
        Volume v;
        v.volid = o.value(QLatin1String("volid")).toString();
        v.content = o.value(QLatin1String("content")).toString();
        v.format = o.value(QLatin1String("format")).toString();
        v.size = o.value(QLatin1String("size")).toInteger();
        v.vmid = o.value(QLatin1String("vmid")).toInteger();
        if (const qint64 ctime = o.value(QLatin1String("ctime")).toInteger(); ctime > 0)
            v.created = QDateTime::fromSecsSinceEpoch(ctime);
        volumes.append(v);
    }
    setVolumes(std::move(volumes));
}

void StorageContentModel::setVolumes(QList<Volume> volumes)
{
    beginResetModel();
    m_volumes = std::move(volumes);
    endResetModel();
}

void StorageContentModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

const StorageContentModel::Volume *StorageContentModel::volume(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_volumes.size())
        return nullptr;
    return &m_volumes.at(index.row());
}

QModelIndex StorageContentModel::indexOf(const QString &volid) const
{
    for (qsizetype i = 0; i < m_volumes.size(); ++i)
        if (m_volumes.at(i).volid == volid)
            return index(int(i), Name);
    return {};
}

int StorageContentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_volumes.size());
}

int StorageContentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StorageContentModel::data(const QModelIndex &index, int role) const
{
    const Volume *v = volume(index);
    if (!v)
        return {};
    if (role == VolidRole)
        return v->volid;
    if (role == Qt::TextAlignmentRole && (index.column() == Size || index.column() == Vmid))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Name)
        return v->volid;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case Name:
        return sort ? QVariant(v->name().toLower()) : QVariant(v->name());
    case Date:
        if (sort)
            return v->created;
        return v->created.isValid() ? QLocale().toString(v->created, QLocale::ShortFormat) : QString();
    case Format:
        return v->format;
    case Size:
        return sort ? QVariant(v->size) : QVariant(QLocale().formattedDataSize(v->size, 2, QLocale::DataSizeTraditionalFormat));
    case Vmid:
        if (sort)
            return v->vmid;
        return v->vmid > 0 ? QString::number(v->vmid) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant StorageContentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Name");
    case Date: return tr("Date");
    case Format: return tr("Format");
    case Size: return tr("Size");
    case Vmid: return tr("VMID");
    case ColumnCount: break;
    }
    return {};
}

} // namespace atalaia::ui
