#if CLI
import Foundation
import RosterCore
import RosterSync

/// How `roster sync` prints a plan and an applied run: a table for people, JSON Lines (one item or
/// outcome per line, with at least `action`, `sourceLearnerId`, `targetLearnerId`, `reason`), or
/// one JSON document (the plan exactly as it is journaled; the run's report).
struct SyncOutput {
    let format: OutputFormat

    /// Prints the plan on stdout and a one-line count on stderr.
    func plan(_ plan: SyncPlan) throws {
        switch format {
        case .json:
            try TextOutput.standardOutput.write(String(decoding: try plan.encoded(), as: UTF8.self) + "\n")
        case .jsonl:
            for item in plan.items { try TextOutput.standardOutput.write(JSONValue.object(Self.fields(item)).compact + "\n") }
        case .table, .csv:
            var table = TableText(header: ["action", "source learner", "target learner", "reason"])
            table.rows = plan.items.map { item in
                [item.action.rawValue, Self.person(item.sourceLearnerId, item.identity), item.targetLearnerId?.rawValue ?? "",
                 item.reason]
            }
            try TextOutput.standardOutput.write(table.render(aligned: TextOutput.standardOutput.isTerminal))
        }
        try TextOutput.standardOutput.flush()
        TextOutput.standardError.line(
            "roster: plan \(plan.sourceProvider) → \(plan.targetProvider): " + Self.counts(plan)
                + " (\(plan.targetLearners) learners in the target course now)")
    }

    /// Prints one outcome per item that writes (JSON Lines, table) or the whole report (JSON).
    func applied(_ report: SyncApplyReport, plan: SyncPlan) throws {
        let outcomes = report.outcomes.filter { $0.item.action.writes }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try TextOutput.standardOutput.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        case .jsonl:
            for outcome in outcomes {
                var fields = Self.fields(outcome.item)
                if let learner = outcome.targetLearnerId, outcome.item.targetLearnerId == nil {
                    fields.append((key: "createdLearnerId", value: .text(learner.rawValue)))
                }
                fields.append((key: "result", value: .text(outcome.result.rawValue)))
                fields.append((key: "writesSent", value: .number(outcome.writesSent)))
                fields.append((key: "writesAlreadyDone", value: .number(outcome.writesAlreadyDone)))
                if let error = outcome.error { fields.append((key: "error", value: .text(error))) }
                try TextOutput.standardOutput.write(JSONValue.object(fields).compact + "\n")
            }
        case .table, .csv:
            var table = TableText(header: ["action", "source learner", "target learner", "result", "writes", "error"])
            table.rows = outcomes.map { outcome in
                [outcome.item.action.rawValue, Self.person(outcome.item.sourceLearnerId, outcome.item.identity),
                 outcome.targetLearnerId?.rawValue ?? "", outcome.result.rawValue,
                 "\(outcome.writesSent) sent, \(outcome.writesAlreadyDone) already done", outcome.error ?? ""]
            }
            try TextOutput.standardOutput.write(table.render(aligned: TextOutput.standardOutput.isTerminal))
        }
        try TextOutput.standardOutput.flush()
    }

    /// Says on stderr what the run did; throws exit 8 listing every item that failed or stayed unknown.
    func summarize(_ report: SyncApplyReport) throws {
        let done = report.outcomes.filter { $0.result == .applied }.count
        let settled = report.outcomes.reduce(0) { $0 + $1.writesSettledByReading }
        TextOutput.standardError.line(
            "roster: applied \(done) items with \(report.writesSent) writes sent"
                + (settled > 0 ? " (\(settled) uncertain writes settled by reading the target)" : ""))
        let bad = report.failed + report.unknown
        guard !bad.isEmpty else { return }
        for outcome in bad {
            TextOutput.standardError.line(
                TerminalText.flatten("roster: \(outcome.item.id) \(outcome.result.rawValue): \(outcome.error ?? "")"))
        }
        throw ToolFailure(
            .partialFailure, "sync: \(report.failed.count) items failed, \(report.unknown.count) unknown",
            hint: "fix the cause and run the same command again: the journal resumes where this run stopped")
    }

    /// The JSON fields of one plan item.
    static func fields(_ item: SyncItem) -> [(key: String, value: JSONValue)] {
        var fields: [(key: String, value: JSONValue)] = [
            (key: "item", value: .text(item.id)), (key: "action", value: .text(item.action.rawValue)),
        ]
        func add(_ key: String, _ value: String?) {
            if let value { fields.append((key: key, value: .text(value))) }
        }
        add("sourceLearnerId", item.sourceLearnerId?.rawValue)
        add("targetLearnerId", item.targetLearnerId?.rawValue)
        fields.append((key: "reason", value: .text(item.reason)))
        add("identity", item.identity?.description)
        add("sourceEnrollmentId", item.sourceEnrollmentId?.rawValue)
        add("sourceStatus", item.sourceStatus?.name)
        add("targetEnrollmentId", item.targetEnrollmentId?.rawValue)
        add("targetStatus", item.targetStatus?.name)
        add("createsLearnerWithEmail", item.newLearner?.email)
        if let update = item.update {
            var changes: [(key: String, value: JSONValue)] = []
            if let status = update.status { changes.append((key: "status", value: .text(status.name))) }
            if let completed = update.completed { changes.append((key: "completed", value: .bool(completed))) }
            if let passed = update.passed { changes.append((key: "passed", value: .bool(passed))) }
            fields.append((key: "update", value: .object(changes)))
        }
        return fields
    }

    static func person(_ id: LearnerID?, _ identity: LearnerIdentity?) -> String {
        [id?.rawValue, identity?.value].compactMap { $0 }.joined(separator: " ")
    }

    static func counts(_ plan: SyncPlan) -> String {
        let counts = plan.counts
        return SyncAction.allCases.compactMap { action in counts[action].map { "\(action.rawValue) \($0)" } }
            .joined(separator: ", ")
    }
}

/// `n of m items` on stderr while applying, when stderr is a terminal.
final class SyncProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let shown = TextOutput.standardError.isTerminal

    init(total: Int) { self.total = total }

    func note(_ outcome: SyncItemOutcome) {
        guard shown, outcome.item.action.writes else { return }
        let text = lock.withLock { () -> String in
            done += 1
            return "\r\u{1B}[2K  applying: \(done) of \(total) items"
        }
        try? TextOutput.standardError.write(text)
        try? TextOutput.standardError.flush()
    }

    func clear() {
        guard shown else { return }
        try? TextOutput.standardError.write("\r\u{1B}[2K")
        try? TextOutput.standardError.flush()
    }
}
#endif
