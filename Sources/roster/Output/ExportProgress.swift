#if CLI
import Foundation
import RosterCore

/// The progress line `roster export` keeps redrawing on stderr while it runs — only when stderr is a
/// terminal, so logs and pipes never see it: records, pages, rate, and an ETA when a total is known.
/// Used by one task at a time, like `RecordWriter`.
final class ExportProgress: @unchecked Sendable {
    private let output: TextOutput
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Draws on `output` (when it is a terminal).
    init(output: TextOutput) { self.output = output }

    /// True when progress is shown at all.
    var isVisible: Bool { output.isTerminal }

    /// Redraws at most five times a second.
    func update(records: Int, pages: Int, total: Int?) {
        guard isVisible else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        drawn = true
        try? output.write(
            "\r\u{1B}[K"
                + Self.line(records: records, pages: pages, total: total, elapsed: now.timeIntervalSince(started)))
        try? output.flush()
    }

    /// Clears the line before the final report.
    func clear() {
        guard drawn else { return }
        try? output.write("\r\u{1B}[K")
        try? output.flush()
    }

    /// `1200 records · 5 pages · 850/s · ETA 0:03`. The total is the vendor's: an ETA that is no
    /// sane number of seconds (a total of billions at a trickle) is left out rather than converted.
    static func line(records: Int, pages: Int, total: Int?, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(records) / elapsed : 0
        let perSecond = VendorNumbers.integer(rate.rounded(.down), in: 0...Int.max).map(String.init) ?? "?"
        var parts = ["\(records)\(total.map { "/\($0)" } ?? "") records", "\(pages) pages", "\(perSecond)/s"]
        if let total, rate > 0, total > records,
            let seconds = VendorNumbers.integer((Double(total - records) / rate).rounded(.down), in: 0...99 * 3600)
        {
            parts.append("ETA \(seconds / 60):" + String(format: "%02d", seconds % 60))
        }
        return parts.joined(separator: " · ")
    }
}
#endif
