// atalaia: the desktop console. Everything it shows lives in ui/; this main
// reads the options, picks the language and the keychain, and opens the
// main window (optionally connected to a cluster, or running the screenshot
// tour or the lab tour).
#include "base/CrashReport.h"
#include "connections/ConnectionStore.h"
#include "main/LabTour.h"
#include "main/LanguageSwitcher.h"
#include "main/MainWindow.h"
#include "main/Palette.h"
#include "main/ScreenshotTour.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

#include <memory>

using namespace atalaia;

int main(int argc, char *argv[])
{
    atalaia::base::installCrashReport("atalaia");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("atalaia"));
    QApplication::setOrganizationName(QStringLiteral("Atalaia"));
    QApplication::setApplicationDisplayName(QStringLiteral("Atalaia"));
    QApplication::setApplicationVersion(QStringLiteral(ATALAIA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.atalaia.Console"));
    QIcon::setFallbackThemeName(QStringLiteral("breeze"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Atalaia console: manage high-availability virtualization clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("Language: en or pt_PT (default: the system's)."),
                                      QStringLiteral("lang"));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Settings file (default: the user's)."),
                                    QStringLiteral("file"));
    const QCommandLineOption connectTo(QStringLiteral("connect"),
                                       QStringLiteral("Connect at start to ADDRESSES (comma-separated, host[:port])."),
                                       QStringLiteral("addresses"));
    const QCommandLineOption name(QStringLiteral("cluster-name"), QStringLiteral("Name of the --connect datacenter."),
                                  QStringLiteral("name"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("User for --connect (default root@pam)."),
                                  QStringLiteral("userid"), QStringLiteral("root@pam"));
    const QCommandLineOption passwordEnv(QStringLiteral("password-env"),
                                         QStringLiteral("Take the --connect password from this environment variable."),
                                         QStringLiteral("variable"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
                                        QStringLiteral("Do not use the OS keychain (passwords are asked each time)."));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Render the main views and every wizard page into DIR "
                                                        "(in English and Portuguese), then quit. Needs --connect."),
                                         QStringLiteral("dir"));
    const QCommandLineOption tourLanguages(QStringLiteral("screenshot-languages"),
                                           QStringLiteral("Languages of the --screenshots passes (default en,pt_PT)."),
                                           QStringLiteral("list"), QStringLiteral("en,pt_PT"));
    const QCommandLineOption labTour(
        QStringLiteral("lab-tour"),
        QStringLiteral("Create a cluster on the --connect node and join the --lab-join nodes to it with the "
                       "wizards, for real, saving each step into DIR (in the --language), then quit. The nodes "
                       "are standalone agents (tools/demo --lab); the password (root@pam's on every node) comes "
                       "from --password-env."),
        QStringLiteral("dir"));
    const QCommandLineOption labJoin(QStringLiteral("lab-join"),
                                     QStringLiteral("The nodes the --lab-tour joins, in order (comma-separated, "
                                                    "host:port)."),
                                     QStringLiteral("addresses"));
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use a dark colour scheme."));
    parser.addOptions({language, config, connectTo, name, user, passwordEnv, noKeychain, screenshots, tourLanguages,
                       labTour, labJoin, dark});
    parser.process(app);

    if (parser.isSet(dark))
        ui::applyDarkPalette(app);

    ui::LanguageSwitcher languages;
    QString lang = parser.value(language);
    if (lang.isEmpty())
        lang = QLocale::system().name().startsWith(QLatin1String("pt")) ? QStringLiteral("pt_PT") : QStringLiteral("en");
    if (!languages.setLanguage(lang)) {
        err << "atalaia: no translation for '" << lang << "'; available: "
            << ui::LanguageSwitcher::available().join(QLatin1String(", ")) << "\n";
        return 2;
    }

    std::unique_ptr<secrets::SecretStore> keychain;
    if (parser.isSet(noKeychain))
    {
        auto memory = std::make_unique<secrets::MemorySecretStore>();
        memory->setKeychainAvailable(false, QStringLiteral("--no-keychain"));
        keychain = std::move(memory);
    }
    else
        keychain = std::make_unique<secrets::KeychainSecretStore>();
    keychain->probe();

    ui::MainWindow window(ui::ConnectionStore(parser.value(config)), keychain.get(), &languages);
    window.show();
    if (!parser.isSet(connectTo))
        // The keychain answers the probe asynchronously: reopen once it has.
        keychain->probe().then(&window, [&window](const atalaia::Result<void> &) { window.reopenSavedConnections(); });

    if (parser.isSet(labTour)) {
        auto node1 = api::client::Endpoint::parse(parser.value(connectTo));
        auto others = api::client::Endpoint::parseList(parser.value(labJoin));
        if (!parser.isSet(connectTo) || !node1 || !others || !parser.isSet(passwordEnv)) {
            err << "atalaia: --lab-tour needs --connect NODE1, --lab-join NODE2,... and --password-env VARIABLE\n";
            return 2;
        }
        window.setTrustPromptsEnabled(false);
        auto *tour = new ui::LabTour(window, languages, parser.value(labTour), QList{*node1} + *others,
                                     qEnvironmentVariable(qPrintable(parser.value(passwordEnv))), &window);
        QObject::connect(tour, &ui::LabTour::finished, &app, [&app, &err](bool ok, const QString &message) {
            err << "atalaia: " << message << "\n";
            err.flush();
            app.exit(ok ? 0 : 1);
        });
        tour->start();
        return app.exec();
    }

    if (parser.isSet(connectTo)) {
        ui::ConnectionProfile profile;
        profile.id = ui::ConnectionProfile::newId();
        auto endpoints = api::client::Endpoint::parseList(parser.value(connectTo));
        if (!endpoints) {
            err << "atalaia: --connect: " << endpoints.error().message << "\n";
            return 2;
        }
        profile.endpoints = *endpoints;
        profile.name = parser.isSet(name) ? parser.value(name) : profile.endpoints.first().host();
        profile.userid = parser.value(user);
        const QString secret = parser.isSet(passwordEnv) ? qEnvironmentVariable(qPrintable(parser.value(passwordEnv)))
                                                         : QString();
        if (parser.isSet(screenshots)) {
            window.setTrustPromptsEnabled(false);
            auto *tour = new ui::ScreenshotTour(window, languages, parser.value(screenshots),
                                                parser.value(tourLanguages).split(QLatin1Char(','), Qt::SkipEmptyParts),
                                                &window);
            QObject::connect(tour, &ui::ScreenshotTour::finished, &app, [&app, &err](bool ok, const QString &message) {
                err << "atalaia: " << message << "\n";
                err.flush();
                app.exit(ok ? 0 : 1);
            });
            tour->start(window.openConnection(profile, secret));
        } else {
            window.openConnection(profile, secret);
        }
    }
    return app.exec();
}
