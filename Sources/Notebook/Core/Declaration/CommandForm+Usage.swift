extension CommandForm {
    /// The usage of this form after the command's name: `demo [stride=S] [padding=valid|same|N]`.
    /// Words in capitals are values, [brackets] what may be left out, `|` alternatives.
    var usage: String {
        var parts: [String] = []
        if let subcommand { parts.append(subcommand) }
        for parameter in parameters {
            var text = parameter.name
            if parameter.repeats { text += " ..." }
            let bracketed = parameter.name.hasPrefix("[")  // "[ROWS]" shows as it is
            parts.append(parameter.isOptional && !bracketed ? "[\(text)]" : text)
        }
        for option in options {
            parts.append(option.value == nil ? "[\(option.name)]" : "[\(option.name)=\(option.placeholder)]")
        }
        return parts.joined(separator: " ")
    }
}

extension Command {
    /// Every form's usage, each starting with the command's name.
    public static var usageForms: [String] {
        forms.map { form in
            let rest = form.usage
            return rest.isEmpty ? name : name + " " + rest
        }
    }

    /// The forms to show after an error: only those of the sub-command that was used
    /// (`params conv K CIN FILTERS` after a bad `params conv`), or when no sub-command was
    /// named, the forms that take none (`dims IN K ...` after `dims 28`); else all of them.
    static func usageForms(after words: [String]) -> [String] {
        let first = words.first?.lowercased() ?? ""
        let indexed = Array(zip(forms, usageForms))
        let matching = indexed.filter { $0.0.isSelected(by: first) }
        let plain = indexed.filter { $0.0.subcommand == nil }
        return (!matching.isEmpty ? matching : (plain.isEmpty ? indexed : plain)).map(\.1)
    }
}

/// Usage forms laid out for the screen, the one layout `help` and error messages share.
enum UsageLayout {
    /// `forms` after `label` ("usage: "), fitted to `width` columns: all on one line joined by
    /// " | " when that fits, else one form a line aligned under the first. A form wider than
    /// the width breaks between its words (never inside a [bracketed] part), continuing two
    /// columns in.
    static func lines(_ forms: [String], label: String, width: Int) -> [String] {
        let joined = forms.joined(separator: " | ")
        if label.count + joined.count <= width { return [label + joined] }
        let pad = String(repeating: " ", count: label.count)
        var lines: [String] = []
        for (index, form) in forms.enumerated() {
            let lead = index == 0 ? label : pad
            let parts = words(of: form)
            var current = lead + (parts.first ?? "")
            for part in parts.dropFirst() {
                if current.count + 1 + part.count <= width {
                    current += " " + part
                } else {
                    lines.append(current)
                    current = pad + "  " + part
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// The words of a usage form, a bracketed part with spaces inside (`[NAME|[ROWS] ...]`)
    /// kept as one, as a command line is split; a form with unbalanced brackets (none is
    /// declared so) splits at every space.
    static func words(of form: String) -> [String] {
        (try? Arguments.split(form)) ?? form.split(separator: " ").map(String.init)
    }
}
