import Foundation
import FrontcoreSimulator
import RosterConformance
import RosterCore
import RosterFrontcore
import RosterHTTP

/// Runs the shared conformance suite against the Frontcore driver talking to the simulator, in one of
/// the two paging modes users can configure.
struct FrontcoreHarness: ConformanceHarness {
    /// `since_id` keyset paging (the default) or `page` numbers.
    let paging: FrontcorePagingMode

    /// Both configurations users can choose.
    static let configurations = [FrontcoreHarness(paging: .keyset), FrontcoreHarness(paging: .pageNumber)]

    var name: String { "frontcore (\(paging))" }

    var declaredCapabilities: DriverCapabilities {
        // A driver built only to read its declaration; it sends nothing.
        let configuration = FrontcoreConfiguration(apiKey: "fc_declaration_only", paging: paging)
        return try! FrontcoreDriver(configuration: configuration, transport: DeclarationOnlyTransport()).capabilities
    }

    var mappingTable: StatusMappingTable { FrontcoreStatusMapping.table }

    /// A gap in the vendor's numbering.
    var undocumentedVendorStatus: String { "5" }

    /// A bare array of participants; each one's `status.id` must be an integer.
    var strictField: StrictField { StrictField(recordsAt: [], field: ["status", "id"]) }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<FrontcoreDriver> {
        // Each subject gets its own key, so its rate budget runs on its own (virtual) clock.
        let simulator = FrontcoreSimulator(
            seed: setup.seed, participants: setup.courses * setup.enrollmentsPerCourse, courses: setup.courses,
            faults: setup.faults, clock: setup.clock, apiKey: "fc_conformance_\(UUID().uuidString)")
        let key = setup.validCredential ? simulator.apiKey : "fc_wrong_key_\(UUID().uuidString)"
        let observer = RecordingObserver()
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: key, paging: paging), transport: simulator.transport,
            clock: setup.clock,
            observer: observer)
        return ConformanceSubject(
            roster: Roster(driver: driver), backend: FrontcoreBackend(simulator: simulator), secrets: [key],
            observedLog: { observer.lines })
    }
}

/// The simulator seen through the suite's neutral backend protocol.
struct FrontcoreBackend: ConformanceBackend {
    let simulator: FrontcoreSimulator

    var injector: FaultInjector { simulator.injector }

    func courseIDs() async -> [CourseID] { simulator.courseIDs.map { CourseID(String($0)) } }

    func enrollmentIDs(course: CourseID?) async -> Set<EnrollmentID> {
        let ids = simulator.participantIDs(courseID: course.map { Int($0.rawValue) ?? -1 })
        return Set(ids.map { EnrollmentID(String($0)) })
    }

    func insertEnrollment(course: CourseID) async throws -> EnrollmentID {
        guard let id = simulator.insertParticipant(courseID: try number(course.rawValue)) else {
            throw RosterError(.notFound, "no course \(course)")
        }
        return EnrollmentID(String(id))
    }

    func deleteEnrollment(_ id: EnrollmentID) async throws {
        guard simulator.deleteParticipant(try number(id.rawValue)) else {
            throw RosterError(.notFound, "no participant \(id)")
        }
    }

    func setVendorStatus(_ raw: String, of id: EnrollmentID) async throws {
        guard simulator.setStatus(try number(raw), ofParticipant: try number(id.rawValue)) else {
            throw RosterError(.notFound, "no participant \(id)")
        }
    }

    /// The status id, and the `completed` flag where the row's condition names it.
    func apply(_ row: StatusMappingTable.Row, to id: EnrollmentID) async throws {
        try await setVendorStatus(row.vendorStatus, of: id)
        if case .completedFlag(let completed) = row.condition {
            guard simulator.setOutcome(completed: completed, passed: completed, ofParticipant: try number(id.rawValue))
            else { throw RosterError(.notFound, "no participant \(id)") }
        }
    }

    func revokeCredentials() async throws { simulator.revokeAPIKey() }

    func identities(of learner: LearnerID) async throws -> [LearnerIdentity] {
        guard let user = simulator.identity(ofUser: try number(learner.rawValue)) else {
            throw RosterError(.notFound, "no user \(learner)")
        }
        return [
            user.email.flatMap(LearnerIdentity.normalizedEmail),
            user.externalID.flatMap { LearnerIdentity(kind: .externalID, value: $0) },
            user.username.flatMap { LearnerIdentity(kind: .username, value: $0) },
        ].compactMap { $0 }
    }

    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID {
        guard let course = simulator.courseIDs.first,
            let booked = simulator.insertParticipant(
                courseID: course, email: identity.kind == .email ? identity.value : nil,
                externalID: identity.kind == .externalID ? identity.value : nil,
                username: identity.kind == .username ? identity.value : nil)
        else { throw RosterError(.notFound, "the simulator holds no course") }
        return LearnerID(String(booked.user))
    }

    private func number(_ text: String) throws -> Int {
        guard let value = Int(text) else { throw RosterError(.invalidArgument, "not an integer id: \(text)") }
        return value
    }
}
