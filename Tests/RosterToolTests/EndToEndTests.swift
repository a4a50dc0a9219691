#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@testable import RosterCLI

/// The CLI binary against `roster serve` over real loopback HTTP, for every vendor. Each test starts
/// its own server on free ports and stops it at the end.
@Suite(.serialized)
struct EndToEndTests {
    static let vendors = ["frontcore", "meltingspot", "course-dashboard"]
    /// The served data: small, so the whole suite stays quick on two cores.
    static let records = 9
    static let courses = 2
    static let serveArguments = ["--records", "\(records)", "--courses", "\(courses)", "--seed", "5"]

    /// The enrollment ids the same seeded simulator holds, listed in process through the neutral API.
    static func seededIDs(_ vendor: String) async throws -> [String] {
        let kit = try #require(ProviderCatalog.kit(named: vendor))
        let settings = SimulatorSettings(seed: 5, recordsPerCourse: records, courses: courses, faults: .none)
        let roster = try DemoCommand.inProcessRoster(kit, settings: settings)
        return try await roster.enrollments().collect(max: 10_000).map(\.id.rawValue)
    }

    /// Parses JSON Lines, failing on any line that is not one JSON object.
    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { line in try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Every string value in a record, nested ones included.
    static func strings(_ value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let object as [String: Any]: object.values.flatMap(strings)
        case let array as [Any]: array.flatMap(strings)
        default: []
        }
    }

    @Test(arguments: vendors)
    func jsonlHasEverySeededEnrollmentOnceWithCanonicalFields(_ vendor: String) async throws {
        let expected = try await Self.seededIDs(vendor)
        try await withServer(Self.serveArguments) { server in
            let result = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl"], environment: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let records = try Self.objects(result.lines)
            let ids = records.compactMap { $0["id"] as? String }
            #expect(ids.count == records.count)
            #expect(Set(ids).count == ids.count, "an enrollment came twice")
            #expect(Set(ids) == Set(expected))
            #expect(expected.count >= Self.records * Self.courses)
            for record in records {
                #expect(record["provider"] as? String == vendor)
                for key in ["courseId", "status", "role", "vendorStatus"] { #expect(record[key] is String, "\(key)") }
                let learner = try #require(record["learner"] as? [String: Any])
                #expect(learner["id"] is String)
                #expect(!Self.strings(record).contains(""), "an empty string instead of an omitted value")
                for key in ["enrolledAt", "startedAt", "completedAt", "cancelledAt", "lastActivityAt", "updatedAt"] {
                    if let instant = record[key] as? String { #expect(instant.hasSuffix("Z"), "\(key) \(instant)") }
                }
                #expect(
                    EnrollmentStatus(name: record["status"] as? String ?? "") != nil
                        || record["status"] as? String == "unknown")
            }
        }
    }

    @Test(arguments: vendors)
    func csvJsonAndTableCarryTheSameRecords(_ vendor: String) async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let jsonl = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl"], environment: env)
            let count = jsonl.lines.count
            #expect(count > 0)

            let csv = try await ToolProcess.run(["list", "--provider", vendor, "--format", "csv"], environment: env)
            #expect(csv.status == 0)
            let csvLines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csvLines.first == CanonicalRecord.csvColumns.joined(separator: ","))
            #expect(csvLines.count == count + 1)

            let json = try await ToolProcess.run(["list", "--provider", vendor, "--format", "json"], environment: env)
            #expect(json.status == 0)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(array.count == count)

            let table = try await ToolProcess.run(["list", "--provider", vendor], environment: env)
            #expect(table.status == 0)
            #expect(table.lines.count == count + 1, "piped table: a header and one tab-separated row each")
            #expect(
                table.lines.allSatisfy {
                    $0.split(separator: "\t", omittingEmptySubsequences: false).count == RecordWriter.tableHeader.count
                })
            #expect(table.lines.first == RecordWriter.tableHeader.joined(separator: "\t"))
        }
    }

    @Test(arguments: vendors)
    func filtersSelectWhatLocalFilteringSelects(_ vendor: String) async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let all = try Self.objects(
                try await ToolProcess.run(["list", "--provider", vendor, "--format", "jsonl"], environment: env).lines)
            let course = try #require(all.first?["courseId"] as? String)
            let statuses = ["enrolled", "inProgress", "invited", "cancelled"]
            let filtered = try await ToolProcess.run(
                [
                    "list", "--provider", vendor, "--format", "jsonl", "--course", course, "--status",
                    statuses.joined(separator: ","),
                ],
                environment: env)
            #expect(filtered.status == 0, "\(filtered.stderr)")
            let expected = all.filter {
                $0["courseId"] as? String == course && statuses.contains($0["status"] as? String ?? "")
            }
            #expect(
                Set(try Self.objects(filtered.lines).compactMap { $0["id"] as? String })
                    == Set(expected.compactMap { $0["id"] as? String }))

            let learners = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl", "--role", "learner", "--page-size", "2"],
                environment: env)
            #expect(learners.status == 0, "\(learners.stderr)")
            #expect(
                Set(try Self.objects(learners.lines).compactMap { $0["id"] as? String })
                    == Set(all.filter { $0["role"] as? String == "learner" }.compactMap { $0["id"] as? String }))
        }
    }

    @Test func updateWritesAndAnUnsupportedUpdateSendsNothing() async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let first = try #require(
                try Self.objects(
                    try await ToolProcess.run(
                        ["list", "--provider", "frontcore", "--format", "jsonl"], environment: env
                    ).lines
                ).first { $0["status"] as? String != "cancelled" })
            let id = try #require(first["id"] as? String)
            let updated = try await ToolProcess.run(
                ["update", "--provider", "frontcore", id, "--status", "cancelled"], environment: env)
            #expect(updated.status == 0, "\(updated.stderr)")
            #expect(try Self.objects(updated.lines).first?["status"] as? String == "cancelled")
            let read = try await ToolProcess.run(["get", "--provider", "frontcore", id], environment: env)
            #expect(try Self.objects(read.lines).first?["status"] as? String == "cancelled")

            let unsupported = try await ToolProcess.run(
                ["update", "--provider", "meltingspot", "--course", "1", "x", "--status", "completed"], environment: env
            )
            #expect(unsupported.status == 2)
            #expect(unsupported.stdout.isEmpty)
        }
    }

    @Test(arguments: ["meltingspot", "course-dashboard"])
    func enrollDryRunPrintsTheWriteAndSendsNothing(_ vendor: String) async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let before = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl"], environment: env)
            let records = try Self.objects(before.lines)
            let course = try #require(records.first?["courseId"] as? String)
            func learnerID(_ record: [String: Any]) -> String? { (record["learner"] as? [String: Any])?["id"] as? String }
            let inCourse = Set(records.filter { $0["courseId"] as? String == course }.compactMap(learnerID))
            let outsiders = Array(Set(records.compactMap(learnerID)).subtracting(inCourse).sorted().prefix(2))
            try #require(outsiders.count == 2)
            let dry = try await ToolProcess.run(
                ["enroll", "--provider", vendor, "--course", course, "--dry-run"] + outsiders, environment: env)
            #expect(dry.status == 0, "\(dry.stderr)")
            let outcomes = try Self.objects(dry.lines)
            #expect(outcomes.count == 2)
            for outcome in outcomes {
                #expect(outcome["result"] as? String == "dryRun" && outcome["operation"] as? String == "enroll")
                let wouldSend = try #require(outcome["wouldSend"] as? [String: Any])
                #expect(wouldSend["method"] as? String == "POST")
                #expect((wouldSend["url"] as? String)?.contains(course) == true)
                #expect(wouldSend["body"] is String)
            }
            let after = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl"], environment: env)
            #expect(after.stdout == before.stdout, "a dry run changed the roster")
        }
    }

    @Test func enrollByEmailFindsOrCreatesPeopleAndADryRunCreatesNobody() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "meltingspot"]) { server in
            let env = server.environment
            let all = try Self.objects(
                try await ToolProcess.run(["list", "--provider", "meltingspot", "--format", "jsonl"], environment: env)
                    .lines)
            let courses = Array(Set(all.compactMap { $0["courseId"] as? String })).sorted()
            let course = try #require(courses.first)
            func email(_ record: [String: Any]) -> String? {
                (record["learner"] as? [String: Any])?["email"] as? String
            }
            let inCourse = Set(all.filter { $0["courseId"] as? String == course }.compactMap(email))
            let member = try #require(Set(all.compactMap(email)).subtracting(inCourse).sorted().first)
            let newcomer = "Nouvelle.Recrue@Exemple.fr"
            let arguments = ["enroll", "--provider", "meltingspot", "--course", course]

            let dry = try await ToolProcess.run(
                arguments + ["--dry-run", "--email", "\(member.uppercased()),\(newcomer)"], environment: env)
            #expect(dry.status == 0, "\(dry.stderr)")
            let planned = try Self.objects(dry.lines)
            #expect(planned.map { $0["result"] as? String } == ["dryRun", "dryRun"])
            let invite = try #require(planned.first?["wouldSend"] as? [String: Any])
            #expect((invite["url"] as? String)?.hasSuffix("/courses/\(course)/participants") == true)
            #expect(planned.first?["learnerId"] is String, "the member was found by e-mail")
            let creation = try #require(planned.last?["wouldSend"] as? [String: Any])
            #expect((creation["url"] as? String)?.hasSuffix("/v1/spotMembers") == true)
            #expect((creation["body"] as? String)?.contains("nouvelle.recrue@exemple.fr") == true)

            let done = try await ToolProcess.run(arguments + ["--email", member, "--email", newcomer], environment: env)
            #expect(done.status == 0, "\(done.stderr)")
            let outcomes = try Self.objects(done.lines)
            #expect(outcomes.map { $0["result"] as? String } == ["created", "created"])
            #expect(outcomes.first?["learnerCreated"] == nil)
            #expect(outcomes.last?["learnerCreated"] as? Bool == true, "the dry run must not have created the newcomer")
            let listed = try Self.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "meltingspot", "--course", course, "--format", "jsonl"], environment: env
                ).lines)
            #expect(Set(listed.compactMap(email)).isSuperset(of: [member, "nouvelle.recrue@exemple.fr"]))

            let again = try await ToolProcess.run(arguments + ["--email", newcomer.lowercased()], environment: env)
            let repeated = try Self.objects(again.lines)
            #expect(repeated.map { $0["result"] as? String } == ["alreadyEnrolled"])
            #expect(repeated.first?["learnerId"] as? String == outcomes.last?["learnerId"] as? String)
        }
    }

    @Test func enrollByIdentityFailsClearlyWhereNobodyMatchesOrTheKindCannotBeLookedUp() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            let env = server.environment
            let arguments = ["enroll", "--provider", "course-dashboard", "--course", "101"]
            let nobody = try await ToolProcess.run(arguments + ["--username", "nessuno_qui"], environment: env)
            #expect(nobody.status == 4, "\(nobody.stderr)")
            let line = try #require(try Self.objects(nobody.lines).first)
            #expect(line["result"] as? String == "failed" && line["username"] as? String == "nessuno_qui")
            #expect((line["error"] as? String)?.contains("nobody on course-dashboard has username:nessuno_qui") == true)
            let byEmail = try await ToolProcess.run(arguments + ["--email", "a@example.it"], environment: env)
            #expect(byEmail.status == 2 && byEmail.stdout.isEmpty)
            #expect(byEmail.stderr.contains("cannot look people up by email"))
        }
    }

    @Test func aDryRunStillRunsTheProvidersChecks() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            let dry = try await ToolProcess.run(
                ["enroll", "--provider", "course-dashboard", "--course", "101", "--dry-run", "not-a-user"],
                environment: server.environment)
            #expect(dry.status != 0)
            #expect(try Self.objects(dry.lines).first?["result"] as? String == "failed")
        }
    }

    @Test(arguments: vendors)
    func aWrongKeyExitsThreeAndIsNeverPrinted(_ vendor: String) async throws {
        try await withServer(Self.serveArguments + ["--vendor", vendor]) { server in
            var env = server.environment
            let wrong = "wrong-key-\(vendor)-5b1e0c"
            let variable = try #require(env.keys.first { $0.hasSuffix("_API_KEY") || $0.hasSuffix("_TOKEN") })
            env[variable] = wrong
            let result = try await ToolProcess.run(
                ["list", "--provider", vendor, "--format", "jsonl"], environment: env)
            #expect(result.status == 3, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.contains(wrong) && !result.stdout.contains(wrong))
            #expect(result.stderr.contains(vendor))
            #expect(result.stderr.split(separator: "\n").count <= 2)
        }
    }

    @Test(arguments: vendors)
    func aStormOf429sStillListsEveryRecordOnce(_ vendor: String) async throws {
        let expected = try await Self.seededIDs(vendor)
        try await withServer(
            Self.serveArguments + ["--vendor", vendor, "--faults", "throttle=0.4,retry-after=0,seed=3"]
        ) {
            server in
            let result = try await ToolProcess.run(
                [
                    "list", "--provider", vendor, "--format", "jsonl", "--page-size", "4", "--retries", "12",
                    "--verbose",
                ],
                environment: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("→ 429"), "the storm should have thrown some 429s")
            let ids = try Self.objects(result.lines).compactMap { $0["id"] as? String }
            #expect(ids.count == expected.count)
            #expect(Set(ids) == Set(expected))
        }
    }

    /// Faults that no retry can get through, and the exit status each must end in.
    static let hopelessFaults: [(faults: String, status: Int32)] = [
        ("throttle=1,retry-after=0", 5), ("malformed=1-500", 7), ("truncated=1-500", 7),
    ]

    @Test(arguments: hopelessFaults)
    func persistentFaultsEndInTheirDocumentedExitStatus(_ faults: String, _ status: Int32) async throws {
        try await withServer(Self.serveArguments + ["--vendor", "meltingspot", "--faults", faults]) { server in
            let result = try await ToolProcess.run(
                ["list", "--provider", "meltingspot", "--format", "jsonl", "--retries", "2"],
                environment: server.environment)
            #expect(result.status == status, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("meltingspot"))
        }
    }

    @Test func aMissingRecordExitsFour() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "frontcore"]) { server in
            let result = try await ToolProcess.run(
                ["get", "--provider", "frontcore", "987654321"], environment: server.environment)
            #expect(result.status == 4, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func enrollAndUnenrollWriteAndAPartlyFailedBatchExitsEight() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            let env = server.environment
            let all = try Self.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "course-dashboard", "--format", "jsonl"], environment: env
                ).lines)
            func members(_ course: String) -> Set<String> {
                Set(
                    all.filter { $0["courseId"] as? String == course }.compactMap {
                        ($0["learner"] as? [String: Any])?["id"] as? String
                    })
            }
            let courses = Array(Set(all.compactMap { $0["courseId"] as? String })).sorted()
            #expect(courses.count == 2)
            let newcomer = try #require(members(courses[1]).subtracting(members(courses[0])).sorted().first)
            let enrolled = try await ToolProcess.run(
                ["enroll", "--provider", "course-dashboard", "--course", courses[0], newcomer, "not-a-user"],
                environment: env)
            #expect(enrolled.status == 8, "\(enrolled.stderr)")
            #expect(try Self.objects(enrolled.lines).map { $0["result"] as? String } == ["created", "failed"])
            let id = "\(courses[0]):\(newcomer)"
            let listed = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--course", courses[0], "--format", "jsonl"],
                environment: env)
            #expect(try Self.objects(listed.lines).contains { $0["id"] as? String == id })

            let removed = try await ToolProcess.run(
                ["unenroll", "--provider", "course-dashboard", "--course", courses[0], id], environment: env)
            #expect(removed.status == 0, "\(removed.stderr)")
            let after = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--course", courses[0], "--format", "jsonl"],
                environment: env)
            #expect(!(try Self.objects(after.lines).contains { $0["id"] as? String == id }))
        }
    }

    @Test func aMintedJWTIsSentAndTheSecretNeverShows() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            var env = server.environment
            env["COURSE_DASHBOARD_TOKEN"] = nil
            env["COURSE_DASHBOARD_JWT_SECRET"] = "community-jwt-secret-9f8e7d"
            env["COURSE_DASHBOARD_USER_ID"] = "1"
            // The simulator knows only its own opaque tokens, so the minted JWT is refused: exit 3.
            let result = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--verbose"], environment: env)
            #expect(result.status == 3, "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("community-jwt-secret-9f8e7d"))
            #expect(!(result.stdout + result.stderr).contains("eyJ"), "a minted token was printed")
        }
    }

    @Test func aStoppedServerExitsSixAndServeStopsCleanly() async throws {
        let server = try await ServeProcess.start(Self.serveArguments + ["--vendor", "meltingspot"])
        let env = server.environment
        #expect(await server.stop() == 0, "serve should stop cleanly on SIGTERM")
        let result = try await ToolProcess.run(
            ["list", "--provider", "meltingspot", "--format", "jsonl", "--retries", "1"], environment: env)
        #expect(result.status == 6, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func exportWritesTheFileAndTheReport() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "course-dashboard"]) { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try await ToolProcess.run(
                ["export", "--provider", "course-dashboard", "--output", file.path, "--format", "csv"],
                environment: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty, "export writes records only to the file")
            #expect(result.stderr.contains("pages"))
            let text = try String(contentsOf: file, encoding: .utf8)
            let expected = try await Self.seededIDs("course-dashboard")
            #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == expected.count + 1)
            #expect(!FileManager.default.fileExists(atPath: file.path + ".partial"))
        }
    }
}
#endif
