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
