#if CLI
import Foundation
import RosterCore

/// How records are written: `table` for people, `jsonl`/`json`/`csv` for programs.
enum OutputFormat: String, CaseIterable, Sendable {
    case table, jsonl, csv, json
}

/// The columns of the `table` format.
private let tableColumns = [
    "provider", "course", "learner", "email", "username", "external id", "status", "role", "progress",
]

/// Writes canonical records in one format as they arrive: JSON Lines, CSV and JSON record by record,
/// a table row by row (`StreamingTable`: aligned within a window on a terminal).
/// Its calls are serialised by a lock, and `abandon` seals it: an export that stops on a signal does
/// not wait for a copy task stuck in a request, and that task can write nothing more afterwards.
final class RecordWriter: @unchecked Sendable {
    let format: OutputFormat
    let output: TextOutput
    /// Takes every credential out of a record's text before it is written (a vendor may echo one).
    let redactor: CredentialRedactor
    /// True when each record carries the vendor's raw JSON as `raw` (`--raw`).
    let includeRaw: Bool
    private let lock = NSLock()
    private var sealed = false
    private var count = 0
    private var table: StreamingTable
    /// The bytes of the record being written, reused from record to record.
    private var scratch: [UInt8] = []

    /// Writes `format` to `output`; the CSV header or the opening bracket goes out at once, unless
    /// `resumingAfter` says how many records the output already holds (a resumed export appends to
    /// its partial file). Every record passes `redactor` first (by default the one holding the
    /// environment's credentials). With `includeRaw`, each record gets the vendor's JSON as `raw`
    /// (not in a table).
    init(
        format: OutputFormat, output: TextOutput, redactor: CredentialRedactor = EnvironmentSecrets.redactor,
        includeRaw: Bool = false, resumingAfter records: Int? = nil
    ) throws {
        if includeRaw, format == .table {
            throw ToolFailure(.usage, "--raw needs a format for programs: jsonl, json or csv")
        }
        self.format = format
        self.output = output
        self.redactor = redactor
        self.includeRaw = includeRaw
        table = StreamingTable(header: tableColumns, aligned: output.isTerminal)
        if let records {
            count = records
            return
        }
        switch format {
        case .csv: try output.write(CSVText.line(CanonicalRecord.csvColumns + (includeRaw ? ["raw"] : [])) + "\r\n")
        case .json: try output.write("[")
        case .table, .jsonl: break
        }
    }

    /// Records written so far.
    var recordCount: Int { lock.withLock { count } }

    /// Writes one enrollment, with any credential in its text replaced by the redaction mask: always
    /// a whole record in one call, so buffered chunks end between records. Throws
    /// `CancellationError` once the writer is sealed by `abandon`.
    func write(_ enrollment: Enrollment) throws {
        let enrollment = redactor.redact(enrollment)
        var record = CanonicalRecord(enrollment)
        if includeRaw, let raw = enrollment.raw { record.add("raw", RawJSONText.value(raw, redactor: redactor)) }
        try lock.withLock {
            guard !sealed else { throw CancellationError() }
            switch format {
            case .jsonl, .json:
                scratch.removeAll(keepingCapacity: true)
                if format == .json { scratch.append(contentsOf: count == 0 ? [0x0A] : [0x2C, 0x0A]) }
                JSONValue.object(record.fields).write(to: &scratch)
                if format == .jsonl { scratch.append(0x0A) }
                try output.write(bytes: scratch)
            case .csv: try output.write(CSVText.line(record, raw: includeRaw) + "\r\n")
            case .table:
                let text = table.add(Self.tableRow(enrollment))
                if !text.isEmpty {
                    try output.write(text)
                    // A person watches a terminal: each row shows as soon as it is printable.
                    if output.isTerminal { try output.flush() }
                }
            }
            count += 1
        }
    }

    /// Writes out the whole records buffered so far (an export does so every few seconds, so its
    /// temporary file shows progress and a crash loses little).
    func flush() throws { try lock.withLock { try output.flush() } }

    /// Ends the output (closing bracket, or the whole table) and flushes.
    func finish() throws {
        try lock.withLock {
            switch format {
            case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
            case .table: try output.write(table.finish())
            case .jsonl, .csv: break
            }
            try output.flush()
        }
    }

    /// Ends an output whose listing failed or was interrupted, and seals the writer: the whole
    /// records written so far go out, nothing more can be written, and nothing pretends the listing
    /// was complete — a JSON array stays unclosed (so no parser takes it for the whole roster).
    func abandon() throws {
        try lock.withLock {
            sealed = true
            if format == .json, count > 0 { try output.write("\n") }
            if format == .table, count > 0 { try output.write(table.finish()) }
            try output.flush()
        }
    }

    /// The table's columns.
    static var tableHeader: [String] { tableColumns }

    /// The short row a person reads: who (and by which ids other systems know them), where, and how
    /// far along.
    static func tableRow(_ enrollment: Enrollment) -> [String] {
        let learner = enrollment.learner
        let name =
            learner.displayName ?? [learner.firstName, learner.lastName].compactMap { $0 }.joined(separator: " ")
        let course = enrollment.course.title.map { "\($0) (\(enrollment.course.id))" } ?? enrollment.course.id.rawValue
        var status = enrollment.status.name
        if case .unknown = enrollment.status { status += " (\(enrollment.vendorStatus.code))" }
        return [
            enrollment.provider.rawValue, course, name.isEmpty ? learner.id.rawValue : name, learner.email ?? "",
            learner.username ?? "", learner.externalID ?? "", status, enrollment.role.name,
            enrollment.completionRate.map { "\($0)%" } ?? "",
        ]
    }
}
#endif
