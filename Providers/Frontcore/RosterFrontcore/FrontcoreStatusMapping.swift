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
