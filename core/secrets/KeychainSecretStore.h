#pragma once

#include "SecretStore.h"

#include <QList>
#include <QTimer>

#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

namespace atalaia::secrets {

// The OS keychain through QtKeychain: the Secret Service (GNOME Keyring,
// KeePassXC, ...) or KWallet, whichever the desktop offers. QtKeychain's
// insecure fallback (a plain-text QSettings file) is never enabled: with no
// keychain, calls fail with Code::KeychainUnavailable and nothing is stored.
//
// Availability. The first call probes the keychain (asks it for an entry that
// is never written), and so does every call while the last probe found none:
// a keychain that starts later (a wallet opened after login) is used from
// then on. A call that fails for an unclear reason probes again, so that "the
// keychain went away" reads as KeychainUnavailable, not as a failure of that
// one call.
//
// Threads. QtKeychain runs one job at a time per process, from the thread
// where its first job was made; its jobs are asynchronous (libsecret calls
// answer through the GLib main context that Qt's event loop runs). So every
// store of a process must live on the same thread (the GUI thread), and
// nothing else in Atalaia uses QtKeychain directly. One step inside QtKeychain
// is synchronous: the first job of a process in a KDE session asks D-Bus
// whether KWallet runs (at most 0.5 s per KWallet version).
//
// Entries: service SecretKey::service(), key SecretKey::entryName(), the
// secret as UTF-8 text.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    // Why 10 s: the probe asks whether one entry exists, which takes
    // milliseconds, even when D-Bus first has to start the keychain daemon. A
    // keychain silent for 10 s is reported unavailable, so the console asks
    // for the password instead of hanging; the next call probes again.
    static constexpr std::chrono::milliseconds kProbeTimeout = std::chrono::seconds(10);

    explicit KeychainSecretStore(QObject *parent = nullptr);
    // Unanswered calls are answered with KeychainFailed. Jobs in flight are
    // left to finish on their own (QtKeychain cannot cancel a libsecret call,
    // and deleting its job would leave libsecret a dangling pointer).
    ~KeychainSecretStore() override;

    bool available() const override;
    QFuture<Result<void>> probe() override;
    QFuture<Result<QString>> read(const SecretKey &key) override;
    QFuture<Result<void>> write(const SecretKey &key, const QString &secret) override;
    QFuture<Result<void>> remove(const SecretKey &key) override;

    void setProbeTimeout(std::chrono::milliseconds timeout) { m_probeTimeout = timeout; }

private:
    // Probed: m_available holds the answer. NeedsProbe: not asked yet, or a
    // call failed for an unclear reason since, or no keychain was found
    // (calls probe again rather than trust that).
    enum class State { NeedsProbe, Probing, Probed };
    enum class Action { Read, Write, Remove };
    using ProbeWaiter = std::function<void(const Result<void> &)>;
    using ErrorSink = std::function<void(const Error &)>;

    // Calls WAITER with the availability: at once when known to be
    // available, else after a probe (joining the one in flight, if any).
    void whenAvailable(ProbeWaiter waiter);
    void startProbe();
    void finishProbe(const Result<void> &result);
    // Connects DONE to JOB's end (on this thread) and starts JOB.
    void run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> done);
    // JOB failed other than "no such entry": tells ANSWER why.
    void failed(const QKeychain::Job &job, Action action, const SecretKey &key, ErrorSink answer);
    static QString failureMessage(Action action, const SecretKey &key, const QString &detail);

    State m_state = State::NeedsProbe;
    bool m_available = false;       // what the last probe found
    QList<ProbeWaiter> m_waiting;   // calls waiting for the probe in flight
    quint64 m_probeGeneration = 0;  // the probe in flight; answers of older ones are ignored
    QTimer m_probeTimer;            // single shot, runs while Probing
    std::chrono::milliseconds m_probeTimeout = kProbeTimeout;
};

} // namespace atalaia::secrets
