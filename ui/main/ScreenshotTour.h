#pragma once

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QTemporaryDir;

class QWidget;

namespace atalaia::ui {

class ClusterSession;
class LanguageSwitcher;
class MainWindow;

// Renders the console's main views, dialogs and every wizard page into PNG
// files, in English and in Portuguese, for docs/screenshots and for a human
// to look at: `atalaia --connect ... --screenshots DIR`. It drives the real
// widgets against the real connection, one step at a time with a pause for
// answers to arrive, and files are named LANG-NN-what.png.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    // PASSES: the languages to shoot, in order ("en", "pt_PT").
    ScreenshotTour(MainWindow &window, LanguageSwitcher &languages, const QString &directory,
                   QStringList passes = {QStringLiteral("en"), QStringLiteral("pt_PT")}, QObject *parent = nullptr);

    ~ScreenshotTour() override;

    void start(ClusterSession *session);

signals:
    void finished(bool ok, const QString &message);

private:
    void waitOnline();
    void planLanguage(const QString &language);
    // The guest pages: Create VM and Create CT (every page, finished), the
    // guest's context menu, Hardware and Options, Destroy, and a migration.
    void planGuests();
    void prepareGuestStorage();
    // The tour storage's Summary and ISO Images tabs, and an upload to it
    // (the dialog before, during and after the transfer).
    void planStorage();
    void selectResource(const QString &id);
    QString tourNode() const;
    void next();
    void shoot(QWidget *widget, const QString &what);
    void selectRow(const QString &kind);

    MainWindow &m_window;
    LanguageSwitcher &m_languages;
    QDir m_dir;
    QPointer<ClusterSession> m_session;
    QPointer<ClusterSession> m_roma; // the story's restricted second connection
    // A shared directory storage for the tour's guests, with stand-in images.
    std::unique_ptr<QTemporaryDir> m_guestStorage;
    int m_tourVm = 0;
    QList<std::function<void()>> m_steps;
    QStringList m_passes;
    QString m_language;
    int m_counter = 0;
    int m_files = 0;
    int m_waited = 0;
    QTimer m_timer;
};

} // namespace atalaia::ui
