import Foundation
import RosterCore

/// The append-only record of one sync's writes: the plan first, then one JSON line per intent (before
/// a write is sent) and per outcome (after its answer), each on disk before the next write starts.
/// A run killed at any instant leaves a journal from which the next run knows, for every write,
/// whether it is done, not started, or uncertain (an intent with no outcome, or an unknown outcome):
/// uncertain writes are settled by reading the target before anything is sent again.
public final class SyncJournal: @unchecked Sendable {
    /// Where it is kept.
    public let path: String
    /// The plan it records the application of.
    public let plan: SyncPlan
    private let file: AppendOnlyFile
    private let lock = NSLock()
    private var states: [StepKey: StepState] = [:]

    /// Opens the journal at `path` for `plan`: a new (or empty) file gets the plan as its first line;
    /// an existing one must hold the same plan (`JournalError.differentPlan` otherwise).
    public static func open(at path: String, for plan: SyncPlan) throws -> SyncJournal {
        let (file, lines) = try AppendOnlyFile.openForAppending(path)
        guard let first = lines.first else {
            try file.append(try JournalEntry.encoder.encode(JournalEntry(plan: plan)))
            return SyncJournal(path: path, plan: plan, file: file, lines: [])
        }
        let recorded = try decodePlan(first, path: path)
        guard try recorded.fingerprint() == plan.fingerprint() else { throw JournalError.differentPlan(path) }
        return try SyncJournal(path: path, plan: recorded, file: file, entries: Array(lines.dropFirst()))
    }

    /// Opens an existing journal to resume it with the plan it holds; nil when there is no journal
    /// at `path` yet or it holds nothing (a run killed before its plan reached the disk).
    public static func resume(at path: String) throws -> SyncJournal? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let (file, lines) = try AppendOnlyFile.openForAppending(path)
        guard let first = lines.first else { return nil }
        let plan = try decodePlan(first, path: path)
        return try SyncJournal(path: path, plan: plan, file: file, entries: Array(lines.dropFirst()))
    }

    private convenience init(path: String, plan: SyncPlan, file: AppendOnlyFile, entries: [Data]) throws {
        self.init(path: path, plan: plan, file: file, lines: [])
        let decoder = JournalEntry.decoder
        for (offset, line) in entries.enumerated() {
            guard let entry = try? JSONNesting.decode(JournalEntry.self, from: line, decoder: decoder), let key = entry.key
            else {
                throw JournalError.damaged(path, line: offset + 2)
            }
            states[key] = StepState(after: entry, previous: states[key])
        }
    }

    private init(path: String, plan: SyncPlan, file: AppendOnlyFile, lines: [Data]) {
        self.path = path
        self.plan = plan
        self.file = file
    }

    private static func decodePlan(_ line: Data, path: String) throws -> SyncPlan {
        guard let entry = try? JSONNesting.decode(JournalEntry.self, from: line, decoder: JournalEntry.decoder),
            let plan = entry.plan
        else {
            throw JournalError.damaged(path, line: 1)
        }
        guard plan.formatVersion == 1 else { throw JournalError.damaged(path, line: 1) }
        return plan
    }

    // MARK: Recording

    /// Records that `step` of `item` is about to be sent (on disk before this returns).
    func intend(_ step: SyncStep, of item: String) throws {
        try record(JournalEntry(intent: step, item: item))
    }

    /// Records the outcome of `step` of `item` (on disk before this returns).
    func settle(_ step: SyncStep, of item: String, _ outcome: StepOutcome) throws {
        try record(JournalEntry(outcome: outcome, step: step, item: item))
    }

    private func record(_ entry: JournalEntry) throws {
        let line = try JournalEntry.encoder.encode(entry)
        try lock.withLock {
            try file.append(line)
            if let key = entry.key { states[key] = StepState(after: entry, previous: states[key]) }
        }
    }

    /// What the journal knows of `step` of `item`.
    func state(of step: SyncStep, item: String) -> StepState {
        lock.withLock { states[StepKey(item: item, step: step)] ?? .notStarted }
    }

    /// Closes the file and releases the lock that keeps a second run out; nothing can be recorded
    /// afterwards. `SyncApplier.apply` closes its journal when it returns or throws.
    public func close() { file.closeFile() }

    /// How many steps the journal shows done.
    public var stepsDone: Int { lock.withLock { states.values.filter { if case .done = $0 { true } else { false } }.count } }
}

/// One write of a plan item.
public enum SyncStep: String, Hashable, Sendable, Codable {
    /// Create the person on the target.
    case createLearner
    /// Put them into the target course.
    case enroll
    /// Change their target enrollment.
    case update
    /// Take them out of the target course.
    case unenroll
}

/// How one write ended.
enum StepOutcome: Hashable, Sendable {
    /// It is done (answered, or found done by reading the target); the ids it produced, if any.
    case done(learner: LearnerID?, enrollment: EnrollmentID?)
    /// The vendor refused it; nothing changed.
    case failed(code: String, message: String)
    /// It was sent but no answer came.
    case unknown(message: String)
}

/// What a journal knows about one write.
enum StepState: Hashable, Sendable {
    /// Never intended.
    case notStarted
    /// Done, with the ids it produced.
    case done(learner: LearnerID?, enrollment: EnrollmentID?)
    /// Refused last time (nothing changed, as far as the vendor said).
    case failed(message: String)
    /// Intended with no outcome, or sent with no answer: read the target before sending again.
    case uncertain

    init(after entry: JournalEntry, previous: StepState?) {
        switch entry.entry {
        case .intent:
            self = .uncertain
        case .outcome:
            switch entry.result {
            case .done?: self = .done(learner: entry.learnerId, enrollment: entry.enrollmentId)
            case .failed?: self = .failed(message: entry.message ?? "")
            case .unknown?, nil: self = .uncertain
            }
        case .plan:
            self = previous ?? .notStarted
        }
    }
}

struct StepKey: Hashable {
    var item: String
    var step: SyncStep
}

/// One line of the journal.
struct JournalEntry: Codable {
    enum Kind: String, Codable { case plan, intent, outcome }
    enum Result: String, Codable { case done, failed, unknown }

    var entry: Kind
    var at: Date?
    var plan: SyncPlan?
    var fingerprint: String?
    var item: String?
    var step: SyncStep?
    var result: Result?
    var learnerId: LearnerID?
    var enrollmentId: EnrollmentID?
    var code: String?
    var message: String?

    init(plan: SyncPlan) throws {
        entry = .plan
        self.plan = plan
        fingerprint = try plan.fingerprint()
        at = Date()
    }

    init(intent step: SyncStep, item: String) {
        entry = .intent
        self.step = step
        self.item = item
        at = Date()
    }

    init(outcome: StepOutcome, step: SyncStep, item: String) {
        entry = .outcome
        self.step = step
        self.item = item
        at = Date()
        switch outcome {
        case .done(let learner, let enrollment):
            result = .done
            learnerId = learner
            enrollmentId = enrollment
        case .failed(let code, let message):
            result = .failed
            self.code = code
            self.message = message
        case .unknown(let message):
            result = .unknown
            self.message = message
        }
    }

    var key: StepKey? {
        guard let item, let step else { return nil }
        return StepKey(item: item, step: step)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A journal that cannot be used.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read or written (with `errno`).
    case io(String, Int32)
    /// A line other than a torn last one does not decode: the journal was edited or damaged.
    case damaged(String, line: Int)
    /// The journal records another plan (another sync, or the same sync planned anew).
    case differentPlan(String)
    /// Another process (or another journal object in this one) holds the journal.
    case inUse(String)

    public var description: String {
        switch self {
        case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .damaged(let path, let line):
            "the journal \(path) is damaged at line \(line); it was not written by this tool as it stands"
        case .differentPlan(let path):
            "the journal \(path) records another plan; resume it without re-planning, or use a new journal"
        case .inUse(let path):
            "the journal \(path) is in use by another run; wait for it to end (two runs would send the same writes)"
        }
    }
}
