import Foundation

/// Removes known secrets from text before it reaches an error, a log line or a description.
/// Adapters register every credential they hold; the HTTP layer runs vendor bodies and messages through
/// `redact` before building a `RosterError`.
///
/// A secret is found in the forms a vendor, a URL or a log can change it into: in any ASCII letter
/// case, percent-encoded (either hex case, `+` for a space), JSON-escaped, and base64 or base64url
/// encoded — alone, with or without padding, or inside a longer base64 text such as the value of
/// `Authorization: Basic base64(user:key)`, at whichever of the three byte alignments it lands on.
public struct CredentialRedactor: Sendable, Hashable {
    /// What replaces a secret.
    public static let mask = "‹redacted›"
    private var secrets: Set<String>
    private var matcher: SecretMatcher
    private let learned: SecretStore?

    /// Creates a redactor for `secrets` (values shorter than 4 characters are ignored: too likely to
    /// occur by chance, and too short to be a real key), plus every secret later remembered in
    /// `learned` (tokens a provider mints or refreshes while the driver runs).
    public init(secrets: [String] = [], learned: SecretStore? = nil) {
        self.secrets = Set(secrets.filter { $0.count >= 4 })
        self.matcher = SecretMatcher(self.secrets)
        self.learned = learned
    }

    /// Adds a secret.
    public mutating func register(_ secret: String) {
        guard secret.count >= 4, secrets.insert(secret).inserted else { return }
        matcher = matcher.adding(secret)
    }

    /// `text` with every registered secret, in any of its forms (see the type), replaced by the mask.
    public func redact(_ text: String) -> String {
        var result = matcher.redact(text, mask: Self.mask)
        if let learned { result = learned.matcher.redact(result, mask: Self.mask) }
        return result
    }

    /// `error` with every text it carries redacted: message, vendor body, path, JSON path and the
    /// vendor's field errors (which can echo request values back).
    public func redact(_ error: RosterError) -> RosterError {
        var copy = error
        copy.message = redact(error.message)
        copy.vendorBody = error.vendorBody.map(redact)
        copy.path = error.path.map(redact)
        copy.jsonPath = error.jsonPath.map(redact)
        copy.fieldErrors = error.fieldErrors.map { field in
            FieldError(code: field.code.map(redact), field: field.field.map(redact), messages: field.messages.map(redact))
        }
        return copy
    }

    /// Redactors are equal when they hold the same secrets and share the same store.
    public static func == (lhs: CredentialRedactor, rhs: CredentialRedactor) -> Bool {
        lhs.secrets == rhs.secrets && lhs.learned == rhs.learned
    }

    /// Hashes the secrets and the store's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(secrets)
        hasher.combine(learned)
    }
}

/// Secrets learned while a driver runs (a token minted or refreshed after the driver was built), shared
/// by the credential source that hands them out and the redactor that must hide them.
public final class SecretStore: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var stored: Set<String> = []
    private var compiled = SecretMatcher([String]())

    /// Creates an empty store.
    public init() {}

    /// Remembers `secret` (values shorter than 4 characters are ignored, as in the redactor).
    public func remember(_ secret: String) {
        guard secret.count >= 4 else { return }
        lock.withLock {
            if stored.insert(secret).inserted { compiled = compiled.adding(secret) }
        }
    }

    /// Every secret remembered so far.
    public var secrets: Set<String> { lock.withLock { stored } }

    /// The forms of every secret remembered so far, ready to search for.
    var matcher: SecretMatcher { lock.withLock { compiled } }

    /// Stores are equal only to themselves.
    public static func == (lhs: SecretStore, rhs: SecretStore) -> Bool { lhs === rhs }
    /// Hashes the identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension CredentialRedactor: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Says how many secrets it holds, never which: a redactor is printed whenever a driver, client or
    /// facade that holds one is printed or dumped.
    public var description: String { "CredentialRedactor(\(secrets.count + (learned?.secrets.count ?? 0)) secrets)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// A mirror with no children, so `dump` and reflection-based printing never reach the secrets.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
