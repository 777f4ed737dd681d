// zlib (Debian: zlib1g-dev; part of the SDK on Apple platforms).
#include <zlib.h>
