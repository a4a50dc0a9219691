import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// Invitations: 201/200 idempotency, e-mail-only learners, and the absent unenroll.
@Suite struct InvitationTests {
    @Test func invitingTwiceCreatesOneParticipantAndReportsAlreadyEnrolled() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 3)
        let course = try #require(simulator.courseIDs().first)
        let member = simulator.addSpotMember(email: "gaelle.crepin@exemple.fr", firstname: "Gaëlle", lastname: "Crépin")
        let roster = Roster(driver: driver)
        let request = EnrollRequest(course: CourseID(course), learner: LearnerID(member))

        let first = try await roster.enroll(request)
        guard case .created(let created?) = first else {
            Issue.record("expected .created with a record, got \(first)")
            return
        }
        #expect(created.status == .invited)
        #expect(created.learner.firstName == "Gaëlle")
        #expect(created.learner.email == "gaelle.crepin@exemple.fr")

        let second = try await roster.enroll(request)
        guard case .alreadyEnrolled = second else {
            Issue.record("expected .alreadyEnrolled, got \(second)")
            return
        }
        #expect(simulator.participantMemberIDs(course: course).filter { $0 == member }.count == 1)
        #expect(simulator.injector.requests.map(\.status) == [201, 200])
    }

    @Test func inviteBodyCarriesTheDocumentedFields() async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in
            TestSupport.json(#"{"message":"Member already invited"}"#)
        }
        let outcome = try await driver.invite(spotMember: "m-1", to: CourseID("c-1"), invitedBy: "m-0", notify: true)
        #expect(outcome == .alreadyEnrolled(nil))
        let request = try #require(recorder.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://openapi.meltingspot.io/v1/courses/c-1/participants")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(body["spotMemberId"] as? String == "m-1")
        #expect(body["invitedBySpotMemberId"] as? String == "m-0")
        #expect(body["withEmailNotification"] as? Bool == true)
    }

    @Test func learnerKnownOnlyByEmailIsCreatedThenInvited() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 2)
        let course = CourseID(try #require(simulator.courseIDs().first))
        let outcome = try await driver.invite(email: "nouvelle.recrue@exemple.fr", to: course)
        guard case .created(let enrollment?) = outcome else {
            Issue.record("expected .created, got \(outcome)")
            return
        }
        #expect(enrollment.learner.email == "nouvelle.recrue@exemple.fr")
        #expect(enrollment.learner.firstName == nil, "invited by e-mail only: names are null")
        // Second time: the member is found (the lookup also sends the address lower-cased), not created
        // again, and already invited.
        let again = try await driver.invite(email: "Nouvelle.Recrue@exemple.fr", to: course)
        #expect(again == .alreadyEnrolled(nil))
        let posts = simulator.injector.requests.filter { $0.method == .post && $0.path == "/v1/spotMembers" }
        #expect(posts.count == 1)
    }

    @Test func spotMemberLookupChunksAddresses() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 0, participants: 0) {
            $0.emailLookupChunkSize = 4
        }
        let emails = (1...10).map { "membre\($0)@exemple.fr" }
        for email in emails { simulator.addSpotMember(email: email) }
        let found = try await driver.spotMembers(emails: emails + ["absent@exemple.fr", "pas une adresse"])
        #expect(Set(found.compactMap(\.email)) == Set(emails))
        #expect(simulator.injector.requestCount == 3)
        let member = try await driver.spotMember(id: found[0].id)
        #expect(member.id == found[0].id)
    }

    @Test func unenrollAndUpdateAreUnsupported() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 1)
        let course = CourseID(try #require(simulator.courseIDs().first))
        let id = EnrollmentID(try #require(simulator.participantIDs().first))
        let roster = Roster(driver: driver)
        #expect(!driver.capabilities.supports(.unenroll))
        let error = try await #require(throws: RosterError.self) { try await roster.unenroll(id, course: course) }
        #expect(error.code == .unsupported)
        let update = try await #require(throws: RosterError.self) {
            try await roster.update(id, course: course, with: EnrollmentUpdate(completed: true))
        }
        #expect(update.code == .unsupported)
        #expect(simulator.injector.requestCount == 0)
        #expect(simulator.participantIDs() == [id.rawValue])
    }

    @Test func managerRoleCannotBeInvited() async throws {
        let (_, driver, _) = try TestSupport.simulated(courses: 1, participants: 1)
        let error = try await #require(throws: RosterError.self) {
            try await Roster(driver: driver).enroll(
                EnrollRequest(course: CourseID("c"), learner: LearnerID("m"), role: .manager))
        }
        #expect(error.code == .unsupported)
    }
}
