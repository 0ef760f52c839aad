#pragma once

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>

namespace atalaia::api::client {

// Waits for FUTURE in a local event loop, for callers that may wait (the CLI,
// an agent task on its worker thread) while ApiClient, living on the same
// thread, does its work. whenCancelled is returned for a cancelled future.
template <typename T>
T awaitFuture(QFuture<T> future, T whenCancelled)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (future.isCanceled() || future.resultCount() == 0)
        return whenCancelled;
    return future.result();
}

} // namespace atalaia::api::client
