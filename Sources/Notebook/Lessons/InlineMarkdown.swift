/// Inline Markdown in lesson prose, rendered for the console: `code` spans, *emphasis*,
/// _emphasis_ and **strong**.
///
/// With colour on, code spans are highlighted (cyan), emphasis is underlined and strong text
/// bold; without, the markers go: emphasis and strong become plain words, code spans are
/// quoted ('conv run') as the program's own messages quote commands. Markers that do not
/// pair up, and `_` or `*` inside a word (`val_loss`, `3*3`), are left as written.
enum InlineMarkdown {
    static func render(_ text: String, color: Bool) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        func styled(_ inner: String, _ code: String, plain: String) -> String {
            color ? "\u{1B}[\(code)m\(inner)\u{1B}[0m" : plain
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`", let end = characters[(index + 1)...].firstIndex(of: "`"), end > index + 1 {
                let code = String(characters[(index + 1)..<end])
                output += styled(code, "36", plain: "'\(code)'")
                index = end + 1
                continue
            }
            if character == "*", index + 1 < characters.count, characters[index + 1] == "*",
               let end = closing("**", in: characters, from: index + 2) {
                let inner = render(String(characters[(index + 2)..<end]), color: color)
                output += styled(inner, "1", plain: inner)
                index = end + 2
                continue
            }
            if character == "*" || character == "_", opensEmphasis(characters, at: index),
               let end = closing(String(character), in: characters, from: index + 1) {
                let inner = render(String(characters[(index + 1)..<end]), color: color)
                output += styled(inner, "4", plain: inner)
                index = end + 1
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }

    /// A marker opens emphasis at the start of a word: nothing or a space or punctuation
    /// before it, and no space after it.
    private static func opensEmphasis(_ characters: [Character], at index: Int) -> Bool {
        guard index + 1 < characters.count, !characters[index + 1].isWhitespace else { return false }
        return index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
    }

    /// The index of `marker` closing a span that started before `start`: no space before it,
    /// and no letter or digit after it.
    private static func closing(_ marker: String, in characters: [Character], from start: Int) -> Int? {
        let pattern = Array(marker)
        var index = start + 1
        while index + pattern.count <= characters.count {
            if Array(characters[index..<(index + pattern.count)]) == pattern, !characters[index - 1].isWhitespace {
                let after = index + pattern.count
                if after == characters.count || !(characters[after].isLetter || characters[after].isNumber) { return index }
            }
            index += 1
        }
        return nil
    }
}
