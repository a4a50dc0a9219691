import CourseDashboardSimulator
import Foundation
import RosterCore
import RosterCourseDashboard
import RosterHTTP
import Testing

/// Role changes and invitations round-trip through the simulator; permission and auth errors.
@Suite struct CourseDashboardWriteTests {
    @Test func enrollPromoteAndUnenrollRoundTrip() async throws {
        let rig = try DashboardRig()
        let user = rig.simulator.addUser(realName: "Giosuè Dell'Orto")
        let course = CourseID("101")
        let learner = LearnerID(String(user))

        let outcome = try await rig.roster.enroll(EnrollRequest(course: course, learner: learner))
        guard case .created(let created?) = outcome else { Issue.record("expected created, got \(outcome)"); return }
        #expect(created.status == .enrolled && created.role == .learner)
        #expect(rig.simulator.joinStatus(course: 101, user: user) == "joined")
        let roleRequest = try #require(rig.recorder.requests.first { $0.method == .post })
        #expect(sentPath(roleRequest.url) == "/api/v2/course/101/role/")
        #expect(roleRequest.headers["Content-Type"] == "application/json")
        #expect(String(decoding: roleRequest.body ?? Data(), as: UTF8.self) == #"{"joined":[\#(user)]}"#)

        let again = try await rig.roster.enroll(EnrollRequest(course: course, learner: learner))
        guard case .alreadyEnrolled = again else { Issue.record("expected alreadyEnrolled, got \(again)"); return }

        try await rig.driver.makeManager(learner, of: course)
        let promoted = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: user))
        #expect(promoted.role == .manager && promoted.vendorStatus.code == "manager")

        try await rig.roster.unenroll(rig.enrollmentID(course: 101, user: user))
        #expect(rig.simulator.joinStatus(course: 101, user: user) == nil)
        let gone = await rosterError { _ = try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: user)) }
        #expect(gone?.code == .notFound)
    }

    @Test func enrollAsManagerUsesTheManagersKey() async throws {
        let rig = try DashboardRig()
        let user = rig.simulator.addUser()
        let outcome = try await rig.roster.enroll(
            EnrollRequest(course: CourseID("102"), learner: LearnerID(String(user)), role: .manager))
        guard case .created(let record?) = outcome else { Issue.record("expected created"); return }
        #expect(record.role == .manager)
        let body = rig.recorder.requests.first { $0.method == .post }?.body ?? Data()
        #expect(String(decoding: body, as: UTF8.self) == #"{"managers":[\#(user)]}"#)
    }

    @Test func inviteWithdrawAndAcceptRoundTrip() async throws {
        let rig = try DashboardRig()
        let course = CourseID("101")
        let user = rig.simulator.addUser()
        let id = LearnerID(String(user))
        try await rig.driver.invite([id], to: course)
        #expect(try await rig.roster.enrollment(rig.enrollmentID(course: 101, user: user)).status == .invited)
        try await rig.driver.withdrawInvitations([id], from: course)
        #expect(rig.simulator.joinStatus(course: 101, user: user) == nil)
        let delete = try #require(rig.recorder.requests.first { $0.method == .delete })
        #expect(sentPath(delete.url) == "/api/v2/course/101/invite/")
        #expect(String(decoding: delete.body ?? Data(), as: UTF8.self) == #"{"users":[\#(user)]}"#)

        rig.simulator.setJoinStatus("requested", course: 101, user: user)
        try await rig.driver.invite([id], to: course)
        #expect(rig.simulator.joinStatus(course: 101, user: user) == "joined")
    }

    @Test func statusWritesAreUnsupportedAndSendNothing() async throws {
        let rig = try DashboardRig()
        let user = rig.simulator.memberIDs(course: 101)[4]
        for status in [EnrollmentStatus.enrolled, .invited, .cancelled] {
            let refused = await rosterError {
                _ = try await rig.roster.update(rig.enrollmentID(course: 101, user: user), with: EnrollmentUpdate(status: status))
            }
            #expect(refused?.code == .unsupported)
        }
        #expect(rig.recorder.requests.isEmpty)
    }

    @Test func descriptionsNeverShowTheToken() throws {
        let rig = try DashboardRig()
        let token = rig.simulator.token
        #expect(!String(describing: rig.roster).contains(token))
        #expect(!String(reflecting: rig.roster).contains(token))
        #expect(!String(describing: rig.driver.configuration).contains(token))
    }

    @Test func theCreatorCannotBeUnenrolled() async throws {
        let rig = try DashboardRig()
        let creator = try #require(rig.simulator.memberIDs(course: 101).first { rig.simulator.joinStatus(course: 101, user: $0) == "creator" })
        let error = await rosterError { try await rig.roster.unenroll(rig.enrollmentID(course: 101, user: creator)) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fieldErrors.first?.field == "unjoined")
        #expect(rig.simulator.joinStatus(course: 101, user: creator) == "creator")
    }

    @Test func nonManagerGetsPermissionDeniedWithAHint() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        let rig = try DashboardRig(simulator: simulator, token: StaticCredential(simulator.outsiderToken))
        let error = await rosterError {
            _ = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))).collect(max: 10)
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.httpStatus == 403)
        #expect(error?.message.contains("creator or a manager") == true)
        #expect(error?.description.contains(simulator.outsiderToken) == false)
    }

    @Test func expiredTokenIsRefreshedOnceAfterA401() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        let stale = simulator.issueToken(forUser: simulator.serviceUserID)
        simulator.revokeToken(stale)
        let asks = AskLog()
        let provider = ClosureCredential { refresh in
            asks.append(refresh)
            return refresh ? simulator.token : stale
        }
        let rig = try DashboardRig(simulator: simulator, token: provider)
        let records = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))).collect(max: 100)
        #expect(records.count == 5)
        let sent = rig.recorder.requests.map { $0.headers["Authorization"] }
        #expect(sent.first == "Bearer \(stale)")
        #expect(sent.dropFirst().first == "Bearer \(simulator.token)")
        #expect(asks.values.filter { $0 }.count == 1)
    }

    @Test func aTokenThatStaysInvalidEndsWithUnauthenticated() async throws {
        let simulator = CourseDashboardSimulator(courses: 1, learnersPerCourse: 3)
        let provider = ClosureCredential { _ in "sc_never_valid_token" }
        let rig = try DashboardRig(simulator: simulator, token: provider)
        let error = await rosterError {
            _ = try await rig.roster.enrollments(EnrollmentQuery(course: CourseID("101"))).collect(max: 10)
        }
        #expect(error?.code == .unauthenticated)
        #expect(rig.recorder.requests.count == 2)
        #expect(error?.description.contains("sc_never_valid_token") == false)
    }
}

/// Records the `refresh` flag of each token request.
final class AskLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Bool] = []
    func append(_ value: Bool) { lock.withLock { stored.append(value) } }
    var values: [Bool] { lock.withLock { stored } }
}
