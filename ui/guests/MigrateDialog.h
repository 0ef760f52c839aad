#pragma once

#include "model/ClusterResource.h"
#include "virt/Migration.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <memory>

class QChartView;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QValueAxis;

namespace atalaia::api::client {
class EventStreamClient;
}

namespace atalaia::ui {

class ClusterSession;
class MigrationMonitor;
class TaskLogView;

// Migrate a guest, as Proxmox's dialog does it and then some. First the
// setup: the target node (each choice checked by the node's preflight, GET
// .../qemu/{vmid}/migrate?target=NODE, and its verdict shown: local disks,
// local resources, why a node is not allowed), the mode (online for a
// running VM, restart for a running container) and a bandwidth limit. Then
// the live progress of the task: a bar with the time left, transferred and
// remaining data, throughput, dirty-page rate, memory iterations, expected
// and final downtime, a chart of throughput and dirty-page rate over time,
// the task's log, and Cancel (the guest keeps running on the source).
//
// Closing the dialog leaves the migration running; the task panel keeps it,
// and opening it there (or a migration started elsewhere) comes back here
// through follow().
class MigrateDialog : public QDialog
{
    Q_OBJECT
public:
    // Sets up the migration of GUEST (a qemu or lxc resource).
    MigrateDialog(ClusterSession &session, const model::ClusterResource &guest, QWidget *parent = nullptr);
    // Follows the migration task UPID, from wherever it was started.
    MigrateDialog(ClusterSession &session, const QString &upid, QWidget *parent = nullptr);
    ~MigrateDialog() override;

    // Whether a task's type is a migration this dialog follows.
    static bool isMigrationTask(const QString &taskType);

    // For tests and the screenshot tour.
    QComboBox *targetCombo() const { return m_target; }
    QString preflightText() const;
    bool canStart() const;
    void startMigration();
    QString upid() const;
    bool isFollowing() const;
    bool isFinished() const { return m_done; }
    QString headline() const;
    QString figuresText() const;
    QProgressBar *progressBar() const { return m_bar; }
    qsizetype chartPoints() const;
    QPushButton *cancelButton() const { return m_cancel; }
    // Whether the setup's event stream is open (then no sample of a migration started here is missed).
    bool eventStreamOpen() const;
    const MigrationMonitor *monitor() const { return m_monitor; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildSetup();
    void buildProgress();
    void retranslate();
    void preflight();
    void updateSetupState();
    void follow(const QString &upid);
    void onProgress(const virt::MigrationProgress &p);
    void onFinished(bool ok, const QString &exitStatus);
    void setFigure(int row, const QString &value);
    QString guestText() const;

    QPointer<ClusterSession> m_session;
    model::ClusterResource m_guest;
    bool m_qemu = true;
    bool m_running = false;
    QString m_source;
    QString m_targetNode;

    QStackedWidget *m_stack = nullptr;
    // Setup.
    QLabel *m_guestLabel = nullptr;
    QComboBox *m_target = nullptr;
    QLabel *m_preflight = nullptr;
    QLabel *m_mode = nullptr;
    QSpinBox *m_bwlimit = nullptr;
    QFormLayout *m_setupForm = nullptr;
    bool m_preflightOk = false;
    bool m_preflightBusy = false;
    quint64 m_preflightRequest = 0;
    bool m_starting = false;
    // Progress.
    QWidget *m_progressPage = nullptr;
    QLabel *m_headline = nullptr;
    QProgressBar *m_bar = nullptr;
    QFormLayout *m_figures = nullptr;
    QList<QLabel *> m_figureValues;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_throughput = nullptr;
    QLineSeries *m_dirty = nullptr;
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
    QValueAxis *m_dirtyAxis = nullptr;
    QWidget *m_logArea = nullptr;
    TaskLogView *m_log = nullptr;
    MigrationMonitor *m_monitor = nullptr;
    // Opened with the setup page, so the migration's first samples are not
    // missed; handed to the monitor with what it heard meanwhile.
    std::unique_ptr<api::client::EventStreamClient> m_stream;
    QList<QJsonObject> m_early;
    bool m_streamReady = false; // the server said hello: it delivers to us from now on
    bool m_done = false;
    // Buttons.
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_migrate = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace atalaia::ui
