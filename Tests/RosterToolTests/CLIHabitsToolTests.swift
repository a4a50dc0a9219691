#if CLI
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

@testable import RosterCLI

/// The habits people bring from other command-line tools: a version, a course list, query flags,
/// full records, clear errors, and `serve` modes to try everything against.
@Suite(.serialized) struct CLIHabitsToolTests {
    static let documentedServe = ExamplesToolTests.documentedServe
    static let meltingspotCourse = "71c18690-ee42-490b-a1bb-54d8d101b5b9"

    static func records(_ result: ToolProcess.Result) throws -> [[String: Any]] {
        try SyncToolTests.records(result)
    }

    @Test func versionPrintsTheReleaseVersion() async throws {
        let result = try await ToolProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == RosterVersion.current)
    }

    @Test func coursesListsIdTitleAndStatusAndCountsMembers() async throws {
        try await withServer(Self.documentedServe) { server in
            let result = try await ToolProcess.run(
                ["courses", "--provider", "meltingspot", "--members", "--format", "jsonl"], environment: server.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let courses = try Self.records(result)
            #expect(courses.count == 3)
            #expect(courses.allSatisfy { $0["title"] is String && $0["provider"] as? String == "meltingspot" })
            let first = try #require(courses.first { $0["id"] as? String == Self.meltingspotCourse })
            let listed = try await ToolProcess.run(
                ["list", "--provider", "meltingspot", "--course", Self.meltingspotCourse, "--format", "jsonl"],
                environment: server.environment)
            #expect(first["members"] as? Int == listed.lines.count)

            for format in ["csv", "json", "table"] {
                let other = try await ToolProcess.run(
                    ["courses", "--provider", "course-dashboard", "--format", format], environment: server.environment)
                #expect(other.status == 0, "\(format): \(other.stderr)")
                #expect(other.stdout.contains("101"), "\(format): \(other.stdout)")
            }
        }
    }

    @Test func coursesSaysClearlyWhenAProviderCannotListThem() async throws {
        let providers = try await ToolProcess.run(["providers", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(providers.stdout.utf8)) as? [[String: Any]])
        let unable = rows.filter { !(($0["operations"] as? [String]) ?? []).contains("listCourses") }
            .compactMap { $0["provider"] as? String }
        try await withServer(Self.documentedServe) { server in
            for provider in ["frontcore", "meltingspot", "course-dashboard"] {
                let result = try await ToolProcess.run(["courses", "--provider", provider], environment: server.environment)
                if unable.contains(provider) {
                    #expect(result.status == 2)
                    #expect(result.stderr.contains("cannot list its courses"), "\(result.stderr)")
                    #expect(result.stderr.contains("meltingspot"), "the hint names providers that can")
                } else {
                    #expect(result.status == 0, "\(provider): \(result.stderr)")
                }
            }
        }
    }

    @Test func theQueryFlagsSelectExactly() async throws {
        try await withServer(Self.documentedServe) { server in
            let env = server.environment
            let all = try Self.records(
                try await ToolProcess.run(["list", "--provider", "frontcore", "--format", "jsonl"], environment: env))
            #expect(all.count > 20)
            let created = all.compactMap { $0["createdAt"] as? String }.sorted()
            #expect(created.count == all.count, "every Frontcore record carries createdAt")
            let middle = created[created.count / 2]
            let since = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--created-since", middle, "--format", "jsonl"], environment: env))
            #expect(since.count == created.filter { $0 >= middle }.count)
            let updated = all.compactMap { $0["updatedAt"] as? String }.sorted()
            let bound = updated[updated.count / 3]
            let before = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--updated-before", bound, "--format", "jsonl"], environment: env))
            #expect(before.count == updated.filter { $0 <= bound }.count)

            let person = try #require(all.first { ($0["learner"] as? [String: Any])?["email"] != nil })
            let learner = try #require(person["learner"] as? [String: Any])
            let byEmail = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--email", (learner["email"] as! String).uppercased(), "--format",
                     "jsonl"], environment: env))
            #expect(!byEmail.isEmpty)
            #expect(byEmail.allSatisfy { ($0["learner"] as? [String: Any])?["id"] as? String == learner["id"] as? String })
            let byLearner = try Self.records(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--learner", learner["id"] as! String, "--format", "jsonl"],
                    environment: env))
            #expect(byLearner.count == all.filter { ($0["learner"] as? [String: Any])?["id"] as? String == learner["id"] as? String }.count)

            let bad = try await ToolProcess.run(
                ["list", "--provider", "frontcore", "--created-since", "yesterday"], environment: env)
            #expect(bad.status == 2)
            #expect(bad.stderr.contains("--created-since"))
        }
    }

    @Test func recordsCarryCustomPropertiesAndCourseTitlesOnEveryVendor() async throws {
        try await withServer(Self.documentedServe) { server in
            let env = server.environment
            let updated = try await ToolProcess.run(
                ["update", "--provider", "frontcore", "100000", "--property", "badge=42", "--format", "jsonl"], environment: env)
            #expect(updated.status == 0, "\(updated.stderr)")
            let record = try #require(try Self.records(updated).first)
            #expect((record["customProperties"] as? [String: Any])?["badge"] as? String == "42")
            #expect(record["createdAt"] is String)

            for (provider, course) in [("meltingspot", Self.meltingspotCourse), ("course-dashboard", "101"), ("frontcore", "22353")] {
                let listed = try Self.records(
                    try await ToolProcess.run(
                        ["list", "--provider", provider, "--course", course, "--format", "jsonl"], environment: env))
                #expect(!listed.isEmpty)
                #expect(listed.allSatisfy { ($0["courseTitle"] as? String)?.isEmpty == false }, "\(provider) lacks courseTitle")
            }
            let csv = try await ToolProcess.run(["get", "--provider", "frontcore", "100000", "--format", "csv"], environment: env)
            let header = try #require(csv.stdout.components(separatedBy: "\r\n").first)
            #expect(header.hasSuffix("createdAt,updatedAt,customProperties"))
        }
    }

    @Test func hintsNameRealCommands() {
        #expect(ToolFailure.helpCommand(["list", "--provider", "x"]) == "roster list --help")
        #expect(ToolFailure.helpCommand(["bogus"]) == "roster --help")
        #expect(ToolFailure.helpCommand([]) == "roster --help")
        let unknown = ToolFailure.hint(for: RosterError(.outcomeUnknown, "lost", provider: "frontcore"))
        #expect(unknown?.contains("`roster get --provider frontcore <enrollment id>`") == true)
    }

    @Test func aBracketedIPv6BaseURLIsAUsageErrorWithTheReason() async throws {
        let result = try await ToolProcess.run(
            ["list", "--provider", "frontcore", "--base-url", "http://[::1]:8700/v2"],
            environment: ["FRONTCORE_API_KEY": "fc_not_a_real_key_123"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("IPv6"))
        #expect(result.stderr.contains("http://127.0.0.1:8700/v2"), "the hint shows the URL to use")
    }

    @Test func aNetworkFailureNamesTheHostAndWhyInOneLine() async throws {
        let result = try await ToolProcess.run(
            ["list", "--provider", "frontcore", "--base-url", "http://127.0.0.1:9/v2", "--retries", "0"],
            environment: ["FRONTCORE_API_KEY": "fc_not_a_real_key_123"])
        #expect(result.status == 6)
        let lines = result.stderr.split(separator: "\n")
        let first = try #require(lines.first)
        #expect(first.contains("127.0.0.1:9"), "\(first)")
        #expect(first.lowercased().contains("refused") || first.lowercased().contains("connect"), "\(first)")
        #expect(lines.count <= 2, "\(result.stderr)")
    }

    @Test func serveTakesJWTsMintedWithItsSecret() async throws {
        try await withServer(["--vendor", "course-dashboard", "--jwt-secret", "--seed", "1"]) { server in
            var env = server.environment
            #expect(env["COURSE_DASHBOARD_TOKEN"] == nil)
            #expect(env["COURSE_DASHBOARD_JWT_SECRET"]?.isEmpty == false)
            #expect(env["COURSE_DASHBOARD_USER_ID"] == "1")
            let good = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--course", "101", "--format", "jsonl"], environment: env)
            #expect(good.status == 0, "\(good.stderr)")
            #expect(!good.lines.isEmpty)
            env["COURSE_DASHBOARD_JWT_SECRET"] = "not-the-served-secret"
            let bad = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--course", "101", "--format", "jsonl"], environment: env)
            #expect(bad.status == 3, "\(bad.stderr)")
            #expect(!bad.stderr.contains("not-the-served-secret"))
        }
    }

    @Test func theGateRefusesExpiredAndForeignTokens() throws {
        let gate = JWTGate(secret: "s3cret", issue: { "sim-token-\($0)" })
        let signer = CryptoTokenSigner()
        func request(_ token: String) -> RosterHTTP.HTTPRequest {
            RosterHTTP.HTTPRequest(method: .get, url: URL(string: "http://127.0.0.1/api/v2/course/")!,
                                   headers: ["Authorization": "Bearer \(token)"])
        }
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        let fresh = try CourseDashboardTokenMinter(secret: "s3cret", userID: 4, signer: signer).mint(now: now)
        guard case .admitted(let admitted) = gate.admit(request(fresh), now: now) else {
            Issue.record("a fresh token was refused")
            return
        }
        #expect(admitted.headers["Authorization"] == "Bearer sim-token-4")
        let expired = try CourseDashboardTokenMinter(secret: "s3cret", userID: 4, signer: signer)
            .mint(now: now.addingTimeInterval(-3_600))
        if case .admitted = gate.admit(request(expired), now: now) { Issue.record("an expired token was admitted") }
        let foreign = try CourseDashboardTokenMinter(secret: "other", userID: 4, signer: signer).mint(now: now)
        if case .admitted = gate.admit(request(foreign), now: now) { Issue.record("a foreign token was admitted") }
        guard case .admitted(let plain) = gate.admit(request("opaque-token"), now: now) else {
            Issue.record("a plain token was refused")
            return
        }
        #expect(plain.headers["Authorization"] == "Bearer opaque-token")
    }

    @Test func serveTheInMemoryProviderWhoseWritesPersist() async throws {
        try await withServer(["--vendor", "in-memory", "--records", "5", "--courses", "2"]) { server in
            let env = server.environment
            #expect(env["IN_MEMORY_BASE_URL"]?.hasPrefix("http://127.0.0.1:") == true)
            let listed = try Self.records(
                try await ToolProcess.run(["list", "--provider", "in-memory", "--format", "jsonl"], environment: env))
            #expect(listed.count == 10)
            let id = try #require(listed.first?["id"] as? String)
            let update = try await ToolProcess.run(
                ["update", "--provider", "in-memory", id, "--status", "cancelled"], environment: env)
            #expect(update.status == 0, "\(update.stderr)")
            let again = try Self.records(
                try await ToolProcess.run(["get", "--provider", "in-memory", id], environment: env))
            #expect(again.first?["status"] as? String == "cancelled")
        }
    }

    @Test(arguments: [80, 120])
    func theDemoFitsTheTerminal(_ columns: Int) async throws {
        let result = try await ToolProcess.run(["demo"], environment: ["COLUMNS": String(columns)])
        #expect(result.status == 0, "\(result.stderr)")
        for line in result.stdout.split(separator: "\n") {
            #expect(line.count <= columns, "\(line.count) > \(columns): \(line)")
        }
        for name in ["frontcore", "meltingspot", "course-dashboard", "in-memory"] {
            #expect(result.lines.contains { $0.hasPrefix(name + " — ") }, "no heading line for \(name)")
        }
        let uuid = #/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/#
        let people = result.lines.filter { $0.hasPrefix("  ") }
        #expect(people.count > 10)
        #expect(people.allSatisfy { $0.firstMatch(of: uuid) == nil }, "a person is shown by id")
        #expect(result.lines.contains { $0.hasPrefix("status ") && $0.contains("course-dashboard") })
    }
}
#endif
