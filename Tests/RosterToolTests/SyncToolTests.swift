#if CLI
import Foundation
import Testing

/// `roster sync` against `roster serve` over loopback HTTP: the README's worked examples run exactly
/// as written, and a sync killed with SIGKILL at random moments and started again ends with the plan
/// applied and no write repeated.
@Suite(.serialized) struct SyncToolTests {
    static let serveArguments = ["--vendor", "all", "--seed", "1", "--people-in-common", "12"]
    static let meltingspotCourse = "71c18690-ee42-490b-a1bb-54d8d101b5b9"

    /// The README's sync example block, as written.
    static func readmeExamples() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let begin = readme.range(of: "<!-- sync-examples:begin -->"),
            let end = readme.range(of: "<!-- sync-examples:end -->")
        else { throw CancellationError() }
        let block = readme[begin.upperBound..<end.lowerBound]
        return block.replacingOccurrences(of: "```sh", with: "").replacingOccurrences(of: "```", with: "")
    }

    /// Runs `script` with `sh -e` in a fresh folder where `roster` is the built binary.
    static func shell(_ script: String, environment: [String: String]) throws -> (status: Int32, output: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("roster"), withDestinationURL: ToolProcess.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-e", "-c", script]
        process.currentDirectoryURL = folder
        var env = environment
        env["PATH"] = folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        env["HOME"] = ProcessInfo.processInfo.environment["HOME"]
        process.environment = env
        let log = folder.appendingPathComponent("output.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8), folder)
    }

    static func records(_ result: ToolProcess.Result) throws -> [[String: Any]] {
        try result.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    }

    @Test func theReadmeExamplesRunAsWrittenAndDoWhatTheySay() async throws {
        let script = try Self.readmeExamples()
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            // Who the Frontcore course date holds before anything moves.
            let session = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--course", "22353", "--session", "12746584", "--status",
                     "enrolled,completed", "--format", "jsonl"], environment: env))
            let run = try Self.shell(script, environment: env)
            defer { try? FileManager.default.removeItem(at: run.folder) }
            #expect(run.status == 0, "\(run.output)")

            // 1. Everyone counted on that course date is now a Meltingspot participant.
            let meltingspot = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "meltingspot", "--course", Self.meltingspotCourse, "--format", "jsonl"],
                    environment: env))
            let emails = Set(meltingspot.compactMap { ($0["learner"] as? [String: Any])?["email"] as? String })
            let wanted = session.compactMap { ($0["learner"] as? [String: Any])?["email"] as? String }
            #expect(!wanted.isEmpty && wanted.allSatisfy(emails.contains), "missing: \(wanted.filter { !emails.contains($0) })")
            #expect(run.output.contains("createAndEnroll"), "example 1 created nobody")

            // 2. The people who completed at Meltingspot are completed at Frontcore.
            let frontcore = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--course", "22353", "--format", "jsonl"], environment: env))
            for number in stride(from: 1, through: 11, by: 2) {
                let record = frontcore.first {
                    (($0["learner"] as? [String: Any])?["email"] as? String)?.hasSuffix(".\(number)@people-in-common.example")
                        == true
                }
                #expect(record?["status"] as? String == "completed", "person \(number) is not completed at Frontcore")
            }

            // 3 and 4. The twelve people in common are in the Course Dashboard course.
            let dashboard = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "course-dashboard", "--course", "101", "--format", "jsonl"], environment: env))
            let usernames = Set(dashboard.compactMap { ($0["learner"] as? [String: Any])?["username"] as? String })
            let common = usernames.filter { $0.range(of: #"_\d+$"#, options: .regularExpression) != nil && $0.contains("_") }
            #expect(common.count >= 12, "\(usernames.sorted())")

            // Planning each example again writes nothing more.
            let again = try await ToolProcess.run(
                ["sync", "--from", "frontcore", "--from-course", "22353", "--to", "course-dashboard", "--to-course",
                 "101", "--match", "username", "--format", "jsonl"], environment: env)
            #expect(again.status == 0)
            let actions = Set(try Self.records(again).compactMap { $0["action"] as? String })
            #expect(actions.isSubset(of: ["inSync", "skip"]), "\(actions)")
        }
    }

    @Test func aShrinkingMirrorIsRefusedWithExit9AndWritesNothing() async throws {
        try await withServer(Self.serveArguments) { server in
            let result = try await ToolProcess.run(
                ["sync", "--from", "frontcore", "--from-course", "22353", "--to", "course-dashboard", "--to-course",
                 "101", "--match", "username", "--mirror", "--format", "jsonl"], environment: server.environment)
            #expect(result.status == 9, "\(result.stderr)")
            #expect(result.stderr.contains("--allow-shrink"))
            #expect(try Self.records(result).contains { $0["action"] as? String == "unenroll" })
            #expect(try await server.writes().isEmpty)
        }
    }

    /// SIGKILL at 20 random moments of `sync --apply`, each time started again with the same journal;
    /// then a run to the end. The simulator must have received each planned write exactly once, and a
    /// new plan must be all inSync/skip.
    @Test func killedTwentyTimesAtRandomItFinishesWithNoDuplicateWrite() async throws {
        // 120 records per course give about 40 people to create and enroll (80 writes); one item at a
        // time at 80 ms per request, an uninterrupted apply takes about 7 s, so 20 kills after 30–350 ms
        // of each run land while it plans, while it writes, and while it resumes.
        let arguments = Self.serveArguments + ["--records", "120", "--faults", "latency=0.08"]
        try await withServer(arguments) { server in
            let env = server.environment
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let journal = folder.appendingPathComponent("sync.journal").path
            let arguments = [
                "sync", "--from", "frontcore", "--from-course", "22353", "--to", "meltingspot", "--to-course",
                Self.meltingspotCourse, "--apply", "--journal", journal, "--format", "jsonl", "--concurrency", "1",
            ]
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            while kills < 20 {
                let running = try ToolProcess.start(arguments, environment: env)
                try await Task.sleep(for: .milliseconds(Int.random(in: 30...350, using: &generator)))
                running.send(SIGKILL)
                let result = try await running.wait()
                if result.status == 0 { break }  // it finished before the kill landed
                kills += 1
                let writes = try await server.writes(provider: "meltingspot")
                #expect(writes.count <= Self.plannedWrites(journal), "more writes than planned after kill \(kills)")
            }
            #expect(kills == 20, "the run finished after \(kills) kills: too little work to kill it 20 times")
            let last = try await ToolProcess.run(arguments, environment: env)
            #expect(last.status == 0, "\(last.stderr)")
            let planned = Self.plannedWrites(journal)
            let writes = try await server.writes(provider: "meltingspot")
            #expect(planned > 0)
            #expect(writes.count == planned, "\(writes.count) writes reached the simulator for \(planned) planned")
            // Meltingspot answers a repeated invitation 200 ("already invited") and a first one 201.
            #expect(writes.allSatisfy { $0.status == 201 }, "a write was a repeat: \(writes.filter { $0.status != 201 })")
            let again = try await ToolProcess.run(Array(arguments.prefix(9)) + ["--format", "jsonl"], environment: env)
            let actions = Set(try Self.records(again).compactMap { $0["action"] as? String })
            #expect(actions.isSubset(of: ["inSync", "skip"]), "\(actions)")
        }
    }

    /// The writes the journal's plan sends: one per step.
    static func plannedWrites(_ journal: String) -> Int {
        guard let text = try? String(contentsOfFile: journal, encoding: .utf8),
            let first = text.split(separator: "\n").first,
            let entry = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
            let plan = entry["plan"] as? [String: Any], let items = plan["items"] as? [[String: Any]]
        else { return 0 }
        return items.reduce(0) { total, item in
            let update = item["update"] == nil ? 0 : 1
            switch item["action"] as? String {
            case "createAndEnroll": return total + 2 + update
            case "enroll": return total + 1 + update
            case "update", "unenroll": return total + 1
            default: return total
            }
        }
    }
}
#endif
