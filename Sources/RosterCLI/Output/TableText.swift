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

#if CLI
/// A table printed as its rows arrive, so a long listing shows its first rows at once. Piped, each
/// row is one tab-separated line written immediately. On a terminal the first `window` rows are held
/// to measure the columns, then printed aligned; later rows are padded to those widths at once (a
/// wider cell widens its column from then on, so the rows after it align again), like `kubectl get`.
struct StreamingTable {
    /// Rows measured before the first line is printed.
    static let window = 20

    private let header: [String]
    private let aligned: Bool
    private var held: [[String]] = []
    private var widths: [Int]?
    private var headerPrinted = false

    /// A table with `header`, aligned (terminal) or tab-separated (pipe).
    init(header: [String], aligned: Bool) {
        self.header = header
        self.aligned = aligned
    }

    /// The text to print for one more row (empty while the first window fills).
    mutating func add(_ row: [String]) -> String {
        let row = row.map(TableText.flatten)
        guard aligned else {
            var text = ""
            if !headerPrinted {
                headerPrinted = true
                text = header.joined(separator: "\t") + "\n"
            }
            return text + row.joined(separator: "\t") + "\n"
        }
        guard widths == nil else { return line(row) }
        held.append(row)
        return held.count >= Self.window ? release() : ""
    }

    /// What is left to print at the end (the header and held rows of a short table).
    mutating func finish() -> String {
        if aligned { return widths == nil ? release() : "" }
        guard !headerPrinted else { return "" }
        headerPrinted = true
        return header.joined(separator: "\t") + "\n"
    }

    private mutating func release() -> String {
        let all = [header.map(TableText.flatten)] + held
        var measured = Array(repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() { measured[index] = max(measured[index], cell.count) } }
        widths = measured
        var text = line(all[0])
        text += measured.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in held { text += line(row) }
        held = []
        return text
    }

    private mutating func line(_ row: [String]) -> String {
        var cells: [String] = []
        for (index, cell) in row.enumerated() {
            let width = widths?[index] ?? 0
            if cell.count > width { widths?[index] = cell.count }
            cells.append(index == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, width - cell.count)))
        }
        return cells.joined(separator: "  ") + "\n"
    }
}
#endif
