/// A provider's status and role mapping as data: every documented vendor value (with the condition
/// that splits it, where one does) and the canonical status and role Roster reads it as, plus the
/// vendor value written for each canonical status the provider can set. Each adapter publishes its
/// table, so that tests can hold it against the design's mapping and against what the adapter really
/// decodes from a vendor record, row by row.
public struct StatusMappingTable: Hashable, Sendable {
    /// What Roster reads: one row per documented vendor value and condition.
    public var reads: [Row]
    /// What Roster writes: the raw vendor value sent for each canonical status it can set.
    public var writes: [EnrollmentStatus: String]

    /// Creates a table.
    public init(reads: [Row], writes: [EnrollmentStatus: String] = [:]) {
        self.reads = reads
        self.writes = writes
    }

    /// One documented vendor value and its canonical reading.
    public struct Row: Hashable, Sendable, CustomStringConvertible {
        /// The vendor's raw status value, as the vendor sends it (kept in `Enrollment.vendorStatus`).
        public var vendorStatus: String
        /// The vendor's separate role value, for a vendor that sends one apart from the status; nil
        /// when the role follows from the status value (or is always the same).
        public var vendorRole: String?
        /// What else a record must carry for this row to apply.
        public var condition: Condition
        /// The canonical status read.
        public var status: EnrollmentStatus
        /// The canonical role read.
        public var role: EnrollmentRole

        /// Creates a row.
        public init(
            _ vendorStatus: String, vendorRole: String? = nil, when condition: Condition = .none,
            status: EnrollmentStatus, role: EnrollmentRole = .learner
        ) {
            self.vendorStatus = vendorStatus
            self.vendorRole = vendorRole
            self.condition = condition
            self.status = status
            self.role = role
        }

        public var description: String {
            let role = vendorRole.map { " role \($0)" } ?? ""
            let when = condition == .none ? "" : " when \(condition)"
            return "\(vendorStatus)\(role)\(when) → \(status), \(self.role)"
        }
    }

    /// A further field of the vendor record that splits one status value into several readings.
    public enum Condition: Hashable, Sendable, CustomStringConvertible {
        /// The value alone decides.
        case none
        /// The vendor's "completed" flag has this value (Frontcore `completed`).
        case completedFlag(Bool)
        /// The vendor's completion rate (0–100) has this value (Course Dashboard `user_completion_rate`).
        case completionRate(Int)

        public var description: String {
            switch self {
            case .none: "always"
            case .completedFlag(let flag): "completed = \(flag)"
            case .completionRate(let rate): "completion rate = \(rate)"
            }
        }
    }

    /// The distinct documented vendor status values, in table order.
    public var documentedVendorStatuses: [String] {
        var seen: Set<String> = []
        return reads.map(\.vendorStatus).filter { seen.insert($0).inserted }
    }

    /// The canonical statuses the table can write.
    public var writableStatuses: Set<EnrollmentStatus> { Set(writes.keys) }
}
