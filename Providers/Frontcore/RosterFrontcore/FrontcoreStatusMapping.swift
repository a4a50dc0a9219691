public import RosterCore

/// Frontcore's participant status ids and payment ids, both ways (the table in the provider README).
/// Keys on the numeric id only: `status.title` is localized ("Påmeldt", "Overbooked").
public enum FrontcoreStatusMapping {
    /// Every documented participant status id: 1 confirmed, 2 overbooked, 3 waiting list,
    /// 4 deregistered, 7 unconfirmed, 8 deregistered with fee.
    public static let documentedStatusIDs = [1, 2, 3, 4, 7, 8]

    /// The canonical status of status id `id` with the `completed` flag, per the canonical mapping: 1 →
    /// enrolled, or completed when the flag is set; 7 → pending; 2 and 3 → waitlisted; 4 and 8 →
    /// cancelled; other → unknown. Only a confirmed booking can read completed: an unconfirmed or
    /// waiting-list booking keeps its booking state whatever the flag says.
    public static func status(id: Int, completed: Bool) -> EnrollmentStatus {
        switch id {
        case 1: completed ? .completed : .enrolled
        case 7: .pending
        case 2, 3: .waitlisted
        case 4, 8: .cancelled
        default: .unknown(raw: String(id))
        }
    }

    /// The status id to write for `status`: enrolled 1, pending 7, waitlisted 3, cancelled 4; nil for a
    /// status Frontcore cannot be set to (the caller throws `unsupported`).
    public static func statusID(for status: EnrollmentStatus) -> Int? {
        switch status {
        case .enrolled: 1
        case .pending: 7
        case .waitlisted: 3
        case .cancelled: 4
        default: nil
        }
    }

    /// The statuses `statusID(for:)` can write.
    public static let writableStatuses: Set<EnrollmentStatus> = [.enrolled, .pending, .waitlisted, .cancelled]

    /// The mapping as data: every documented status id (1 split by the `completed` flag) with its
    /// canonical status (every participant is a learner), and the id written for each writable
    /// status. `status(id:completed:)` and `statusID(for:)` answer exactly this; tests hold the two
    /// against each other and the table against the design's.
    public static let table = StatusMappingTable(
        reads: [
            .init("1", when: .completedFlag(false), status: .enrolled),
            .init("1", when: .completedFlag(true), status: .completed),
            .init("7", status: .pending), .init("2", status: .waitlisted), .init("3", status: .waitlisted),
            .init("4", status: .cancelled), .init("8", status: .cancelled),
        ],
        writes: [.enrolled: "1", .pending: "7", .waitlisted: "3", .cancelled: "4"])

    /// The payment state of `idPaid`: 1 paid, 3 not paid, any other id kept raw with no meaning.
    public static func payment(id: Int, title: String?) -> PaymentStatus {
        let paid: Bool? =
            switch id {
            case 1: true
            case 3: false
            default: nil
            }
        return PaymentStatus(code: String(id), title: title, isPaid: paid)
    }
}
