import CourseDashboardSimulator
import Foundation
import RosterConformance
import RosterCore
import RosterCourseDashboard
import RosterHTTP

/// Runs the shared conformance suite against the Course Dashboard driver talking to the simulator.
struct CourseDashboardHarness: ConformanceHarness {
    var name: String { "course-dashboard" }

    /// The documented values (API docs) plus `payment_waiting` (official SDK types).
    var documentedVendorStatuses: [String] { ["creator", "manager", "joined", "invited", "requested", "payment_waiting"] }

    /// Not in the docs or the SDK. The server returns only the statuses it is asked for, so the
    /// subject's configuration names it in `additionalJoinStatuses`.
    var undocumentedVendorStatus: String { "alumno" }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<CourseDashboardDriver> {
        let simulator = CourseDashboardSimulator(
            seed: setup.seed, courses: setup.courses, learnersPerCourse: setup.enrollmentsPerCourse,
            faults: setup.faults, clock: setup.clock)
        let token = setup.validCredential ? simulator.token : "sc_expired0000token"
        let observer = RecordingObserver()
        let configuration = CourseDashboardConfiguration(
            baseURL: CourseDashboardSimulator.defaultBaseURL, token: token,
            additionalJoinStatuses: [undocumentedVendorStatus])
        let driver = try CourseDashboardDriver(
            configuration: configuration, transport: simulator.transport, clock: setup.clock, observer: observer)
        return ConformanceSubject(
            roster: Roster(driver: driver), backend: CourseDashboardBackend(simulator: simulator), secrets: [token],
            observedLog: { observer.lines })
    }
}

/// The simulator seen through the suite's neutral backend protocol.
struct CourseDashboardBackend: ConformanceBackend {
    let simulator: CourseDashboardSimulator

    var injector: FaultInjector { simulator.injector }

    func courseIDs() async -> [CourseID] { simulator.courseIDs.map { CourseID(String($0)) } }

    func enrollmentIDs(course: CourseID?) async -> Set<EnrollmentID> {
        let courses = course.map { [Int($0.rawValue) ?? -1] } ?? simulator.courseIDs
        return Set(courses.flatMap { id in
            simulator.memberIDs(course: id).map {
                CourseDashboardIdentity.enrollmentID(course: CourseID(String(id)), user: LearnerID(String($0)))
            }
        })
    }

    func insertEnrollment(course: CourseID) async throws -> EnrollmentID {
        let user = simulator.insertLearner(course: try number(course.rawValue))
        return CourseDashboardIdentity.enrollmentID(course: course, user: LearnerID(String(user)))
    }

    func deleteEnrollment(_ id: EnrollmentID) async throws {
        let (course, user) = try parts(id)
        simulator.removeMember(course: course, user: user)
    }

    func setVendorStatus(_ raw: String, of id: EnrollmentID) async throws {
        let (course, user) = try parts(id)
        simulator.setJoinStatus(raw, course: course, user: user)
    }

    /// A community user's username and, where set, `ext_id` (no e-mail).
    func identities(of learner: LearnerID) async throws -> [LearnerIdentity] {
        guard let user = simulator.identity(ofUser: try number(learner.rawValue)) else {
            throw RosterError(.notFound, "no user \(learner)")
        }
        return [
            LearnerIdentity(kind: .username, value: user.username),
            user.extID.flatMap { LearnerIdentity(kind: .externalID, value: String($0)) },
        ].compactMap { $0 }
    }

    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID {
        let user = simulator.addUser(realName: "Gemella Conforme")
        switch identity {
        case .username(let name): simulator.setIdentity(ofUser: user, username: name)
        case .externalID(let id): simulator.setIdentity(ofUser: user, extID: try number(id))
        case .email: throw RosterError(.unsupported, "community users carry no e-mail")
        }
        return LearnerID(String(user))
    }

    private func parts(_ id: EnrollmentID) throws -> (Int, Int) {
        guard let parts = CourseDashboardIdentity.parse(id) else { throw RosterError(.invalidArgument, "bad id \(id)") }
        return (try number(parts.course.rawValue), try number(parts.user.rawValue))
    }

    private func number(_ text: String) throws -> Int {
        guard let value = Int(text) else { throw RosterError(.invalidArgument, "not an integer id: \(text)") }
        return value
    }
}
