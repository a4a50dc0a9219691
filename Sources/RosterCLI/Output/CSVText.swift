#if CLI
import Foundation

/// CSV (RFC 4180) rendering with spreadsheet formula injection neutralised: a cell whose first
/// visible character is `=`, `+`, `-` or `@` (or their fullwidth and small forms `＝＋－＠﹦﹢﹣﹫`),
/// or that starts with a tab or carriage return, gets a leading `'`, so a spreadsheet shows it as
/// text instead of evaluating it (OWASP's advice). "Visible" skips what a spreadsheet may skip before
/// reading a formula: whitespace, no-break spaces, zero-width characters (U+200B–U+200D, U+2060) and
/// a byte order mark (U+FEFF). Cells holding a comma, quote or line break are quoted.
enum CSVText {
    /// Characters that make a spreadsheet treat a cell as a formula.
    static let formulaStarters: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{FE66}", "\u{FE62}",
        "\u{FE63}", "\u{FE6B}",
    ]

    /// True for what may stand before a formula without a spreadsheet seeing text: whitespace
    /// (no-break spaces included), zero-width characters and the byte order mark.
    static func isSkippedBeforeFormula(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: scalar.properties.isWhitespace
        }
    }

    /// True when a spreadsheet could read `text` as a formula.
    static func startsFormula(_ text: String) -> Bool {
        if let first = text.unicodeScalars.first, first == "\t" || first == "\r" { return true }
        guard let first = text.unicodeScalars.first(where: { !isSkippedBeforeFormula($0) }) else { return false }
        return formulaStarters.contains(first)
    }

    /// One cell, neutralised and quoted as needed.
    static func cell(_ text: String) -> String {
        var value = text
        if startsFormula(value) { value = "'" + value }
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
    static func line(_ record: CanonicalRecord, raw: Bool = false) -> String {
        line((CanonicalRecord.csvColumns + (raw ? ["raw"] : [])).map { record.value(forColumn: $0)?.cellText ?? "" })
    }
}
#endif
