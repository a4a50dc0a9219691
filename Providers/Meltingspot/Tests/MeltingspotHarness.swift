import Foundation
import MeltingspotSimulator
import RosterConformance
import RosterCore
import RosterHTTP
import RosterMeltingspot

/// Runs the shared conformance suite against `MeltingspotDriver` talking to `MeltingspotSimulator`
/// in process, with the key presented in one of the two `Authorization` forms (the vendor's docs name
/// no scheme; the simulator accepts both). Every subject gets its own secret key, so no two subjects
/// share a rate budget.
struct MeltingspotHarness: ConformanceHarness {
    /// `Authorization: Bearer <key>` or `Authorization: <key>`.
    let scheme: MeltingspotConfiguration.AuthorizationScheme

    /// Both configurations users can choose.
    static let configurations = MeltingspotConfiguration.AuthorizationScheme.allCases.map(MeltingspotHarness.init)

    var name: String { "meltingspot (\(scheme.rawValue) key)" }

    var declaredCapabilities: DriverCapabilities {
        // A driver built only to read its declaration; it sends nothing.
        let configuration = MeltingspotConfiguration(secretKey: "msk_declaration_only", authorizationScheme: scheme)
        return try! MeltingspotDriver(configuration: configuration, transport: DeclarationOnlyTransport()).capabilities
    }

    var mappingTable: StatusMappingTable { MeltingspotStatusMapping.table }
    var undocumentedVendorStatus: String { "Suspended" }

    /// `{items, total}`; each participant's `status` must be a string.
    var strictField: StrictField { StrictField(recordsAt: ["items"], field: ["status"]) }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<MeltingspotDriver> {
        let key = "msk_test_" + UUID().uuidString
        let simulator = MeltingspotSimulator(
            seed: setup.seed, courses: setup.courses, participantsPerCourse: setup.enrollmentsPerCourse,
            faults: setup.faults, clock: setup.clock, secretKey: key)
        let usedKey = setup.validCredential ? key : "msk_wrong_" + UUID().uuidString
        let observer = RecordingObserver()
        let driver = try MeltingspotDriver(
            configuration: MeltingspotConfiguration(secretKey: usedKey, authorizationScheme: scheme),
            transport: simulator.transport,
            clock: setup.clock, observer: observer)
        return ConformanceSubject(
            roster: Roster(driver: driver), backend: MeltingspotBackend(simulator: simulator), secrets: [key, usedKey],
            observedLog: { observer.lines })
    }
}

/// The simulator seen through the suite's neutral backend interface.
struct MeltingspotBackend: ConformanceBackend {
    let simulator: MeltingspotSimulator

    var injector: FaultInjector { simulator.injector }

    func courseIDs() async -> [CourseID] { simulator.courseIDs().map(CourseID.init) }

    func enrollmentIDs(course: CourseID?) async -> Set<EnrollmentID> {
        Set(simulator.participantIDs(course: course?.rawValue).map(EnrollmentID.init))
    }

    func insertEnrollment(course: CourseID) async throws -> EnrollmentID {
        EnrollmentID(try simulator.addParticipant(course: course.rawValue))
    }

    func deleteEnrollment(_ id: EnrollmentID) async throws { try simulator.removeParticipant(id.rawValue) }

    func setVendorStatus(_ raw: String, of id: EnrollmentID) async throws {
        try simulator.setStatus(raw, ofParticipant: id.rawValue)
    }

    /// The raw status (Meltingspot's rows need no condition).
    func apply(_ row: StatusMappingTable.Row, to id: EnrollmentID) async throws {
        try await setVendorStatus(row.vendorStatus, of: id)
    }

    func revokeCredentials() async throws { simulator.revokeSecretKey() }

    /// A spot member's only identity is the e-mail address.
    func identities(of learner: LearnerID) async throws -> [LearnerIdentity] {
        guard let email = simulator.email(ofSpotMember: learner.rawValue) else {
            throw RosterError(.notFound, "no spot member \(learner)")
        }
        return LearnerIdentity.normalizedEmail(email).map { [$0] } ?? []
    }

    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID {
        guard case .email(let address) = identity else {
            throw RosterError(.unsupported, "spot members have no \(identity.kind)")
        }
        return LearnerID(simulator.addSpotMember(email: address, firstname: "Zoé", lastname: "Jumelle"))
    }
}
