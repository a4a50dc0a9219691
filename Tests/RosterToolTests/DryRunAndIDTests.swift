#if CLI
import Foundation
import Testing

/// `--dry-run` must say what the real run does, ids that would change a request path are refused
/// before anything is sent, and the vendor's words are said once. Each test runs the built binary
/// against `roster serve`.
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

    /// Runs `enroll` as a dry run and for real; returns the two results.
    static func enrollBoth(_ vendor: String, course: String, learner: String, env: [String: String]) async throws
        -> (dry: ToolProcess.Result, real: ToolProcess.Result)
    {
        let arguments = ["enroll", "--provider", vendor, "--course", course, learner]
        let dry = try await ToolProcess.run(arguments + ["--dry-run"], environment: env)
        let real = try await ToolProcess.run(arguments, environment: env)
        return (dry, real)
    }

    static func result(_ run: ToolProcess.Result) throws -> String? {
        try EndToEndTests.objects(run.lines).first?["result"] as? String
    }

    @Test(arguments: ["meltingspot", "course-dashboard"])
    func aDryRunForSomeoneAlreadyInTheCourseSaysAlreadyEnrolled(_ vendor: String) async throws {
        try await withServer(Self.serveArguments + ["--vendor", vendor]) { server in
            let env = server.environment
            // A member who holds the place: any Meltingspot participant; a joined Course Dashboard learner.
            let member = try #require(
                try await Self.records(vendor, env).first {
                    vendor == "meltingspot" || ($0["vendorStatus"] as? String == "joined")
                })
            let course = try #require(member["courseId"] as? String)
            let learner = try #require(Self.learnerID(member))
            let (dry, real) = try await Self.enrollBoth(vendor, course: course, learner: learner, env: env)
            #expect(dry.status == 0 && real.status == 0, "\(dry.stderr)\(real.stderr)")
            #expect(try Self.result(real) == "alreadyEnrolled")
            #expect(try Self.result(dry) == "alreadyEnrolled", "the dry run said: \(dry.stdout)")
            #expect(!dry.stdout.contains("wouldSend"))
        }
    }

    /// A person or course the vendor does not have: (vendor, course or nil for a real one, learner or
    /// nil for a newcomer).
    static let missing: [(String, String?, String?)] = [
        ("meltingspot", nil, "no-such-member"), ("meltingspot", "no-such-course", nil),
        ("course-dashboard", nil, "999999"), ("course-dashboard", "999", nil),
    ]

    @Test(arguments: missing)
    func aDryRunFailsWhereTheRealRunFails(_ vendor: String, _ course: String?, _ learner: String?) async throws {
        try await withServer(Self.serveArguments + ["--vendor", vendor]) { server in
            let env = server.environment
            let records = try await Self.records(vendor, env)
            let realCourse = try #require(records.first?["courseId"] as? String)
            let members = Set(records.filter { $0["courseId"] as? String == realCourse }.compactMap(Self.learnerID))
            let newcomer = try #require(records.compactMap(Self.learnerID).first { !members.contains($0) })
            let (dry, real) = try await Self.enrollBoth(
                vendor, course: course ?? realCourse, learner: learner ?? newcomer, env: env)
            #expect(real.status == 4, "\(real.stderr)")
            #expect(try Self.result(real) == "failed")
            #expect(dry.status == real.status, "the dry run said: \(dry.stdout)")
            #expect(try Self.result(dry) == "failed")
            #expect(!dry.stdout.contains("wouldSend"))
            #expect(try await Self.records(vendor, env).count == records.count, "nothing was written")
        }
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

    @Test func theVendorsWordsAreSaidOnce() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            let env = server.environment
            let creator = try #require(
                try await Self.records("course-dashboard", env).first { $0["vendorStatus"] as? String == "creator" })
            let id = try #require(creator["id"] as? String)
            let course = try #require(creator["courseId"] as? String)
            let result = try await ToolProcess.run(
                ["unenroll", "--provider", "course-dashboard", "--course", course, id], environment: env)
            #expect(result.status == 2, "\(result.stderr)")
            let words = "The course creator cannot change status."
            let error = try #require(try EndToEndTests.objects(result.lines).first?["error"] as? String)
            #expect(error.components(separatedBy: words).count == 2, "once: \(error)")
            let failedLine = try #require(result.stderr.split(separator: "\n").first { $0.contains("failed:") })
            #expect(failedLine.components(separatedBy: words).count == 2, "once: \(failedLine)")
        }
    }
}
#endif
