import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// People on Course Dashboard: users found by username (the exact `username` filter) and by
/// `ext_id` (a walk of `GET /api/v2/user/`), never by e-mail and never created.
@Suite struct CourseDashboardLearnerTests {
    @Test func theUserListingDecodesTheDocumentedUserSchema() throws {
        let page = try JSONDecoder().decode(
            CourseDashboardPageEnvelope<CourseDashboardCommunityUser>.self, from: try Fixture.data("users-page"))
        #expect(page.count == 4 && page.next == nil)
        let people = page.results.map(CourseDashboardRecordMapping.learner)
        #expect(people.map(\.id.rawValue) == ["1042", "1043", "1044", "1045"])
        #expect(people.map(\.externalID) == ["3", nil, "77", nil])
        #expect(people[0].username == "niccolo_cantu" && people[0].displayName == "Niccolò Cantù")
        #expect(people[1].avatarURL == "https://community.example/media/a/1043.png")
        #expect(people[2].avatarURL == nil, "an empty avatar is absent")
        #expect(people[3].displayName == nil)
        #expect(people.allSatisfy { $0.email == nil }, "the adapter reads no e-mail from users")
    }

    @Test func aUsernameLookupSendsTheExactFilterOnceAndKeepsOnlyTheExactMatch() async throws {
        let page = try Fixture.data("users-page")
        let recorder = RecordingTransport(InProcessTransport { _ in HTTPResponse(status: 200, body: page) })
        let rig = try DashboardRig(transport: recorder)
        let answer = try await rig.roster.findLearner(.username(" niccolo_cantu "))
        #expect(answer.learner?.id == "1042")
        #expect(answer.learner?.externalID == "3")
        let sent = try #require(rig.recorder.requests.first)
        #expect(rig.recorder.requests.count == 1)
        #expect(sentPath(sent.url) == "/api/v2/user/")
        let query = FaultInjector.queryItems(of: sent.url)
        #expect(query["username"] == ["niccolo_cantu"] && query["limit"] == ["100"] && query["offset"] == ["0"])
    }

    @Test func externalIDsAreFoundWithOneWalkOfEveryUser() async throws {
        let simulator = CourseDashboardSimulator(courses: 3, learnersPerCourse: 80)
        let rig = try DashboardRig(simulator: simulator)
        let users = Set(simulator.courseIDs.flatMap { simulator.memberIDs(course: $0) })
        let withExtID = users.sorted().filter { simulator.identity(ofUser: $0)?.extID != nil }
        let (first, second) = (try #require(withExtID.first), try #require(withExtID.last))
        let identities: [LearnerIdentity] = [
            .externalID(String(simulator.identity(ofUser: first)!.extID!)),
            .externalID(String(simulator.identity(ofUser: second)!.extID!)),
            .externalID("424242"),
            .username(simulator.username(of: first)!),
        ]
        let answers = try await rig.roster.findLearners(identities)
        #expect(answers[identities[0]]?.learner?.id == LearnerID(String(first)))
        #expect(answers[identities[1]]?.learner?.id == LearnerID(String(second)))
        #expect(answers[identities[2]] == .notFound)
        #expect(answers[identities[3]]?.learner?.id == LearnerID(String(first)))
        let userRequests = simulator.injector.requests.filter { $0.path.hasPrefix("/api/v2/user") }
        let walk = userRequests.filter { $0.query["username"] == nil }
        let listing = try await simulator.getObject("https://community.example/api/v2/user/?limit=1")
        let everyone = try #require(listing.object["count"] as? Int)
        #expect(everyone > 100, "the community must span several pages")
        #expect(walk.count == (everyone + 99) / 100, "one walk for both external ids")
        #expect(userRequests.count == walk.count + 1, "plus one filtered request for the username")
    }

    @Test func aWalkDuringWhichTheListingShrinksStartsAgainAndThenRefusesToGuess() async throws {
        // Page 2 reports one user fewer than page 1 did: someone left, a later user may have moved
        // back past the offset. `shrinkingWalks` walks shrink; later walks are stable.
        func rig(shrinkingWalks: Int) throws -> (DashboardRig, RequestCounter) {
            let counter = RequestCounter()
            let transport = InProcessTransport { request in
                let number = counter.next()
                let offset = FaultInjector.queryItems(of: request.url)["offset"]?.first ?? "0"
                let walk = (number + 1) / 2
                let count = offset == "0" || walk > shrinkingWalks ? 101 : 100
                let body: String =
                    offset == "0"
                    ? #"{"count":\#(count),"next":"https://community.example/api/v2/user/?limit=100&offset=100","results":["#
                        + (1...100).map { #"{"id":\#($0),"username":"u\#($0)","ext_id":\#($0)}"# }.joined(
                            separator: ",")
                        + "]}"
                    : #"{"count":\#(count),"next":null,"results":[{"id":101,"username":"u101","ext_id":101}]}"#
                return HTTPResponse(status: 200, body: Data(body.utf8))
            }
            return (try DashboardRig(transport: transport), counter)
        }
        let (healing, healingCount) = try rig(shrinkingWalks: 1)
        #expect(try await healing.roster.findLearner(.externalID("101")).learner?.id == "101")
        #expect(healingCount.value == 4, "the first walk shrank, the second is used")
        let (shrinking, shrinkingCount) = try rig(shrinkingWalks: 99)
        let error = try await #require(throws: RosterError.self) {
            try await shrinking.roster.findLearner(.externalID("101"))
        }
        #expect(error.code == .inconsistentPaging)
        #expect(shrinkingCount.value == 6, "three walks, then no answer")
    }

    @Test func theSimulatorListsFiltersSearchesOrdersAndPagesUsers() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 30)
        let base = "https://community.example/api/v2/user/"
        let exact = try await simulator.getObject(base + "?username=roster_service")
        #expect(exact.status == 200 && exact.object["count"] as? Int == 1)
        let service = try #require((exact.object["results"] as? [[String: Any]])?.first)
        #expect(service["id"] as? Int == 1 && service["ext_id"] as? Int == 900_001)
        #expect(try await simulator.getObject(base + "?username=ROSTER_SERVICE").object["count"] as? Int == 0)
        let search = try await simulator.getObject(base + "?search=SERVIZIO")
        #expect((search.object["results"] as? [[String: Any]])?.map { $0["id"] as? Int } == [1])
        let descending = try await simulator.getObject(base + "?ordering=-username&limit=5")
        let names = (descending.object["results"] as? [[String: Any]])?.compactMap { $0["username"] as? String } ?? []
        #expect(names.count == 5 && names == names.sorted(by: >))
        #expect((descending.object["next"] as? String)?.contains("offset=5") == true)
        #expect(try await simulator.getObject(base + "99999/").status == 404)
        let post = await simulator.handle(
            HTTPRequest(method: .post, url: URL(string: base)!, headers: ["Authorization": "Bearer \(simulator.token)"])
        )
        #expect(post.status == 405)
    }
}

/// Counts requests across a transport's concurrent calls.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
    var value: Int { lock.withLock { count } }
}
