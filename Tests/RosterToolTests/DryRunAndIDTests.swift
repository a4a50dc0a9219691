#if CLI
import Foundation
import Testing

/// Ids that would change a request path are refused before anything is sent. Each test runs the
/// built binary against `roster serve`.
@Suite(.serialized)
struct DryRunAndIDTests {
    static let serveArguments = ["--records", "6", "--courses", "2", "--seed", "5"]

    /// The records `vendor` lists.
    static func records(_ vendor: String, _ env: [String: String]) async throws -> [[String: Any]] {
        try EndToEndTests.objects(
            try await ToolProcess.run(["list", "--provider", vendor, "--format", "jsonl"], environment: env).lines)
    }

    static func learnerID(_ record: [String: Any]) -> String? {
        (record["learner"] as? [String: Any])?["id"] as? String
    }

    /// Dot segments in every spelling, and the command lines that carry them.
    static let dotIDs = [".", "..", "%2e", "%2E%2e", "%252e%252E", "a/../b", "..%2F", "%2e%2e%5c"]

    @Test(arguments: dotIDs)
    func dotSegmentIdsAreRefusedBeforeAnythingIsSent(_ id: String) async throws {
        try await withServer(Self.serveArguments + ["--vendor", "meltingspot"]) { server in
            let env = server.environment
            let course = try #require(try await Self.records("meltingspot", env).first?["courseId"] as? String)
            let commands: [[String]] = [
                ["list", "--provider", "meltingspot", "--course", id],
                ["get", "--provider", "meltingspot", "--course", course, id],
                ["get", "--provider", "meltingspot", "--course", id, "x"],
                ["enroll", "--provider", "meltingspot", "--course", id, "--dry-run", "x"],
                ["enroll", "--provider", "meltingspot", "--course", course, id],
                ["export", "--provider", "meltingspot", "--course", id, "--output", "-"],
            ]
            for command in commands {
                let result = try await ToolProcess.run(command + ["--verbose"], environment: env)
                #expect(result.status == 2, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("is refused"), "\(command): \(result.stderr)")
                #expect(!result.stderr.contains("→"), "a request was sent: \(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
        }
    }

}
#endif
