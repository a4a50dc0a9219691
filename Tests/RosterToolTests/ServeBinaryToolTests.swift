#if CLI
import Foundation
import Testing

@testable import RosterCLI

/// `roster serve` hands over to the sibling binary `roster-serve` (the only one built with Hummingbird):
/// options are checked before, a missing `roster-serve` is a clear error, and `roster-serve` run
/// directly takes the same options.
@Suite(.serialized) struct ServeBinaryToolTests {
    /// `roster-serve` beside the tested `roster`.
    static let serveBinary = ToolProcess.binary.deletingLastPathComponent().appendingPathComponent("roster-serve")

    /// A copy of `roster` alone in a fresh directory, removed by `body`'s end.
    func withLoneRoster<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lone-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("roster")
        try FileManager.default.copyItem(at: ToolProcess.binary, to: copy)
        return try await body(copy)
    }

    @Test func serveWithoutRosterServeBesideItSaysHowToBuildIt() async throws {
        try await withLoneRoster { roster in
            let result = try await ToolProcess.run(["serve", "--port", "0"], executable: roster)
            #expect(result.status == ExitStatus.usage.rawValue)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("roster-serve is not installed beside roster"), "\(result.stderr)")
            #expect(result.stderr.contains("swift build --product roster-serve"), "\(result.stderr)")
        }
    }

    @Test func serveChecksItsOptionsBeforeLookingForRosterServe() async throws {
        try await withLoneRoster { roster in
            let vendor = try await ToolProcess.run(["serve", "--vendor", "nope"], executable: roster)
            #expect(vendor.status == ExitStatus.usage.rawValue)
            #expect(vendor.stderr.contains("no simulator named \"nope\""), "\(vendor.stderr)")
            let faults = try await ToolProcess.run(["serve", "--faults", "explode=1"], executable: roster)
            #expect(faults.status == ExitStatus.usage.rawValue)
            #expect(!faults.stderr.contains("roster-serve"), "\(faults.stderr)")
        }
    }

    @Test func rosterServeRunDirectlyTakesTheOptionsOfServe() async throws {
        let running = try ToolProcess.start(
            ["--port", "0", "--vendor", "meltingspot", "--records", "2", "--courses", "1"],
            executable: Self.serveBinary)
        var printed = ""
        for _ in 0..<600 where !printed.contains("# serving") {
            try await Task.sleep(for: .milliseconds(50))
            printed = (try? String(contentsOf: running.outURL, encoding: .utf8)) ?? ""
        }
        running.send(SIGTERM)
        let result = try await running.wait(timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("export MELTINGSPOT_BASE_URL=http://127.0.0.1:"), "\(result.stdout)")
        #expect(result.stdout.contains("# serving on 127.0.0.1"), "\(result.stdout)")
        #expect(!result.stdout.contains("FRONTCORE"), "\(result.stdout)")
    }

    @Test func rosterServeAnswersHelpWithTheHelpOfServe() async throws {
        let direct = try await ToolProcess.run(["--help"], executable: Self.serveBinary)
        let viaRoster = try await ToolProcess.run(["serve", "--help"])
        #expect(direct.status == 0)
        #expect(direct.stdout == viaRoster.stdout)
        #expect(direct.stdout.contains("--people-in-common"))
    }

    @Test func theArgumentsAfterServeAreWhatRosterServeGets() {
        let arguments = ["--port", "0", "--vendor", "serve"]
        #expect(ServeServer.forwarded(["serve"] + arguments) == arguments)
        #expect(ServeServer.forwarded(["serve"]) == [])
    }
}
#endif
