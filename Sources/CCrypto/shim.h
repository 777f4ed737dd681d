// OpenSSL's libcrypto for SHA-256 (Debian: libssl-dev); Apple platforms use CommonCrypto.
#include <openssl/sha.h>
