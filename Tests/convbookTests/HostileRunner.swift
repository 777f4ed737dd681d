import Foundation

/// Runs the binary (or a shell line using it) in a directory the test prepared, with a time
/// limit: a run that hangs (a FIFO opened for reading, a quadratic loop) is killed and
/// reported as timed out instead of hanging the test suite.
enum HostileRunner {
    struct Result {
        let output: String
        let errors: String
        let status: Int32
        let exitedNormally: Bool
        let timedOut: Bool
        let seconds: Double
    }

    /// `convbook arguments...` in `directory`, no standard input.
    static func run(_ arguments: [String], in directory: String, environment extra: [String: String] = [:],
                    timeout: Double = 60) throws -> Result {
        try launch(executable: BinaryRunner.binary, arguments: arguments, in: directory, environment: extra, timeout: timeout)
    }

    /// `bash -c line` in `directory`, with `$CONVBOOK` naming the binary.
    static func shell(_ line: String, in directory: String, timeout: Double = 60) throws -> Result {
        try launch(executable: "/bin/bash", arguments: ["-c", line], in: directory,
                   environment: ["CONVBOOK": BinaryRunner.binary], timeout: timeout)
    }

    private static func launch(executable: String, arguments: [String], in directory: String,
                               environment extra: [String: String], timeout: Double) throws -> Result {
        BinaryRunner.ignoreBrokenPipes()
        let (process, output, errors) = BinaryRunner.prepared(executable: executable, arguments: arguments, in: directory,
                                                             environment: extra,
                                                             defaults: ["CONVBOOK_DATA": directory + "/no-data"])
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outputData = Data(), errorData = Data()
        DispatchQueue.global().async(group: group) { outputData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 10)
        return Result(output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self),
                      status: process.terminationStatus, exitedNormally: process.terminationReason == .exit && !timedOut,
                      timedOut: timedOut, seconds: Date().timeIntervalSince(start))
    }

    /// A safetensors file: `metadata` and F32 tensors (name, shape, scalars); `sparseData`
    /// bytes of data declared past the tensors' end are left as a hole (ftruncate).
    static func writeSafetensors(_ path: String, metadata: [String: String]?,
                                 tensors: [(String, [Int], [Float])] = [],
                                 declared: [(String, [Int], Int)] = []) throws {
        var entries: [String] = []
        if let metadata {
            let data = try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys])
            entries.append("\"__metadata__\":" + String(decoding: data, as: UTF8.self))
        }
        var offset = 0
        var data: [UInt8] = []
        for (name, shape, scalars) in tensors {
            let end = offset + 4 * scalars.count
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[\(offset),\(end)]}")
            for scalar in scalars { data += withUnsafeBytes(of: scalar.bitPattern.littleEndian, Array.init) }
            offset = end
        }
        for (name, shape, bytes) in declared {  // declared, never written: a sparse hole
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        let bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        if offset > data.count { truncate(path, off_t(8 + header.count + offset)) }
    }

    /// An IDX image file of `count` `rows` x `columns` images and a label file beside it,
    /// named as Fashion-MNIST's (`prefix` "train" or "t10k").
    static func writeIDX(directory: String, prefix: String, count: Int, rows: Int, columns: Int) {
        func bigEndian(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(value).bigEndian, Array.init) }
        let pixels = (0..<(count * rows * columns)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let images = [0, 0, 8, 3] + bigEndian(count) + bigEndian(rows) + bigEndian(columns) + pixels
        let labels = [0, 0, 8, 1] + bigEndian(count) + (0..<count).map { UInt8($0 % 10) }
        FileManager.default.createFile(atPath: "\(directory)/\(prefix)-images-idx3-ubyte", contents: Data(images))
        FileManager.default.createFile(atPath: "\(directory)/\(prefix)-labels-idx1-ubyte", contents: Data(labels))
    }
}
