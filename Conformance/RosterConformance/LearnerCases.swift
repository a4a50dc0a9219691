import Foundation
import RosterCore
import RosterHTTP
import Testing

/// Finding and creating people: lookups by every declared identity kind find the seeded person once,
/// unknown and impossible identities find nobody (the impossible ones without a request), a shared
/// identity is an ambiguity, undeclared kinds and operations throw `unsupported` (through the facade
/// and from the driver itself), and a created person is found by a following lookup.
enum LearnerCases {
    /// For each declared kind, a listed person with an identity of that kind is found, exactly once,
    /// by the facade (as given and with stray spaces and capitals), by the driver itself and by the
    /// batch lookup; lookups send no write.
    static func findsEachKind<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 6))
        let roster = subject.roster
        guard roster.capabilities.supports(.findLearners) else { return }
        let writesBefore = subject.backend.injector.mutatingRequestCount
        var batch: [LearnerIdentity: LearnerID] = [:]
        for kind in roster.capabilities.learnerLookups.sorted() {
            guard let (person, identity) = try await seededPerson(with: kind, subject, context) else { continue }
            batch[identity] = person
            await expectFound(identity, person, subject, context, "\(kind) as stored")
            await expectFound(loosened(identity), person, subject, context, "\(kind) with spaces (and capitals)")
            do {
                let direct = try await roster.driver.findLearners(identity)
                context.check(
                    direct.map(\.id) == [person],
                    "the driver's own lookup of \(identity) gave \(direct.map(\.id.rawValue)), expected [\(person)]")
            } catch {
                context.note(error)
                context.fail("the driver's own lookup of \(identity) failed: \(error)")
            }
        }
        if !batch.isEmpty {
            let answers = try await roster.findLearners(Array(batch.keys))
            for (identity, person) in batch {
                context.check(
                    answers[identity]?.learner?.id == person,
                    "the batch lookup answered \(identity) with \(answers[identity].map { "\($0)" } ?? "nothing")")
            }
        }
        context.check(
            subject.backend.injector.mutatingRequestCount == writesBefore,
            "lookups sent \(subject.backend.injector.mutatingRequestCount - writesBefore) mutating requests")
    }

    /// Identities nobody holds are `.notFound`, for every declared kind.
    static func unknownIsNotFound<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 4))
        let roster = subject.roster
        guard roster.capabilities.supports(.findLearners) else { return }
        let token = UUID().uuidString.prefix(8).lowercased()
        for kind in roster.capabilities.learnerLookups.sorted() {
            let identity = unknown(kind, token)
            do {
                let answer = try await roster.findLearner(identity)
                context.check(answer == .notFound, "the unknown \(identity) was answered \(answer)")
            } catch {
                context.note(error)
                context.fail("looking up the unknown \(identity) failed: \(error)")
            }
        }
    }

    /// An e-mail value that is not an address (the vendor-sample "Larsen"), and blank values of any
    /// declared kind, match nobody and send no request; where e-mail lookups are not declared, even an
    /// impossible address is `unsupported`.
    static func implausibleEmailNeverMatches<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 4))
        let roster = subject.roster
        let injector = subject.backend.injector
        let impossible: [LearnerIdentity] = [.email("Larsen"), .email("  "), .email("a@b"), .email("x@@y.no")]
        guard roster.capabilities.canLookUp(.email) else {
            await context.expectError(.unsupported, "an e-mail lookup where none is declared") {
                try await roster.findLearner(.email("Larsen"))
            }
            return
        }
        let before = injector.requestCount
        for identity in impossible {
            let answer = try await roster.findLearner(identity)
            context.check(answer == .notFound, "the impossible \(identity) was answered \(answer)")
        }
        let batch = try await roster.findLearners(impossible)
        context.check(batch.values.allSatisfy { $0 == .notFound }, "the batch lookup matched an impossible e-mail")
        for kind in roster.capabilities.learnerLookups where kind != .email {
            let blank: LearnerIdentity = kind == .externalID ? .externalID(" \t") : .username("  ")
            let answer = try await roster.findLearner(blank)
            context.check(answer == .notFound, "the blank \(kind) was answered \(answer)")
        }
        context.check(
            injector.requestCount == before,
            "identities that can match nobody sent \(injector.requestCount - before) requests")
    }

    /// A second person planted with a listed person's identity makes the lookup `.ambiguous` with
    /// both, through the facade and from the driver; never one of them picked.
    static func duplicateIsAmbiguous<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(courses: 2, enrollmentsPerCourse: 6))
        let roster = subject.roster
        guard roster.capabilities.supports(.findLearners) else { return }
        for kind in roster.capabilities.learnerLookups.sorted() {
            guard let (person, identity) = try await seededPerson(with: kind, subject, context) else { continue }
            let twin = try await subject.backend.addPerson(sharing: identity)
            let expected = [person, twin].sorted()
            let answer = try await roster.findLearner(identity)
            guard case .ambiguous(let people) = answer else {
                context.fail("\(identity), shared by \(person) and \(twin), was answered \(answer)")
                continue
            }
            context.check(
                people.map(\.id) == expected,
                "the ambiguity over \(identity) lists \(people.map(\.id.rawValue)), expected \(expected.map(\.rawValue))"
            )
            let direct = try await roster.driver.findLearners(identity)
            context.check(
                Set(direct.map(\.id)) == Set(expected) && direct.count == 2,
                "the driver's own lookup of the shared \(identity) gave \(direct.map(\.id.rawValue))")
        }
    }

    /// Every kind the provider does not declare (all of them when `findLearners` is not declared)
    /// throws `unsupported` from the facade, the batch lookup and the driver itself, before any
    /// request; and a provider declares lookup kinds exactly when it declares `findLearners`.
    static func undeclaredKindsThrowUnsupported<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        let caps = roster.capabilities
        context.check(
            caps.supports(.findLearners) == !caps.learnerLookups.isEmpty,
            "findLearners is \(caps.supports(.findLearners) ? "" : "not ")declared with lookup kinds \(caps.learnerLookups.sorted())"
        )
        let injector = subject.backend.injector
        let before = injector.requestCount
        let samples: [LearnerIdentity.Kind: LearnerIdentity] = [
            .email: .email("ase.odegard@example.no"), .externalID: .externalID("HR-4711"),
            .username: .username("ase_o"),
        ]
        for kind in LearnerIdentity.Kind.allCases where !caps.canLookUp(kind) {
            let identity = samples[kind]!
            await context.expectError(.unsupported, "the facade's lookup by the undeclared \(kind)") {
                try await roster.findLearner(identity)
            }
            await context.expectError(.unsupported, "the facade's batch lookup by the undeclared \(kind)") {
                try await roster.findLearners([identity])
            }
            await context.expectError(.unsupported, "the driver's own lookup by the undeclared \(kind)") {
                try await roster.driver.findLearners(identity)
            }
            await context.expectError(.unsupported, "the driver's own batch lookup by the undeclared \(kind)") {
                try await roster.driver.findLearners(anyOf: [identity])
            }
        }
        if !caps.supports(.createLearner) {
            let person = NewLearner(email: "ny.person@example.no")
            await context.expectError(.unsupported, "the facade's createLearner where it is not declared") {
                try await roster.createLearner(person)
            }
            await context.expectError(.unsupported, "the driver's own createLearner where it is not declared") {
                try await roster.driver.createLearner(person)
            }
        }
        context.check(
            injector.requestCount == before,
            "undeclared operations sent \(injector.requestCount - before) requests before refusing")
    }

    /// Where `createLearner` is declared: an address that is no address is refused before anything is
    /// sent; a new person is created with the e-mail normalized and is then found, exactly once, by
    /// every declared kind they carry.
    static func createdIsFoundOnce<H>(_ context: ConformanceContext<H>) async throws {
        let subject = try await context.subject(SubjectSetup(enrollmentsPerCourse: 3))
        let roster = subject.roster
        guard roster.capabilities.supports(.createLearner) else { return }
        let injector = subject.backend.injector
        let before = injector.requestCount
        await context.expectError(.invalidArgument, "creating a person whose e-mail is \"Larsen\"") {
            try await roster.createLearner(NewLearner(email: "Larsen"))
        }
        context.check(injector.requestCount == before, "an impossible e-mail was sent to the vendor")
        let token = UUID().uuidString.prefix(8).lowercased()
        let person = NewLearner(
            email: "  Ny.Person.\(token)@Example.NO ", firstName: "Åse", lastName: "Ødegård",
            externalID: "HR-\(token)", username: "ny_\(token)")
        let created: Learner
        do {
            created = try await roster.createLearner(person)
        } catch {
            context.note(error)
            return context.fail("creating a new person failed: \(error)")
        }
        let email = LearnerIdentity.normalizedEmail(person.email)!
        context.check(
            LearnerIdentity.of(created, kind: .email) == email,
            "the created person's e-mail is \(created.email ?? "absent"), expected \(email.value)")
        var looked = 0
        for kind in roster.capabilities.learnerLookups.sorted() {
            guard let identity = LearnerIdentity.of(created, kind: kind) else { continue }
            looked += 1
            await expectFound(identity, created.id, subject, context, "the created person's \(kind)")
        }
        context.check(looked > 0, "no declared lookup kind can find the person just created")
    }

    // MARK: Helpers

    /// A listed person (lowest learner id first) whom the backend gives an identity of `kind`; nil,
    /// with a failure, when nobody has one.
    static func seededPerson<H>(
        with kind: LearnerIdentity.Kind, _ subject: ConformanceSubject<H.Driver>, _ context: ConformanceContext<H>
    ) async throws -> (LearnerID, LearnerIdentity)? {
        let people = Set(try await subject.roster.listAll().records.map(\.learner.id)).sorted()
        for person in people {
            if let identity = try await subject.backend.identities(of: person).first(where: { $0.kind == kind }) {
                return (person, identity)
            }
        }
        context.fail("no listed person has a \(kind) at the backend: the seeded data cannot test lookups by it")
        return nil
    }

    /// Checks that the facade finds exactly `person` by `identity`.
    static func expectFound<H>(
        _ identity: LearnerIdentity, _ person: LearnerID, _ subject: ConformanceSubject<H.Driver>,
        _ context: ConformanceContext<H>, _ what: String
    ) async {
        do {
            let answer = try await subject.roster.findLearner(identity)
            context.check(answer.learner?.id == person, "looking up \(what) (\(identity)) answered \(answer)")
        } catch {
            context.note(error)
            context.fail("looking up \(what) (\(identity)) failed: \(error)")
        }
    }

    /// `identity` as a sloppy caller would write it: surrounding spaces, and capitals for e-mail.
    static func loosened(_ identity: LearnerIdentity) -> LearnerIdentity {
        switch identity {
        case .email(let value): .email(" \(value.uppercased())\n")
        case .externalID(let value): .externalID("  \(value) ")
        case .username(let value): .username("\t\(value) ")
        }
    }

    /// An identity of `kind` nobody holds.
    static func unknown(_ kind: LearnerIdentity.Kind, _ token: some StringProtocol) -> LearnerIdentity {
        switch kind {
        case .email: .email("nobody.\(token)@example.invalid")
        case .externalID: .externalID("no-such-id-\(token)")
        case .username: .username("no_such_user_\(token)")
        }
    }
}
