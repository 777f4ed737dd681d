// libpng (Debian: libpng-dev); Apple platforms decode PNG with ImageIO instead.
#include <png.h>
