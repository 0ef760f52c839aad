#pragma once

#include "Tr.h"
#include "base/Error.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QTimer>

#include <memory>

namespace atalaia::secrets {

// The promise behind one SecretStore call, answered exactly once. Dropped
// unanswered (its store died with the call in flight), it answers
// KeychainFailed, so a caller's continuation gets a Result either way, never
// a bare cancellation. Shared (std::shared_ptr) by the callbacks that may
// answer it. Internal to core/secrets.
template <typename T>
class Answer
{
public:
    Answer() { m_promise.start(); }
    Answer(const Answer &) = delete;
    Answer &operator=(const Answer &) = delete;
    ~Answer()
    {
        if (!m_answered)
            (*this)(fail(Code::KeychainFailed, Tr::tr("The secret store was closed before the keychain answered")));
    }

    QFuture<Result<T>> future() { return m_promise.future(); }

    void operator()(Result<T> result)
    {
        if (m_answered)
            return;
        m_answered = true;
        m_promise.addResult(std::move(result));
        m_promise.finish();
    }

    // RESULT, answered on the next turn of CONTEXT's event loop, like every
    // answer of a keychain: never from inside the call. Zero timeouts fire
    // in the order they were started, so such answers keep call order.
    static QFuture<Result<T>> later(QObject *context, Result<T> result)
    {
        auto answer = std::make_shared<Answer<T>>();
        QFuture<Result<T>> future = answer->future();
        QTimer::singleShot(0, context, [answer, result = std::move(result)]() mutable { (*answer)(std::move(result)); });
        return future;
    }

private:
    QPromise<Result<T>> m_promise;
    bool m_answered = false;
};

} // namespace atalaia::secrets
