// GNU readline (Debian: libreadline-dev); on Apple platforms libedit provides the same API.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
