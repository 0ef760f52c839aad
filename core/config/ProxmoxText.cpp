#include "ProxmoxText.h"

#include "TextScan.h"

namespace atalaia::config {

using scan::hexValue;

bool ProxmoxText::isEscapeAt(QByteArrayView s, qsizetype i)
{
    return s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0;
}

bool ProxmoxText::escapesNonAscii(QByteArrayView s)
{
    for (qsizetype i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1))
        if (isEscapeAt(s, i) && hexValue(s[i + 1]) >= 8)
            return true;
    return false;
}

QByteArray ProxmoxText::decode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isEscapeAt(text, i)) {
            out.append(char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

QByteArray ProxmoxText::encode(QStringView text, Percent percent)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        const bool escape = byte < 0x20 || byte >= 0x7F || byte == ':'
            || (byte == '%' && (percent == Percent::Always || isEscapeAt(utf8, i)));
        if (escape) {
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0xF]);
        } else {
            out.append(char(byte));
        }
    }
    return out;
}

} // namespace atalaia::config
