/// Text made safe for XML 1.0 character data and attribute values.
public enum XMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and every character XML 1.0
    /// forbids (control characters other than tab, newline and carriage return; U+FFFE; U+FFFF)
    /// replaced by U+FFFD, so any string a user types yields well-formed XML.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (value >= 0x20 && value < 0x7F) || (value >= 0xA0 && value <= 0xD7FF)
                    || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
                // C1 controls (0x7F-0x9F) are legal XML 1.0 but invisible trouble; replace them too.
                escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }
}
