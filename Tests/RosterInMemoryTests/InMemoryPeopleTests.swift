import Foundation
import RosterCore
import RosterHTTP
import RosterInMemory
import Testing

/// The in-memory API's people endpoints (`GET /people`, `POST /people`) and the driver over them.
@Suite struct InMemoryPeopleTests {
    /// Sends one request straight to a handler over `store`; returns the status and the decoded body.
    static func send(_ store: InMemoryStore, _ method: HTTPMethod, _ path: String, body: String? = nil) -> (Int, Any?) {
        let handler = InMemoryHandler(store: store, token: "t", paging: .keyset)
        let response = handler.respond(
            to: HTTPRequest(
                method: method, url: URL(string: InMemoryAPI.defaultBaseURL.absoluteString + path)!,
                headers: ["Authorization": "Bearer t"], body: body.map { Data($0.utf8) }))
        return (response.status, try? JSONSerialization.jsonObject(with: response.body))
    }

    @Test func generatedPeopleCarryEveryIdentityKind() async throws {
        let provider = InMemoryProvider(seed: 2, courses: 1, enrollmentsPerCourse: 4)
        let people = provider.store.people
        #expect(people.count == 4)
        #expect(people.allSatisfy { $0.email != nil && $0.username != nil && $0.externalID?.hasPrefix("HR-") == true })
        let listed = try await provider.roster.enrollments().collect(max: 10)
        #expect(listed.allSatisfy { $0.learner.externalID?.hasPrefix("HR-") == true }, "listings carry the external id")
    }

    @Test func lookupsTakeExactlyOneIdentityAndAnswerEveryMatchUnpaged() throws {
        let store = InMemoryStore()
        store.addPerson(InMemoryLearner(id: "", email: "Ase@Example.no", username: "ase", externalID: "HR-1"))
        store.addPerson(InMemoryLearner(id: "", email: "ase@example.NO", username: "Ase"))
        func ids(_ path: String) -> [String]? {
            let (status, body) = Self.send(store, .get, path)
            guard status == 200 else { return nil }
            return (body as? [[String: Any]])?.compactMap { $0["id"] as? String }
        }
        #expect(ids("/people?email=%20ASE%40example.no") == ["p-1", "p-2"], "e-mail ignores case and spaces")
        #expect(ids("/people?username=ase") == ["p-1"], "usernames keep their case")
        #expect(ids("/people?external_id=HR-1") == ["p-1"])
        #expect(ids("/people?external_id=hr-1") == [])
        #expect(Self.send(store, .get, "/people").0 == 400)
        #expect(Self.send(store, .get, "/people?email=a%40b.no&username=ase").0 == 400)
        #expect(Self.send(store, .get, "/people?username=%20").0 == 400)
    }

    @Test func creationAnswers201AndRefusesATakenOrMalformedAddress() throws {
        let store = InMemoryStore()
        let (status, body) = Self.send(
            store, .post, "/people", body: #"{"email":"ny@example.no","first_name":"Åse","external_id":"HR-9"}"#)
        #expect(status == 201)
        let person = try #require(body as? [String: Any])
        #expect(person["id"] as? String == "p-1" && person["first_name"] as? String == "Åse")
        #expect(person["external_id"] as? String == "HR-9" && person["username"] == nil)
        #expect(Self.send(store, .post, "/people", body: #"{"email":"NY@example.no"}"#).0 == 409)
        #expect(Self.send(store, .post, "/people", body: #"{"email":"Larsen"}"#).0 == 400)
        #expect(Self.send(store, .post, "/people", body: #"{"email":"x@example.no","username":7}"#).0 == 400)
        #expect(store.people.map(\.id) == ["p-1"])
    }

    @Test func aCreatedPersonIsFoundAndEnrolledWithTheirDetails() async throws {
        let provider = InMemoryProvider(seed: 2, courses: 1, enrollmentsPerCourse: 2)
        let roster = provider.roster
        let created = try await roster.createLearner(
            NewLearner(email: "Ny.Person@Example.no", firstName: "Ny", lastName: "Person", username: "ny"))
        #expect(created.id == "p-1" && created.email == "ny.person@example.no" && created.username == "ny")
        #expect(try await roster.findLearner(.username("ny")) == .found(created))
        let duplicate = try await #require(throws: RosterError.self) {
            try await roster.createLearner(NewLearner(email: "ny.person@example.no"))
        }
        #expect(duplicate.code == .invalidArgument && duplicate.httpStatus == 409)
        let course = try #require(provider.store.courses.first).id
        let outcome = try await roster.enroll(EnrollRequest(course: CourseID(course), learner: created.id))
        guard case .created(let enrollment?) = outcome else {
            Issue.record("enrolling the created person answered \(outcome)")
            return
        }
        #expect(enrollment.learner.email == "ny.person@example.no" && enrollment.learner.lastName == "Person")
    }
}
