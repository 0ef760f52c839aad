#pragma once

#include "SecretKey.h"
#include "base/Error.h"

#include <QFuture>
#include <QObject>
#include <QString>

namespace atalaia::secrets {

// Where the console keeps passwords and API token secrets: the OS keychain
// (KeychainSecretStore), or memory (MemorySecretStore, for tests and demos).
// Never a file: when no keychain is usable, nothing is stored, calls fail
// with Code::KeychainUnavailable and the console asks for the secret each
// time.
//
// Asynchronous: every call returns at once; its future finishes later, on
// this object's thread, through that thread's event loop. Chain it with
// .then(guard, ...). Do not waitForFinished() on this object's thread: the
// answer needs the very event loop that call would block (spin a QEventLoop
// instead, as cli::ServerConnection::await does). Use a store from the thread
// it lives in only. Calls take effect and are answered in the order they
// were made. A store destroyed with calls in flight answers them
// KeychainFailed (no future is left unfinished or merely cancelled).
//
// Errors (atalaia::Error, domain "secrets"):
//   KeychainUnavailable   no keychain answers (no Secret Service, no KWallet,
//                         no D-Bus session); available() is false.
//   SecretNotFound        read(): no such entry.
//   KeychainAccessDenied  the keychain is locked and stayed locked, or it
//                         refused this program.
//   KeychainFailed        anything else the keychain reported.
//   InvalidArgument       an invalid SecretKey or an empty secret; the
//                         keychain is not asked.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    // Whether the last probe (explicit, or the one every call makes while
    // the state is not known) found a usable keychain. False until then.
    virtual bool available() const = 0;

    // Asks the keychain whether it is usable, without reading or writing
    // any user entry; success means available. Also updates available() and
    // emits availabilityChanged() when that changes. Calls probe by
    // themselves when needed: calling this first is optional (a UI does, to
    // say early "passwords will not be remembered").
    virtual QFuture<Result<void>> probe() = 0;

    // The secret stored under KEY.
    virtual QFuture<Result<QString>> read(const SecretKey &key) = 0;

    // Stores SECRET under KEY, replacing what was there. SECRET must not be
    // empty (an empty password is nothing to remember).
    virtual QFuture<Result<void>> write(const SecretKey &key, const QString &secret) = 0;

    // Deletes the entry under KEY. Deleting an entry that does not exist
    // succeeds: afterwards, there is no such entry either way.
    virtual QFuture<Result<void>> remove(const SecretKey &key) = 0;

protected:
    // Shared by the implementations, so that a UI shows the same words
    // whichever store it has. REASON: what the keychain said, if anything.
    static QString unavailableMessage(const QString &reason);
    static QString notFoundMessage(const SecretKey &key);
    // InvalidArgument for an invalid key, or an empty SECRET when one is given.
    static Result<void> checkArguments(const SecretKey &key, const QString *secret = nullptr);

signals:
    // available() changed (a probe found the keychain gone, or back).
    void availabilityChanged(bool available);
};

} // namespace atalaia::secrets
