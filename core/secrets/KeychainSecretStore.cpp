#include "KeychainSecretStore.h"

#include "Answer.h"
#include "Tr.h"

#include <qt6keychain/keychain.h>

#include <memory>

namespace atalaia::secrets {

namespace {

// The entry the probe asks for. Never written; it cannot collide with an
// entry of a SecretKey, whose names all hold two ':'.
constexpr QLatin1StringView kProbeEntry{"atalaia-probe"};

template <typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setKey(key);
    // Never QtKeychain's plain-text QSettings fallback: without a keychain,
    // secrets are not stored at all (the console asks each time).
    job->setInsecureFallback(false);
    // Deleted by itself once finished, never earlier: libsecret keeps a
    // pointer to it until it answers.
    job->setAutoDelete(true);
    return job;
}

// Whether the probe's answer shows a working keychain: only an answer about
// the entry itself does (it exists, it does not, access was refused).
bool keychainAnswered(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return true;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return false;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Probing)
            return;
        const int seconds = int(std::chrono::ceil<std::chrono::seconds>(m_probeTimeout).count());
        finishProbe(fail(Code::KeychainUnavailable,
                         unavailableMessage(Tr::tr("it did not answer within %n second(s)", nullptr, seconds))));
    });
}

KeychainSecretStore::~KeychainSecretStore()
{
    // Answered now (Answer's destructor), while this object is whole.
    m_waiting.clear();
}

bool KeychainSecretStore::available() const
{
    return m_available;
}

QFuture<Result<void>> KeychainSecretStore::probe()
{
    auto answer = std::make_shared<Answer<void>>();
    QFuture<Result<void>> future = answer->future();
    m_waiting.append([answer](const Result<void> &result) { (*answer)(result); });
    if (m_state != State::Probing)
        startProbe();
    return future;
}

void KeychainSecretStore::whenAvailable(ProbeWaiter waiter)
{
    if (m_state == State::Probed && m_available) {
        waiter({});
        return;
    }
    m_waiting.append(std::move(waiter));
    if (m_state != State::Probing)
        startProbe();
}

void KeychainSecretStore::startProbe()
{
    m_state = State::Probing;
    const quint64 generation = ++m_probeGeneration;
    auto *job = newJob<QKeychain::ReadPasswordJob>(QString(SecretKey::kService), QString(kProbeEntry));
    run(job, [this, generation](QKeychain::Job *done) {
        if (generation != m_probeGeneration || m_state != State::Probing)
            return; // timed out, or overtaken by a newer probe
        if (keychainAnswered(done->error()))
            finishProbe({});
        else
            finishProbe(fail(Code::KeychainUnavailable, unavailableMessage(done->errorString())));
    });
    m_probeTimer.start(m_probeTimeout);
}

void KeychainSecretStore::finishProbe(const Result<void> &result)
{
    m_probeTimer.stop();
    const bool wasAvailable = m_available;
    m_available = result.has_value();
    // Without a keychain, the next call asks again: it may have started since.
    m_state = m_available ? State::Probed : State::NeedsProbe;
    // Taken before calling anyone: a waiter may start the next probe.
    const QList<ProbeWaiter> waiting = std::exchange(m_waiting, {});
    if (wasAvailable != m_available)
        emit availabilityChanged(m_available);
    for (const ProbeWaiter &waiter : waiting)
        waiter(result);
}

void KeychainSecretStore::run(QKeychain::Job *job, std::function<void(QKeychain::Job *)> done)
{
    // Context this: if the store dies first, DONE (and the call's Answer in
    // it) is dropped, and the job still deletes itself when it finishes.
    connect(job, &QKeychain::Job::finished, this, std::move(done));
    job->start();
}

QString KeychainSecretStore::failureMessage(Action action, const SecretKey &key, const QString &detail)
{
    switch (action) {
    case Action::Read:
        return Tr::tr("Could not read the secret of %1 for %2 from the keychain: %3")
            .arg(key.userId(), key.connectionId(), detail);
    case Action::Write:
        return Tr::tr("Could not store the secret of %1 for %2 in the keychain: %3")
            .arg(key.userId(), key.connectionId(), detail);
    case Action::Remove:
        return Tr::tr("Could not delete the secret of %1 for %2 from the keychain: %3")
            .arg(key.userId(), key.connectionId(), detail);
    }
    return detail;
}

void KeychainSecretStore::failed(const QKeychain::Job &job, Action action, const SecretKey &key, ErrorSink answer)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        // The keychain is there (locked, or the user said no): asking it
        // again now would only prompt again.
        answer(fail(Code::KeychainAccessDenied,
                    Tr::tr("The keychain refused access to the secret of %1 for %2 (it may be locked): %3")
                        .arg(key.userId(), key.connectionId(), detail))
                   .error());
        return;
    default:
        break;
    }
    // Unclear (libsecret reports a vanished bus or daemon as "other error"):
    // probe again, so that a keychain gone away reads as KeychainUnavailable
    // for this call and the ones after it.
    if (m_state == State::Probed)
        m_state = State::NeedsProbe;
    whenAvailable([answer = std::move(answer), message = failureMessage(action, key, detail)](
                      const Result<void> &available) {
        answer(available ? fail(Code::KeychainFailed, message).error() : available.error());
    });
}

QFuture<Result<QString>> KeychainSecretStore::read(const SecretKey &key)
{
    if (auto ok = checkArguments(key); !ok)
        return Answer<QString>::later(this, std::unexpected(ok.error()));
    auto answer = std::make_shared<Answer<QString>>();
    QFuture<Result<QString>> future = answer->future();
    whenAvailable([this, key, answer](const Result<void> &available) {
        if (!available) {
            (*answer)(std::unexpected(available.error()));
            return;
        }
        run(newJob<QKeychain::ReadPasswordJob>(key.service(), key.entryName()), [this, key, answer](QKeychain::Job *job) {
            switch (job->error()) {
            case QKeychain::NoError:
                (*answer)(static_cast<QKeychain::ReadPasswordJob *>(job)->textData());
                return;
            case QKeychain::EntryNotFound:
                (*answer)(fail(Code::SecretNotFound, notFoundMessage(key)));
                return;
            default:
                failed(*job, Action::Read, key, [answer](const Error &error) { (*answer)(std::unexpected(error)); });
            }
        });
    });
    return future;
}

QFuture<Result<void>> KeychainSecretStore::write(const SecretKey &key, const QString &secret)
{
    if (auto ok = checkArguments(key, &secret); !ok)
        return Answer<void>::later(this, std::move(ok));
    auto answer = std::make_shared<Answer<void>>();
    QFuture<Result<void>> future = answer->future();
    whenAvailable([this, key, secret, answer](const Result<void> &available) {
        if (!available) {
            (*answer)(available);
            return;
        }
        auto *job = newJob<QKeychain::WritePasswordJob>(key.service(), key.entryName());
        job->setTextData(secret);
        run(job, [this, key, answer](QKeychain::Job *done) {
            if (done->error() == QKeychain::NoError) {
                (*answer)({});
                return;
            }
            failed(*done, Action::Write, key, [answer](const Error &error) { (*answer)(std::unexpected(error)); });
        });
    });
    return future;
}

QFuture<Result<void>> KeychainSecretStore::remove(const SecretKey &key)
{
    if (auto ok = checkArguments(key); !ok)
        return Answer<void>::later(this, std::move(ok));
    auto answer = std::make_shared<Answer<void>>();
    QFuture<Result<void>> future = answer->future();
    whenAvailable([this, key, answer](const Result<void> &available) {
        if (!available) {
            (*answer)(available);
            return;
        }
        run(newJob<QKeychain::DeletePasswordJob>(key.service(), key.entryName()), [this, key, answer](QKeychain::Job *job) {
            switch (job->error()) {
            case QKeychain::NoError:
            case QKeychain::EntryNotFound: // already gone: what remove() wants
                (*answer)({});
                return;
            default:
                failed(*job, Action::Remove, key, [answer](const Error &error) { (*answer)(std::unexpected(error)); });
            }
        });
    });
    return future;
}

} // namespace atalaia::secrets
