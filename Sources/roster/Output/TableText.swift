#if CLI
/// A text table: columns padded to align on a terminal, or tab-separated when the output is piped
/// (so `cut -f` and `awk -F'\t'` work and nothing depends on character widths).
struct TableText {
    /// The column titles.
    var header: [String]
    /// The rows, each as wide as `header`.
    var rows: [[String]] = []

    /// The table as lines: aligned with a rule under the header, or tab-separated.
    func render(aligned: Bool) -> String {
        guard aligned else {
            return ([header] + rows).map { $0.map(Self.flatten).joined(separator: "\t") }.joined(separator: "\n") + "\n"
        }
        let all = ([header] + rows).map { $0.map(Self.flatten) }
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        var lines = [line(all[0]), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += all.dropFirst().map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell on one line and safe for a terminal (see `TerminalText`): tabs and line breaks become
    /// spaces, every other control (ESC, C1, DEL, bidi controls, U+2028/U+2029) a visible placeholder.
    static func flatten(_ text: String) -> String { TerminalText.flatten(text) }
}
#endif
