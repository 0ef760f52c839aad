#include "LibvirtEventLoop.h"

#include "LibvirtHandles.h"

#include <QtGlobal>

#include <atomic>
#include <mutex>
#include <thread>

namespace atalaia::virt::libvirt {

namespace {

// libvirt prints every error to stderr unless told otherwise; we report
// errors ourselves (lastLibvirtError()), so its own printing is noise.
void ignoreError(void *, virErrorPtr) {}

class EventLoop
{
public:
    EventLoop()
    {
        virSetErrorFunc(nullptr, ignoreError);
        if (virEventRegisterDefaultImpl() < 0) {
            qWarning("libvirt: cannot register the default event loop: %s", qPrintable(lastLibvirtError()));
            return;
        }
        // A periodic timer wakes the loop, so it notices m_stop within a second.
        m_timer = virEventAddTimeout(1000, [](int, void *) {}, nullptr, nullptr);
        m_thread = std::jthread([this] {
            while (!m_stop.load())
                if (virEventRunDefaultImpl() < 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
        });
    }
    ~EventLoop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_timer >= 0)
            virEventRemoveTimeout(m_timer);
    }

private:
    std::atomic<bool> m_stop{false};
    int m_timer = -1;
    std::jthread m_thread;
};

} // namespace

void ensureEventLoopRunning()
{
    static EventLoop loop;
}

} // namespace atalaia::virt::libvirt
