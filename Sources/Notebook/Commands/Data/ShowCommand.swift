/// `show INDEX [train|test] [numbers]`: one Fashion-MNIST image drawn in the terminal with
/// its label, or its pixel values.
enum ShowCommand: Command {
    static let name = "show"
    static let forms = [
        CommandForm(nil, [.imageIndex(), .optional("train|test", .choice(["train", "test"]), label: "the set")],
                    options: [.flag("numbers")]),
    ]
    static let summary = "draw an image with its label"
    static let discussion = """
        Draws image INDEX (counting from 0) of the test set, or of the training set
        with 'train', and names its class. A network sees the image as a 28x28 grid of
        numbers from 0 (black) to 255 (white); 'numbers' prints that grid.

        On a colour terminal each character holds two pixels (half-blocks in grey); in
        plain text each pixel is one character, from dark to light: blank . : - = + *
        # % @. Without loaded data the test images come from the 1,000 bundled with
        convbook.
        """
    /// The largest images drawn (a side in pixels), and whose numbers are printed: a data
    /// set of huge images must not print megabytes.
    static let largestPicture = 256
    static let largestNumberGrid = 64
    static let examples = ["show 0", "show 42 train", "show 0 numbers"]

    static func run(_ invocation: Invocation, in session: Session) throws {
        let split: TestImages.Split = invocation.word("train|test") == "train" ? .train : .test
        let numbers = invocation.flag("numbers")
        let (images, isSample) = try TestImages.images(split, in: session)
        let index = try invocation.index("INDEX", below: images.count)
        let largest = numbers ? Self.largestNumberGrid : Self.largestPicture
        guard images.rows <= largest, images.columns <= largest else {
            throw CommandError("the images are \(images.rows)x\(images.columns); 'show' draws images up to "
                               + "\(Self.largestPicture)x\(Self.largestPicture) and their numbers up to \(Self.largestNumberGrid)x\(Self.largestNumberGrid)")
        }
        let label = Int(images.labels[index])
        let console = session.console
        if isSample { console.line(TestImages.sampleNote(images)) }
        console.line("\(split.rawValue) image \(index): \(console.styled(TestImages.className(label), "1")) (label \(label))")
        let map = TestImages.map(images, index)
        let lines = numbers
            ? NumberGrid.lines(map, decimals: 0, indices: true, capabilities: console.capabilities)
            : ImageRenderer.picture(map, capabilities: console.capabilities)
        lines.forEach { console.line($0) }
    }
}
