/// English number words turned into digits, so that a learner may answer `thirteen`,
/// `twenty-six` or `eighteen thousand four hundred ninety-six` where a number is expected.
///
/// Whole numbers only, from zero to the millions; "and" may join words of one number
/// ("one hundred and twenty-eight"). Anything else is left as it is.
enum NumberWords {
    private static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    private static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    private static let scales: [String: Int] = ["thousand": 1_000, "million": 1_000_000]

    private static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || tens[word] != nil || word == "hundred" || scales[word] != nil
    }

    /// `text` with every run of number words replaced by its value in digits, lowercased
    /// ("thirteen by thirteen" -> "13 by 13"); hyphens between letters count as spaces.
    static func replacingWords(in text: String) -> String {
        var spaced = ""
        let characters = Array(text.lowercased())
        for (index, character) in characters.enumerated() {
            let joinsLetters = character == "-" && index > 0 && index + 1 < characters.count
                && characters[index - 1].isLetter && characters[index + 1].isLetter
            spaced.append(joinsLetters ? " " : character)
        }
        var output: [String] = []
        var run: [String] = []
        func flush() {
            var trailing = 0
            while run.last == "and" { run.removeLast(); trailing += 1 }
            if !run.isEmpty { output.append(String(value(of: run))) }
            output += Array(repeating: "and", count: trailing)
            run = []
        }
        for word in spaced.split(separator: " ").map(String.init) {
            if isNumberWord(word) || (word == "and" && !run.isEmpty) {
                run.append(word)
            } else {
                flush()
                output.append(word)
            }
        }
        flush()
        return output.joined(separator: " ")
    }

    /// The value of a run of number words (each one a number word or "and").
    private static func value(of words: [String]) -> Int {
        var total = 0
        var current = 0
        for word in words {
            if let unit = units[word] {
                current += unit
            } else if let ten = tens[word] {
                current += ten
            } else if word == "hundred" {
                current = max(current, 1) * 100
            } else if let scale = scales[word] {
                total += max(current, 1) * scale
                current = 0
            }
        }
        return total + current
    }
}
