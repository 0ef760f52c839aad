#pragma once

namespace atalaia::virt::libvirt {

// libvirt's default event loop, registered once per process and run on a
// thread of its own: it delivers domain lifecycle events and keepalives
// (so a dead libvirtd is noticed). Must be running before connections are
// opened; ensureRunning() is cheap after the first call.
void ensureEventLoopRunning();

} // namespace atalaia::virt::libvirt
