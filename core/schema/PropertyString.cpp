#include "PropertyString.h"

namespace atalaia::schema {

PropertyStringParse parsePropertyString(QStringView text)
{
    PropertyStringParse result;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i <= n) {
        PropertyStringItem item;
        item.offset = i;
        qsizetype keyEnd = i;
        while (keyEnd < n && text[keyEnd] != u'=' && text[keyEnd] != u',' && text[keyEnd] != u'"')
            ++keyEnd;
        qsizetype valueStart = i;
        if (keyEnd < n && text[keyEnd] == u'=') {
            item.key = text.sliced(i, keyEnd - i).toString();
            valueStart = keyEnd + 1;
            if (item.key.isEmpty()) {
                result.error = QStringLiteral("an item starts with '=': the key is missing");
                result.errorOffset = i;
                return result;
            }
        }
        item.valueOffset = valueStart;
        qsizetype j = valueStart;
        if (j < n && text[j] == u'"') {
            ++j;
            bool closed = false;
            while (j < n) {
                if (text[j] == u'\\' && j + 1 < n) {
                    item.value.append(text[j + 1]);
                    j += 2;
                } else if (text[j] == u'"') {
                    closed = true;
                    ++j;
                    break;
                } else {
                    item.value.append(text[j++]);
                }
            }
            if (!closed) {
                result.error = QStringLiteral("unterminated quoted value: add the closing '\"'");
                result.errorOffset = valueStart;
                return result;
            }
            if (j < n && text[j] != u',') {
                result.error = QStringLiteral("unexpected text after a quoted value: separate items with ','");
                result.errorOffset = j;
                return result;
            }
        } else {
            while (j < n && text[j] != u',')
                ++j;
            item.value = text.sliced(valueStart, j - valueStart).toString();
        }
        if (item.key.isEmpty() && item.value.isEmpty() && n > 0) {
            result.error = QStringLiteral("empty item: remove the extra ','");
            result.errorOffset = i;
            return result;
        }
        if (n > 0)
            result.items.append(std::move(item));
        i = j + 1;
    }
    return result;
}

} // namespace atalaia::schema
