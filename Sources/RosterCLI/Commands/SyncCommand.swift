#if CLI
import ArgumentParser
import Foundation
import RosterCore
import RosterHTTP
import RosterSync

/// `roster sync`: plans a migration of learners from one provider's course to another's, and with
/// `--apply` carries it out under a journal that makes it resumable after a crash.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Plan (and with --apply, carry out) a migration of learners between providers.",
        usage: "roster sync --from P --from-course C --to P --to-course C [<options>]",
        discussion: """
            Without --apply it prints the plan (one item per person: enroll,
            createAndEnroll, update, unenroll, inSync or skip, with the reason) and
            writes nothing. With --apply --journal FILE it applies the plan and
            records every write in FILE; run the same command again after a crash
            and it finishes the plan with no write repeated and none lost.
            Exit codes: 0 done, 8 some items failed (listed on stderr), 9 refused
            by the shrink guard. Examples (against
            `roster serve --vendor all --port 8700 --seed 1 --people-in-common 12`):
              roster sync --from frontcore --from-course 22353 --to meltingspot \\
                  --to-course 077ca353-93f8-4e60-a3b4-000b7028473e
              roster sync --from meltingspot --statuses completed \\
                  --from-course 077ca353-93f8-4e60-a3b4-000b7028473e \\
                  --to frontcore --to-course 22353 --apply --journal ms-fc.journal
            """)

    @Option(help: "The source provider.")
    var from: String
    @Option(help: "The source course.")
    var fromCourse: String
    @Option(help: "Only this session (course date) of the source course.")
    var fromSession: String?
    @Option(help: "Replaces the source's base URL.")
    var fromBaseURL: String?

    @Option(help: "The target provider.")
    var to: String
    @Option(help: "The target course.")
    var toCourse: String
    @Option(help: "Only this session (course date) of the target course.")
    var toSession: String?
    @Option(help: "Replaces the target's base URL.")
    var toBaseURL: String?

    @Option(help: "email | external-id | username | map:FILE (a CSV of sourceLearnerId,targetLearnerId).")
    var match: String = "email"

    @Option(help: "Source statuses that count, comma-separated (default: enrolled,inProgress,completed).")
    var statuses: String?

    @Flag(help: "Also unenroll target learners nobody at the source stands for.")
    var mirror = false

    @Option(help: "Refuse a plan removing more than this share of the target's learners (percent).")
    var maxShrink: Double = 10

    @Flag(help: "Accept a plan over --max-shrink, or a mirror of an empty source.")
    var allowShrink = false

    @Flag(help: "Carry the plan out (needs --journal).")
    var apply = false

    @Option(help: "The journal file of an --apply run; an existing one is resumed.")
    var journal: String?

    @Option(help: "table | jsonl | json")
    var format: SyncFormat = .table

    @Option(help: "Items worked on at once while applying.")
    var concurrency: Int = 4

    @Option(help: "Retries of a request answered 429/5xx or failing on the network.")
    var retries: Int = 5

    @Option(help: "Seconds the whole run may spend on the network (0: no limit).")
    var deadline: Double = 0

    @Flag(help: "Log every request (method, URL without secrets, status, time) to stderr.")
    var verbose = false

    func validate() throws {
        guard (1...32).contains(concurrency) else { throw ValidationError("--concurrency must be within 1...32") }
        guard maxShrink >= 0, maxShrink <= 100 else { throw ValidationError("--max-shrink must be within 0...100") }
        guard deadline >= 0, deadline.isFinite else { throw ValidationError("--deadline must be ≥ 0 seconds") }
        if apply && journal == nil { throw ValidationError("--apply needs --journal FILE (it makes the run resumable)") }
        if !apply && journal != nil { throw ValidationError("--journal is for --apply runs") }
    }

    func run() async throws {
        try await RunDeadline.withDeadline(seconds: deadline) { try await carryOut() }
    }

    private func carryOut() async throws {
        _ = try IDArgument.checked(fromCourse, "--from-course")
        _ = try IDArgument.checked(toCourse, "--to-course")
        _ = try IDArgument.checked(fromSession, "--from-session")
        _ = try IDArgument.checked(toSession, "--to-session")
        let request = try syncRequest()
        let source = try ConnectionOptions.roster(provider: from, baseURL: fromBaseURL, retries: retries, verbose: verbose)
        let target = try ConnectionOptions.roster(provider: to, baseURL: toBaseURL, retries: retries, verbose: verbose)
        let output = SyncOutput(format: format.outputFormat)
        guard apply, let journalPath = journal else {
            let plan = try await plan(request, source, target, output: output)
            try output.plan(plan)
            return
        }
        let journal: SyncJournal
        if let resumed = try openExisting(journalPath, request: request, source: source, target: target) {
            TextOutput.standardError.line(
                "roster: resuming the plan in \(journalPath) (\(resumed.stepsDone) writes already done)")
            journal = resumed
        } else {
            let plan = try await plan(request, source, target, output: output)
            journal = try SyncJournal.open(at: journalPath, for: plan)
        }
        let progress = SyncProgress(total: journal.plan.items.filter(\.action.writes).count)
        let report = try await SyncApplier(target: target, concurrency: concurrency).apply(journal: journal) {
            progress.note($0)
        }
        progress.clear()
        try output.applied(report, plan: journal.plan)
        try output.summarize(report)
    }

    /// The plan, or exit 9 (after printing it) when the shrink guard refuses it.
    private func plan(
        _ request: SyncRequest, _ source: Roster<AnyRosterDriver>, _ target: Roster<AnyRosterDriver>,
        output: SyncOutput
    ) async throws -> SyncPlan {
        do {
            return try await SyncPlanner(source: source, target: target).plan(request)
        } catch let refusal as SyncRefusal {
            try output.plan(refusal.plan)
            throw ToolFailure(
                .shrinkGuard, "sync refused: \(refusal)",
                hint: "look at the plan above; if it is meant, run again with --allow-shrink (or a higher --max-shrink)")
        }
    }

    /// The journal at `path` when it exists and holds a plan for this very sync; a usage failure
    /// when it holds another one.
    private func openExisting(
        _ path: String, request: SyncRequest, source: Roster<AnyRosterDriver>, target: Roster<AnyRosterDriver>
    ) throws -> SyncJournal? {
        do {
            guard let journal = try SyncJournal.resume(at: path) else { return nil }
            let plan = journal.plan
            guard plan.request == request, plan.sourceProvider == source.provider,
                plan.targetProvider == target.provider
            else {
                throw ToolFailure(
                    .usage, "the journal \(path) records another sync (\(plan.sourceProvider) → \(plan.targetProvider))",
                    hint: "use a new journal file for a new sync")
            }
            return journal
        } catch let error as JournalError {
            throw ToolFailure(.usage, "\(error)")
        }
    }

    /// The request the options describe.
    func syncRequest() throws -> SyncRequest {
        let counted = try statuses.map { try Set(QueryOptions.list($0).map(QueryOptions.status)) }
        guard counted?.isEmpty != true else { throw ToolFailure(.usage, "--statuses names no status") }
        return SyncRequest(
            source: SyncSource(
                course: CourseID(fromCourse), session: fromSession.map(SessionID.init),
                statuses: counted ?? SyncSource.defaultStatuses),
            target: SyncTarget(course: CourseID(toCourse), session: toSession.map(SessionID.init)),
            match: try Self.matchRule(match), mode: mirror ? .mirror : .add,
            shrinkGuard: ShrinkGuard(maxShrinkPercent: maxShrink, allowShrink: allowShrink))
    }

    /// `email`, `external-id`, `username` or `map:FILE`.
    static func matchRule(_ text: String) throws -> MatchRule {
        switch text {
        case "email": return .identity(.email)
        case "external-id": return .identity(.externalID)
        case "username": return .identity(.username)
        default:
            guard text.hasPrefix("map:"), text.count > 4 else {
                throw ToolFailure(.usage, "--match must be email, external-id, username or map:FILE")
            }
            let path = String(text.dropFirst(4))
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ToolFailure(.usage, "cannot read the mapping file \(path)")
            }
            do {
                return .mapping(try MappingFile.parse(data))
            } catch let error as RosterError {
                throw ToolFailure(.usage, "\(path): \(error.message)")
            }
        }
    }
}
#endif

#if CLI
/// The values `sync --format` accepts (a plan has no CSV form).
enum SyncFormat: String, CaseIterable, ExpressibleByArgument {
    case table, jsonl, json

    /// The output's format.
    var outputFormat: OutputFormat { OutputFormat(rawValue: rawValue)! }
}
#endif
