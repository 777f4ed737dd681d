import Foundation
import Testing
import TensorCore

@Suite struct AtomicFileTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "convbook-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    @Test func writesAndReplaces() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/progress.json"
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(contents(path) == Array("second, longer".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["progress.json"])
    }

    @Test func discardingLeavesTheOldFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.safetensors"
        try AtomicFile.write([1, 2, 3], to: path)
        do {
            let file = try AtomicFile(path: path)
            try file.write([9, 9, 9, 9])
            // Released without commit(): as if the process died mid-save.
        }
        #expect(contents(path) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.safetensors"])
    }

    @Test func aMissingDirectoryIsACleanError() {
        #expect(throws: AtomicFileError(path: "/nonexistent-convbook/x", reason: "No such file or directory")) {
            try AtomicFile.write([1], to: "/nonexistent-convbook/x")
        }
    }

    @Test func aRelativePathWritesInTheCurrentDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try AtomicFile.write([7], to: "relative.bin")
        #expect(contents(directory + "/relative.bin") == [7])
    }

    /// A full disk: a 64 KiB tmpfs (needs root to mount; skipped otherwise). Writing 1 MiB
    /// fails with ENOSPC, the old file is intact and no temporary file remains.
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aFullDiskLeavesTheOldFile() throws {
        let mountPoint = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]) == 0 else { return }  // no mount permission (a container): nothing to test
        defer { _ = run("/bin/umount", [mountPoint]) }
        let path = mountPoint + "/model.safetensors"
        try AtomicFile.write(Array(repeating: 1, count: 1000), to: path)
        #expect(throws: AtomicFileError(path: path, reason: "No space left on device")) {
            try AtomicFile.write(Array(repeating: 2, count: 1 << 20), to: path)
        }
        #expect(contents(path) == Array(repeating: 1, count: 1000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint) == ["model.safetensors"])
    }

    private func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct AtomicFileCleanupTests {
    @Test func temporaryFilesOfDeadWritersAreRemoved() throws {
        let directory = NSTemporaryDirectory() + "convbook-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 4194305 is above Linux's largest pid_max: no such process. Our own pid is alive.
        let stale = ".model.safetensors.tmp-4194305-17", live = ".model.safetensors.tmp-\(getpid())-99"
        let other = ".other.tmp-4194305-1"
        for name in [stale, live, other] { _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data([1])) }
        try AtomicFile.write([2], to: directory + "/model.safetensors")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [live, other, "model.safetensors"].sorted())
    }
}
