#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace atalaia::config {

// Proxmox's codec for free text kept in line-based files (PVE::Tools::encode_text
// and decode_text): guest descriptions ('#' lines) and the names and comments
// of user.cfg. Control characters, ':' and every byte >= 0x7F are written as
// %XX (upper-case hex), so the text stays on its line and inside its
// ':'-separated field.
class ProxmoxText
{
public:
    // What encode() does with a literal '%'. Proxmox escapes none, so a '%'
    // that precedes two hex digits does not decode back to itself. The two
    // formats fix that differently, and the files they write (and the golden
    // files) depend on it, so the choice stays with the caller:
    enum class Percent {
        Always,        // every '%' becomes %25 (guest descriptions)
        BeforeHexPair, // only a '%' that would read as an escape (user.cfg): "100% done" stays as is
    };

    ProxmoxText() = delete;

    // Turns every "%XX" (either case) back into its byte; any other byte,
    // including a '%' without two hex digits after it, is kept.
    static QByteArray decode(QByteArrayView text);
    // Encodes the UTF-8 bytes of TEXT; decode() gives them back exactly.
    static QByteArray encode(QStringView text, Percent percent);

    // Whether a "%XX" escape starts at byte I of S.
    static bool isEscapeAt(QByteArrayView s, qsizetype i);
    // Whether S escapes a byte >= 0x80: only such text can decode to invalid
    // UTF-8 when its raw bytes are valid.
    static bool escapesNonAscii(QByteArrayView s);
};

} // namespace atalaia::config
