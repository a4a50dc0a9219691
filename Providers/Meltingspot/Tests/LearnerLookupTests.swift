import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// People on Meltingspot: spot members found by e-mail (`GET /spotMembers?email[in]=…`) and created
/// by e-mail (`POST /spotMembers`), against the hand-written schema fixture and the simulator.
@Suite struct LearnerLookupTests {
    static func fixture() throws -> Data {
        let url = try #require(
            Bundle.module.url(
                forResource: "meltingspot-spot-members-page", withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func aLookupSendsTheAddressAsWrittenAndNormalizedAndComparesNormalized() async throws {
        let page = try Self.fixture()
        let (driver, recorder) = try TestSupport.scripted { _ in HTTPResponse(status: 200, body: page) }
        let found = try await driver.findLearners(.email(" ZOE.Rousseau@courriel.fr "))
        #expect(
            found.map(\.id.rawValue) == [
                "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e01", "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e02",
            ])
        #expect(found[0].email == "Zoe.Rousseau@Courriel.FR")
        #expect(
            found[0].firstName == "Zoé" && found[0].lastName == "Rousseau" && found[0].displayName == "Zoé Rousseau")
        #expect(found[1].firstName == nil && found[1].lastName == nil, "invited by e-mail only")
        #expect(found.allSatisfy { $0.externalID == nil && $0.username == nil })
        let sent = try #require(recorder.requests.first?.url)
        #expect(sent.path == "/v1/spotMembers")
        #expect(sent.query?.contains("email%5Bin%5D=ZOE.Rousseau%40courriel.fr,zoe.rousseau%40courriel.fr") == true)
        #expect(recorder.requests.count == 1, "the total of 3 ends the listing after one page")
    }

    @Test func twoMembersWhoseAddressesDifferOnlyInCaseAreAnAmbiguity() async throws {
        let page = try Self.fixture()
        let (driver, _) = try TestSupport.scripted { _ in HTTPResponse(status: 200, body: page) }
        let answer = try await Roster(driver: driver).findLearner(.email("zoe.rousseau@courriel.fr"))
        guard case .ambiguous(let people) = answer else {
            Issue.record("expected an ambiguity, got \(answer)")
            return
        }
        #expect(
            people.map(\.id.rawValue) == [
                "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e01", "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e02",
            ])
        let loic = try await Roster(driver: driver).findLearner(.email("Loic.Menard@exemple.fr"))
        #expect(loic.learner?.id == "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e03")
    }

    @Test func createLearnerPostsOnlyTheAddressAndTheNotificationFlag() async throws {
        let page = try JSONSerialization.jsonObject(with: try Self.fixture()) as? [String: Any]
        let member = try JSONSerialization.data(withJSONObject: try #require((page?["items"] as? [Any])?[2]))
        let (driver, recorder) = try TestSupport.scripted { _ in HTTPResponse(status: 201, body: member) }
        let created = try await Roster(driver: driver).createLearner(
            NewLearner(email: " Loic.Menard@Exemple.FR", firstName: "Loïc", externalID: "HR-1", notify: true))
        #expect(created.id == "0b6f4c1e-6d0a-4c5e-9f51-2f1f4b8a7e03")
        #expect(created.email == "loic.menard@exemple.fr")
        let request = try #require(recorder.requests.first)
        #expect(request.method == .post && request.url.path == "/v1/spotMembers")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try JSONSerialization.jsonObject(with: try #require(request.body)) as? [String: Any]
        #expect(body?.count == 2)
        #expect(body?["email"] as? String == "loic.menard@exemple.fr")
        #expect(body?["withEmailNotification"] as? Bool == true)
    }

    @Test func creatingATakenAddressIsRefusedOnceAndNeverRetried() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 0, participants: 0)
        let existing = simulator.addSpotMember(
            email: "gaelle.crepin@exemple.fr", firstname: "Gaëlle", lastname: "Crépin")
        let roster = Roster(driver: driver)
        let error = try await #require(throws: RosterError.self) {
            try await roster.createLearner(NewLearner(email: "Gaelle.Crepin@exemple.fr"))
        }
        #expect(error.code == .invalidArgument && error.httpStatus == 400)
        #expect(simulator.injector.requests.filter { $0.method == .post }.count == 1)
        #expect(try await roster.findLearner(.email("gaelle.crepin@exemple.fr")).learner?.id == LearnerID(existing))
    }

    @Test func aCreatedMemberIsFoundAndReadableByID() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 0, participants: 0)
        let roster = Roster(driver: driver)
        let created = try await roster.createLearner(NewLearner(email: "Nouvelle.Recrue@Exemple.fr"))
        #expect(created.email == "nouvelle.recrue@exemple.fr" && created.firstName == nil)
        #expect(try await roster.findLearner(.email("NOUVELLE.recrue@exemple.fr")) == .found(created))
        #expect(try await driver.spotMember(id: created.id.rawValue).status == "Invited")
        #expect(simulator.spotMemberIDs() == [created.id.rawValue])
    }

    @Test func findOrCreateRefusesAnAmbiguousAddressInsteadOfPickingOne() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 0, participants: 0)
        simulator.addSpotMember(email: "anais.noel@exemple.fr")
        simulator.addSpotMember(email: "Anais.Noel@exemple.fr")
        // The simulator's email[in] compares exactly; asked as written and lower-cased, it returns both.
        let error = try await #require(throws: RosterError.self) {
            try await driver.findOrCreateSpotMember(email: "Anais.Noel@exemple.fr")
        }
        #expect(error.code == .invalidArgument)
        #expect(simulator.injector.requests.allSatisfy { $0.method == .get })
    }

    @Test func simulatorFiltersPagesReadsAndCreatesSpotMembersAsDocumented() async throws {
        let simulator = MeltingspotSimulator(seed: 3, courses: 0, participantsPerCourse: 0, clock: VirtualClock())
        let a = simulator.addSpotMember(email: "a@exemple.fr")
        let b = simulator.addSpotMember(email: "b@exemple.fr")
        simulator.addSpotMember(email: "c@exemple.fr")
        func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> (Int, Any?) {
            let response = await simulator.handle(
                HTTPRequest(
                    method: method, url: URL(string: "https://openapi.meltingspot.io/v1" + path)!,
                    headers: ["Authorization": "Bearer " + simulator.secretKey, "Content-Type": "application/json"],
                    body: body.map { Data($0.utf8) }))
            return (response.status, try? JSONSerialization.jsonObject(with: response.body))
        }
        let (status, page) = try await send(
            .get, "/spotMembers?email%5Bin%5D=a%40exemple.fr,b%40exemple.fr&page=2&limit=1")
        #expect(status == 200)
        let envelope = try #require(page as? [String: Any])
        #expect(envelope["total"] as? Int == 2)
        #expect((envelope["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [b])
        let (got, member) = try await send(.get, "/spotMembers/\(a)")
        #expect(got == 200 && (member as? [String: Any])?["email"] as? String == "a@exemple.fr")
        let (missing, error) = try await send(.get, "/spotMembers/absent")
        #expect(missing == 404 && (error as? [String: Any])?["message"] as? String == "Spot member not found")
        let (created, fresh) = try await send(
            .post, "/spotMembers", #"{"email":"d@exemple.fr","withEmailNotification":false}"#)
        #expect(created == 201)
        let freshID = try #require((fresh as? [String: Any])?["id"] as? String)
        #expect(simulator.email(ofSpotMember: freshID) == "d@exemple.fr")
        #expect(try await send(.post, "/spotMembers", #"{"email":"D@exemple.fr"}"#).0 == 400, "the address is taken")
        #expect(try await send(.post, "/spotMembers", #"{"email":"pas une adresse"}"#).0 == 400)
        #expect(
            try await send(.post, "/spotMembers", #"{"email":"e@exemple.fr","withEmailNotification":"yes"}"#).0 == 400)
    }
}
