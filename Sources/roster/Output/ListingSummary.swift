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
        if report.nonRecordsSkipped > 0 {
            first.append("entries without a membership skipped \(report.nonRecordsSkipped)")
        }
        func names(_ filters: [EnrollmentFilter]) -> String {
            filters.isEmpty ? "none" : filters.map(\.rawValue).joined(separator: ", ")
        }
        var second = ["server filters: \(names(report.serverFilters))", "local filters: \(names(report.localFilters))"]
        if let total = report.firstReportedTotal {
            second.append("reported total \(total)")
            second.append("count drift \(report.countDrift ?? 0)")
        }
        return "  " + first.joined(separator: " · ") + "\n  " + second.joined(separator: " · ")
    }
}
#endif
