import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// Seed 002 ("Get Course Dashboard Users"): the request's path, parameters and headers, and the
/// documented envelope and item schema.
@Suite struct CourseDashboardSeedTests {
    @Test func firstPageRequestCarriesTheDocumentedParameters() async throws {
        let rig = try DashboardRig(pageSize: 7)
        _ = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), search: "a")).collect(max: 1000)
        let first = try #require(rig.recorder.requests.first)
        #expect(first.method == .get)
        #expect(first.url.host == "community.example")
        #expect(sentPath(first.url) == "/api/v2/course/101/users/")
        #expect(first.headers["Authorization"] == "Bearer \(rig.simulator.token)")
        #expect(first.headers["Accept"] == "application/json")
        let query = FaultInjector.queryItems(of: first.url)
        #expect(query["limit"] == ["7"])
        #expect(query["offset"] == ["0"])
        #expect(query["search"] == ["a"])
        #expect(query["ordering"] == ["joined_at"])
        #expect(query["statuses"] == [#"["creator","manager","joined","invited","requested","payment_waiting"]"#])
    }

    @Test func statusesIsOneURLEncodedJSONArrayValue() async throws {
        let rig = try DashboardRig()
        _ = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"), roles: [.manager, .owner]))
            .collect(max: 100)
        let raw = try #require(rig.recorder.requests.first?.url.absoluteString)
        #expect(raw.contains("statuses=%5B%22creator%22%2C%22manager%22%5D"))
        #expect(!raw.contains("statuses=creator&"))
    }

    @Test func envelopeAndItemSchemaDecode() throws {
        let envelope = try JSONDecoder().decode(
            CourseDashboardPageEnvelope<CourseDashboardUserRecord>.self, from: try Fixture.data("course-users-page"))
        #expect(envelope.count == 9)
        #expect(envelope.previous == nil)
        #expect(envelope.next?.hasPrefix("https://community.example/api/v2/course/101/users/") == true)
        #expect(envelope.results.count == 10)
        let manager = envelope.results[1]
        #expect(manager.id == "18")
        #expect(manager.avatar == nil)
        #expect(manager.realName == "Giosuè D'Angelo")
        let learner = envelope.results[2]
        #expect(learner.completionRate == 40)
        #expect(learner.joinedAt == Date(timeIntervalSince1970: 1_738_393_200))
        #expect(learner.lastActiveAt.map { abs($0.timeIntervalSince1970 - 1_739_552_711.5) < 0.001 } == true)
        #expect(envelope.results[1].joinedAt.map { abs($0.timeIntervalSince1970 - 1_737_537_330.123456) < 0.001 } == true)
        #expect(envelope.results[8].completionRate == 13)
        #expect(envelope.results[8].realName == nil)
        #expect(envelope.results[9].joinStatus == nil)
    }

    @Test func simulatorServesTheDocumentedEnvelope() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 25)
        let (status, object) = try await simulator.getObject("https://community.example/api/v2/course/101/users/?limit=10")
        #expect(status == 200)
        #expect(Set(object.keys) == ["count", "next", "previous", "results"])
        #expect(object["previous"] is NSNull)
        #expect(object["next"] as? String == "https://community.example/api/v2/course/101/users/?limit=10&offset=10")
        let item = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(
            Set(item.keys) == [
                "id", "username", "real_name", "avatar", "join_status", "user_completion_rate", "last_active_at",
                "joined_at",
            ])
        // The default statuses are manager + joined: the creator and pending people stay hidden.
        let statuses = Set((object["results"] as? [[String: Any]] ?? []).compactMap { $0["join_status"] as? String })
        #expect(statuses.isSubset(of: ["manager", "joined"]))
    }

    @Test func simulatorLinksFollowTheIncomingOrigin() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 25)
        let (_, object) = try await simulator.getObject(
            "http://127.0.0.1:8123/api/v2/course/101/users/?limit=5&offset=5&search=a")
        let next = try #require(object["next"] as? String)
        #expect(next.hasPrefix("http://127.0.0.1:8123/api/v2/course/101/users/?"))
        #expect(next.contains("offset=10") && next.contains("search=a"))
        #expect(object["previous"] as? String == "http://127.0.0.1:8123/api/v2/course/101/users/?search=a&limit=5")
    }

    @Test(arguments: [
        (#"["creator"]"#, Set(["creator"])), ("creator", Set(["creator"])),
        (#"["invited","requested"]"#, Set(["invited", "requested"])),
    ])
    func simulatorParsesStatusesAsJSONArrayOrBareValue(_ value: String, _ expected: Set<String>) async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 40)
        let (_, object) = try await simulator.getObject(
            "https://community.example/api/v2/course/101/users/?limit=100&statuses=\(VendorAPI.encode(value))")
        let seen = Set((object["results"] as? [[String: Any]] ?? []).compactMap { $0["join_status"] as? String })
        #expect(!seen.isEmpty && seen.isSubset(of: expected))
    }

    @Test func simulatorRefusesAStatusesValueThatIsNotAList() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        let (status, object) = try await simulator.getObject(
            "https://community.example/api/v2/course/101/users/?statuses=%5B1%2C")
        #expect(status == 400)
        let errors = object["errors"] as? [[String: Any]]
        #expect(errors?.first?["field"] as? String == "statuses")
    }
}
