#if CLI
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Finds and runs the built `roster` binary as a subprocess: what a user or script does.
enum ToolProcess {
    /// The `roster` executable next to the test bundle (`.build/<triple>/debug/roster`), or the one
    /// ROSTER_BINARY names.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ROSTER_BINARY"] { return URL(fileURLWithPath: path) }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            var current = directory
            for _ in 0..<4 {
                let url = current.appendingPathComponent("roster")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: url.path)
                {
                    return url
                }
                current = current.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: ".build/debug/roster")
    }()

    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Non-empty stdout lines.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs `roster arguments…` with exactly `environment` (plus PATH and HOME) and waits for it.
    /// `standardOutput` replaces the captured stdout (e.g. `/dev/full`); `fileSizeLimitBlocks` runs it
    /// under `ulimit -f` (512-byte blocks), so writes past the limit fail with EFBIG. `executable`
    /// runs another binary (`roster-serve`, or a copy of `roster`) the same way.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], standardOutput: FileHandle? = nil,
        fileSizeLimitBlocks: Int? = nil, executable: URL = binary
    ) async throws -> Result {
        try await start(
            arguments, environment: environment, standardOutput: standardOutput,
            fileSizeLimitBlocks: fileSizeLimitBlocks, executable: executable
        ).wait()
    }

    /// Starts `roster arguments…` (see `run`) without waiting, for tests that signal it.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], standardOutput: FileHandle? = nil,
        fileSizeLimitBlocks: Int? = nil, executable: URL = binary
    ) throws -> Running {
        let process = Process()
        if let blocks = fileSizeLimitBlocks {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var env = environment
        let inherited = ProcessInfo.processInfo.environment
        for name in ["PATH", "HOME", "TMPDIR"] { env[name] = inherited[name] }
        process.environment = env
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "roster-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let running = Running(process: process, directory: directory)
        _ = FileManager.default.createFile(atPath: running.outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: running.errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: running.outURL)
        let err = try FileHandle(forWritingTo: running.errURL)
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let (ended, continuation) = AsyncStream<Int32>.makeStream()
        running.ended = ended
        process.terminationHandler = { continuation.yield($0.terminationStatus) }
        try process.run()
        try out.close()
        try err.close()
        return running
    }

    /// A started `roster` run.
    final class Running: @unchecked Sendable {
        let process: Process
        let directory: URL
        var outURL: URL { directory.appendingPathComponent("out") }
        var errURL: URL { directory.appendingPathComponent("err") }
        fileprivate var ended: AsyncStream<Int32>?

        init(process: Process, directory: URL) {
            self.process = process
            self.directory = directory
        }

        /// Sends `signal` (SIGINT, SIGTERM…) to the process.
        func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the end and returns what it printed. After `timeout` seconds the process is
        /// killed (SIGKILL, status 9), so a hung run fails its test instead of hanging the suite.
        func wait(timeout: Double = 300) async throws -> Result {
            defer { try? FileManager.default.removeItem(at: directory) }
            let pid = process.processIdentifier
            let watchdog = Task {
                try await Task.sleep(for: .seconds(timeout))
                kill(pid, SIGKILL)
            }
            defer { watchdog.cancel() }
            var status: Int32 = -1
            if let ended { for await value in ended { status = value; break } }
            return Result(
                status: status, stdout: try String(contentsOf: outURL, encoding: .utf8),
                stderr: try String(contentsOf: errURL, encoding: .utf8))
        }
    }
}

/// One request a served simulator logged.
struct LoggedWrite {
    var method: String
    var path: String
    var status: Int
}

/// A `roster serve` subprocess, started on free ports; its printed `export` lines become the
/// environment of client runs.
final class ServeProcess: @unchecked Sendable {
    /// The requests other than GET that the simulator of `provider` (every one when nil) received,
    /// read from its `/_simulator/requests` log.
    func writes(provider: String? = nil) async throws -> [LoggedWrite] {
        let variables = [
            "frontcore": "FRONTCORE_BASE_URL", "meltingspot": "MELTINGSPOT_BASE_URL",
            "course-dashboard": "COURSE_DASHBOARD_BASE_URL",
        ].filter { provider == nil || $0.key == provider }.map(\.value)
        var writes: [LoggedWrite] = []
        for variable in variables {
            guard let base = environment[variable].flatMap(URL.init(string:)), let host = base.host, let port = base.port,
                let url = URL(string: "http://\(host):\(port)/_simulator/requests")
            else { continue }
            let (data, _) = try await URLSession.shared.data(from: url)
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let method = entry["method"] as? String, method != "GET"
                else { continue }
                writes.append(
                    LoggedWrite(method: method, path: entry["path"] as? String ?? "", status: entry["status"] as? Int ?? 0))
            }
        }
        return writes
    }

    let process = Process()
    /// The variables it printed (base URLs and credentials).
    private(set) var environment: [String: String] = [:]
    private let output = Pipe()
    private let errors = Pipe()

    /// Starts `roster serve --port 0 …` and waits until every vendor listens.
    static func start(_ arguments: [String]) async throws -> ServeProcess {
        let server = ServeProcess()
        try await server.launch(["serve", "--port", "0"] + arguments)
        return server
    }

    private func launch(_ arguments: [String]) async throws {
        process.executableURL = ToolProcess.binary
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let (chunks, continuation) = AsyncStream<Data>.makeStream()
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
            } else {
                continuation.yield(data)
            }
        }
        errors.fileHandleForReading.readabilityHandler = { handle in
            if handle.availableData.isEmpty { handle.readabilityHandler = nil }
        }
        try process.run()
        var text = ""
        for await chunk in chunks {
            text += String(decoding: chunk, as: UTF8.self)
            if text.contains("# serving") { break }
        }
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        guard text.contains("# serving") else {
            process.terminate()
            throw ServeError(message: "roster serve did not start: \(text)")
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() async -> Int32 {
        let once = Once()
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { ended in once.run { continuation.resume(returning: ended.terminationStatus) }
            }
            if process.isRunning {
                process.terminate()
            } else {
                once.run { continuation.resume(returning: process.terminationStatus) }
            }
        }
    }

    /// Runs a closure at most once, from any thread.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func run(_ body: () -> Void) {
            let first = lock.withLock { () -> Bool in
                defer { done = true }
                return !done
            }
            if first { body() }
        }
    }

    struct ServeError: Error { var message: String }
}

/// Runs `body` against a fresh `roster serve`, stopping it afterwards whatever happens.
func withServer<T>(
    _ arguments: [String] = [], _ body: (ServeProcess) async throws -> T
) async throws -> T {
    let server = try await ServeProcess.start(arguments)
    do {
        let result = try await body(server)
        _ = await server.stop()
        return result
    } catch {
        _ = await server.stop()
        throw error
    }
}
#endif
