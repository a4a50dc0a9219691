import Foundation
import MeltingspotSimulator
import RosterCore
import RosterHTTP
import RosterMeltingspot
import Testing

/// `previewEnroll` (what an invitation would do, found by reading only) and ids that would change a
/// request path, from the caller or from the vendor's own course listing.
@Suite struct PreviewAndPathTests {
    @Test func aPreviewReadsOnlyAndAgreesWithTheInvitation() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 3)
        let course = CourseID(try #require(simulator.courseIDs().first))
        let roster = Roster(driver: driver)
        let participant = try #require(simulator.participantMemberIDs(course: course.rawValue).first)
        let newcomer = simulator.addSpotMember(email: "yannick.noe@exemple.fr")

        let already = try await roster.previewEnroll(EnrollRequest(course: course, learner: LearnerID(participant)))
        guard case .alreadyEnrolled(let record?) = already else {
            Issue.record("expected .alreadyEnrolled with the participant, got \(String(describing: already))")
            return
        }
        #expect(record.learner.id.rawValue == participant)
        #expect(try await roster.previewEnroll(EnrollRequest(course: course, learner: LearnerID(newcomer))) == nil)
        #expect(simulator.injector.requests.allSatisfy { $0.method == .get }, "a preview sends no write")
        #expect(!simulator.participantMemberIDs(course: course.rawValue).contains(newcomer))

        // The real invitations answer as previewed.
        let again = try await roster.enroll(EnrollRequest(course: course, learner: LearnerID(participant)))
        let fresh = try await roster.enroll(EnrollRequest(course: course, learner: LearnerID(newcomer)))
        if case .alreadyEnrolled = again {} else { Issue.record("the invitation said \(again)") }
        if case .created = fresh {} else { Issue.record("the invitation said \(fresh)") }
    }

    @Test func aPreviewOfAMissingCourseOrMemberIsNotFoundLikeTheInvitation() async throws {
        let (simulator, driver, _) = try TestSupport.simulated(courses: 1, participants: 2)
        let course = CourseID(try #require(simulator.courseIDs().first))
        let member = simulator.addSpotMember(email: "ines.perec@exemple.fr")
        let roster = Roster(driver: driver)
        for request in [
            EnrollRequest(course: "no-such-course", learner: LearnerID(member)),
            EnrollRequest(course: course, learner: "no-such-member"),
        ] {
            let preview = await #expect(throws: RosterError.self) { try await roster.previewEnroll(request) }
            let real = await #expect(throws: RosterError.self) { try await roster.enroll(request) }
            #expect(preview?.code == .notFound && real?.code == .notFound)
        }
    }

    @Test func aVendorCourseIdThatIsADotSegmentIsRefusedBeforeAnyRequestUsesIt() async throws {
        let (driver, recorder) = try TestSupport.scripted { request in
            if request.url.path.hasSuffix("/courses") {
                return TestSupport.json(
                    #"{"items":[{"id":"..","title":"Hostile","status":"Published","privacy":"Public"}],"total":1}"#)
            }
            return TestSupport.json(#"{"items":[],"total":0}"#)
        }
        let roster = Roster(driver: driver)
        let error = await #expect(throws: RosterError.self) { _ = try await roster.enrollments().collect(max: 100) }
        #expect(error?.code == .invalidArgument, "\(String(describing: error))")
        #expect(recorder.urls.count == 1, "only the course listing was sent: \(recorder.urls)")
        #expect(!recorder.urls.contains { $0.contains("/../") || $0.hasSuffix("/participants") })
    }

    @Test(arguments: ["..", ".", "%2e%2e", "%2E"])
    func aCallersDotSegmentIdIsRefusedWithNothingSent(_ id: String) async throws {
        let (driver, recorder) = try TestSupport.scripted { _ in TestSupport.json(#"{"items":[],"total":0}"#) }
        let roster = Roster(driver: driver)
        let listing = await #expect(throws: RosterError.self) {
            _ = try await roster.enrollments(EnrollmentQuery(course: CourseID(id))).collect(max: 10)
        }
        let read = await #expect(throws: RosterError.self) {
            _ = try await roster.enrollment(EnrollmentID(id), course: "c-1")
        }
        let invite = await #expect(throws: RosterError.self) {
            _ = try await roster.enroll(EnrollRequest(course: CourseID(id), learner: "m-1"))
        }
        let member = await #expect(throws: RosterError.self) { _ = try await driver.spotMember(id: id) }
        for error in [listing, read, invite, member] { #expect(error?.code == .invalidArgument) }
        #expect(recorder.requests.isEmpty)
    }
}
