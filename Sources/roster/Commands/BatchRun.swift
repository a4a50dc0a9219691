#if CLI
import RosterCore

/// Runs one write per item (enroll or unenroll several people), prints one JSON line per item on
/// stdout — `result` is `created`, `alreadyEnrolled`, `removed`, `dryRun` or `failed` — and turns
/// the outcome into the exit status: all done → 0; all failed → the first error's status; some
/// failed → 8. Each failure is told on stderr as it happens.
struct BatchRun {
    /// `enroll` or `unenroll`.
    let operation: String
    /// The provider name.
    let provider: String
    private(set) var failures: [ToolFailure] = []
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
            failures.append(error)
            line.append((key: "error", value: .text(error.message)))
            TextOutput.standardError.line(TerminalText.flatten("roster: \(operation) failed: \(error.message)"))
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
        let result: String
        do {
            result = try await body()
        } catch {
            if let request = dryRun?.take() {
                try record(fields + DryRunRecorder.fields(of: request), result: "dryRun")
            } else {
                try record(fields, result: "failed", error: Self.failure(error))
            }
            return
        }
        try record(fields, result: result)
    }

    /// `error` as the tool reports it.
    static func failure(_ error: any Error) -> ToolFailure {
        switch error {
        case let error as RosterError: ToolFailure(error, redactor: EnvironmentSecrets.redactor)
        case let failure as ToolFailure: failure
        default: ToolFailure(.unavailable, "\(error)")
        }
    }

    /// Throws when any item failed: with the first failure's status when all did, else with 8.
    func finish() throws {
        guard let first = failures.first else { return }
        let status: ExitStatus = failures.count == count ? first.status : .partialFailure
        throw ToolFailure(
            status, "\(operation): \(failures.count) of \(count) items failed at \(provider)", hint: first.hint)
    }
}
#endif
