/// Writes lesson prose to the console, fitted to at most 80 columns: paragraphs are reflowed,
/// fenced blocks lose their fences and are indented four spaces, indented blocks, list items
/// and headings keep their lines (headings bold when colour is on). Inline Markdown in
/// paragraphs is rendered (`InlineMarkdown`): highlighted on a colour terminal, plain otherwise.
enum ProseRenderer {
    static func write(_ prose: String, to console: Console) {
        let width = max(20, min(console.capabilities.width, 80))
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            let text = InlineMarkdown.render(paragraph.joined(separator: " "), color: console.capabilities.color != .none)
            for line in TextLayout.wrap(text, width: width) { console.verbatim(line) }
            paragraph = []
        }
        var fence: Fence?
        for line in prose.components(separatedBy: "\n") {
            if let open = fence {
                if open.isClosed(by: line) { fence = nil } else { console.line("    " + line) }
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let opening = Fence(line) {
                flush()
                fence = opening
            } else if trimmed.isEmpty {
                flush()
                console.line()
            } else if line.hasPrefix("    ") || line.hasPrefix("\t") {
                flush()
                console.line(line)
            } else if trimmed.hasPrefix("#") {
                flush()
                console.line(console.styled(trimmed, "1"))
            } else if isListItem(trimmed) {
                flush()
                paragraph = [trimmed]
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
    }

    /// "- item", "* item", "1. item".
    private static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
    }
}
