#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@testable import roster

/// The record formats, checked on hand-made enrollments: field order, omission of absent values,
/// instants in UTC with Z, JSON escaping, and CSV formula neutralisation.
struct OutputFormatTests {
    @Test func tableCellsCannotCarryTerminalEscapes() {
        let hostile = "Åse\u{1B}]0;pwned\u{07}\u{1B}[31mRed\u{9B}2J\tTab\nLine"
        let cell = TableText.flatten(hostile)
        #expect(cell == "Åse?]0;pwned??[31mRed?2J Tab Line")
        #expect(!cell.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    static func enrollment(firstName: String? = "Åse", lastName: String? = "Ødegård", email: String? = "ase@example.no")
        -> Enrollment
    {
        Enrollment(
            provider: "frontcore", id: "17", course: CourseReference(id: "4", title: "Sikkerhet, grunnkurs"),
            learner: Learner(id: "9", email: email, firstName: firstName, lastName: lastName),
            status: .inProgress, role: .learner, vendorStatus: VendorStatus(code: "1"), completionRate: 40,
            timestamps: EnrollmentTimestamps(enrolledAt: Date(timeIntervalSince1970: 1_700_000_000)))
    }

    @Test func jsonLineHasTheDocumentedFieldsInOrderAndOmitsAbsentOnes() {
        let line = JSONValue.object(CanonicalRecord(Self.enrollment(email: "")).fields).compact
        #expect(
            line == #"{"provider":"frontcore","id":"17","courseId":"4","courseTitle":"Sikkerhet, grunnkurs","#
                + #""status":"inProgress","role":"learner","vendorStatus":"1","learner":{"id":"9","firstName":"Åse","#
                + #""lastName":"Ødegård","displayName":"Åse Ødegård"},"completionRate":40,"enrolledAt":"2023-11-14T22:13:20Z"}"#
        )
    }

    @Test func jsonEscapesQuotesBackslashesAndControlCharacters() {
        #expect(JSONValue.text("a\"b\\c\nd\u{1}é").compact == #""a\"b\\c\nd\u0001é""#)
    }

    @Test(arguments: ["=SUM(A1:A9)", "+47 22 00 00 00", "-1+1", "@cmd", "\tx", "\rx"])
    func csvNeutralisesFormulaStarters(_ hostile: String) throws {
        let cell = CSVText.cell(hostile)
        let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
        #expect(unquoted.hasPrefix("'"), "\(cell)")
        let line = CSVText.line(CanonicalRecord(Self.enrollment(firstName: hostile)))
        #expect(line.contains("'" + hostile.prefix(1)))
    }

    @Test func csvQuotesCommasQuotesAndLineBreaksAndLeavesPlainTextAlone() {
        #expect(CSVText.cell("Sikkerhet, grunnkurs") == "\"Sikkerhet, grunnkurs\"")
        #expect(CSVText.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.cell("Åse") == "Åse")
        #expect(CSVText.cell("") == "")
    }

    @Test func csvRowHasOneCellPerColumn() {
        let line = CSVText.line(CanonicalRecord(Self.enrollment()))
        let plain = line.replacingOccurrences(of: "\"Sikkerhet, grunnkurs\"", with: "title")
        #expect(plain.split(separator: ",", omittingEmptySubsequences: false).count == CanonicalRecord.csvColumns.count)
        #expect(
            plain.hasPrefix(
                "frontcore,17,4,title,,inProgress,learner,1,9,ase@example.no,Åse,Ødegård,Åse Ødegård,40,,,2023-11-14T22:13:20Z,"
            ))
    }

    @Test func tableAlignsOnATerminalAndIsTabSeparatedWhenPiped() {
        var table = TableText(header: ["a", "long header"])
        table.rows = [["wide cell", "x"], ["b", "tab\there"]]
        #expect(table.render(aligned: false) == "a\tlong header\nwide cell\tx\nb\ttab here\n")
        let aligned = table.render(aligned: true).split(separator: "\n")
        #expect(aligned[0] == "a          long header")
        #expect(aligned[2] == "wide cell  x")
    }

    /// Sub-second precision survives into every record format: milliseconds as sent, microseconds
    /// where the vendor sends them, and no fraction on a whole second.
    @Test func instantsKeepTheirFractionInJSONLinesJSONAndCSV() throws {
        func instant(_ text: String) throws -> Date { try #require(ISO8601Instant.parse(text)) }
        var enrollment = Self.enrollment()
        enrollment.timestamps = EnrollmentTimestamps(
            enrolledAt: try instant("2025-08-22T16:13:51.988Z"),
            startedAt: try instant("2025-08-22T18:13:51.123456+02:00"),
            completedAt: try instant("2025-08-23T09:00:00Z"))
        let record = CanonicalRecord(enrollment)
        let expected = [
            "2025-08-22T16:13:51.988Z", "2025-08-22T16:13:51.123456Z", "2025-08-23T09:00:00Z",
        ]
        #expect(["enrolledAt", "startedAt", "completedAt"].map { record.value(forColumn: $0)?.cellText } == expected)
        let line = JSONValue.object(record.fields).compact  // jsonl, and each element of json
        for text in expected { #expect(line.contains("\"\(text)\"")) }
        let csv = CSVText.line(record)
        for text in expected { #expect(csv.contains(text)) }
    }

    /// The hint formats a vendor's `Retry-After` without trapping on absurd values.
    @Test(arguments: [
        (31.2, "wait 32 s and run again"), (86_400, "wait 86400 s and run again"),
        (90_000, "wait 2 days and run again"),
        (1e300, "wait more than 10,000 days and run again"), (.infinity, "wait a while and run again"),
        (9_223_372_036_854_775_808, "wait more than 10,000 days and run again"),
    ])
    func rateLimitHintsFormatAnyWait(_ seconds: Double, _ hint: String) {
        let error = RosterError(.rateLimited, "throttled", provider: "frontcore", retryAfterSeconds: seconds)
        #expect(ToolFailure.hint(for: error) == hint)
        #expect(ToolFailure(error).status == .rateLimited)
    }

    /// The progress line's ETA comes from the vendor's total: absurd totals or rates drop the ETA
    /// instead of trapping in a conversion.
    @Test func theProgressLineSurvivesAnyTotal() {
        let normal = ExportProgress.line(records: 100, pages: 2, total: 1000, elapsed: 10)
        #expect(normal == "100/1000 records · 2 pages · 10/s · ETA 1:30")
        let huge = ExportProgress.line(records: 1, pages: 1, total: Int.max, elapsed: 1e9)
        #expect(huge == "1/\(Int.max) records · 1 pages · 0/s")
        #expect(ExportProgress.line(records: 5, pages: 1, total: nil, elapsed: 1e-300) == "5 records · 1 pages · ?/s")
    }

    @Test func exitStatusesFollowTheDocumentedTable() {
        #expect(ExitStatus(.invalidArgument) == .usage)
        #expect(ExitStatus(.unsupported).rawValue == 2)
        #expect(ExitStatus(.unauthenticated).rawValue == 3)
        #expect(ExitStatus(.permissionDenied).rawValue == 3)
        #expect(ExitStatus(.notFound).rawValue == 4)
        #expect(ExitStatus(.rateLimited).rawValue == 5)
        #expect(ExitStatus(.unavailable).rawValue == 6)
        #expect(ExitStatus(.decoding).rawValue == 7)
        #expect(ExitStatus(.inconsistentPaging).rawValue == 7)
        #expect(ExitStatus.partialFailure.rawValue == 8)
    }
}
#endif
