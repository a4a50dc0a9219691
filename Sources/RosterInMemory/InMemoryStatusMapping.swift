public import RosterCore

/// The in-memory API's status and role codes ↔ the canonical vocabulary: one code per canonical
/// value, so every known status can be written and read back. Unknown codes survive as `.unknown`.
public enum InMemoryStatusMapping {
    private static let statuses: [(code: String, status: EnrollmentStatus)] = [
        ("invited", .invited), ("requested", .requested), ("pending", .pending), ("enrolled", .enrolled),
        ("waitlisted", .waitlisted), ("in_progress", .inProgress), ("completed", .completed),
        ("cancelled", .cancelled),
    ]
    private static let roles: [(code: String, role: EnrollmentRole)] = [
        ("learner", .learner), ("manager", .manager), ("owner", .owner),
    ]

    /// The mapping as data: each status code (on a learner) and each role code (on an enrolled
    /// record) with its canonical reading, and the code written for every known status.
    public static let table = StatusMappingTable(
        reads: statuses.map { .init($0.code, vendorRole: "learner", status: $0.status) }
            + roles.map { .init("enrolled", vendorRole: $0.code, status: .enrolled, role: $0.role) }.dropFirst(),
        writes: Dictionary(uniqueKeysWithValues: statuses.map { ($0.status, $0.code) }))

    /// The canonical status of a raw code.
    public static func status(for code: String) -> EnrollmentStatus {
        statuses.first { $0.code == code }?.status ?? .unknown(raw: code)
    }

    /// The raw code of a canonical status (an unknown status keeps its raw text).
    public static func code(for status: EnrollmentStatus) -> String {
        if case .unknown(let raw) = status { return raw }
        return statuses.first { $0.status == status }!.code
    }

    /// The canonical role of a raw code.
    public static func role(for code: String) -> EnrollmentRole {
        roles.first { $0.code == code }?.role ?? .unknown(raw: code)
    }

    /// The raw code of a canonical role (an unknown role keeps its raw text).
    public static func code(for role: EnrollmentRole) -> String {
        if case .unknown(let raw) = role { return raw }
        return roles.first { $0.role == role }!.code
    }
}
