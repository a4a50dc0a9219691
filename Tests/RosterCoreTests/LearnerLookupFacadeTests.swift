import Foundation
import RosterCore
import Testing

/// The facade's people operations over a fake driver: capability and kind checks, impossible
/// identities answered without a call, ambiguity instead of a guess, creation checks.
@Suite struct LearnerLookupFacadeTests {
    static let anna = Learner(id: "u2", email: "Anna@Example.no", username: "anna", externalID: "HR-2")
    static let anna2 = Learner(id: "u1", email: "anna@example.NO", username: "anna2")
    static let bob = Learner(id: "u3", email: "bob@example.no", username: "Bob", externalID: "HR-3")

    @Test func zeroOneAndTwoMatchesAreNotFoundFoundAndAmbiguousSortedByID() async throws {
        let driver = PeopleDriver(people: [Self.anna, Self.anna2, Self.bob])
        let roster = Roster(driver: driver)
        #expect(try await roster.findLearner(.email("carl@example.no")) == .notFound)
        #expect(try await roster.findLearner(.email("BOB@example.no")) == .found(Self.bob))
        #expect(try await roster.findLearner(.email("anna@example.no")) == .ambiguous([Self.anna2, Self.anna]))
        #expect(try await roster.findLearner(.username("bob")) == .notFound, "usernames keep their case")
        #expect(try await roster.findLearner(.externalID(" HR-3 ")) == .found(Self.bob))
    }

    @Test func theDriverGetsTheIdentityAsWrittenAndItsAnswerIsCheckedAndDeduplicated() async throws {
        var driver = PeopleDriver(people: [Self.anna, Self.bob])
        // A sloppy driver: answers everybody, and Anna twice.
        driver.answer = { _, people in people + [people[0]] }
        let roster = Roster(driver: driver)
        #expect(try await roster.findLearner(.email(" ANNA@example.no")) == .found(Self.anna))
        #expect(driver.log.calls == [" ANNA@example.no"])
    }

    @Test func undeclaredOperationOrKindIsUnsupportedWithoutACall() async throws {
        let silent = PeopleDriver(people: [Self.anna], operations: [.listEnrollments])
        let error = await #expect(throws: RosterError.self) {
            try await Roster(driver: silent).findLearner(.username("anna"))
        }
        #expect(error?.code == .unsupported)
        let emailOnly = PeopleDriver(people: [Self.anna], kinds: [.email])
        let kindError = await #expect(throws: RosterError.self) {
            try await Roster(driver: emailOnly).findLearners([.email("anna@example.no"), .externalID("HR-2")])
        }
        #expect(kindError?.code == .unsupported)
        #expect(kindError?.message.contains("externalID") == true)
        #expect(silent.log.calls.isEmpty && emailOnly.log.calls.isEmpty)
    }

    @Test func anIdentityThatCanMatchNobodyIsNotFoundWithoutACall() async throws {
        let driver = PeopleDriver(people: [Learner(id: "524957", email: "Larsen")])
        let roster = Roster(driver: driver)
        #expect(try await roster.findLearner(.email("Larsen")) == .notFound)
        #expect(try await roster.findLearner(.username("   ")) == .notFound)
        #expect(
            try await roster.findLearners([.email("larsen"), .externalID("")]).values.allSatisfy { $0 == .notFound })
        #expect(driver.log.calls.isEmpty)
    }

    @Test func aBatchIsOneDriverCallKeyedAsAskedAndAnOmittedIdentityIsAskedAlone() async throws {
        var driver = PeopleDriver(people: [Self.anna, Self.anna2, Self.bob])
        driver.omitFromBatch = .username("Bob")
        let roster = Roster(driver: driver)
        let asked: [LearnerIdentity] = [
            .email(" Anna@example.no"), .username("Bob"), .externalID("HR-9"), .email("Larsen"),
        ]
        let answers = try await roster.findLearners(asked)
        #expect(answers.count == 4)
        #expect(answers[.email(" Anna@example.no")] == .ambiguous([Self.anna2, Self.anna]))
        #expect(answers[.username("Bob")] == .found(Self.bob))
        #expect(answers[.externalID("HR-9")] == .notFound)
        #expect(answers[.email("Larsen")] == .notFound)
        #expect(driver.log.batches == 1)
        // The batch answered two; the identity it left out was asked alone afterwards.
        #expect(driver.log.calls.dropLast().sorted() == [" Anna@example.no", "HR-9"])
        #expect(driver.log.calls.last == "Bob")
    }

    @Test func perCourseProvidersNeedNoCourseToFindOrCreatePeople() async throws {
        let driver = PeopleDriver(people: [Self.bob], needsCourse: true)
        let roster = Roster(driver: driver)
        #expect(try await roster.findLearner(.email("bob@example.no")) == .found(Self.bob))
        #expect(try await roster.createLearner(NewLearner(email: "ny@example.no")).id == "new-1")
    }

    @Test func createLearnerSendsTheNormalizedAddressAndDropsBlankFields() async throws {
        let driver = PeopleDriver(people: [])
        let created = try await Roster(driver: driver).createLearner(
            NewLearner(
                email: "  Ny.Person@Example.NO ", firstName: " ", lastName: "Ødegård", externalID: " HR-5 ",
                username: "\t", notify: true))
        let sent = try #require(driver.log.created.first)
        #expect(
            sent == NewLearner(email: "ny.person@example.no", lastName: "Ødegård", externalID: "HR-5", notify: true))
        #expect(created.email == "ny.person@example.no")
    }

    @Test func createLearnerRefusesAnImpossibleAddressOrAMissingCapabilityBeforeTheDriver() async throws {
        let driver = PeopleDriver(people: [])
        let bad = await #expect(throws: RosterError.self) {
            try await Roster(driver: driver).createLearner(NewLearner(email: "Larsen"))
        }
        #expect(bad?.code == .invalidArgument)
        let readOnly = PeopleDriver(people: [], operations: [.listEnrollments, .findLearners])
        let unsupported = await #expect(throws: RosterError.self) {
            try await Roster(driver: readOnly).createLearner(NewLearner(email: "ny@example.no"))
        }
        #expect(unsupported?.code == .unsupported)
        #expect(driver.log.created.isEmpty && readOnly.log.created.isEmpty)
    }

    @Test func driverErrorsAreAttributedToTheProvider() async throws {
        var driver = PeopleDriver(people: [])
        driver.answer = { _, _ in throw RosterError(.unavailable, "boom") }
        let error = await #expect(throws: RosterError.self) {
            try await Roster(driver: driver).findLearner(.username("anna"))
        }
        #expect(error?.provider == "people")
    }
}

/// A driver over a fixed list of people that logs every lookup and creation.
struct PeopleDriver: RosterDriver {
    let provider: ProviderID = "people"
    let capabilities: DriverCapabilities
    let people: [Learner]
    let log = PeopleLog()
    /// What a lookup answers, given the identity and the people who match it (default: them).
    var answer: @Sendable (LearnerIdentity, [Learner]) throws -> [Learner] = { _, matches in matches }
    /// An identity the batch lookup leaves out of its answer.
    var omitFromBatch: LearnerIdentity?

    init(
        people: [Learner],
        operations: Set<DriverCapabilities.Operation> = [.listEnrollments, .findLearners, .createLearner],
        kinds: Set<LearnerIdentity.Kind> = Set(LearnerIdentity.Kind.allCases), needsCourse: Bool = false
    ) {
        self.people = people
        capabilities = DriverCapabilities(
            operations: operations, enrollmentPaging: .keyset, coursePaging: .keyset, defaultPageSize: 10,
            maxPageSize: 10, serverFilters: [], listsPerCourse: needsCourse, needsCourseForRecordAccess: needsCourse,
            learnerLookups: operations.contains(.findLearners) ? kinds : [])
    }

    func fetchEnrollments(_ request: PageRequest<EnrollmentQuery>) async throws -> FetchedPage<Enrollment> {
        FetchedPage(records: [])
    }

    func findLearners(_ identity: LearnerIdentity) async throws -> [Learner] {
        log.call(identity.value)
        return try answer(identity, people.filter(identity.matches))
    }

    func findLearners(anyOf identities: Set<LearnerIdentity>) async throws -> [LearnerIdentity: [Learner]] {
        log.batch()
        var found: [LearnerIdentity: [Learner]] = [:]
        for identity in identities where identity != omitFromBatch {
            log.call(identity.value)
            found[identity] = try answer(identity, people.filter(identity.matches))
        }
        return found
    }

    func createLearner(_ learner: NewLearner) async throws -> Learner {
        let number = log.create(learner)
        return Learner(id: LearnerID("new-\(number)"), email: learner.email, lastName: learner.lastName)
    }
}

/// What a `PeopleDriver` was asked.
final class PeopleLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storedCalls: [String] = []
    private var storedBatches = 0
    private var storedCreated: [NewLearner] = []

    func call(_ value: String) { lock.withLock { storedCalls.append(value) } }
    func batch() { lock.withLock { storedBatches += 1 } }
    func create(_ learner: NewLearner) -> Int {
        lock.withLock {
            storedCreated.append(learner)
            return storedCreated.count
        }
    }
    var calls: [String] { lock.withLock { storedCalls } }
    var batches: Int { lock.withLock { storedBatches } }
    var created: [NewLearner] { lock.withLock { storedCreated } }
}
