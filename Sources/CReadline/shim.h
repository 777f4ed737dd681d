// GNU readline (Debian: libreadline-dev); on Apple platforms libedit provides the same API.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Readline's settings are C globals, which Swift 6 will not touch from nonisolated code;
// these accessors set and read them instead.

/// Names the program for ~/.inputrc, keeps readline's own signal handlers and environment
/// changes out, and installs the completion function and the word-break characters.
static inline void convbook_readline_configure(const char *name, const char *word_breaks,
                                               rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_catch_signals = 0;
#if defined(RL_READLINE_VERSION) && RL_READLINE_VERSION >= 0x0603 && !defined(__APPLE__)
    rl_change_environment = 0;
#endif
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_attempted_completion_function = complete;
}

/// Whether readline should fall back to file-name completion (0) or not (1).
static inline void convbook_set_completion_over(int over) { rl_attempted_completion_over = over; }

/// No space after the single completion (a `key=` keyword goes on with its value).
static inline void convbook_suppress_append(void) { rl_completion_suppress_append = 1; }

/// The line being edited.
static inline const char *convbook_line_buffer(void) { return rl_line_buffer; }

/// Moves the cursor to `point` (a byte offset).
static inline void convbook_set_point(int point) { rl_point = point; }

/// The newest history entry's text, or NULL when the history is empty.
static inline const char *convbook_last_history_line(void) {
    if (history_length <= 0) return NULL;
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}
