/// The order an enrollment listing is asked for in (`EnrollmentQuery.order`): a key and a direction.
/// Only providers whose server can order declare keys (`DriverCapabilities.orderings`); the facade
/// cannot sort a listing it hands out as it reads. Ordering by a time that changes while the listing
/// runs (last activity) moves records between pages: the facade's repair passes keep such a listing
/// exactly-once, at the cost of extra pages.
public struct EnrollmentOrder: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What to order by.
    public enum Key: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// When the person enrolled or joined (`timestamps.enrolledAt`).
        case enrolledAt
        /// The person's last learning activity (`timestamps.lastActivityAt`).
        case lastActivityAt

        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What to order by.
    public var key: Key
    /// True for newest first.
    public var descending: Bool

    /// Creates an order.
    public init(_ key: Key, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// Oldest first by `key`.
    public static func ascending(_ key: Key) -> EnrollmentOrder { EnrollmentOrder(key) }
    /// Newest first by `key`.
    public static func descending(_ key: Key) -> EnrollmentOrder { EnrollmentOrder(key, descending: true) }

    /// `enrolledAt`, or `-enrolledAt` when descending.
    public var description: String { (descending ? "-" : "") + key.rawValue }
}
