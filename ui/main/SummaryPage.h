#pragma once

#include "model/ClusterResource.h"

#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineSeries;
class QTimer;

namespace atalaia::ui {

class ClusterSession;

// The Summary tab of a datacenter, node or guest: its status figures, and
// CPU and memory charts. History comes from the server's rrddata for the
// chosen timeframe (hour ... year) where it has one; the charts then go on
// live with every refresh of the inventory.
class SummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget *parent = nullptr);

    // Shows the datacenter of SESSION (RESOURCE empty) or one of its resources.
    void show(ClusterSession *session, const std::optional<model::ClusterResource> &resource);
    // A new inventory arrived: refresh the figures and extend the live charts.
    void refresh();

    QString figuresText() const; // for tests
    qsizetype chartPoints() const; // points in the CPU chart, for tests

    // While a summary is on screen its figures are refreshed this often (as
    // Proxmox's summary pages do), even when the event stream is quiet.
    static constexpr int kLiveMs = 3000;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildFigures();
    void loadHistory();
    void addPoint(qint64 msecs, double cpu, double memUsed);
    void retranslate();
    std::optional<model::ClusterResource> current() const;

    QPointer<ClusterSession> m_session;
    QString m_resourceId; // empty: the datacenter
    QLabel *m_title = nullptr;
    QFormLayout *m_figures = nullptr;
    QComboBox *m_timeframe = nullptr;
    QLabel *m_historyNote = nullptr;
    QChartView *m_cpuView = nullptr;
    QChartView *m_memView = nullptr;
    QLineSeries *m_cpu = nullptr;
    QLineSeries *m_mem = nullptr;
    QTimer *m_live = nullptr;
};

} // namespace atalaia::ui
