import Foundation

/// Removes known secrets from text before it reaches an error, a log line or a description.
/// Adapters register every credential they hold; the HTTP layer runs vendor bodies and messages through
/// `redact` before building a `RosterError`.
public struct CredentialRedactor: Sendable, Hashable {
    /// What replaces a secret.
    public static let mask = "‹redacted›"
    private var secrets: Set<String>
    private let learned: SecretStore?

    /// Creates a redactor for `secrets` (values shorter than 4 characters are ignored: too likely to
    /// occur by chance, and too short to be a real key), plus every secret later remembered in
    /// `learned` (tokens a provider mints or refreshes while the driver runs).
    public init(secrets: [String] = [], learned: SecretStore? = nil) {
        self.secrets = Set(secrets.filter { $0.count >= 4 })
        self.learned = learned
    }

    /// Adds a secret.
    public mutating func register(_ secret: String) {
        if secret.count >= 4 { secrets.insert(secret) }
    }

    /// `text` with every registered secret replaced by the mask.
    public func redact(_ text: String) -> String {
        let all = learned.map { secrets.union($0.secrets) } ?? secrets
        guard !all.isEmpty else { return text }
        var result = text
        for secret in all.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
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
}

/// Secrets learned while a driver runs (a token minted or refreshed after the driver was built), shared
/// by the credential source that hands them out and the redactor that must hide them.
public final class SecretStore: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var stored: Set<String> = []

    /// Creates an empty store.
    public init() {}

    /// Remembers `secret` (values shorter than 4 characters are ignored, as in the redactor).
    public func remember(_ secret: String) {
        guard secret.count >= 4 else { return }
        lock.withLock { _ = stored.insert(secret) }
    }

    /// Every secret remembered so far.
    public var secrets: Set<String> { lock.withLock { stored } }

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
