import Foundation
import FrontcoreSimulator
import RosterConformance
import RosterCore
import RosterFrontcore
import RosterHTTP

/// Runs the shared conformance suite against the Frontcore driver talking to the simulator.
struct FrontcoreHarness: ConformanceHarness {
    var name: String { "frontcore" }

    /// The participant status ids of the vendor's PUT page: 1, 2, 3, 4, 7, 8.
    var documentedVendorStatuses: [String] { FrontcoreStatusMapping.documentedStatusIDs.map(String.init) }

    /// A gap in the vendor's numbering.
    var undocumentedVendorStatus: String { "5" }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<FrontcoreDriver> {
        // Each subject gets its own key, so its rate budget runs on its own (virtual) clock.
        let simulator = FrontcoreSimulator(
            seed: setup.seed, participants: setup.courses * setup.enrollmentsPerCourse, courses: setup.courses,
            faults: setup.faults, clock: setup.clock, apiKey: "fc_conformance_\(UUID().uuidString)")
        let key = setup.validCredential ? simulator.apiKey : "fc_wrong_key_\(UUID().uuidString)"
        let observer = RecordingObserver()
        let driver = try FrontcoreDriver(
            configuration: FrontcoreConfiguration(apiKey: key), transport: simulator.transport, clock: setup.clock,
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
