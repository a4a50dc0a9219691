#if CLI
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `roster export --output` and stdout against hostile paths and failing disks: the destination is
/// either untouched or replaced whole, never followed through a link, never a directory or device,
/// and no failed write is reported as success. Each test runs the built binary against `roster serve`.
@Suite(.serialized)
struct ExportFileTests {
    static let serveArguments = ["--records", "12", "--courses", "2", "--seed", "5", "--vendor", "frontcore"]

    /// A fresh folder for one test's files.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A character device to aim an export at. As root (where a broken export could replace a real
    /// device node) it is a private copy of /dev/null made in `folder`; otherwise /dev/null itself,
    /// which only root could replace.
    static func device(in folder: URL) -> String {
        guard geteuid() == 0 else { return "/dev/null" }
        let path = folder.appendingPathComponent("null-device").path
        // Device 1:3 (null), encoded as Linux's makedev does for small numbers: major << 8 | minor.
        return mknod(path, S_IFCHR | 0o600, dev_t(1 << 8 | 3)) == 0 ? path : "/dev/null"
    }

    /// The names in `folder`, sorted.
    static func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func export(_ output: String, format: String = "jsonl", env: [String: String], blocks: Int? = nil)
        async throws -> ToolProcess.Result
    {
        try await ToolProcess.run(
            ["export", "--provider", "frontcore", "--output", output, "--format", format], environment: env,
            fileSizeLimitBlocks: blocks)
    }

    @Test func aDirectoryDestinationIsRefusedAndLeftWhole() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try Data("keep me".utf8).write(to: directory.appendingPathComponent("inside.txt"))
        try await withServer(Self.serveArguments) { server in
            let result = try await Self.export(directory.path, env: server.environment)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("directory"))
            let inside = directory.appendingPathComponent("inside.txt")
            #expect(try String(contentsOf: inside, encoding: .utf8) == "keep me")
            #expect(try Self.names(in: folder) == ["reports"], "no temporary file is left behind")
        }
    }

    @Test func aFIFOAndADeviceAreRefused() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try await withServer(Self.serveArguments) { server in
            let toFIFO = try await Self.export(fifo.path, env: server.environment)
            #expect(toFIFO.status == 2, "\(toFIFO.stderr)")
            #expect(toFIFO.stderr.contains("FIFO"))
            var info = stat()
            #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still there")
            let device = Self.device(in: folder)
            let toDevice = try await Self.export(device, env: server.environment)
            #expect(toDevice.status == 2, "\(toDevice.stderr)")
            #expect(toDevice.stderr.contains("device"))
            #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device is still there")
            #expect(try Self.names(in: folder).filter { $0.hasSuffix(".partial") }.isEmpty)
        }
    }

    @Test func aSymbolicLinkIsReplacedAndItsTargetNeverWritten() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("precious.txt")
        try Data("precious".utf8).write(to: target)
        let link = folder.appendingPathComponent("roster.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try await withServer(Self.serveArguments) { server in
            let result = try await Self.export(link.path, env: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try String(contentsOf: target, encoding: .utf8) == "precious")
            var info = stat()
            #expect(lstat(link.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG, "the link itself was replaced")
            #expect(info.st_mode & 0o777 == 0o600, "the export is readable by its owner only")
            let lines = try String(contentsOf: link, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 24)
            #expect(try Self.names(in: folder) == ["precious.txt", "roster.jsonl"])
        }
    }

    @Test func aDashWritesTheRecordsToStandardOutput() async throws {
        try await withServer(Self.serveArguments) { server in
            let result = try await Self.export("-", format: "csv", env: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 25, "a header and 24 records")
            #expect(lines.first?.hasPrefix("provider,id,") == true)
            #expect(result.stderr.contains("standard output"))
            #expect(!FileManager.default.fileExists(atPath: "-"))
        }
    }

    @Test func aFileSizeLimitFailsTheExportAndLeavesTheDestinationUntouched() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("roster.jsonl")
        try Data("the previous export\n".utf8).write(to: destination)
        try await withServer(Self.serveArguments) { server in
            // 24 records take about 9 KB; the limit allows 2 KB.
            let result = try await Self.export(destination.path, env: server.environment, blocks: 4)
            #expect(result.status == 11, "\(result.stderr)")
            #expect(result.stderr.contains("File too large"))
            #expect(result.stderr.contains("left untouched"))
            #expect(!result.stderr.contains("exported"))
            #expect(try String(contentsOf: destination, encoding: .utf8) == "the previous export\n")
            #expect(try Self.names(in: folder) == ["roster.jsonl"], "the temporary file is removed")
        }
    }

    @Test(arguments: ["list", "export"])
    func aFullStandardOutputIsAnError(_ command: String) async throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        try await withServer(Self.serveArguments) { server in
            var arguments = [command, "--provider", "frontcore", "--format", "jsonl"]
            if command == "export" { arguments += ["--output", "-"] }
            let result = try await ToolProcess.run(arguments, environment: server.environment, standardOutput: full)
            #expect(result.status == 11, "\(result.stderr)")
            #expect(result.stderr.contains("No space left on device"))
            #expect(!result.stderr.contains("exported"))
        }
    }

    @Test func concurrentExportsToOnePathEachWriteTheirOwnWholeFile() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("roster.out")
        try await withServer(Self.serveArguments) { server in
            let formats = ["jsonl", "csv", "json", "jsonl", "csv", "json"]
            let results = try await withThrowingTaskGroup(of: ToolProcess.Result.self) { group in
                for format in formats {
                    group.addTask { try await Self.export(destination.path, format: format, env: server.environment) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results { #expect(result.status == 0, "\(result.stderr)") }
            // The file is whole: exactly one of the formats, with every record once.
            let text = try String(contentsOf: destination, encoding: .utf8)
            if text.hasPrefix("[") {
                let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
                #expect(array?.count == 24)
            } else if text.hasPrefix("provider,") {
                #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 25)
            } else {
                let lines = text.split(separator: "\n")
                #expect(lines.count == 24)
                for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
            }
            #expect(try Self.names(in: folder) == ["roster.out"], "no temporary file is left behind")
        }
    }

    /// Starts a slow export (one record per page, 0.1 s per answer, 200 records), sends `signal` once
    /// records show in the temporary file (the export writes them out every two seconds), and checks
    /// what it kept.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsTheExportKeepingOnlyWholeRecords(_ signal: Int32, _ status: Int32) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("roster.json")
        try Data("old".utf8).write(to: destination)
        let slow = ["--records", "100", "--courses", "2", "--seed", "5", "--vendor", "frontcore"]
            + ["--faults", "latency=0.1"]
        try await withServer(slow) { server in
            let run = try ToolProcess.start(
                [
                    "export", "--provider", "frontcore", "--output", destination.path, "--format", "json",
                    "--page-size", "1",
                ],
                environment: server.environment)
            var flowing = false
            for _ in 0..<600 where !flowing {
                try await Task.sleep(for: .milliseconds(100))
                let partial = try Self.names(in: folder).first { $0.hasSuffix(".partial") }
                let text = partial.flatMap {
                    try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
                }
                flowing = (text?.split(separator: "\n").count ?? 0) >= 2
            }
            #expect(flowing, "no record reached the temporary file within a minute")
            run.send(signal)
            let result = try await run.wait(timeout: 60)
            #expect(result.status == status, "\(result.stderr)")
            let message = result.stderr.split(separator: "\n").map(String.init)
            #expect(message.count == 2, "where the records are, then how to continue: \(result.stderr)")
            #expect(message.last?.hasPrefix("  continue with: roster export") == true)
            #expect(message.last?.hasSuffix(" --resume") == true)
            #expect(try String(contentsOf: destination, encoding: .utf8) == "old", "the destination is untouched")
            let partial = try #require(try Self.names(in: folder).first { $0.hasSuffix(".partial") })
            #expect(message.first?.contains(folder.appendingPathComponent(partial).path) == true)
            let text = try String(contentsOf: folder.appendingPathComponent(partial), encoding: .utf8)
            #expect(text.hasSuffix("\n"), "the partial file ends with a whole line")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) == nil, "an unclosed JSON array")
            let records = text.split(separator: "\n").dropFirst().map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
            #expect(records.count >= 1 && records.count < 200, "records were flowing before the signal")
            for record in records {
                #expect((try? JSONSerialization.jsonObject(with: Data(record.utf8))) is [String: Any], "\(record)")
            }
            #expect(message.first?.contains("\(records.count) complete records") == true)
        }
    }

    @Test func aFailedJSONListingIsNotValidJSON() async throws {
        try await withServer(Self.serveArguments + ["--faults", "unavailable=2-500"]) { server in
            let result = try await ToolProcess.run(
                ["list", "--provider", "frontcore", "--format", "json", "--page-size", "5", "--retries", "0"],
                environment: server.environment)
            #expect(result.status == 6, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("["), "the first page's records are shown")
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) == nil)
        }
    }
}
#endif
