import Testing
@testable import Notebook

@Test func placeholder() {}
