import Testing
@testable import Notebook

@Suite struct TextTableTests {
    @Test func alignsColumnsAndDrawsRules() {
        let table = TextTable(columns: [.init("layer"), .init("params", .right)],
                              rows: [["conv2d", "320"], ["dense", "262,656"]],
                              footer: [["total", "262,976"]])
        #expect(table.render(capabilities: .plain) == """
        layer    params
        ---------------
        conv2d      320
        dense   262,656
        ---------------
        total   262,976

        """)
    }

    @Test func mosaicWrapsTilesToTheWidth() {
        let tiles = (0..<5).map { TextMosaic.Tile(lines: ["####", "####"], width: 4, caption: "#\($0)") }
        let lines = TextMosaic(tiles: tiles, gap: 2).lines(width: 14)
        #expect(lines == [
            "####  ####",
            "####  ####",
            "#0    #1",
            "",
            "####  ####",
            "####  ####",
            "#2    #3",
            "",
            "####",
            "####",
            "#4",
        ])
    }

    @Test func frameSurroundsThePicture() {
        #expect(TextFrame.lines(["ab"], width: 2, capabilities: .plain) == ["+--+", "|ab|", "+--+"])
    }
}
