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

    /// Prints one item's outcome. `fields` name the item (courseId, learnerId, …).
    mutating func record(_ fields: [(key: String, value: JSONValue)], result: String, error: ToolFailure? = nil) {
        count += 1
        var line: [(key: String, value: JSONValue)] = [
            (key: "operation", value: .text(operation)), (key: "provider", value: .text(provider)),
        ]
        line += fields
        line.append((key: "result", value: .text(result)))
        if let error {
            failures.append(error)
            line.append((key: "error", value: .text(error.message)))
            TextOutput.standardError.line("roster: \(operation) failed: \(error.message)")
        }
        TextOutput.standardOutput.write(JSONValue.object(line).compact + "\n")
        TextOutput.standardOutput.flush()
    }

    /// Runs `body`, recording a failure instead of throwing. In a dry run (`dryRun` set), a write the
    /// recorder captured stopped the operation: it is reported as `dryRun` with the request that would
    /// have been sent. An operation that needed no write (already enrolled) is reported as usual.
    mutating func attempt(
        _ fields: [(key: String, value: JSONValue)], dryRun: DryRunRecorder? = nil, _ body: () async throws -> String
    ) async {
        await attempt(fields, dryRun: dryRun) { (_: ItemDetails) in try await body() }
    }

    /// `attempt(_:dryRun:_:)` for an item that learns more about itself on the way (the user id a
    /// lookup found): what `body` adds to `details` is printed after `fields`, whatever the outcome.
    mutating func attempt(
        _ fields: [(key: String, value: JSONValue)], dryRun: DryRunRecorder? = nil,
        _ body: (ItemDetails) async throws -> String
    ) async {
        let details = ItemDetails()
        do {
            let result = try await body(details)
            record(fields + details.fields, result: result)
        } catch {
            let fields = fields + details.fields
            if let request = dryRun?.take() {
                record(fields + DryRunRecorder.fields(of: request), result: "dryRun")
                return
            }
            switch error {
            case let error as RosterError:
                record(fields, result: "failed", error: ToolFailure(error, redactor: EnvironmentSecrets.redactor))
            case let failure as ToolFailure:
                record(fields, result: "failed", error: failure)
            default:
                record(fields, result: "failed", error: ToolFailure(.unavailable, "\(error)"))
            }
        }
    }

    /// Fields an item adds while it runs.
    final class ItemDetails {
        private(set) var fields: [(key: String, value: JSONValue)] = []
        /// Adds `value` under `key`.
        func add(_ key: String, _ value: JSONValue) { fields.append((key: key, value: value)) }
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
