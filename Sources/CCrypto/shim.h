// OpenSSL's libcrypto for SHA-256 (Debian: libssl-dev); Apple platforms use CommonCrypto.
// The EVP interface: OpenSSL 3 deprecates the SHA256_Init family.
#include <openssl/evp.h>
#include <openssl/sha.h>
