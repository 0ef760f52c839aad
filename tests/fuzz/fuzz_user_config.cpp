#include "FuzzDocument.h"

using atalaia::config::ConfigFormat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzzDocument(data, size, {ConfigFormat::UserCfg});
}
