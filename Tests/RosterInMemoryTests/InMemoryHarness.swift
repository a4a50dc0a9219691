import Foundation
import RosterConformance
import RosterCore
import RosterHTTP
import RosterInMemory

/// Runs the shared conformance suite against the in-memory provider, in one paging style.
struct InMemoryHarness: ConformanceHarness {
    let paging: PagingStyle
    static let wrongToken = "wrong-token-7d1e55"

    var name: String { "in-memory (\(pagingName(paging)))" }
    var declaredCapabilities: DriverCapabilities {
        InMemoryProvider(courses: 1, enrollmentsPerCourse: 0, paging: paging).roster.capabilities
    }
    var mappingTable: StatusMappingTable { InMemoryStatusMapping.table }
    var undocumentedVendorStatus: String { "on_hold" }
    var strictField: StrictField {
        switch paging {
        case .pageNumber, .keyset: StrictField(recordsAt: [], field: ["status"])
        case .pageNumberWithTotal: StrictField(recordsAt: ["items"], field: ["status"])
        case .nextLink: StrictField(recordsAt: ["results"], field: ["status"])
        }
    }

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

    /// The raw status, and the raw role where the row names one (the API keeps no condition fields).
    func apply(_ row: StatusMappingTable.Row, to id: EnrollmentID) async throws {
        let changed = provider.store.modify(id.rawValue) { record in
            record.status = row.vendorStatus
            if let role = row.vendorRole { record.role = role }
        }
        guard changed != nil else { throw RosterError(.notFound, "no enrollment \(id)") }
    }

    func revokeCredentials() async throws { provider.store.revoke(token: provider.token) }
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

/// A short name for `style`, for test names.
func pagingName(_ style: PagingStyle) -> String {
    switch style {
    case .pageNumber: "page numbers"
    case .pageNumberWithTotal: "page numbers with total"
    case .keyset: "keyset"
    case .nextLink: "next links"
    }
}

/// The four paging styles the in-memory API can serve.
let allPagingStyles: [PagingStyle] = [
    .pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .keyset, .nextLink,
]
