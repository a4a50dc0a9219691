/// A person enrolled in (or managing) a course.
public struct Learner: Hashable, Sendable, Codable, Identifiable {
    /// The provider's person id (user id, spot member id).
    public var id: LearnerID
    /// A syntactically valid e-mail address, or nil. A vendor field called "email" that does not hold
    /// an address is never presented here; it stays reachable in `rawEmail`.
    public var email: String?
    /// The vendor's e-mail field exactly as sent, valid or not.
    public var rawEmail: String?
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// The name to show: the vendor's display name, or first and last name joined.
    public var displayName: String?
    /// Login name, where the vendor has one.
    public var username: String?
    /// Phone number as the vendor sent it.
    public var phone: String?
    /// The organization (company, customer) the person belongs to.
    public var organization: Organization?
    /// An id from another system that the vendor stores for this person.
    public var externalID: String?
    /// An avatar image URL, where given.
    public var avatarURL: String?

    /// Creates a learner. `email` is checked: a value that is not an address is kept only in
    /// `rawEmail`.
    public init(
        id: LearnerID, email: String? = nil, firstName: String? = nil, lastName: String? = nil,
        displayName: String? = nil, username: String? = nil, phone: String? = nil,
        organization: Organization? = nil, externalID: String? = nil, avatarURL: String? = nil
    ) {
        self.id = id
        self.rawEmail = email
        self.email = email.flatMap { EmailAddress.isPlausible($0) ? $0 : nil }
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName ?? Learner.joinedName(firstName, lastName)
        self.username = username
        self.phone = phone
        self.organization = organization
        self.externalID = externalID
        self.avatarURL = avatarURL
    }

    /// First and last name joined with a space, or nil when both are absent.
    public static func joinedName(_ first: String?, _ last: String?) -> String? {
        let parts = [first, last].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// An organization a learner belongs to (Frontcore customer).
public struct Organization: Hashable, Sendable, Codable {
    /// The provider's organization id.
    public var id: OrganizationID?
    /// The organization's name.
    public var name: String?
    /// A registration number (e.g. Norwegian organisasjonsnummer).
    public var registrationNumber: String?

    /// Creates an organization.
    public init(id: OrganizationID? = nil, name: String? = nil, registrationNumber: String? = nil) {
        self.id = id
        self.name = name
        self.registrationNumber = registrationNumber
    }
}

/// E-mail address plausibility: one `@`, a non-empty local part, a dotted domain, no spaces. Enough to
/// tell "Larsen" from an address, without pretending to validate deliverability.
public enum EmailAddress {
    /// True when `text` looks like an e-mail address. One pass over the UTF-8 bytes: it runs for
    /// every record a listing maps.
    public static func isPlausible(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var at = -1
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "@"):
                    if at >= 0 { return false }
                    at = index
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                    UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    return false
                default:
                    continue
                }
            }
            guard at > 0 else { return false }
            let domain = bytes[(at + 1)...]
            guard domain.count >= 3, let first = domain.first, let last = domain.last,
                first != UInt8(ascii: "."), last != UInt8(ascii: ".")
            else { return false }
            var sawDot = false
            var previous: UInt8 = 0
            for byte in domain {
                if byte == UInt8(ascii: ".") {
                    if previous == UInt8(ascii: ".") { return false }
                    sawDot = true
                }
                previous = byte
            }
            return sawDot
        }
    }
}
