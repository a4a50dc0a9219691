#if CLI
import Foundation
import RosterCore
import RosterHTTP
import Testing

@testable import RosterCLI

/// The record formats, checked on hand-made enrollments: field order, omission of absent values,
/// instants in UTC with Z, JSON escaping, and CSV formula neutralisation.
struct OutputFormatTests {
    @Test func tableCellsCannotCarryTerminalEscapes() {
        let hostile = "Åse\u{1B}]0;pwned\u{07}\u{1B}[31mRed\u{9B}2J\tTab\nLine"
        let cell = TableText.flatten(hostile)
        #expect(cell == #"Åse\u{1B}]0;pwned\u{7}\u{1B}[31mRed\u{9B}2J Tab Line"#)
        #expect(!cell.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    /// Each kind of character that can forge terminal output, and the placeholder it must become.
    static let forgingCharacters: [(String, String)] = [
        ("\u{1B}", #"\u{1B}"#), ("\u{0}", #"\u{0}"#), ("\u{7}", #"\u{7}"#), ("\u{8}", #"\u{8}"#),
        ("\u{7F}", #"\u{7F}"#), ("\u{80}", #"\u{80}"#), ("\u{9B}", #"\u{9B}"#), ("\u{9D}", #"\u{9D}"#),
        ("\u{9F}", #"\u{9F}"#), ("\u{202A}", #"\u{202A}"#), ("\u{202B}", #"\u{202B}"#), ("\u{202C}", #"\u{202C}"#),
        ("\u{202D}", #"\u{202D}"#), ("\u{202E}", #"\u{202E}"#), ("\u{2066}", #"\u{2066}"#), ("\u{2067}", #"\u{2067}"#),
        ("\u{2068}", #"\u{2068}"#), ("\u{2069}", #"\u{2069}"#), ("\u{200E}", #"\u{200E}"#), ("\u{200F}", #"\u{200F}"#),
        ("\u{2028}", #"\u{2028}"#), ("\u{2029}", #"\u{2029}"#),
    ]

    @Test(arguments: forgingCharacters)
    func everyForgingCharacterBecomesAVisiblePlaceholderInATableCell(_ character: String, _ placeholder: String) {
        #expect(TableText.flatten("a\(character)b") == "a\(placeholder)b")
    }

    @Test func vendorWordsInAnErrorCannotForgeTheTerminal() {
        let vendor =
            "Kurs\u{1B}]8;;https://evil.example\u{7}klikk\u{1B}]8;;\u{7} \u{202E}gnp.exe\u{2028}roster: all good"
        let error = RosterError(
            .invalidArgument, "the vendor answered HTTP 400 — \(vendor)", provider: "course-dashboard",
            fieldErrors: [FieldError(field: "name\u{9B}31m", messages: ["bad\u{85}line"])])
        let shown = ToolFailure(error).description
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2, "the message and the hint, no forged line: \(shown)")
        #expect(lines[1].hasPrefix("  "))
        let forging = Set(Self.forgingCharacters.flatMap(\.0.unicodeScalars))
            .union((0..<0x20).compactMap(Unicode.Scalar.init)).union((0x7F...0x9F).compactMap(Unicode.Scalar.init))
        for scalar in shown.unicodeScalars where scalar != "\n" {
            #expect(!forging.contains(scalar), "U+\(String(scalar.value, radix: 16)) reached stderr")
        }
        #expect(shown.contains(#"Kurs\u{1B}]8;;https://evil.example\u{7}klikk"#))
        #expect(shown.contains(#"\u{202E}gnp.exe\u{2028}roster: all good"#))
        #expect(shown.contains(#"name\u{9B}31m: bad\u{85}line"#))
    }

    @Test func aHostileHintIsFlattenedToo() {
        let failure = ToolFailure(.unavailable, "down", hint: "check\u{1B}[2J\nroster: fine")
        #expect(failure.description == #"down"# + "\n  " + #"check\u{1B}[2J roster: fine"#)
    }

    @Test func jsonEscapesC1ControlsAndDelete() {
        let escaped = JSONValue.text("a\u{7F}b\u{80}c\u{9B}d\u{9F}e\u{A0}").compact
        #expect(escaped == #""a\u007fb\u0080c\u009bd\u009fe\#u{A0}""#, "C1 and DEL escaped, NBSP kept")
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

    /// Formula starters hidden behind what a spreadsheet skips, and their fullwidth and small forms.
    static let disguisedFormulas = [
        " =1+1", "  +1", "\u{A0}=HYPERLINK(\"x\")", "\u{200B}=1", "\u{200C}@SUM(A1)", "\u{200D}-2", "\u{2060}=1",
        "\u{FEFF}=1", "\u{FEFF} \u{A0}\u{200B}=1", "\u{3000}=1", "\u{2007}+1", "\n=1", "＝1+1", "＋1", "－1",
        "＠SUM(A1)", " ＝1", "\u{FE66}1", "\u{FE62}1", "\u{FE63}1", "\u{FE6B}x",
    ]

    @Test(arguments: disguisedFormulas)
    func csvNeutralisesDisguisedFormulaStarters(_ hostile: String) {
        // Compared by scalar: a zero-width joiner joins the quote into one Character with what follows.
        let scalars = Array(CSVText.cell(hostile).unicodeScalars)
        let unquoted = scalars.first == "\"" ? Array(scalars.dropFirst()) : scalars
        #expect(unquoted.first == "'", "\(scalars.map { String($0.value, radix: 16) })")
    }

    @Test(arguments: ["Åse", " Åse", "\u{A0}42", "a=b", "x-y", "mail@example.no", "\u{200B}plain"])
    func csvLeavesTextThatIsNoFormulaAlone(_ text: String) {
        #expect(CSVText.cell(text).unicodeScalars.first != "'")
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
                "frontcore,17,4,title,,inProgress,learner,1,9,ase@example.no,Åse,Ødegård,Åse Ødegård,,,40,,,2023-11-14T22:13:20Z,"
            ))
    }

    @Test func theLearnersUsernameAndExternalIDAreInEveryFormat() {
        var enrollment = Self.enrollment()
        enrollment.learner.username = "ase_o"
        enrollment.learner.externalID = "CRM-300017"
        let record = CanonicalRecord(enrollment)
        #expect(
            JSONValue.object(record.fields).compact.contains(
                #""displayName":"Åse Ødegård","username":"ase_o","externalID":"CRM-300017"}"#))
        let cells = CSVText.line(record).replacingOccurrences(of: "\"Sikkerhet, grunnkurs\"", with: "title")
            .split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells[CanonicalRecord.csvColumns.firstIndex(of: "learnerUsername")!] == "ase_o")
        #expect(cells[CanonicalRecord.csvColumns.firstIndex(of: "learnerExternalID")!] == "CRM-300017")
        let row = RecordWriter.tableRow(enrollment)
        #expect(row.count == RecordWriter.tableHeader.count)
        #expect(row[RecordWriter.tableHeader.firstIndex(of: "username")!] == "ase_o")
        #expect(row[RecordWriter.tableHeader.firstIndex(of: "external id")!] == "CRM-300017")
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
