#if CLI
import Foundation
import RosterCore

/// The people `roster enroll` was given by identity: looked up on the provider in one batch (one walk
/// where the provider's lookup walks a listing), then each enrolled under its own output line. A
/// lookup that matches two or more people fails that item with the reason; one that matches nobody
/// fails it too, unless the identity is an e-mail and the provider can create people, in which case
/// the person is created first (and the line says `"learnerCreated": true`). Every line names the
/// user id the person resolved to (`learnerId`). In a dry run the creation is the write that gets
/// captured and printed, so nobody is created.
struct EnrollPeople {
    let roster: Roster<AnyRosterDriver>
    let named: [(kind: LearnerIdentity.Kind, text: String)]
    let notify: Bool

    /// The JSON key an identity's value is printed under.
    static func key(_ kind: LearnerIdentity.Kind) -> String {
        switch kind {
        case .email: "email"
        case .externalID: "externalId"
        case .username: "username"
        }
    }

    /// The option an identity kind is given with.
    static func option(_ kind: LearnerIdentity.Kind) -> String {
        switch kind {
        case .email: "--email"
        case .externalID: "--external-id"
        case .username: "--username"
        }
    }

    /// The identity of `kind` exactly as written.
    static func asWritten(_ kind: LearnerIdentity.Kind, _ text: String) -> LearnerIdentity {
        switch kind {
        case .email: .email(text)
        case .externalID: .externalID(text)
        case .username: .username(text)
        }
    }

    /// Refuses (exit 2, before any request) an identity kind the provider cannot look people up by.
    func checkCapabilities() throws {
        let caps = roster.capabilities
        for kind in Set(named.map(\.kind)).sorted() where !caps.canLookUp(kind) {
            let kinds = caps.supports(.findLearners) ? caps.learnerLookups.sorted().map { Self.option($0) } : []
            let hint =
                kinds.isEmpty
                ? "name people by their \(roster.provider) user id" : "use \(kinds.joined(separator: ", ")) or user ids"
            throw ToolFailure(
                .usage,
                "\(roster.provider) cannot look people up by \(kind.rawValue), so \(Self.option(kind)) cannot be used "
                    + "there", hint: hint)
        }
    }

    /// Looks every named person up, then enrolls (creating where allowed) each, recording one line per
    /// person in `batch`.
    func run(
        into batch: inout BatchRun, fields base: [(key: String, value: JSONValue)],
        roleField: [(key: String, value: JSONValue)], dryRun: DryRunRecorder?,
        enroll: (LearnerID) async throws -> String
    ) async throws {
        guard !named.isEmpty else { return }
        // Asked as written (trimmed), so a provider with undocumented matching rules (meltingspot) can be
        // sent the address both as given and normalized; nil for a value that can match nobody.
        let asked: [LearnerIdentity?] = named.map { kind, text in
            let written = Self.asWritten(kind, text.trimmingCharacters(in: .whitespacesAndNewlines))
            return written.normalized == nil ? nil : written
        }
        var answers: [LearnerIdentity: LearnerLookup] = [:]
        var lookupFailure: (any Error)?
        do {
            answers = try await roster.findLearners(asked.compactMap { $0 })
        } catch {
            lookupFailure = error
        }
        // A person created by an earlier item is found by a later one naming them again.
        var created: [LearnerIdentity: LearnerID] = [:]
        for ((kind, text), written) in zip(named, asked) {
            let fields = base + [(key: Self.key(kind), value: .text(text.trimmingCharacters(in: .whitespaces)))]
            try await batch.attempt(fields + roleField, dryRun: dryRun) { (details: BatchRun.ItemDetails) in
                if let lookupFailure { throw lookupFailure }
                guard let written, let identity = written.normalized else {
                    throw ToolFailure(.usage, "\"\(text)\" is not a usable \(kind.rawValue): nobody can match it")
                }
                if let id = created[identity] {
                    details.add("learnerId", .text(id.rawValue))
                    return try await enroll(id)
                }
                switch answers[written] ?? .notFound {
                case .found(let learner):
                    details.add("learnerId", .text(learner.id.rawValue))
                    return try await enroll(learner.id)
                case .ambiguous(let people):
                    let ids = people.map(\.id.rawValue).joined(separator: ", ")
                    throw ToolFailure(
                        .usage,
                        "\(people.count) people on \(roster.provider) have \(identity) (user ids \(ids)): "
                            + "enroll one of them by id")
                case .notFound:
                    guard kind == .email, roster.capabilities.supports(.createLearner) else {
                        let cannot = kind == .email ? ", and \(roster.provider) cannot create people" : ""
                        throw ToolFailure(.notFound, "nobody on \(roster.provider) has \(identity)\(cannot)")
                    }
                    let person = try await roster.createLearner(NewLearner(email: identity.value, notify: notify))
                    created[identity] = person.id
                    details.add("learnerId", .text(person.id.rawValue))
                    details.add("learnerCreated", .bool(true))
                    return try await enroll(person.id)
                }
            }
        }
    }
}
#endif
