import Foundation
import FrontcoreSimulator
import RosterCore
import RosterFrontcore
import RosterHTTP
import Testing

/// People on Frontcore: found through the `user` embedded in participants (one walk of every
/// participant), by e-mail, `external_id` or username; never created.
@Suite struct FrontcoreLearnerLookupTests {
    @Test func theSeedsUsersAreFoundByTheirIdentitiesAndTheLarsenQuirkNever() async throws {
        let transport = RecordingTransport(body: try Fixture.data("frontcore-participants-list"))
        // The published sample is newest first, so it is read with page numbers (keyset needs ascending ids).
        let driver = try TestDrivers.driver(transport: transport, paging: .pageNumber)
        #expect(try await driver.findLearners(.username("username_75cba24e")).map(\.id) == ["462355"])
        #expect(try await driver.findLearners(.email(" LARS@eksemel.ek")).map(\.id) == ["154420"])
        #expect(try await driver.findLearners(.username("lars@eksemel.ek")).map(\.id) == ["154420"])
        #expect(try await driver.findLearners(.externalID("154420")).isEmpty, "no sample user has an external id")
        let query = FaultInjector.queryItems(of: try #require(transport.requests.first?.url))
        #expect(query["page"] == ["1"] && query["limit"] == ["250"])
        let sent = transport.requests.count
        let roster = Roster(driver: driver)
        #expect(try await roster.findLearner(.email("Larsen")) == .notFound)
        #expect(transport.requests.count == sent, "an e-mail that is no address is never looked up")
    }

    @Test func oneWalkAnswersEveryIdentityAndSeveralBookingsAreOnePerson() async throws {
        let simulator = FrontcoreSimulator(seed: 4, participants: 600, courses: 3, clock: VirtualClock())
        let roster = try TestDrivers.roster(simulator)
        let participants = simulator.participantIDs()
        let users = participants.compactMap { simulator.userID(ofParticipant: $0) }
        let repeated = try #require(users.first { user in users.filter { $0 == user }.count > 1 })
        let person = try #require(simulator.identity(ofUser: repeated))
        let others = Set(users).subtracting([repeated]).sorted().prefix(3)
        var identities: [LearnerIdentity] = [.username(try #require(person.username))]
        for user in others {
            identities.append(try #require(simulator.identity(ofUser: user)?.username.map(LearnerIdentity.username)))
        }
        let before = simulator.injector.requestCount
        let answers = try await roster.findLearners(identities)
        #expect(simulator.injector.requestCount - before == (participants.count + 249) / 250, "one walk for all")
        #expect(answers[identities[0]]?.learner?.id == LearnerID(String(repeated)), "booked twice, still one person")
        for (identity, user) in zip(identities.dropFirst(), others) {
            #expect(answers[identity]?.learner?.id == LearnerID(String(user)))
        }
        let query = try #require(simulator.injector.requests.last?.query)
        #expect(query["since_id"] != nil && query["limit"] == ["250"])
    }

    @Test func aPersonBookedOnlyThroughAnotherParticipantsTwinIsAmbiguous() async throws {
        let simulator = FrontcoreSimulator(seed: 4, participants: 20, courses: 2, clock: VirtualClock())
        let roster = try TestDrivers.roster(simulator)
        let booked = try #require(
            simulator.insertParticipant(
                courseID: simulator.courseIDs[1], email: "Kari.Nordmann@eksempel.no", externalID: "CRM-1", username: nil
            ))
        let twin = try #require(
            simulator.insertParticipant(
                courseID: simulator.courseIDs[0], email: "kari.nordmann@EKSEMPEL.no", externalID: nil, username: nil))
        let answer = try await roster.findLearner(.email("kari.nordmann@eksempel.no"))
        guard case .ambiguous(let people) = answer else {
            Issue.record("two users share the address, but the lookup answered \(answer)")
            return
        }
        #expect(Set(people.map(\.id)) == [LearnerID(String(booked.user)), LearnerID(String(twin.user))])
        #expect(try await roster.findLearner(.externalID("CRM-1")).learner?.id == LearnerID(String(booked.user)))
    }

    @Test func simulatedUsersCarryUsernamesAndExternalIDsAndSomeBookMoreThanOnce() async throws {
        let simulator = FrontcoreSimulator(seed: 1, participants: 120, courses: 3, clock: VirtualClock())
        let response = await simulator.handle(
            HTTPRequest(
                method: .get, url: URL(string: "https://api.frontcore.com/v2/participants?since_id=0&limit=250")!,
                headers: ["X-API-Key": simulator.apiKey]))
        let participants = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        let users = participants.compactMap { $0["user"] as? [String: Any] }
        #expect(users.count == 120)
        #expect(users.allSatisfy { $0["username"] is String })
        #expect(users.contains { $0["external_id"] is String } && users.contains { $0["external_id"] is NSNull })
        let ids = users.compactMap { $0["id"] as? Int }
        #expect(Set(ids).count < ids.count, "some people have several participants")
        #expect(Set(ids).count >= 100)
    }
}
