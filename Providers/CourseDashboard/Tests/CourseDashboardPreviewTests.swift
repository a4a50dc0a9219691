import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// `previewEnroll` and the reads `enroll` makes before writing: a dry run and the real run agree, and
/// a missing user or course fails before anything is written.
@Suite struct CourseDashboardPreviewTests {
    @Test func aPreviewReadsOnlyAndAgreesWithTheWrite() async throws {
        let rig = try DashboardRig()
        let member = try #require(
            rig.simulator.memberIDs(course: 101).first { rig.simulator.joinStatus(course: 101, user: $0) == "joined" })
        let invited = rig.simulator.addUser()
        rig.simulator.setJoinStatus("invited", course: 101, user: invited)
        let newcomer = rig.simulator.addUser()

        let held = try await rig.roster.previewEnroll(EnrollRequest(course: "101", learner: LearnerID(String(member))))
        guard case .alreadyEnrolled(let record?) = held else {
            Issue.record("expected alreadyEnrolled, got \(String(describing: held))")
            return
        }
        #expect(record.learner.id.rawValue == String(member))
        // An invitation does not hold the place: the write would accept it.
        for user in [invited, newcomer] {
            let request = EnrollRequest(course: "101", learner: LearnerID(String(user)))
            #expect(try await rig.roster.previewEnroll(request) == nil)
        }
        #expect(rig.recorder.requests.allSatisfy { $0.method == .get }, "a preview sends no write")
        #expect(rig.simulator.joinStatus(course: 101, user: newcomer) == nil)
    }

    @Test(arguments: [("101", "999999"), ("999", nil)] as [(String, String?)])
    func aMissingUserOrCourseFailsBeforeAnythingIsWritten(_ course: String, _ user: String?) async throws {
        let rig = try DashboardRig()
        let learner = LearnerID(user ?? String(rig.simulator.addUser()))
        let request = EnrollRequest(course: CourseID(course), learner: learner)
        let preview = await rosterError { _ = try await rig.roster.previewEnroll(request) }
        let real = await rosterError { _ = try await rig.roster.enroll(request) }
        #expect(preview?.code == .notFound, "\(String(describing: preview))")
        #expect(real?.code == .notFound, "\(String(describing: real))")
        #expect(rig.recorder.requests.allSatisfy { $0.method == .get }, "no write was sent")
    }

    @Test func theVendorsWordsAreSaidOnceInTheDescription() async throws {
        let body = try Fixture.data("error-400")
        let transport = InProcessTransport { _ in
            HTTPResponse(status: 400, headers: ["Content-Type": "application/json"], body: body)
        }
        let rig = try DashboardRig(transport: transport)
        let error = try #require(await rosterError { try await rig.roster.unenroll("101:99999") })
        let words = #"Invalid pk "99999" - object does not exist."#
        #expect(error.description.components(separatedBy: words).count == 2, "once: \(error.description)")
        #expect(error.description.contains("joined: \(words)"), "the field is named")
    }
}
