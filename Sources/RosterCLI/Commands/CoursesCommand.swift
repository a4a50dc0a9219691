#if CLI
import ArgumentParser
import Foundation
import RosterCore

/// `roster courses`: the provider's courses, one record each, for providers that declare the
/// `listCourses` capability. Others are refused with exit 2, naming the providers that can.
struct CoursesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courses", abstract: "List a provider's courses: id, title, status.",
        usage: "roster courses --provider <provider> [<options>]",
        discussion: """
            Only providers that can list courses (see `roster providers`). Example:
              roster courses --provider course-dashboard --members
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Only courses whose title holds this text.")
    var search: String?

    @Flag(help: "Add each course's member count (one request per course).")
    var members = false

    @Option(help: "table | jsonl | csv | json")
    var format: OutputFormat = .table

    func run() async throws {
        let roster = try connection.roster()
        guard roster.capabilities.supports(.listCourses) else {
            let able = try ProviderCatalog.all.filter { try ProviderCatalog.capabilities(of: $0).supports(.listCourses) }
            throw ToolFailure(
                .usage, "\(roster.provider) cannot list its courses (it declares no listCourses capability)",
                hint: "providers that can: \(able.map(\.name).joined(separator: ", ")); `roster providers` shows all")
        }
        var output = CourseWriter(format: format, output: .standardOutput)
        try output.begin()
        do {
            for try await course in roster.courses(CourseQuery(search: search)) {
                let count = members ? try await Self.memberCount(of: course.id, in: roster) : nil
                try output.write(CourseRecord(provider: roster.provider, course: course, members: count))
            }
        } catch let error as FileWriteError {
            TextOutput.standardOutput.discard()
            throw error
        } catch {
            try output.abandon()
            throw error
        }
        try output.finish()
    }

    /// The number of people in `course` as the vendor counts them, read from the total on the first
    /// page of a one-record listing; nil when the vendor reports no total.
    static func memberCount(of course: CourseID, in roster: Roster<AnyRosterDriver>) async throws -> Int? {
        let listing = roster.enrollments(EnrollmentQuery(course: course, pageSize: 1))
        var iterator = listing.makeAsyncIterator()
        _ = try await iterator.next()
        return iterator.report.firstReportedTotal
    }
}

/// One course as the tool prints it, fields in a fixed order, absent ones left out.
struct CourseRecord {
    /// The fields in output order.
    let fields: [(key: String, value: JSONValue)]

    /// The CSV columns, in order.
    static let columns = [
        "provider", "id", "title", "status", "reference", "privacy", "members", "createdAt", "updatedAt",
    ]

    /// The record of `course` at `provider`, with its member count when known.
    init(provider: ProviderID, course: Course, members: Int?) {
        var fields: [(key: String, value: JSONValue)] = [
            (key: "provider", value: .text(provider.rawValue)), (key: "id", value: .text(course.id.rawValue)),
        ]
        func add(_ key: String, _ value: JSONValue?) { if let value { fields.append((key: key, value: value)) } }
        add("title", .text(present: course.title))
        add("status", .text(present: course.vendorStatus))
        add("reference", .text(present: course.reference))
        add("privacy", .text(present: course.privacy))
        add("members", members.map { .number($0) })
        add("createdAt", course.createdAt.map { .text(ISO8601Instant.format($0)) })
        add("updatedAt", course.updatedAt.map { .text(ISO8601Instant.format($0)) })
        self.fields = fields
    }

    /// The value of `key`, or nil when absent.
    func value(_ key: String) -> JSONValue? { fields.first { $0.key == key }?.value }
}

/// Writes course records in one format as they arrive (the table streams like `list`'s).
struct CourseWriter {
    let format: OutputFormat
    let output: TextOutput
    private var count = 0
    private var table: StreamingTable

    /// The table's columns.
    static let tableColumns = ["id", "title", "status", "members"]

    init(format: OutputFormat, output: TextOutput) {
        self.format = format
        self.output = output
        table = StreamingTable(header: Self.tableColumns, aligned: output.isTerminal)
    }

    /// The CSV header or the opening bracket.
    func begin() throws {
        switch format {
        case .csv: try output.write(CSVText.line(CourseRecord.columns) + "\r\n")
        case .json: try output.write("[")
        case .table, .jsonl: break
        }
    }

    /// One course.
    mutating func write(_ record: CourseRecord) throws {
        let redacted = EnvironmentSecrets.redactor
        switch format {
        case .jsonl: try output.write(redacted.redact(JSONValue.object(record.fields).compact) + "\n")
        case .json:
            try output.write((count == 0 ? "\n" : ",\n") + redacted.redact(JSONValue.object(record.fields).compact))
        case .csv:
            try output.write(
                redacted.redact(CSVText.line(CourseRecord.columns.map { record.value($0)?.cellText ?? "" })) + "\r\n")
        case .table:
            let row = Self.tableColumns.map { record.value($0)?.cellText ?? "" }
            let text = table.add(row.map(redacted.redact))
            if !text.isEmpty {
                try output.write(text)
                if output.isTerminal { try output.flush() }
            }
        }
        count += 1
    }

    /// Closes the array or prints the rest of the table, and flushes.
    mutating func finish() throws {
        switch format {
        case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
        case .table: try output.write(table.finish())
        case .jsonl, .csv: break
        }
        try output.flush()
    }

    /// After a failure: what was printed stays, a JSON array stays unclosed.
    mutating func abandon() throws {
        if format == .json, count > 0 { try output.write("\n") }
        if format == .table { try output.write(table.finish()) }
        try output.flush()
    }
}
#endif
