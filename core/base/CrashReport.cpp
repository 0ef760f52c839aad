#include "CrashReport.h"

#include <csignal>
#include <cstring>
#include <execinfo.h>
#include <unistd.h>

namespace atalaia::base {

namespace {

const char *g_program = "atalaia";

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

// Only async-signal-safe calls from here on: write(), backtrace_symbols_fd()
// (backtrace() itself is safe once libgcc is loaded, which install does).
void writeText(const char *text)
{
    const ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
    static_cast<void>(ignored);
}

void onFatalSignal(int signal)
{
    writeText("\n");
    writeText(g_program);
    writeText(": fatal signal ");
    writeText(sigdescr_np(signal) ? sigdescr_np(signal) : "?");
    writeText("; backtrace (module(function+offset) [address]):\n");
    void *frames[64];
    const int count = backtrace(frames, 64);
    backtrace_symbols_fd(frames, count, STDERR_FILENO);
    // SA_RESETHAND restored the default action: raised again, the signal
    // ends the process as it would have (exit status, core dump).
    raise(signal);
}

bool underSanitizer() // the sanitizer's handler is the better one
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

} // namespace

bool crashReportAvailable()
{
    return !underSanitizer();
}

void installCrashReport(const char *programName)
{
    if (!crashReportAvailable())
        return;
    g_program = programName;
    void *warmUp[1];
    backtrace(warmUp, 1); // loads libgcc now, not inside the handler
    for (int signal : kSignals) {
        struct sigaction action{};
        action.sa_handler = onFatalSignal;
        sigemptyset(&action.sa_mask);
        // On the alternate stack when there is one (a stack overflow); one
        // shot: a crash inside the handler gets the default action.
        action.sa_flags = SA_RESETHAND | SA_ONSTACK;
        sigaction(signal, &action, nullptr);
    }
}

} // namespace atalaia::base
