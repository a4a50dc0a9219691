#if CLI
import ArgumentParser
import Foundation
import RosterCore
import Testing

@testable import RosterCLI

/// `--first-name`, `--last-name`, `--order-by`, `roster course` and booking through `roster enroll`.
@Suite(.serialized)
struct VendorSurfaceToolTests {
    static let serveArguments = ["--records", "8", "--courses", "2", "--seed", "7"]

    @Test func nameAndOrderOptionsBecomeTheQuery() throws {
        let query = try QueryOptions.parse([
            "--first-name", "Kari", "--first-name", "Åse", "--last-name", "Nordmann", "--order-by",
            "-last_active_at",
        ]).query()
        #expect(query.firstNames == ["Kari", "Åse"] && query.lastNames == ["Nordmann"])
        #expect(query.order == .descending(.lastActivityAt))
        #expect(try QueryOptions.parse(["--order-by", "joined_at"]).query().order == .ascending(.enrolledAt))
        #expect(try QueryOptions.parse(["--order-by", "enrolledAt"]).query().order == .ascending(.enrolledAt))
        #expect(throws: ToolFailure.self) { try QueryOptions.parse(["--order-by", "name"]).query() }
    }

    @Test func theCanonicalRecordCarriesAttendanceAsSent() {
        var record = Enrollment(
            provider: "frontcore", id: "1", course: CourseReference(id: "2"), learner: Learner(id: "3"),
            status: .enrolled, vendorStatus: VendorStatus(code: "1"))
        #expect(CanonicalRecord(record).value(forColumn: "attendance") == nil)
        record.attendance = .array([
            .object(["date": .string("2026-03-04"), "attended": .bool(true), "note": .null])
        ])
        #expect(
            JSONValue.object(CanonicalRecord(record).fields).compact.hasSuffix(
                #","attendance":[{"attended":true,"date":"2026-03-04","note":null}]}"#))
    }

    @Test func listFiltersByNameAndOrdersWhereTheProviderCan() async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let all = try EndToEndTests.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--format", "jsonl"], environment: env
                )
                .lines)
            let learner = try #require(
                all.compactMap { $0["learner"] as? [String: Any] }.first { $0["firstName"] != nil })
            let first = try #require(learner["firstName"] as? String)
            let named = try await ToolProcess.run(
                ["list", "--provider", "frontcore", "--first-name", first, "--format", "jsonl"], environment: env)
            #expect(named.status == 0, "\(named.stderr)")
            let matches = try EndToEndTests.objects(named.lines)
            #expect(!matches.isEmpty && matches.count < all.count)
            #expect(matches.allSatisfy { ($0["learner"] as? [String: Any])?["firstName"] as? String == first })

            let newest = try await ToolProcess.run(
                [
                    "list", "--provider", "course-dashboard", "--course", "101", "--order-by", "-joined_at",
                    "--format", "jsonl",
                ],
                environment: env)
            #expect(newest.status == 0, "\(newest.stderr)")
            let joined = try EndToEndTests.objects(newest.lines).compactMap {
                ($0["enrolledAt"] as? String).flatMap(ISO8601Instant.parse)
            }
            #expect(joined.count > 2 && joined == joined.sorted(by: >))

            let refused = try await ToolProcess.run(
                ["list", "--provider", "frontcore", "--order-by", "-joined_at"], environment: env)
            #expect(refused.status == 2 && refused.stdout.isEmpty)
            #expect(refused.stderr.contains("cannot list in the order"))
            let noNames = try await ToolProcess.run(
                ["list", "--provider", "course-dashboard", "--last-name", "Rossi"], environment: env)
            #expect(noNames.status == 2 && noNames.stdout.isEmpty)
        }
    }

    @Test func courseShowsOneCourseAndFrontcoreDates() async throws {
        try await withServer(Self.serveArguments) { server in
            let env = server.environment
            let dashboard = try await ToolProcess.run(
                ["course", "--provider", "course-dashboard", "101"], environment: env)
            #expect(dashboard.status == 0, "\(dashboard.stderr)")
            let course = try #require(try EndToEndTests.objects(dashboard.lines).first)
            #expect(course["provider"] as? String == "course-dashboard" && course["id"] as? String == "101")
            #expect(course["title"] is String && course["sessions"] == nil)

            let listed = try EndToEndTests.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--format", "jsonl"], environment: env
                )
                .lines)
            let courseID = try #require(listed.first?["courseId"] as? String)
            let frontcore = try await ToolProcess.run(
                ["course", "--provider", "frontcore", "--dates", courseID], environment: env)
            #expect(frontcore.status == 0, "\(frontcore.stderr)")
            let withDates = try #require(try EndToEndTests.objects(frontcore.lines).first)
            let sessions = try #require(withDates["sessions"] as? [[String: Any]])
            #expect(sessions.count == 2 && sessions.allSatisfy { $0["startDate"] is String && $0["id"] is String })
            let sessionIDs = Set(
                listed.filter { $0["courseId"] as? String == courseID }.compactMap { $0["sessionId"] as? String })
            #expect(sessionIDs.isSubset(of: Set(sessions.compactMap { $0["id"] as? String })))

            let meltingspot = try await ToolProcess.run(
                ["course", "--provider", "meltingspot", "x"], environment: env)
            #expect(meltingspot.status == 2 && meltingspot.stdout.isEmpty)
            let missing = try await ToolProcess.run(["course", "--provider", "frontcore", "1"], environment: env)
            #expect(missing.status == 4)
        }
    }

    @Test func frontcoreBooksOnlyWithAllowBookingAndOnce() async throws {
        try await withServer(Self.serveArguments + ["--vendor", "frontcore"]) { server in
            let env = server.environment
            let listed = try EndToEndTests.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--format", "jsonl"], environment: env
                )
                .lines)
            let first = try #require(listed.first)
            let course = try #require(first["courseId"] as? String)
            let date = try #require(first["sessionId"] as? String)
            let person = [
                "--email", "kari.nordmann@eksempel.no", "--first-name", "Kari", "--last-name", "Nordmann",
            ]
            let arguments =
                ["enroll", "--provider", "frontcore", "--course", course, "--course-date", date] + person

            let refused = try await ToolProcess.run(arguments, environment: env)
            #expect(refused.status == 2 && refused.stderr.contains("--allow-booking"), "\(refused.stderr)")

            let dry = try await ToolProcess.run(arguments + ["--allow-booking", "--dry-run"], environment: env)
            #expect(dry.status == 0, "\(dry.stderr)")
            let planned = try #require(try EndToEndTests.objects(dry.lines).first)
            #expect(planned["result"] as? String == "dryRun" && planned["sessionId"] as? String == date)
            let wouldSend = try #require(planned["wouldSend"] as? [String: Any])
            #expect(wouldSend["method"] as? String == "POST")
            #expect((wouldSend["url"] as? String)?.hasSuffix("/v2/booking") == true)
            #expect((wouldSend["body"] as? String)?.contains("\"coursedate_id\":\(date)") == true)
            #expect(try await server.writes(provider: "frontcore").isEmpty)

            let booked = try await ToolProcess.run(arguments + ["--allow-booking"], environment: env)
            #expect(booked.status == 0, "\(booked.stderr)")
            #expect(try EndToEndTests.objects(booked.lines).first?["result"] as? String == "created")
            let again = try await ToolProcess.run(arguments + ["--allow-booking"], environment: env)
            #expect(try EndToEndTests.objects(again.lines).first?["result"] as? String == "alreadyEnrolled")
            let writes = try await server.writes(provider: "frontcore")
            #expect(writes.map(\.method) == ["POST"] && writes.first?.path.hasSuffix("/booking") == true)

            let onDate = try EndToEndTests.objects(
                try await ToolProcess.run(
                    ["list", "--provider", "frontcore", "--session", date, "--format", "jsonl"], environment: env
                ).lines)
            #expect(
                onDate.filter {
                    ($0["learner"] as? [String: Any])?["email"] as? String == "kari.nordmann@eksempel.no"
                }.count == 1)

            let elsewhere = try await ToolProcess.run(
                ["enroll", "--provider", "meltingspot", "--course", "c", "--allow-booking", "someone"],
                environment: env)
            #expect(elsewhere.status == 2 && elsewhere.stderr.contains("--allow-booking is for frontcore"))
        }
    }
}
#endif
