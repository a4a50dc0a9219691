#if CLI
import Foundation

/// CSV (RFC 4180) rendering with spreadsheet formula injection neutralised: a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as text
/// instead of evaluating it (OWASP's advice). Cells holding a comma, quote or line break are quoted.
enum CSVText {
    /// Characters that make a spreadsheet treat a cell as a formula.
    static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One cell, neutralised and quoted as needed.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, formulaStarters.contains(Character(first)) {
            value = "'" + value
        }
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of cells (no line terminator).
    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// The header line of the canonical record.
    static var header: String { line(CanonicalRecord.csvColumns) }

    /// The line of one record; absent values are empty cells.
    static func line(_ record: CanonicalRecord) -> String {
        line(CanonicalRecord.csvColumns.map { record.value(forColumn: $0)?.cellText ?? "" })
    }
}
#endif
