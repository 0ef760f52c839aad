#pragma once

#include <QtGlobal>

#include <atomic>

namespace atalaia {

// Time as the logic sees it. Logic takes a Clock& and never reads the wall
// clock itself, so tests and simulations run on virtual time.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch.
    virtual qint64 nowMs() const = 0;
    qint64 nowSeconds() const { return nowMs() / 1000; }
};

// The real clock (CLOCK_REALTIME).
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
    static SystemClock &instance();
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 startMs = 1764150000000) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void advanceMs(qint64 ms) { m_now += ms; }
    void setMs(qint64 ms) { m_now = ms; }

private:
    std::atomic<qint64> m_now;
};

} // namespace atalaia
