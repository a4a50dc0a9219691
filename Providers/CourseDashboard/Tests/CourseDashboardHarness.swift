import CourseDashboardSimulator
import Foundation
import RosterConformance
import RosterCore
import RosterCourseDashboard
import RosterHTTP

/// Runs the shared conformance suite against the Course Dashboard driver talking to the simulator,
/// with a fixed bearer token or with tokens a credential source mints (and mints again after a 401),
/// the two ways users can configure it.
struct CourseDashboardHarness: ConformanceHarness {
    /// Where the driver's bearer tokens come from.
    enum Credential: String, Sendable {
        /// One fixed token, given as text.
        case fixedToken = "fixed token"
        /// A source minting a fresh token for the service user when asked (and after each 401).
        case mintedTokens = "minted tokens"
    }

    let credential: Credential

    /// Both configurations users can choose.
    static let configurations = [CourseDashboardHarness(credential: .fixedToken), .init(credential: .mintedTokens)]

    var name: String { "course-dashboard (\(credential.rawValue))" }

    var declaredCapabilities: DriverCapabilities {
        let configuration = CourseDashboardConfiguration(
            baseURL: CourseDashboardSimulator.defaultBaseURL, token: "sc_declaration_only",
            additionalJoinStatuses: [undocumentedVendorStatus])
        return try! CourseDashboardDriver(configuration: configuration, transport: DeclarationOnlyTransport())
            .capabilities
    }

    var mappingTable: StatusMappingTable { CourseDashboardStatusMapping.table }

    /// Not in the docs or the SDK. The server returns only the statuses it is asked for, so the
    /// subject's configuration names it in `additionalJoinStatuses`.
    var undocumentedVendorStatus: String { "alumno" }

    /// A DRF page; each user's `join_status` must be a string (or null).
    var strictField: StrictField { StrictField(recordsAt: ["results"], field: ["join_status"]) }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<CourseDashboardDriver> {
        let simulator = CourseDashboardSimulator(
            seed: setup.seed, courses: setup.courses, learnersPerCourse: setup.enrollmentsPerCourse,
            faults: setup.faults, clock: setup.clock)
        let observer = RecordingObserver()
        let base = CourseDashboardSimulator.defaultBaseURL
        let configuration: CourseDashboardConfiguration
        let backend: CourseDashboardBackend
        let secrets: @Sendable () -> [String]
        switch credential {
        case .fixedToken:
            let token = setup.validCredential ? simulator.token : "sc_expired0000token"
            configuration = CourseDashboardConfiguration(
                baseURL: base, token: token, additionalJoinStatuses: [undocumentedVendorStatus])
            backend = CourseDashboardBackend(simulator: simulator, revoke: { simulator.revokeToken(token) })
            secrets = { [token] }
        case .mintedTokens:
            let minter = SimulatorTokenMinter(simulator: simulator, refused: !setup.validCredential)
            configuration = CourseDashboardConfiguration(
                baseURL: base, token: minter, additionalJoinStatuses: [undocumentedVendorStatus])
            backend = CourseDashboardBackend(simulator: simulator, revoke: { minter.revokeAll() })
            secrets = { minter.minted }
        }
        let driver = try CourseDashboardDriver(
            configuration: configuration, transport: simulator.transport, clock: setup.clock, observer: observer)
        return ConformanceSubject(
            roster: Roster(driver: driver), backend: backend, secrets: secrets, observedLog: { observer.lines })
    }
}

/// A credential source minting bearer tokens for the simulator's service user, as a deployment that
/// signs its own short-lived JWTs does: a token on first use, and a fresh one whenever the driver asks
/// again after a 401. Once revoked (or when made to be refused), every token it mints is refused too,
/// as after the signing secret was rotated.
final class SimulatorTokenMinter: CredentialSource, @unchecked Sendable {
    private let simulator: CourseDashboardSimulator
    private let lock = NSLock()
    private var current: String?
    private var revoked: Bool
    private var issued: [String] = []

    init(simulator: CourseDashboardSimulator, refused: Bool) {
        self.simulator = simulator
        self.revoked = refused
    }

    /// Every token minted so far.
    var minted: [String] { lock.withLock { issued } }

    /// Refuses every token minted so far and every one minted from now on.
    func revokeAll() {
        let tokens: [String] = lock.withLock {
            revoked = true
            return issued
        }
        for token in tokens { simulator.revokeToken(token) }
    }

    func credential(refresh: Bool) async throws -> String {
        if !refresh, let token = lock.withLock({ current }) { return token }
        let token = simulator.issueToken(forUser: simulator.serviceUserID)
        let refusedNow: Bool = lock.withLock {
            current = token
            issued.append(token)
            return revoked
        }
        if refusedNow { simulator.revokeToken(token) }
        return token
    }

    var canRefresh: Bool { true }
}

/// The simulator seen through the suite's neutral backend protocol.
struct CourseDashboardBackend: ConformanceBackend {
    let simulator: CourseDashboardSimulator
    /// Makes the subject's credentials invalid.
    let revoke: @Sendable () -> Void

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

    /// The raw `join_status`, and the completion rate where the row's condition names one.
    func apply(_ row: StatusMappingTable.Row, to id: EnrollmentID) async throws {
        let (course, user) = try parts(id)
        simulator.setJoinStatus(row.vendorStatus, course: course, user: user)
        if case .completionRate(let rate) = row.condition {
            simulator.setCompletionRate(rate, course: course, user: user)
        }
    }

    func revokeCredentials() async throws { revoke() }

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
