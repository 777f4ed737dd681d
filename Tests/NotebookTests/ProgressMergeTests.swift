import Foundation
import Testing
@testable import Notebook

/// Two sessions saving lesson progress at once keep both sessions' progress (issue 13,
/// finding 10): `ProgressStore.save` merges under a lock instead of writing a stale copy.
@Suite struct ProgressMergeTests {
    @Test func concurrentSessionsKeepEachOthersProgress() throws {
        let directory = NSTemporaryDirectory() + "convbook-progress-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = ProgressStore(directory: directory) { Issue.record("warning: \($0)") }
        let second = ProgressStore(directory: directory) { Issue.record("warning: \($0)") }
        first.progress.setEntry(Progress.Entry(position: 3), for: 1)
        first.progress.current = 1
        try first.save()
        second.progress.setEntry(Progress.Entry(position: 2, completed: true), for: 2)
        second.progress.current = 2
        try second.save()
        first.progress.setEntry(Progress.Entry(position: 4), for: 1)
        first.progress.current = 1
        try first.save()
        let reread = ProgressStore(directory: directory) { Issue.record("warning: \($0)") }.progress
        #expect(reread.entry(1) == Progress.Entry(position: 4))
        #expect(reread.entry(2) == Progress.Entry(position: 2, completed: true))
        #expect(reread.current == 1, "the last session to move keeps its current lesson")
        #expect(first.progress == reread, "a save brings the other session's progress in")
    }

    @Test func aResetInOneSessionIsNotUndoneByTheFile() throws {
        let directory = NSTemporaryDirectory() + "convbook-progress-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ProgressStore(directory: directory) { Issue.record("warning: \($0)") }
        store.progress.setEntry(Progress.Entry(position: 5, completed: true), for: 1)
        store.progress.setEntry(Progress.Entry(position: 1), for: 2)
        try store.save()
        store.progress.lessons["1"] = nil
        try store.save()
        let reread = ProgressStore(directory: directory) { Issue.record("warning: \($0)") }.progress
        #expect(reread.lessons["1"] == nil && reread.entry(2).position == 1)
    }

    @Test func positionsAreValidatedAgainstTheLessons() throws {
        let catalog = try LessonCatalog.load(environment: [:])
        guard let lesson = catalog.lessons.first else { return }
        var progress = Progress()
        progress.setEntry(Progress.Entry(position: lesson.cells.count + 9), for: lesson.number)
        progress.current = 9999
        progress.validate(against: catalog)
        #expect(progress.entry(lesson.number) == Progress.Entry(position: lesson.cells.count, completed: true))
        #expect(progress.current == nil)
    }
}
