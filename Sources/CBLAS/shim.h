// OpenBLAS's CBLAS interface (Debian: libopenblas-dev, found by pkg-config "openblas").
#include <cblas.h>
