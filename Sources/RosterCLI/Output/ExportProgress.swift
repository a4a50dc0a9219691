#if CLI
import Foundation
import RosterCore

/// The progress line `roster export` keeps redrawing on stderr while it runs — only when stderr is a
/// terminal, so logs and pipes never see it: records, pages, rate, courses of a course walk, and an
/// ETA once the total is known.
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

    /// Redraws at most five times a second; `facts` is asked for only when a line is drawn (reading a
    /// listing's checkpoint is not free).
    func update(_ facts: () -> Facts) {
        guard isVisible else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        drawn = true
        try? output.write("\r\u{1B}[K" + Self.line(facts(), elapsed: now.timeIntervalSince(started)))
        try? output.flush()
    }

    /// What a progress line shows.
    struct Facts {
        /// Records written so far.
        var records: Int
        /// Pages fetched so far.
        var pages: Int
        /// The number of records the listing will yield, when it is known; nil otherwise.
        var total: Int?
        /// For a walk over every course: courses begun and courses in all.
        var courses: (begun: Int, of: Int)?

        /// The facts of `report` for a listing that walks every course (`walkingCourses`), with
        /// `remainingCourses` after the current one. The vendor's total is summed course by course,
        /// so in a course walk it is the total only once the last course has begun: before that,
        /// no ETA is shown rather than one computed from part of the roster.
        init(records: Int, report: ListingReport, walkingCourses: Bool, remainingCourses: Int?) {
            self.records = records
            pages = report.pages
            if walkingCourses {
                let remaining = remainingCourses ?? 0
                courses = (report.coursesWalked, report.coursesWalked + remaining)
                total = remainingCourses == 0 && report.coursesWalked > 0 ? report.firstReportedTotal : nil
            } else {
                total = report.firstReportedTotal
            }
        }

        /// Facts given one by one.
        init(records: Int, pages: Int, total: Int?, courses: (begun: Int, of: Int)? = nil) {
            self.records = records
            self.pages = pages
            self.total = total
            self.courses = courses
        }
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
        line(Facts(records: records, pages: pages, total: total), elapsed: elapsed)
    }

    /// `course 3/12 · 1200 records · 5 pages · 850/s`, with `ETA m:ss` once the total is known.
    static func line(_ facts: Facts, elapsed: Double) -> String {
        let records = facts.records
        let rate = elapsed > 0 ? Double(records) / elapsed : 0
        let perSecond = VendorNumbers.integer(rate.rounded(.down), in: 0...Int.max).map(String.init) ?? "?"
        var parts = facts.courses.map { ["course \($0.begun)/\($0.of)"] } ?? []
        parts += ["\(records)\(facts.total.map { "/\($0)" } ?? "") records", "\(facts.pages) pages", "\(perSecond)/s"]
        if let total = facts.total, rate > 0, total > records,
            let seconds = VendorNumbers.integer((Double(total - records) / rate).rounded(.down), in: 0...99 * 3600)
        {
            parts.append("ETA \(seconds / 60):" + String(format: "%02d", seconds % 60))
        }
        return parts.joined(separator: " · ")
    }
}
#endif
