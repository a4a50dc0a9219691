#if CLI
import Foundation
import RosterCore
import Testing

@testable import RosterCLI

/// `roster export --resume`: an export interrupted by `kill -9`, Ctrl-C or a network failure goes on
/// from `FILE.checkpoint` with no duplicate and no missing line, and FILE appears only when complete.
@Suite(.serialized) struct ExportResumeToolTests {
    /// Slow enough (50 ms a page) that a kill lands mid-export, and a walk over every course.
    static let serveArguments = [
        "--vendor", "meltingspot", "--records", "80", "--courses", "3", "--seed", "4", "--faults", "latency=0.05",
    ]

    static func ids(_ text: String) throws -> [String] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String ?? ""
        }
    }

    @Test func killedAgainAndAgainItFinishesWithEveryLineOnce() async throws {
        let folder = try ExportFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("roster.jsonl").path
        // 100 ms a page: 120 pages take 12 s, so kills every 2.3–4 s land several times.
        let slower = Self.serveArguments.map { $0 == "latency=0.05" ? "latency=0.1" : $0 }
        try await withServer(slower) { server in
            let env = server.environment
            let expected = try Self.ids(
                try await ToolProcess.run(["list", "--provider", "meltingspot", "--format", "jsonl"], environment: env).stdout)
            #expect(expected.count == 240)
            // One page at a time, so that the export lasts long enough to be killed again and again.
            let base = [
                "export", "--provider", "meltingspot", "--output", output, "--page-size", "2", "--pages-in-flight", "1",
                "--courses-in-flight", "1",
            ]
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var resumed = false
            var finished = false
            for attempt in 0..<30 {
                let arguments = base + (attempt == 0 ? [] : ["--resume"])
                let running = try ToolProcess.start(arguments, environment: env)
                try await Task.sleep(for: .milliseconds(Int.random(in: 2_300...4_000, using: &generator)))
                running.send(SIGKILL)
                let result = try await running.wait()
                if result.status == 0 {
                    finished = true
                    break
                }
                kills += 1
                #expect(!FileManager.default.fileExists(atPath: output), "FILE appeared before the export completed")
                let checkpoint = try ExportCheckpointFile.load(from: output + ".checkpoint")
                if checkpoint.records > 0 { resumed = true }
            }
            if !finished {
                let last = try await ToolProcess.run(base + ["--resume"], environment: env)
                #expect(last.status == 0, "\(last.stderr)")
            }
            #expect(kills >= 2, "the export finished before it could be killed twice")
            #expect(resumed, "no kill landed after a checkpoint with records")
            let written = try Self.ids(try String(contentsOfFile: output, encoding: .utf8))
            #expect(written.count == expected.count, "\(written.count) lines for \(expected.count) records")
            #expect(Set(written) == Set(expected))
            #expect(Set(written).count == written.count, "a line was written twice")
            #expect(!FileManager.default.fileExists(atPath: output + ".checkpoint"), "the checkpoint outlived the export")
            // A kill inside the instant a checkpoint is being replaced can leave that save's own
            // temporary file (never the export's partial file, which the resumed run committed).
            let left = try ExportFileTests.names(in: folder).filter { !$0.hasPrefix("roster.jsonl.checkpoint.") }
            #expect(left == ["roster.jsonl"], "a partial file was left behind")
        }
    }

    @Test func ctrlCThenResumeAndANetworkFailureThenResume() async throws {
        let folder = try ExportFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("roster.csv").path
        let slower = Self.serveArguments.map { $0 == "latency=0.05" ? "latency=0.08" : $0 }
        try await withServer(slower) { server in
            let env = server.environment
            let base = [
                "export", "--provider", "meltingspot", "--output", output, "--page-size", "3", "--format", "csv",
                "--pages-in-flight", "1", "--courses-in-flight", "1",
            ]
            let running = try ToolProcess.start(base, environment: env)
            try await Task.sleep(for: .milliseconds(2_600))
            running.send(SIGINT)
            let interrupted = try await running.wait()
            #expect(interrupted.status == 130, "\(interrupted.stderr)")
            #expect(interrupted.stderr.contains("continue with: roster export"), "\(interrupted.stderr)")
            #expect(interrupted.stderr.contains("--resume"))

            // The resumed run loses the server mid-way (a deadline it cannot meet), then resumes again.
            let failed = try await ToolProcess.run(base + ["--resume", "--deadline", "1.5"], environment: env)
            #expect(failed.status == 6, "\(failed.stderr)")
            let last = try await ToolProcess.run(base + ["--resume"], environment: env)
            #expect(last.status == 0, "\(last.stderr)")
            let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("provider,id,courseId") == true)
            #expect(lines.filter { $0.hasPrefix("provider,") }.count == 1, "the header was written again")
            let ids = lines.dropFirst().map { $0.split(separator: ",")[1] }
            #expect(ids.count == 240)
            #expect(Set(ids).count == ids.count)
        }
    }

    @Test func resumeRefusesWhatItCannotContinue() async throws {
        let folder = try ExportFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("roster.jsonl").path
        let missing = try await ToolProcess.run(["export", "--provider", "in-memory", "--output", output, "--resume"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nothing to resume"))
        // A checkpoint aimed at a file that is not this output's partial file is refused untouched.
        let victim = folder.appendingPathComponent("victim.txt").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        let forged = ExportCheckpointFile(
            provider: "in-memory", format: "jsonl", query: .init(), partialFile: victim, bytes: 0, records: 0, listing: nil)
        try forged.save(to: output + ".checkpoint")
        let refused = try await ToolProcess.run(["export", "--provider", "in-memory", "--output", output, "--resume"])
        #expect(refused.status != 0)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        let other = ExportCheckpointFile(
            provider: "frontcore", format: "jsonl", query: .init(), partialFile: output + ".0a.partial", bytes: 0,
            records: 0, listing: nil)
        try other.save(to: output + ".checkpoint")
        let mismatch = try await ToolProcess.run(["export", "--provider", "in-memory", "--output", output, "--resume"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("was saved for frontcore"))
    }

    @Test func progressShowsNoETAUntilTheLastCourseHasBegun() {
        var report = RosterCore.ListingReport()
        report.pages = 4
        report.coursesWalked = 1
        report.firstReportedTotal = 80
        let early = ExportProgress.Facts(records: 40, report: report, walkingCourses: true, remainingCourses: 2)
        #expect(early.total == nil)
        #expect(!ExportProgress.line(early, elapsed: 2).contains("ETA"))
        #expect(ExportProgress.line(early, elapsed: 2).hasPrefix("course 1/3"))
        report.coursesWalked = 3
        report.firstReportedTotal = 240
        let late = ExportProgress.Facts(records: 200, report: report, walkingCourses: true, remainingCourses: 0)
        #expect(late.total == 240)
        #expect(ExportProgress.line(late, elapsed: 10).contains("ETA 0:02"))
        let single = ExportProgress.Facts(records: 10, report: report, walkingCourses: false, remainingCourses: nil)
        #expect(single.total == 240)
    }

    @Test func aStreamingTableAlignsWithinItsWindowAndPrintsPipedRowsAtOnce() {
        var piped = StreamingTable(header: ["a", "b"], aligned: false)
        #expect(piped.add(["1", "x"]) == "a\tb\n1\tx\n")
        #expect(piped.add(["2", "y"]) == "2\ty\n")
        #expect(piped.finish() == "")
        var screen = StreamingTable(header: ["name", "n"], aligned: true)
        for index in 0..<(StreamingTable.window - 1) { #expect(screen.add(["p\(index)", "1"]) == "") }
        let first = screen.add(["longer name", "2"])
        let lines = first.split(separator: "\n")
        #expect(lines.count == StreamingTable.window + 2)
        #expect(lines[0] == "name         n")
        #expect(screen.add(["z", "3"]) == "z            3\n")
        #expect(screen.finish() == "")
        var short = StreamingTable(header: ["a"], aligned: true)
        _ = short.add(["x"])
        #expect(short.finish().contains("x"))
    }
}
#endif
