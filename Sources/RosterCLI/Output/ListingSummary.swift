#if CLI
import RosterCore

/// The consistency report of a listing in a few lines, for stderr (export, and list --verbose).
struct ListingSummary {
    let report: ListingReport

    init(_ report: ListingReport) { self.report = report }

    /// `records 360 · pages 8 · duplicates dropped 0 · …`, then the filters and the count drift.
    var text: String {
        var first = [
            "records \(report.records)", "pages \(report.pages)", "duplicates dropped \(report.duplicatesDropped)",
            "retries \(report.retries)", "filtered locally \(report.filteredOutLocally)",
        ]
        if report.coursesWalked > 0 { first.append("courses walked \(report.coursesWalked)") }
        func names(_ filters: [EnrollmentFilter]) -> String {
            filters.isEmpty ? "none" : filters.map(\.rawValue).joined(separator: ", ")
        }
        var second = ["server filters: \(names(report.serverFilters))", "local filters: \(names(report.localFilters))"]
        if let total = report.firstReportedTotal {
            second.append("reported total \(total)")
            second.append("count drift \(report.countDrift ?? 0) (+\(report.countDriftUp)/-\(report.countDriftDown))")
        }
        var lines = [first.joined(separator: " · "), second.joined(separator: " · ")]
        if report.repairPasses > 0 {
            lines.append(
                "repair passes \(report.repairPasses) (\(report.repairPages) pages re-read, \(report.recordsFoundByRepair) records only they found)")
        }
        if !report.countMismatches.isEmpty {
            let shown = report.countMismatches.prefix(3).map { mismatch in
                let course = mismatch.course.map { "course \($0): " } ?? ""
                return "\(course)\(mismatch.distinct) listed against a total of \(mismatch.total)"
            }
            let more = report.countMismatches.count > 3 ? " (and \(report.countMismatches.count - 3) more)" : ""
            lines.append("count mismatches: " + shown.joined(separator: "; ") + more)
        }
        if report.omittedByDriver > 0 { lines.append("entries that are not enrollments: \(report.omittedByDriver)") }
        return lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
#endif
