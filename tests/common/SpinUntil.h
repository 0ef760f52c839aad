#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QEventLoop>
#include <QTimer>

namespace atalaia::test {

// Runs the event loop (server and client live on this thread) until PREDICATE
// holds or TIMEOUTMS pass. It wakes for every event, not on a fixed sleep as
// QTest::qWaitFor does (10 ms a pass, and a TLS exchange takes many passes).
template <typename Predicate>
bool spinUntil(Predicate predicate, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // bounds each wait, so the deadline is seen even when all is quiet
    wake.start(20);
    while (!predicate()) {
        if (deadline.hasExpired())
            return predicate();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

} // namespace atalaia::test
