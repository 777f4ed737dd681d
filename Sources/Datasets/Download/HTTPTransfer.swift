import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TensorCore

/// One HTTP GET streamed into an `AtomicFile` (not yet committed), with progress and
/// cancellation polled from the calling thread.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: URL
    private let file: AtomicFile
    private let name: String
    private let limit: Int
    private let finished = DispatchSemaphore(value: 0)
    /// Guards everything below: written on URLSession's delegate queue, read by `run`.
    private let lock = NSLock()
    private var received = 0
    private var expected: Int?
    private var failure: Error?

    init(url: URL, into file: AtomicFile, name: String, limit: Int) {
        self.url = url
        self.file = file
        self.name = name
        self.limit = limit
    }

    /// Downloads, blocking the caller; returns the number of bytes written to the file.
    func run(progress: (Int, Int?) -> Void, shouldCancel: () -> Bool) throws -> Int {
        guard !shouldCancel() else { throw DatasetError(file: name, "download cancelled") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: url)
        task.resume()
        while finished.wait(timeout: .now() + 0.1) == .timedOut {
            let (soFar, total) = lock.withLock { (received, expected) }
            progress(soFar, total)
            if shouldCancel() {
                fail(DatasetError(file: name, "download cancelled"))
                task.cancel()
            }
        }
        return try lock.withLock {
            if let failure { throw failure }
            progress(received, expected)
            return received
        }
    }

    /// Records the first failure only.
    private func fail(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        guard status == 200 else {
            fail(DatasetError(file: name, "the server answered HTTP \(status) for \(url.absoluteString)"))
            completionHandler(.cancel)
            return
        }
        lock.withLock { expected = response.expectedContentLength > 0 ? Int(response.expectedContentLength) : nil }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let stop: Bool = lock.withLock {
            guard failure == nil else { return true }
            received += data.count
            if received > limit {
                failure = DatasetError(file: name, "the server sent more than \(limit) bytes; stopped")
                return true
            }
            do {
                try data.withUnsafeBytes { try file.write($0) }
            } catch {
                failure = error
                return true
            }
            return false
        }
        if stop { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            fail(DatasetError(file: name, "download from \(url.absoluteString) failed: \(error.localizedDescription)"))
        }
        finished.signal()
    }
}
