import Foundation
import RosterConformance
import RosterCore
import RosterHTTP
import RosterInMemory

/// Runs the shared conformance suite against the in-memory provider, in one paging style.
struct InMemoryHarness: ConformanceHarness {
    let paging: PagingStyle
    static let wrongToken = "wrong-token-7d1e55"

    var name: String { "in-memory, \(paging)" }
    var documentedVendorStatuses: [String] { InMemoryAPI.statusCodes }
    var undocumentedVendorStatus: String { "on_hold" }

    func makeSubject(_ setup: SubjectSetup) async throws -> ConformanceSubject<InMemoryDriver> {
        let provider = InMemoryProvider(
            seed: setup.seed, courses: setup.courses, enrollmentsPerCourse: setup.enrollmentsPerCourse, paging: paging,
            faults: setup.faults, credential: setup.validCredential ? nil : Self.wrongToken, clock: setup.clock)
        let observer = provider.observer
        return ConformanceSubject(
            roster: provider.roster, backend: InMemoryBackend(provider: provider),
            secrets: [provider.token, Self.wrongToken], observedLog: { observer.lines })
    }
}

/// The in-memory store seen as a conformance backend.
struct InMemoryBackend: ConformanceBackend {
    let provider: InMemoryProvider

    var injector: FaultInjector { provider.injector }

    func courseIDs() async -> [CourseID] { provider.store.courses.map { CourseID($0.id) } }

    func enrollmentIDs(course: CourseID?) async -> Set<EnrollmentID> {
        Set(
            provider.store.enrollments.filter { course == nil || $0.courseID == course?.rawValue }.map {
                EnrollmentID($0.id)
            })
    }

    func insertEnrollment(course: CourseID) async throws -> EnrollmentID {
        guard let target = provider.store.courses.first(where: { $0.id == course.rawValue }) else {
            throw RosterError(.notFound, "no course \(course)")
        }
        return EnrollmentID(InMemoryDataGenerator(seed: 1).insertNewLearner(in: target, into: provider.store).id)
    }

    func deleteEnrollment(_ id: EnrollmentID) async throws {
        guard provider.store.delete(id.rawValue) else { throw RosterError(.notFound, "no enrollment \(id)") }
    }

    func setVendorStatus(_ raw: String, of id: EnrollmentID) async throws {
        guard provider.store.setStatus(raw, of: id.rawValue) != nil else {
            throw RosterError(.notFound, "no enrollment \(id)")
        }
    }
}

extension InMemoryBackend {
    func identities(of learner: LearnerID) async throws -> [LearnerIdentity] {
        guard let person = provider.store.person(learner.rawValue) else {
            throw RosterError(.notFound, "no person \(learner)")
        }
        return [
            person.email.flatMap(LearnerIdentity.normalizedEmail),
            person.externalID.flatMap { LearnerIdentity(kind: .externalID, value: $0) },
            person.username.flatMap { LearnerIdentity(kind: .username, value: $0) },
        ].compactMap { $0 }
    }

    func addPerson(sharing identity: LearnerIdentity) async throws -> LearnerID {
        var twin = InMemoryLearner(id: "", email: "twin.\(UUID().uuidString.prefix(8))@example.org", firstName: "Twin")
        switch identity {
        case .email(let value): twin.email = value
        case .externalID(let value): twin.externalID = value
        case .username(let value): twin.username = value
        }
        return LearnerID(provider.store.addPerson(twin).id)
    }
}

/// The four paging styles the in-memory API can serve.
let allPagingStyles: [PagingStyle] = [
    .pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .keyset, .nextLink,
]
