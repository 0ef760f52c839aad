#pragma once

namespace atalaia::base {

// Prints a backtrace to stderr when the process dies of SIGSEGV, SIGBUS,
// SIGILL, SIGFPE or SIGABRT, then lets the signal kill it as before (exit
// status and core dump unchanged).
//
// Why: a crash that happens once in hundreds of runs (a CI lane, a user's
// agent) leaves only "Segmentation fault" behind; the frames, with the
// module and offset of each, are what lets us find it afterwards
// (`addr2line -e BINARY OFFSET` on the same build). Sanitizer builds keep
// their own, better reports: there this does nothing.
//
// Call once, early in main(), before other threads start.
void installCrashReport(const char *programName);

// False in sanitizer builds, where installCrashReport() leaves the
// sanitizer's own report in place.
bool crashReportAvailable();

} // namespace atalaia::base
