#pragma once

#include "base/Error.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace atalaia::store {

// The rules for store paths ("user.cfg", "nodes/node1/lxc/101.conf").
//
// A path is relative and '/'-separated: no leading or trailing '/', no empty
// segment, no "." or "..", only printable non-space characters, at most
// kMaxSegmentBytes per segment and kMaxPathBytes in all (UTF-8), so every
// path is also a safe relative file name under an export directory.
// Segments starting with ".atalaia-" are reserved for the export's own
// bookkeeping files.
class StorePath
{
public:
    static constexpr qsizetype kMaxPathBytes = 1024;
    static constexpr qsizetype kMaxSegmentBytes = 255;
    static constexpr QLatin1StringView kReservedPrefix{".atalaia-"};

    // Code::InvalidArgument naming the path and the rule it breaks.
    static Result<void> validate(QStringView path);

    // A directory prefix for list(): "" (everything) or a valid path, with or
    // without a trailing '/'. Returns it normalised to "" or "dir/".
    static Result<QString> normalizePrefix(QStringView prefix);

    // "a/b/c" -> {"a", "a/b"}: the directories that must not be files.
    static QStringList ancestors(QStringView path);

    // The first string that sorts after every "dir/..." path, for range scans:
    // "dir/" -> "dir0" ('0' follows '/' in both UTF-8 and UTF-16 order).
    static QString prefixEnd(QStringView normalizedPrefix);
};

} // namespace atalaia::store
