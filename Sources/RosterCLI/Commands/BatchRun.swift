#if CLI
import RosterCore

/// Runs one write per item (enroll or unenroll several people), prints one JSON line per item on
/// stdout — `result` is `created`, `alreadyEnrolled`, `removed`, `dryRun`, `failed`, or `unknown` (the
/// write was sent but no answer came, so it may or may not have been applied) — and turns the
/// outcome into the exit status: all done → 0; all failed → the first error's status; all unknown →
/// 10; anything else (some done, or failures mixed with unknowns) → 8. Each failure or unknown
/// outcome is told on stderr as it happens.
struct BatchRun {
    /// `enroll` or `unenroll`.
    let operation: String
    /// The provider name.
    let provider: String
    private(set) var failures: [ToolFailure] = []
    private(set) var unknowns: [ToolFailure] = []
    private(set) var count = 0

    init(operation: String, provider: String) {
        self.operation = operation
        self.provider = provider
    }

    /// Prints one item's outcome. `fields` name the item (courseId, learnerId, …). Throws when stdout
    /// cannot be written: a batch whose outcomes nobody can see must not go on writing.
    mutating func record(
        _ fields: [(key: String, value: JSONValue)], result: String, error: ToolFailure? = nil
    ) throws {
        count += 1
        var line: [(key: String, value: JSONValue)] = [
            (key: "operation", value: .text(operation)), (key: "provider", value: .text(provider)),
        ]
        line += fields
        line.append((key: "result", value: .text(result)))
        if let error {
            line.append((key: "error", value: .text(error.message)))
            if error.status == .outcomeUnknown {
                unknowns.append(error)
                if let hint = error.hint { line.append((key: "hint", value: .text(hint))) }
                TextOutput.standardError.line(
                    TerminalText.flatten("roster: \(operation) outcome unknown: \(error.message)"))
            } else {
                failures.append(error)
                TextOutput.standardError.line(TerminalText.flatten("roster: \(operation) failed: \(error.message)"))
            }
        }
        try TextOutput.standardOutput.write(JSONValue.object(line).compact + "\n")
        try TextOutput.standardOutput.flush()
    }

    /// Runs `body`, recording a failure instead of throwing. In a dry run (`dryRun` set), a write the
    /// recorder captured stopped the operation: it is reported as `dryRun` with the request that would
    /// have been sent. An operation that needed no write (already enrolled) is reported as usual.
    /// Throws only when the outcome cannot be printed.
    mutating func attempt(
        _ fields: [(key: String, value: JSONValue)], dryRun: DryRunRecorder? = nil, _ body: () async throws -> String
    ) async throws {
        try await attempt(fields, dryRun: dryRun) { (_: ItemDetails) in try await body() }
    }

    /// `attempt(_:dryRun:_:)` for an item that learns more about itself on the way (the user id a
    /// lookup found): what `body` adds to `details` is printed after `fields`, whatever the outcome.
    mutating func attempt(
        _ fields: [(key: String, value: JSONValue)], dryRun: DryRunRecorder? = nil,
        _ body: (ItemDetails) async throws -> String
    ) async throws {
        let details = ItemDetails()
        let result: String
        do {
            result = try await body(details)
        } catch {
            let fields = fields + details.fields
            if let request = dryRun?.take() {
                try record(fields + DryRunRecorder.fields(of: request), result: "dryRun")
            } else {
                let failure = Self.failure(error)
                try record(fields, result: failure.status == .outcomeUnknown ? "unknown" : "failed", error: failure)
            }
            return
        }
        try record(fields + details.fields, result: result)
    }

    /// `error` as the tool reports it.
    static func failure(_ error: any Error) -> ToolFailure {
        switch error {
        case let error as RosterError: ToolFailure(error, redactor: EnvironmentSecrets.redactor)
        case let failure as ToolFailure: failure
        default: ToolFailure(.unavailable, "\(error)")
        }
    }

    /// Fields an item adds while it runs.
    final class ItemDetails {
        private(set) var fields: [(key: String, value: JSONValue)] = []
        /// Adds `value` under `key`.
        func add(_ key: String, _ value: JSONValue) { fields.append((key: key, value: value)) }
    }

    /// Throws when any item failed or has an unknown outcome: exit 10 when every item's outcome is
    /// unknown, the first failure's status when every item failed, else 8.
    func finish() throws {
        guard !failures.isEmpty || !unknowns.isEmpty else { return }
        let status: ExitStatus
        if unknowns.count == count {
            status = .outcomeUnknown
        } else if failures.count == count {
            status = failures[0].status
        } else {
            status = .partialFailure
        }
        var parts: [String] = []
        if !failures.isEmpty { parts.append("\(failures.count) of \(count) items failed") }
        if !unknowns.isEmpty { parts.append("\(unknowns.count) of \(count) items have an unknown outcome") }
        throw ToolFailure(
            status, "\(operation): \(parts.joined(separator: " and ")) at \(provider)",
            hint: unknowns.first?.hint ?? failures.first?.hint)
    }
}
#endif
