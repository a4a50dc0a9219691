public import RosterCore

/// Meltingspot's participant statuses and their canonical meaning (the table in the provider README):
/// `Invited` → invited, `Started` → inProgress, `Completed` → completed, `Unenrolled` → cancelled.
/// Meltingspot has no "enrolled but not started" state, so `enrolled`, `requested`, `pending` and
/// `waitlisted` are never produced.
public enum MeltingspotStatusMapping {
    /// The documented values with their canonical statuses.
    public static let documented: [(raw: String, status: EnrollmentStatus)] = [
        ("Invited", .invited), ("Started", .inProgress), ("Completed", .completed), ("Unenrolled", .cancelled),
    ]

    /// The mapping as data: every documented status value with its canonical status (every
    /// participant is a learner); Meltingspot has no status write.
    public static let table = StatusMappingTable(reads: documented.map { .init($0.raw, status: $0.status) })

    /// The canonical status of a raw value; undocumented values become `.unknown(raw:)` unchanged.
    public static func status(for raw: String) -> EnrollmentStatus {
        documented.first { $0.raw == raw }?.status ?? .unknown(raw: raw)
    }

    /// The raw value a canonical status is stored as, for `status[eq]`/`status[in]` filters; nil for
    /// statuses Meltingspot never holds. An unknown status filters on its raw text.
    public static func raw(for status: EnrollmentStatus) -> String? {
        if case .unknown(let raw) = status { return raw }
        return documented.first { $0.status == status }?.raw
    }
}
