#include "SignalCounter.h"

namespace atalaia::bench {

SignalCounter::SignalCounter(QAbstractItemModel *model) : QObject(model), m_model(model)
{
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { ++inserts; });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { ++removes; });
    connect(model, &QAbstractItemModel::rowsMoved, this, [this] { ++moves; });
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { ++dataChanges; });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { ++resets; });
}

void SignalCounter::holdPersistentIndexes(int step)
{
    m_held.clear();
    for (int d = 0; d < m_model->rowCount(); ++d) {
        const QModelIndex datacenter = m_model->index(d, 0);
        for (int g = 0; g < m_model->rowCount(datacenter); ++g) {
            const QModelIndex group = m_model->index(g, 0, datacenter);
            m_held.append(group);
            for (int row = 0; row < m_model->rowCount(group); row += step)
                m_held.append(m_model->index(row, 0, group));
        }
    }
}

} // namespace atalaia::bench
